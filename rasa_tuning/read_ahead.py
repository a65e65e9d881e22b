"""Read a message's facts in a second process while the Rasa server does the rest.

Under load the Rasa server is one process busy on one core (0.8-0.9 of it, `/proc` under 20 users) while
the machine's other core is half idle, and reading the facts (the spaCy pipeline and the rules) is about a
fifth of the server's CPU per message (py-spy). ``MessageProcessor.parse_message`` is a coroutine that runs
the NLU graph synchronously; this fix first sends the text to a reading process
(`imnm.language.reading_worker`) and awaits its entities, serving other messages meanwhile, then runs
Rasa's own parse, in which `ClinicalFactExtractor` takes the entities read ahead for exactly that text
instead of reading it again. They are the same function's output (tests compare them on every labelled
sentence); the graph, the parse data and the order of the components stay Rasa's own. Facts are still
read once per message.

Nothing ever waits for the process to exist: until it is ready (about 2 s after the model loads), or when
it has died, does not answer within `ANSWER_WITHIN` s, or is turned off (``IMNM_READ_AHEAD=0``), the
component reads the text itself, as before. A dead or silent process is replaced; after `FAILURES`
failures it is left off (logged). Only a server starts one (the model loaded inside its event loop):
training, tests that load the model and other offline commands read in process.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import itertools
import json
import logging
import os
import subprocess
import sys
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Optional

from rasa.core.channels.channel import UserMessage
from rasa.core.processor import MessageProcessor
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_tuning._replace import rasa_original, replace

logger = logging.getLogger(__name__)

ANSWER_WITHIN = 10.0
READY_WITHIN = 120.0
#: Failures (did not start, died, fell silent) after which no new process is started.
FAILURES = 3
COMMAND = (sys.executable, "-m", "imnm.language.reading_worker")
#: (text, entities) read ahead for the message this task is parsing.
_READ: ContextVar[Optional[tuple[str, list[dict[str, Any]]]]] = ContextVar("imnm_read_ahead", default=None)


def enabled() -> bool:
    return os.environ.get("IMNM_READ_AHEAD", "1") != "0"


def entities_read_ahead(text: str) -> Optional[list[dict[str, Any]]]:
    """The entities read ahead for `text` in this parse, or None (then the component reads it)."""
    read = _READ.get()
    return read[1] if read is not None and read[0] == text else None


@dataclass
class _Connected:
    """A started reading process and the event loop's ends of its pipes."""

    popen: subprocess.Popen
    answers: asyncio.StreamReader
    requests: asyncio.StreamWriter
    loop: asyncio.AbstractEventLoop


