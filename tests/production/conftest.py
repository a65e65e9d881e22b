"""Real PostgreSQL and Redis servers, started in temporary folders for the production tests."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from servers import free_port

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
