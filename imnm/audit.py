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
import sqlite3
import sys
from datetime import datetime, timezone
from pathlib import Path

from imnm.recommendation import Recommendation

DEFAULT_PATH = "audit.db"
COLUMNS = ("issued_at", "conversation_id", "facts", "knowledge_version", "audience", "output_sha256")
SCHEMA = """
CREATE TABLE IF NOT EXISTS recommendations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    issued_at TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    facts TEXT NOT NULL,
    knowledge_version TEXT NOT NULL,
    audience TEXT NOT NULL,
    output_sha256 TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS recommendations_issued_at ON recommendations (issued_at);
CREATE TRIGGER IF NOT EXISTS recommendations_no_update BEFORE UPDATE ON recommendations
BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
CREATE TRIGGER IF NOT EXISTS recommendations_no_delete BEFORE DELETE ON recommendations
BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
"""


def audit_path() -> Path:
    return Path(os.environ.get("IMNM_AUDIT_DB", DEFAULT_PATH))


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=10)
    connection.executescript(SCHEMA)
    return connection


def record(
    recommendation: Recommendation,
    conversation_id: str,
    rendered: str,
    issued_at: datetime,
    path: Path | None = None,
) -> None:
    """Append one row. Facts are the typed, structured facts only: no message text is stored."""
    facts = recommendation.facts.model_dump(mode="json")
    row = (
        issued_at.astimezone(timezone.utc).isoformat(timespec="seconds"),
        conversation_id,
        json.dumps(facts, sort_keys=True),
        recommendation.knowledge_version,
        recommendation.facts.audience.value,
        hashlib.sha256(rendered.encode("utf-8")).hexdigest(),
    )
    with _connect(path or audit_path()) as connection:
        connection.execute(
            f"INSERT INTO recommendations ({', '.join(COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?)", row
        )


def export(since: str, until: str, path: Path | None = None) -> list[dict[str, str]]:
    """Rows issued on or after `since` and before the end of `until` (ISO dates, UTC)."""
    with _connect(path or audit_path()) as connection:
        cursor = connection.execute(
            f"SELECT {', '.join(COLUMNS)} FROM recommendations "
            "WHERE issued_at >= ? AND issued_at < date(?, '+1 day') ORDER BY id",
            (since, until),
        )
        return [dict(zip(COLUMNS, row, strict=True)) for row in cursor.fetchall()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m imnm.audit", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    out = sub.add_parser("export", help="export recommendations issued in a date range")
    out.add_argument("--since", required=True, help="first day, YYYY-MM-DD (UTC)")
    out.add_argument("--until", required=True, help="last day, YYYY-MM-DD (UTC), inclusive")
    out.add_argument("--format", choices=["csv", "json"], default="csv")
    out.add_argument("--db", type=Path, default=None, help="audit database (default: $IMNM_AUDIT_DB or audit.db)")
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
