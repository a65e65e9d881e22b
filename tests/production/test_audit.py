"""Audit trail: every recommendation recorded, append-only, exportable by date, no free text."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import datetime, timezone

import pytest

from imnm import audit, build_facts, recommend
from imnm.render import render


@pytest.fixture
def db(tmp_path):
    return tmp_path / "audit.db"


def issue(db, when, conversation="c1"):
    rec = recommend(build_facts(antibody="SRP", severity="moderate", weight_kg=61, statin="never"))
    audit.record(rec, conversation, render(rec), when, db)
    return rec


def test_rows_are_recorded_and_exported_by_date_range(db):
    issue(db, datetime(2026, 11, 3, 9, 30, tzinfo=timezone.utc), "tuesday")
    issue(db, datetime(2026, 11, 5, 23, 59, tzinfo=timezone.utc), "thursday")
    rows = audit.export("2026-11-03", "2026-11-03", db)
    assert [row["conversation_id"] for row in rows] == ["tuesday"]
    assert json.loads(rows[0]["facts"])["weight_kg"] == 61
    assert len(rows[0]["output_sha256"]) == 64 and rows[0]["knowledge_version"].startswith("kb-")
    assert len(audit.export("2026-11-01", "2026-11-30", db)) == 2


def test_audit_table_is_append_only(db):
    issue(db, datetime(2026, 11, 3, tzinfo=timezone.utc))
    with sqlite3.connect(db) as connection, pytest.raises(sqlite3.DatabaseError, match="append-only"):
        connection.execute("UPDATE recommendations SET audience = 'patient'")
    with sqlite3.connect(db) as connection, pytest.raises(sqlite3.DatabaseError, match="append-only"):
        connection.execute("DELETE FROM recommendations")


def test_export_command_writes_csv_and_rejects_bad_dates(db):
    issue(db, datetime(2026, 11, 3, tzinfo=timezone.utc))
    ok = subprocess.run([sys.executable, "-m", "imnm.audit", "export", "--since", "2026-11-01",
                         "--until", "2026-11-30", "--db", str(db)], capture_output=True, text=True)
    assert ok.returncode == 0 and ok.stdout.startswith("issued_at,conversation_id")
    bad = subprocess.run([sys.executable, "-m", "imnm.audit", "export", "--since", "Tuesday",
                          "--until", "2026-11-30", "--db", str(db)], capture_output=True, text=True)
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr


def test_a_postgresql_audit_trail_is_shared_append_only_and_exported(postgres):
    """Several action servers write one trail when IMNM_AUDIT_DB is a PostgreSQL URL."""
    import sqlalchemy as sa

    url = f"postgresql://imnm@127.0.0.1:{postgres}/imnm"
    issue(url, datetime(2026, 11, 3, 9, 30, tzinfo=timezone.utc), "tuesday")
    issue(url, datetime(2026, 11, 5, 8, 0, tzinfo=timezone.utc), "thursday")
    assert [row["conversation_id"] for row in audit.export("2026-11-03", "2026-11-03", url)] == ["tuesday"]
    assert len(audit.export("2026-11-01", "2026-11-30", url)) == 2
    engine = sa.create_engine(url)
    for statement in ("UPDATE recommendations SET audience = 'patient'", "DELETE FROM recommendations",
                      "TRUNCATE recommendations"):
        with engine.begin() as connection, pytest.raises(sa.exc.DatabaseError, match="append-only"):
            connection.exec_driver_sql(statement)
    assert audit.verify(url) == audit.Verdict(True, 2, 0)
    with engine.begin() as connection:  # the owner drops the trigger and edits a row
        connection.exec_driver_sql("DROP TRIGGER recommendations_no_change ON recommendations")
        connection.exec_driver_sql("UPDATE recommendations SET audience = 'patient' WHERE conversation_id = 'thursday'")
    assert audit.verify(url).problem.endswith("its contents were changed")
    engine.dispose()
    audit._engine.cache_clear()  # the next test's database is a new server
