"""Horizontal scale: two Rasa processes share PostgreSQL (tracker) and Redis (lock store).

One conversation's messages alternate between the two processes (and some arrive at both at
once); every user message and bot reply must be in the shared tracker, once, in order.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from servers import MODEL, Service, free_port, rasa_command, start_servers

pytestmark = pytest.mark.e2e
PG_BIN = Path("/usr/lib/postgresql/15/bin")


def _which(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidate = PG_BIN / name
    return str(candidate) if candidate.exists() else None


def _as_postgres(command: list[str]) -> list[str]:
    """initdb and postgres refuse to run as root; run them as the 'postgres' user instead."""
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@pytest.fixture
def postgres():
    initdb, server = _which("initdb"), _which("postgres")
    if not (initdb and server):
        pytest.skip("PostgreSQL server binaries not installed (apt-get install postgresql)")
    # Not under pytest's tmp_path: its parents are private to root, and the server runs as 'postgres'.
    home = Path(tempfile.mkdtemp(prefix="imnm-pg-"))
    data = home / "data"
    data.mkdir()
    if os.geteuid() == 0:
        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no 'postgres' user to run the server")
        for path in (home, data):
            os.chown(path, user.pw_uid, user.pw_gid)
    subprocess.run(_as_postgres([initdb, "-D", str(data), "-U", "imnm", "--auth=trust"]),
                   check=True, capture_output=True)
    port = free_port()
    process = subprocess.Popen(_as_postgres([server, "-D", str(data), "-p", str(port), "-k", str(home),
                                             "-c", "listen_addresses=127.0.0.1"]),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 30
    while subprocess.run(["pg_isready", "-h", "127.0.0.1", "-p", str(port)], capture_output=True).returncode:
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail("PostgreSQL did not start")
        time.sleep(0.3)
    subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(port), "-U", "imnm", "-d", "postgres", "-c",
                    "CREATE DATABASE imnm"], check=True, capture_output=True)
    yield port
    process.terminate()
    process.wait(timeout=30)
    shutil.rmtree(home, ignore_errors=True)


@pytest.fixture
def redis(tmp_path):
    server = shutil.which("redis-server")
    if not server:
        pytest.skip("redis-server not installed (apt-get install redis-server)")
    port = free_port()
    process = subprocess.Popen([server, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no", "--dir", str(tmp_path)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    time.sleep(0.5)
    yield port
    process.terminate()
    process.wait(timeout=30)


def test_two_rasa_processes_share_one_conversation_without_losing_or_reordering(tmp_path, postgres, redis):
    work = tmp_path / "work"
    work.mkdir()
    env_file = work / "endpoints.yml"
    action_port = free_port()
    env_file.write_text(
        f"action_endpoint:\n  url: http://127.0.0.1:{action_port}/webhook\n"
        f"tracker_store:\n  type: SQL\n  dialect: postgresql\n  url: 127.0.0.1\n  port: {postgres}\n"
        f"  db: imnm\n  username: imnm\n  password: unused\n"
        f"lock_store:\n  type: redis\n  url: 127.0.0.1\n  port: {redis}\n  db: 1\n"
    )
    servers = start_servers(work, endpoints=env_file, action_port=action_port)
    second_port = free_port()
    second = Service("rasa-2", rasa_command(MODEL, second_port, servers.token, env_file, None),
                     work / "logs" / "rasa-2.log", servers.rasa.env)
    servers.extra.append(second)
    second.start()
    try:
        second_url = f"http://127.0.0.1:{second_port}"
        deadline = time.monotonic() + 240
        while True:
            try:
                servers.send("__warmup2__", "hello", timeout=5, url=second_url)
                break
            except Exception:
                if time.monotonic() > deadline or not second.running():
                    raise
                time.sleep(0.5)
        urls = [servers.url, second_url]
        sender = f"scale-{uuid.uuid4().hex[:8]}"
        turns = ["hello", "anti-HMGCR positive", "moderate weakness", "wt 176 lbs", "currently on atorvastatin",
                 "why?", "sorry, 75 kg"]
        replies = [servers.send(sender, text, url=urls[i % 2]) for i, text in enumerate(turns)]
        assert "80 mg/day" in replies[4] and "75 mg/day" in replies[6], [r[:150] for r in replies]
        with ThreadPoolExecutor(max_workers=4) as pool:
            burst = [f"extra note {n}" for n in range(4)]
            burst_replies = list(pool.map(lambda pair: servers.send(sender, pair[1], url=urls[pair[0] % 2]),
                                          enumerate(burst)))
        assert all(burst_replies), burst_replies
        # A reply that took longer than the channel's answer window is a notice, and the message is
        # still being processed; wait for processing to finish before checking the record.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            said = [e["text"] for e in servers.tracker(sender)["events"] if e["event"] == "user"]
            if len(said) >= len(turns) + len(burst):
                break
            time.sleep(0.5)
        for url in urls:
            events = servers.tracker(sender, url=url)["events"]
            said = [e["text"] for e in events if e["event"] == "user"]
            assert said[: len(turns)] == turns
            assert sorted(said[len(turns):]) == sorted(burst)
            bot_turns = sum(1 for e in events if e["event"] == "bot")
            assert bot_turns >= len(turns) + len(burst)
        assert servers.tracker(sender, url=urls[0])["events"] == servers.tracker(sender, url=urls[1])["events"]
    finally:
        servers.stop()

