"""Append-only audit trail of every recommendation issued, and its export for a date range.

One row per recommendation: when, which conversation, the facts used (structured, no free text),
the knowledge-base version, the audience, and a SHA-256 of exactly what was shown. UPDATE and
DELETE are refused by triggers, so the table can only grow. Triggers can be dropped by whoever
owns the database, so the rows are also a hash chain: each carries its predecessor's hash and its
own over both (an HMAC with `$IMNM_AUDIT_KEY` when set, so nobody without the key can rewrite the
chain after an edit). A writer takes the chain's lock before it reads the last link, so several writers
queue rather than race, and a unique predecessor guards the line if anything bypasses the lock.
`verify` walks it and names the first row that does not hold.

    python -m imnm.audit export --since 2026-11-01 --until 2026-11-30 --format csv
    python -m imnm.audit verify
"""

from __future__ import annotations

import argparse
import csv
import functools
import hashlib
import hmac
import json
import os
import sys
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import sqlalchemy as sa

from imnm.engine.recommendation import Recommendation
from imnm.group_commit import GroupCommitter

DEFAULT_PATH = "audit.db"
COLUMNS = ("issued_at", "conversation_id", "facts", "knowledge_version", "audience", "output_sha256")
_COLUMN_TYPES = """
    issued_at TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    facts TEXT NOT NULL,
    knowledge_version TEXT NOT NULL,
    audience TEXT NOT NULL,
    output_sha256 TEXT NOT NULL,
    prev_sha256 TEXT,
    row_sha256 TEXT
"""
#: The chain's columns, added to a table created before the chain existed (its older rows stay unchained).
CHAIN_COLUMNS = ("prev_sha256", "row_sha256")
GENESIS = "0" * 64
TRIGGERS = {"sqlite": ("recommendations_no_update", "recommendations_no_delete"),
            "postgresql": ("recommendations_no_change", "recommendations_no_truncate")}
#: The table and the triggers that refuse UPDATE and DELETE (and TRUNCATE in PostgreSQL), per dialect.
SCHEMA = {
    "sqlite": [
        f"CREATE TABLE IF NOT EXISTS recommendations (id INTEGER PRIMARY KEY AUTOINCREMENT, {_COLUMN_TYPES})",
        "CREATE INDEX IF NOT EXISTS recommendations_issued_at ON recommendations (issued_at)",
        "CREATE UNIQUE INDEX IF NOT EXISTS recommendations_chain ON recommendations (prev_sha256)",
        "CREATE TRIGGER IF NOT EXISTS recommendations_no_update BEFORE UPDATE ON recommendations "
        "BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END",
        "CREATE TRIGGER IF NOT EXISTS recommendations_no_delete BEFORE DELETE ON recommendations "
        "BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END",
    ],
    "postgresql": [
        f"CREATE TABLE IF NOT EXISTS recommendations (id BIGSERIAL PRIMARY KEY, {_COLUMN_TYPES})",
        "CREATE INDEX IF NOT EXISTS recommendations_issued_at ON recommendations (issued_at)",
        "CREATE UNIQUE INDEX IF NOT EXISTS recommendations_chain ON recommendations (prev_sha256)",
        "CREATE OR REPLACE FUNCTION recommendations_append_only() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'audit trail is append-only'; END $$",
        "CREATE OR REPLACE TRIGGER recommendations_no_change BEFORE UPDATE OR DELETE ON recommendations "
        "FOR EACH ROW EXECUTE FUNCTION recommendations_append_only()",
        "CREATE OR REPLACE TRIGGER recommendations_no_truncate BEFORE TRUNCATE ON recommendations "
        "FOR EACH STATEMENT EXECUTE FUNCTION recommendations_append_only()",
    ],
}
_INSERT = sa.text(f"INSERT INTO recommendations ({', '.join(COLUMNS + CHAIN_COLUMNS)}) "
                  f"VALUES ({', '.join(':' + column for column in COLUMNS + CHAIN_COLUMNS)})")
