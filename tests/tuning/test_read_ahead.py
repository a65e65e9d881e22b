"""Facts read in the reading process are the extractor's own, matched to their message, and a process
that is missing, dies or falls silent costs only the time to read in the server (issue 21)."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import sys
import textwrap
import time
import uuid
from pathlib import Path

from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

import rasa_tuning
from imnm.language.entities import entities_for
from nlu_components.clinical_facts import ClinicalFactExtractor
from rasa_tuning import read_ahead
from rasa_tuning.read_ahead import ReadingProcess

rasa_tuning.install()

ROOT = Path(__file__).resolve().parents[2]
SENTENCES = [json.loads(line)["text"] for name in ("labelled_messages.jsonl", "independent_passages_33.jsonl")
             for line in (ROOT / "tests" / "nlu" / name).open()]
SENTENCES += ["", "hello", "7000 kg", "Gewicht 70 kg, HMGCR pos. \u2013 Statin nie", "line one\nline two: SRP+",
              "\u0000\u00a0 \"quoted\" \\ backslash"]


def _fake(script: str) -> tuple[str, ...]:
    """A stand-in reading process: `script` runs after it says it is ready."""
    return (sys.executable, "-c", "import json, sys, time\nprint('ready', flush=True)\n" + textwrap.dedent(script))


async def _until(condition, within: float = 120) -> None:
    deadline = time.monotonic() + within
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.05)


def test_the_reading_process_gives_the_extractors_own_entities_to_each_message():
    async def read_all() -> list:
        reader = ReadingProcess()
        reader.start_soon()
        await _until(lambda: reader.ready)
        try:  # all at once: answers come back matched to their message
            return await asyncio.gather(*(reader.read(text) for text in SENTENCES))
        finally:
            await reader.close()

    assert asyncio.run(read_all()) == [entities_for(text) for text in SENTENCES]


def test_nothing_waits_for_a_process_that_is_not_there_yet():
    async def read_before_start():
        reader = ReadingProcess()
        return await reader.read("HMGCR+, 70 kg")

    assert asyncio.run(read_before_start()) is None


def test_a_stray_line_or_another_number_is_never_taken_for_a_messages_facts():
    script = """
        for line in sys.stdin:
            number, text = json.loads(line)
            print("a library saying hello", flush=True)
            print(json.dumps([number + 1000, [{"entity": "wrong"}]]), flush=True)
            print(json.dumps([number, [{"entity": "echo", "value": text}]]), flush=True)
    """

    async def read() -> list:
        reader = ReadingProcess(command=_fake(script))
        reader.start_soon()
        await _until(lambda: reader.ready)
        try:
            return await asyncio.gather(reader.read("first"), reader.read("second"))
        finally:
            await reader.close()

    assert asyncio.run(read()) == [[{"entity": "echo", "value": "first"}], [{"entity": "echo", "value": "second"}]]


def test_a_silent_process_is_given_up_and_the_message_read_in_the_server():
    async def read() -> tuple:
        reader = ReadingProcess(command=_fake("time.sleep(60)"), answer_within=0.3, failures=1)
        reader.start_soon()
        await _until(lambda: reader.ready)
        began = time.monotonic()
        got = await reader.read("HMGCR+")
        return got, time.monotonic() - began, reader.ready, reader.failures_left

    got, waited, ready, failures_left = asyncio.run(read())
    assert got is None and waited < 2
    assert not ready and failures_left == 0


def test_a_process_that_keeps_dying_is_replaced_and_then_left_off():
    async def read() -> tuple:
        reader = ReadingProcess(command=_fake("sys.stdin.readline()"), failures=3)
        reader.start_soon()
        answers = []
        deadline = time.monotonic() + 60
        while reader.failures_left and time.monotonic() < deadline:
            answers.append(await reader.read("HMGCR+"))
            await asyncio.sleep(0.02)
        await asyncio.sleep(0.5)
        return answers, reader.ready, reader.failures_left

    answers, ready, failures_left = asyncio.run(read())
    assert answers and all(answer is None for answer in answers)
    assert not ready and failures_left == 0


def test_the_component_takes_the_facts_read_ahead_only_for_the_same_text(monkeypatch):
    component = ClinicalFactExtractor()
    read = [{"entity": "antibody", "value": "SRP", "start": 0, "end": 3, "confidence": 1.0,
             "extractor": "ClinicalFactExtractor"}]

    async def parse(text: str) -> list:
        async def reading(_self, _text):
            return read

        monkeypatch.setattr(ReadingProcess, "read", reading)

        class Processor:
            http_interpreter = None

        async def rasas_parse(_self, message, *_args):
            return component.process([Message(data={TEXT: text})])[0].get(ENTITIES)

        monkeypatch.setattr(read_ahead, "rasa_original", lambda *_: rasas_parse)
        from rasa.core.channels.channel import UserMessage

        return await read_ahead.parse_message(Processor(), UserMessage("SRP"))

    assert asyncio.run(parse("SRP")) == read  # what the process read, not read again
    assert asyncio.run(parse("HMGCR+")) == entities_for("HMGCR+")  # another text: read here


def _pids(log: Path) -> list[int]:
    return [int(pid) for pid in re.findall(r"reading process (\d+) ready", log.read_text())]


def test_the_server_reads_beside_itself_and_answers_on_when_the_process_is_killed(tmp_path):
    from tests.servers import start_servers

    servers = start_servers(tmp_path)
    log = servers.workdir / "logs" / "rasa.log"
    try:
        deadline = time.monotonic() + 60
        while not _pids(log):
            assert time.monotonic() < deadline, log.read_text()[-2000:]
            time.sleep(0.2)
        first = _pids(log)[0]
        sender = f"ra-{uuid.uuid4().hex[:8]}"
        servers.send(sender, "63M anti-HMGCR, 91 kg")
        os.kill(first, signal.SIGKILL)
        servers.send(sender, "never took a statin, SRP negative")
        slots = servers.tracker(sender)["slots"]
        assert (slots["antibody"], slots["weight_kg"], slots["statin_status"]) == ("HMGCR", 91.0, "never")
        deadline = time.monotonic() + 60
        while len(_pids(log)) < 2:  # a new one is started
            assert time.monotonic() < deadline, log.read_text()[-2000:]
            time.sleep(0.2)
        assert "reading process %d lost" % first in log.read_text()
    finally:
        servers.stop()


def test_a_process_spawned_before_the_event_loop_is_the_one_connected_to():
    reader = ReadingProcess(command=_fake("""
        for line in sys.stdin:
            number, text = json.loads(line)
            print(json.dumps([number, [{"entity": "echo", "value": text}]]), flush=True)
    """))
    spawned = reader.spawn()  # as the server does when it builds its channels, before the model loads

    async def read() -> tuple:
        reader.start_soon()
        await _until(lambda: reader.ready)
        try:
            return reader._process.popen.pid, await reader.read("early")
        finally:
            await reader.close()

    pid, got = asyncio.run(read())
    assert pid == spawned.pid and got == [{"entity": "echo", "value": "early"}]
