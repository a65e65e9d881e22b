"""Append-only audit trail of every recommendation issued, and its export for a date range.

One row per recommendation: when, which conversation, the facts used (structured, no free text),
the knowledge-base version, the audience, and a SHA-256 of exactly what was shown. UPDATE and
DELETE are refused by triggers, so the table can only grow.

    python -m imnm.audit export --since 2026-11-01 --until 2026-11-30 --format csv
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import sys
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path

import sqlalchemy as sa

from imnm.engine.recommendation import Recommendation

DEFAULT_PATH = "audit.db"
COLUMNS = ("issued_at", "conversation_id", "facts", "knowledge_version", "audience", "output_sha256")
_COLUMN_TYPES = """
    issued_at TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    facts TEXT NOT NULL,
    knowledge_version TEXT NOT NULL,
    audience TEXT NOT NULL,
    output_sha256 TEXT NOT NULL
"""
#: The table and the triggers that refuse UPDATE and DELETE (and TRUNCATE in PostgreSQL), per dialect.
SCHEMA = {
    "sqlite": [
        f"CREATE TABLE IF NOT EXISTS recommendations (id INTEGER PRIMARY KEY AUTOINCREMENT, {_COLUMN_TYPES})",
        "CREATE INDEX IF NOT EXISTS recommendations_issued_at ON recommendations (issued_at)",
        "CREATE TRIGGER IF NOT EXISTS recommendations_no_update BEFORE UPDATE ON recommendations "
        "BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END",
        "CREATE TRIGGER IF NOT EXISTS recommendations_no_delete BEFORE DELETE ON recommendations "
        "BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END",
    ],
    "postgresql": [
        f"CREATE TABLE IF NOT EXISTS recommendations (id BIGSERIAL PRIMARY KEY, {_COLUMN_TYPES})",
        "CREATE INDEX IF NOT EXISTS recommendations_issued_at ON recommendations (issued_at)",
        "CREATE OR REPLACE FUNCTION recommendations_append_only() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'audit trail is append-only'; END $$",
        "CREATE OR REPLACE TRIGGER recommendations_no_change BEFORE UPDATE OR DELETE ON recommendations "
        "FOR EACH ROW EXECUTE FUNCTION recommendations_append_only()",
        "CREATE OR REPLACE TRIGGER recommendations_no_truncate BEFORE TRUNCATE ON recommendations "
        "FOR EACH STATEMENT EXECUTE FUNCTION recommendations_append_only()",
    ],
}
_INSERT = sa.text(f"INSERT INTO recommendations ({', '.join(COLUMNS)}) "
                  f"VALUES ({', '.join(':' + column for column in COLUMNS)})")
_SELECT = sa.text(f"SELECT {', '.join(COLUMNS)} FROM recommendations "
                  "WHERE issued_at >= :since AND issued_at < :before ORDER BY id")


def audit_target() -> str:
    """Where the trail is kept: `$IMNM_AUDIT_DB`, a SQLite file path or a database URL such as
    postgresql://user@host/db (one shared database when several action servers run)."""
    return os.environ.get("IMNM_AUDIT_DB", DEFAULT_PATH)


def _url(target: Path | str) -> str:
    target = str(target)
    return target if "://" in target else f"sqlite:///{Path(target).resolve()}"


@lru_cache(maxsize=8)
def _engine(url: str) -> sa.engine.Engine:
    """One engine per database, its schema created on first use (idempotent)."""
    engine = sa.create_engine(url, pool_pre_ping=True)
    dialect = engine.dialect.name
    if dialect not in SCHEMA:
        raise ValueError(f"audit trail: unsupported database '{dialect}' (use SQLite or PostgreSQL)")
    with engine.begin() as connection:
        if dialect == "postgresql":  # several action servers may start at once
            connection.exec_driver_sql("SELECT pg_advisory_xact_lock(hashtext('imnm audit schema'))")
        for statement in SCHEMA[dialect]:
            connection.exec_driver_sql(statement)
    return engine


def record(
    recommendation: Recommendation,
    conversation_id: str,
    rendered: str,
    issued_at: datetime,
    path: Path | str | None = None,
) -> None:
    """Append one row. Facts are the typed, structured facts only: no message text is stored.
    `path` is a SQLite file or a database URL (default: `audit_target()`)."""
    facts = recommendation.facts.model_dump(mode="json")
    row = {
        "issued_at": issued_at.astimezone(timezone.utc).isoformat(timespec="seconds"),
        "conversation_id": conversation_id,
        "facts": json.dumps(facts, sort_keys=True),
        "knowledge_version": recommendation.knowledge_version,
        "audience": recommendation.facts.audience.value,
        "output_sha256": hashlib.sha256(rendered.encode("utf-8")).hexdigest(),
    }
    with _engine(_url(path or audit_target())).begin() as connection:
        connection.execute(_INSERT, row)


def export(since: str, until: str, path: Path | str | None = None) -> list[dict[str, str]]:
    """Rows issued on or after `since` and before the end of `until` (ISO dates, UTC)."""
    before = (date.fromisoformat(until) + timedelta(days=1)).isoformat()
    with _engine(_url(path or audit_target())).connect() as connection:
        rows = connection.execute(_SELECT, {"since": since, "before": before}).all()
    return [dict(zip(COLUMNS, row, strict=True)) for row in rows]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m imnm.audit", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    out = sub.add_parser("export", help="export recommendations issued in a date range")
    out.add_argument("--since", required=True, help="first day, YYYY-MM-DD (UTC)")
    out.add_argument("--until", required=True, help="last day, YYYY-MM-DD (UTC), inclusive")
    out.add_argument("--format", choices=["csv", "json"], default="csv")
    out.add_argument("--db", default=None,
                     help="SQLite file or database URL (default: $IMNM_AUDIT_DB, else audit.db)")
    args = parser.parse_args(argv)
    for day in (args.since, args.until):
        try:
            datetime.strptime(day, "%Y-%m-%d")
        except ValueError:
            print(f"error: '{day}' is not a date in the form YYYY-MM-DD", file=sys.stderr)
            return 2
    rows = export(args.since, args.until, args.db)
    if args.format == "json":
        print(json.dumps(rows, indent=2))
    else:
        writer = csv.DictWriter(sys.stdout, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