_LAST_HASH = sa.text("SELECT row_sha256 FROM recommendations WHERE row_sha256 IS NOT NULL ORDER BY id DESC LIMIT 1")
_ALL = sa.text(f"SELECT id, {', '.join(COLUMNS + CHAIN_COLUMNS)} FROM recommendations ORDER BY id")
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
    if dialect == "sqlite":
        _begin_immediate(engine)
    with engine.begin() as connection:
        if dialect == "postgresql":  # several action servers may start at once
            connection.exec_driver_sql("SELECT pg_advisory_xact_lock(hashtext('imnm audit schema'))")
        inspector = sa.inspect(connection)
        existing = ({column["name"] for column in inspector.get_columns("recommendations")}
                    if inspector.has_table("recommendations") else set())
        if existing:  # a trail from before the chain: add its columns (older rows stay unchained)
            for column in CHAIN_COLUMNS:
                if column not in existing:
                    connection.exec_driver_sql(f"ALTER TABLE recommendations ADD COLUMN {column} TEXT")
        for statement in SCHEMA[dialect]:
            connection.exec_driver_sql(statement)
    if dialect == "sqlite":  # a commit is one append and one fsync, and reads (verify, export) never wait
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA journal_mode=WAL")
    return engine


def _begin_immediate(engine: sa.engine.Engine) -> None:
    """Every SQLite transaction on this engine starts by taking the write lock (BEGIN IMMEDIATE).

    The driver's own BEGIN is deferred and comes only before the INSERT, so two processes could both
    read the same last link and one lost the race at commit; under load (four writers in CI) even
    eight retries were not enough. With the lock taken first, a writer waits (the busy timeout) and
    then reads the link that is really last. Reads outside a transaction (verify, export) do not wait.
    """
    @sa.event.listens_for(engine, "connect")
    def _driver_leaves_transactions_to_us(dbapi_connection, _record) -> None:  # noqa: ANN001
        dbapi_connection.isolation_level = None

    @sa.event.listens_for(engine, "begin")
    def _take_the_write_lock(connection: sa.engine.Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def chain_hash(previous: str, row: dict[str, str]) -> str:
    """The row's link: over the predecessor's hash and the row's columns, keyed when a key is set."""
    body = previous + "\n" + json.dumps({column: row[column] for column in COLUMNS}, sort_keys=True,
                                        separators=(",", ":"))
    key = os.environ.get("IMNM_AUDIT_KEY", "")
    if key:
        return hmac.new(key.encode(), body.encode(), hashlib.sha256).hexdigest()
    return hashlib.sha256(body.encode()).hexdigest()


def _row(recommendation: Recommendation, conversation_id: str, rendered: str, issued_at: datetime) -> dict[str, str]:
    """The row's columns. Facts are the typed, structured facts only: no message text is stored."""
    return {
        "issued_at": issued_at.astimezone(timezone.utc).isoformat(timespec="seconds"),
        "conversation_id": conversation_id,
        "facts": json.dumps(recommendation.facts.model_dump(mode="json"), sort_keys=True),
        "knowledge_version": recommendation.knowledge_version,
        "audience": recommendation.facts.audience.value,
        "output_sha256": hashlib.sha256(rendered.encode("utf-8")).hexdigest(),
    }


def _append(connection: sa.engine.Connection, row: dict[str, str]) -> None:
    """Link the row to the last one and insert it, in the caller's transaction, which holds the
    chain's lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock until commit)."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql("SELECT pg_advisory_xact_lock(hashtext('imnm audit chain'))")
    previous = connection.execute(_LAST_HASH).scalar() or GENESIS
    connection.execute(_INSERT, {**row, "prev_sha256": previous, "row_sha256": chain_hash(previous, row)})


def record(
    recommendation: Recommendation,
    conversation_id: str,
    rendered: str,
    issued_at: datetime,
    path: Path | str | None = None,
) -> None:
    """Append one row, waiting on the calling thread. `path` is a SQLite file or a database URL
    (default: `audit_target()`). Servers use `record_async`, which does not stop their event loop."""
    row = _row(recommendation, conversation_id, rendered, issued_at)
    engine = _engine(_url(path or audit_target()))
    for attempt in range(CHAIN_ATTEMPTS):
        try:
            with engine.begin() as connection:
                _append(connection, row)
            return
        except (sa.exc.IntegrityError, sa.exc.OperationalError):
            # Another writer took this predecessor first (the unique index) or held the lock: read the
            # new last row and link to it.
            if attempt == CHAIN_ATTEMPTS - 1:
                raise


async def record_async(
    recommendation: Recommendation,
    conversation_id: str,
    rendered: str,
    issued_at: datetime,
    path: Path | str | None = None,
) -> None:
    """`record` for a server: returns once the row is committed, by the trail's writer thread with the
    rows other conversations are waiting on (imnm/group_commit.py), so the event loop keeps serving
    while the disk syncs. Within a batch each row links to the one before it, in the same transaction."""
    row = _row(recommendation, conversation_id, rendered, issued_at)
    writer = _writer(_url(path or audit_target()))
    for attempt in range(CHAIN_ATTEMPTS):
        try:
            await writer.write(functools.partial(_append, row=row))
            return
        except (sa.exc.IntegrityError, sa.exc.OperationalError):
            if attempt == CHAIN_ATTEMPTS - 1:  # another process's writer kept taking the predecessor
                raise


@lru_cache(maxsize=8)
def _writer(url: str) -> GroupCommitter:
    return GroupCommitter(_engine(url), "audit")


CHAIN_ATTEMPTS = 8


class Verdict(NamedTuple):
    ok: bool
    chained: int
    unchained: int
    problem: str | None = None


def verify(path: Path | str | None = None) -> Verdict:
    """Walk the chain: every row must link to the one before and hash to what it says; the
    append-only triggers must still exist; in SQLite no row may be missing from the end."""
    engine = _engine(_url(path or audit_target()))
    with engine.connect() as connection:
        rows = [dict(row._mapping) for row in connection.execute(_ALL)]
        dialect = engine.dialect.name
        if dialect == "sqlite":
            triggers = {name for (name,) in connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'recommendations'")}
            sequence = connection.exec_driver_sql(
                "SELECT seq FROM sqlite_sequence WHERE name = 'recommendations'").scalar()
        else:
            triggers = {name for (name,) in connection.exec_driver_sql(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'recommendations'::regclass AND NOT tgisinternal")}
            sequence = None
    unchained = 0
    expected = GENESIS
    for index, row in enumerate(rows):
        if row["row_sha256"] is None and expected == GENESIS:
            unchained += 1  # written before the chain existed
            continue
        if row["prev_sha256"] != expected:
            return Verdict(False, index - unchained, unchained,
                           f"row {row['id']}: does not follow the row before it (a row was deleted or inserted)")
        if chain_hash(row["prev_sha256"], {column: row[column] for column in COLUMNS}) != row["row_sha256"]:
            return Verdict(False, index - unchained, unchained, f"row {row['id']}: its contents were changed")
        expected = row["row_sha256"]
    if sequence is not None and rows and rows[-1]["id"] < sequence:
        return Verdict(False, len(rows) - unchained, unchained,
                       f"rows after row {rows[-1]['id']} were deleted (ids were issued up to {sequence})")
    missing = set(TRIGGERS[dialect]) - triggers
    if missing:
        return Verdict(False, len(rows) - unchained, unchained,
                       f"the append-only trigger(s) {', '.join(sorted(missing))} were dropped")
    return Verdict(True, len(rows) - unchained, unchained)


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
    check = sub.add_parser("verify", help="check the hash chain and the append-only triggers")
    check.add_argument("--db", default=None,
                       help="SQLite file or database URL (default: $IMNM_AUDIT_DB, else audit.db)")
    args = parser.parse_args(argv)
    if args.command == "verify":
        verdict = verify(args.db)
        before = f" ({verdict.unchained} older rows from before the chain)" if verdict.unchained else ""
        if verdict.ok:
            print(f"audit trail intact: {verdict.chained} chained rows{before}")
            return 0
        print(f"audit trail BROKEN: {verdict.problem}; {verdict.chained} rows verified before it{before}",
              file=sys.stderr)
        return 1
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