class ReadingProcess:
    """One reading process and the messages waiting for its answers, each answer matched to its message by
    number (a stray line on the process's output can never be taken for another message's facts)."""

    def __init__(self, command: tuple[str, ...] = COMMAND, answer_within: float = ANSWER_WITHIN,
                 failures: int = FAILURES) -> None:
        self.command = command
        self.answer_within = answer_within
        self.failures_left = failures
        self._process: Optional[_Connected] = None
        self._waiting: dict[int, asyncio.Future] = {}
        self._numbers = itertools.count()
        self._starting: Optional[asyncio.Task] = None
        self._tasks: set[asyncio.Task] = set()
        self._spawned: Optional[subprocess.Popen] = None

    @property
    def ready(self) -> bool:
        return self._process is not None and self._process.loop is asyncio.get_running_loop()

    def spawn(self) -> Optional[subprocess.Popen]:
        """Start the process without connecting to it: it builds its pipeline meanwhile (no event loop needed)."""
        if self._spawned is None or self._spawned.poll() is not None:
            try:
                self._spawned = subprocess.Popen(self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
            except OSError as error:
                logger.warning("reading process could not be started (%s); facts are read in the server", error)
                self.failures_left = 0
                return None
            atexit.register(_end, self._spawned)
        return self._spawned

    def start_soon(self) -> None:
        """Connect to the process spawned early, or spawn one now, in the background; nothing waits for it. The
        process is spawned at once, so that it builds its pipeline while the caller goes on (the server loading
        its model, which holds the event loop until it is done)."""
        if self._starting is None and not self.ready and self.failures_left > 0:
            popen = self.spawn()
            if popen is None:
                return
            self._spawned = None  # taken: a later start spawns a new one
            self._starting = self._keep(asyncio.get_running_loop().create_task(self._connect(popen)))

    async def read(self, text: str) -> Optional[list[dict[str, Any]]]:
        """The entities of `text`, or None when the process is not there to read them now."""
        if not self.ready:
            return None
        process = self._process
        number = next(self._numbers)
        answer = self._waiting[number] = asyncio.get_running_loop().create_future()
        try:
            process.requests.write(json.dumps([number, text]).encode() + b"\n")
            return await asyncio.wait_for(asyncio.shield(answer), self.answer_within)
        except (asyncio.TimeoutError, ConnectionError, RuntimeError) as error:
            self._lost(process, f"no answer ({type(error).__name__})")
            return None
        finally:
            self._waiting.pop(number, None)

    async def until_ready(self, within: float) -> bool:
        """Wait, at most `within` s, for a process that is starting; True when one is ready."""
        deadline = asyncio.get_running_loop().time() + within
        while self._starting is not None and not self.ready and asyncio.get_running_loop().time() < deadline:
            await asyncio.sleep(0.05)
        return self.ready

    async def close(self) -> None:
        process, self._process = self._process, None
        for task in list(self._tasks):
            task.cancel()
        if process is not None:
            process.requests.close()
            await process.loop.run_in_executor(None, process.popen.wait)

    def _keep(self, task: asyncio.Task) -> asyncio.Task:
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def _connect(self, popen: subprocess.Popen) -> None:
        loop = asyncio.get_running_loop()
        try:
            answers = asyncio.StreamReader(limit=2 ** 22)
            await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(answers), popen.stdout)
            transport, protocol = await loop.connect_write_pipe(asyncio.streams.FlowControlMixin, popen.stdin)
            requests = asyncio.StreamWriter(transport, protocol, None, loop)
            first = await asyncio.wait_for(answers.readline(), READY_WITHIN)
            if first.strip() != b"ready":
                raise RuntimeError(f"it said {first[:80]!r}")
        except Exception as error:  # the component reads in process meanwhile; say why
            logger.warning("reading process did not start (%s); facts are read in the server", error)
            _end(popen)
            self._starting = None
            self.failures_left -= 1
            self.start_soon()
            return
        self._starting = None
        self._process = _Connected(popen, answers, requests, loop)
        self._keep(loop.create_task(self._answers(self._process)))
        logger.info("reading process %d ready: facts are read beside the server", popen.pid)

    async def _answers(self, process: _Connected) -> None:
        while line := await process.answers.readline():
            try:
                number, entities = json.loads(line)
            except (ValueError, TypeError):  # not an answer (something else wrote to its output): not used
                logger.warning("reading process %d: a line that is no answer was ignored", process.popen.pid)
                continue
            answer = self._waiting.get(number)
            if answer is not None and not answer.done():
                answer.set_result(entities)
        self._lost(process, "it ended")

    def _lost(self, process: _Connected, why: str) -> None:
        """Give up on `process`: every message still waiting is read in the server, and a new one is
        started for the next message (while failures are left)."""
        if self._process is not process:
            return
        logger.warning("reading process %d lost: %s; facts are read in the server meanwhile", process.popen.pid, why)
        self._process = None
        process.requests.close()
        _end(process.popen)
        self.failures_left -= 1
        self.start_soon()
        for answer in self._waiting.values():
            if not answer.done():
                answer.set_result(None)


def _end(popen: subprocess.Popen) -> None:
    """Kill the process unless it has ended (at exit, or when it is given up), and collect its status."""
    if popen.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            popen.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            popen.wait(timeout=1)


READER = ReadingProcess()


async def parse_message(self: MessageProcessor, message: UserMessage,
                        tracker: Optional[DialogueStateTracker] = None,
                        only_output_properties: bool = True) -> dict[str, Any]:
    parse = rasa_original(MessageProcessor, "parse_message")
    if self.http_interpreter or not message.text or not enabled():
        return await parse(self, message, tracker, only_output_properties)
    entities = await READER.read(message.text)
    read = _READ.set(None if entities is None else (message.text, entities))
    try:
        return await parse(self, message, tracker, only_output_properties)
    finally:
        _READ.reset(read)


#: How long the server's start waits for the reading process it began while loading the model (about 2 s
#: here). Waiting costs that much of the cold start at most, instead of the process's start-up competing
#: with the first messages for the CPU.
READY_AT_START_WITHIN = 5.0


async def ready_at_start() -> None:
    """Called once the server has loaded its model (rasa_tuning/gc_freeze.py)."""
    await READER.until_ready(READY_AT_START_WITHIN)


def spawn_for_the_server() -> None:
    """Called when Rasa builds this project's input channels, that is when a server starts, before it loads the model:
    the reading process then builds its pipeline while the model loads, and is ready when the server is."""
    if enabled():
        READER.spawn()


def start_when_serving() -> None:
    """Start the reading process if an event loop is serving (the server loading its model), so that it is
    ready before the first messages; training and other offline commands start none."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return
    if enabled():
        READER.start_soon()


def install() -> None:
    """Replace ``MessageProcessor.parse_message`` (idempotent)."""
    replace(MessageProcessor, "parse_message", parse_message)
