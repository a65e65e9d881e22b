"""A damaged SQLite conversation file stops the server with one line, instead of Rasa carrying on with
an in-memory store (damaged header) or with conversations silently missing (damaged pages)."""

from __future__ import annotations

import sqlite3

import pytest
from servers import shipped_endpoints, start_servers

from tracker_stores.fast_sql import damage_in


def a_tracker_file(path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT, data TEXT)")
        db.executemany("INSERT INTO events (sender_id, data) VALUES (?, ?)",
                       [(f"c{n % 50}", "x" * 300) for n in range(2000)])
        db.execute("CREATE INDEX events_sender ON events (sender_id)")


def test_a_sound_file_and_a_new_one_are_accepted(tmp_path):
    a_tracker_file(tmp_path / "tracker.db")
    assert damage_in(str(tmp_path / "tracker.db")) is None
    assert damage_in(str(tmp_path / "not-there-yet.db")) is None


def test_damaged_pages_are_found(tmp_path):
    path = tmp_path / "tracker.db"
    a_tracker_file(path)
    data = bytearray(path.read_bytes())
    data[4096 * 5:4096 * 5 + 600] = bytes(range(256)) * 2 + bytes(88)  # one page of the table overwritten
    path.write_bytes(bytes(data))
    assert damage_in(str(path)) is not None


@pytest.mark.e2e
def test_the_server_refuses_to_start_on_a_damaged_header(tmp_path):
    damaged = tmp_path / "tracker.db"
    damaged.write_bytes(b"this is not a SQLite file at all" * 200)
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(shipped_endpoints(5055, damaged))
    with pytest.raises(RuntimeError, match="exited during start"):
        start_servers(tmp_path, endpoints=endpoints, startup_timeout=120)
    log = (tmp_path / "logs" / "rasa.log").read_text()
    assert f"tracker database {damaged} is damaged" in log and "Traceback" not in log
