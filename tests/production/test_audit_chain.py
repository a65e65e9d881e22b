"""The audit trail is a hash chain that `python -m imnm.audit verify` walks: it detects an edited row,
a deleted row (in the middle or at the end) and a dropped trigger followed by an edit, and it keeps
one line of rows when several processes write at once."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timezone

import pytest

from imnm import audit, build_facts, recommend
from imnm.render import render

WHEN = datetime(2026, 11, 3, 9, 30, tzinfo=timezone.utc)


def issue(db, conversation: str) -> None:
    rec = recommend(build_facts(antibody="HMGCR", severity="moderate", weight_kg=70, statin="current"))
    audit.record(rec, conversation, render(rec), WHEN, db)


@pytest.fixture
def trail(tmp_path):
    db = tmp_path / "audit.db"
    for number in range(5):
        issue(db, f"c{number}")
    return db


def cli(db) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "imnm.audit", "verify", "--db", str(db)],
                          capture_output=True, text=True, timeout=60)


def tamper(db, *statements: str) -> None:
    with sqlite3.connect(db) as connection:
        for statement in statements:
            connection.execute(statement)


def test_an_untouched_trail_verifies(trail):
    assert audit.verify(trail) == audit.Verdict(True, 5, 0)
    result = cli(trail)
    assert result.returncode == 0 and "intact: 5 chained rows" in result.stdout


def test_a_dropped_trigger_followed_by_an_edit_is_found(trail):
    tamper(trail, "DROP TRIGGER recommendations_no_update",
           "UPDATE recommendations SET facts = replace(facts, '70.0', '7.0') WHERE id = 3")
    verdict = audit.verify(trail)
    assert not verdict.ok and verdict.problem == "row 3: its contents were changed" and verdict.chained == 2
    result = cli(trail)
    assert result.returncode == 1 and "row 3: its contents were changed" in result.stderr


def test_a_deleted_row_is_found(trail):
    tamper(trail, "DROP TRIGGER recommendations_no_delete", "DELETE FROM recommendations WHERE id = 2")
    assert audit.verify(trail).problem == "row 3: does not follow the row before it (a row was deleted or inserted)"


def test_rows_deleted_from_the_end_are_found(trail):
    tamper(trail, "DROP TRIGGER recommendations_no_delete", "DELETE FROM recommendations WHERE id >= 4")
    verdict = audit.verify(trail)
    assert not verdict.ok and "rows after row 3 were deleted" in verdict.problem


def test_a_dropped_trigger_alone_is_reported(trail):
    tamper(trail, "DROP TRIGGER recommendations_no_update")
    assert "recommendations_no_update were dropped" in audit.verify(trail).problem


def test_an_edit_that_rewrites_the_hash_is_found_when_the_chain_is_keyed(tmp_path, monkeypatch):
    monkeypatch.setenv("IMNM_AUDIT_KEY", "kept-outside-the-database")
    db = tmp_path / "audit.db"
    for number in range(3):
        issue(db, f"c{number}")
    monkeypatch.delenv("IMNM_AUDIT_KEY")  # the editor has the database, not the key
    with sqlite3.connect(db) as connection:
        row = connection.execute("SELECT prev_sha256, issued_at, conversation_id, facts, knowledge_version, audience, "
                                 "output_sha256 FROM recommendations WHERE id = 3").fetchone()
    forged = dict(zip(audit.COLUMNS, row[1:], strict=True), conversation_id="someone-else")
    tamper(db, "DROP TRIGGER recommendations_no_update",
           f"UPDATE recommendations SET conversation_id = 'someone-else', "
           f"row_sha256 = '{audit.chain_hash(row[0], forged)}' WHERE id = 3",
           "CREATE TRIGGER recommendations_no_update BEFORE UPDATE ON recommendations "
           "BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END")
    monkeypatch.setenv("IMNM_AUDIT_KEY", "kept-outside-the-database")
    assert audit.verify(db).problem == "row 3: its contents were changed"


def test_a_trail_from_before_the_chain_gains_it(tmp_path):
    db = tmp_path / "old.db"
    with sqlite3.connect(db) as connection:  # the table as the previous version created it
        connection.execute(
            "CREATE TABLE recommendations (id INTEGER PRIMARY KEY AUTOINCREMENT, issued_at TEXT NOT NULL, "
            "conversation_id TEXT NOT NULL, facts TEXT NOT NULL, knowledge_version TEXT NOT NULL, "
            "audience TEXT NOT NULL, output_sha256 TEXT NOT NULL)")
        connection.execute(
            "INSERT INTO recommendations (issued_at, conversation_id, facts, knowledge_version, audience, "
            "output_sha256) VALUES ('2026-10-01T00:00:00+00:00', 'old', '{}', 'kb-old', 'clinician', 'x')")
    issue(db, "new")
    assert audit.verify(db) == audit.Verdict(True, 1, 1)


def _write(args: tuple[str, int]) -> None:
    db, worker = args
    for number in range(10):
        issue(db, f"w{worker}-{number}")


def test_several_processes_writing_at_once_keep_one_chain(tmp_path):
    db = str(tmp_path / "audit.db")
    """Eight writers at once: with a deferred BEGIN two of them read the same last link and one lost
    at commit (it failed CI with four writers after eight retries); they now queue for the lock."""
    issue(db, "first")  # the schema exists before the writers start
    with ProcessPoolExecutor(max_workers=8) as pool:
        list(pool.map(_write, [(db, worker) for worker in range(8)]))
    verdict = audit.verify(db)
    assert verdict.ok and verdict.chained == 81
