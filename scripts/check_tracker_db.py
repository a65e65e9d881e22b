"""Fail fast, in one line, when the PostgreSQL tracker store is unreachable.

Rasa falls back to an in-memory store when its tracker store cannot be created, which would
silently lose conversations; this check runs before Rasa starts so that never happens.
"""

from __future__ import annotations

import os
import sys

SETTINGS = ("TRACKER_DB_HOST", "TRACKER_DB_PORT", "TRACKER_DB_NAME", "TRACKER_DB_USER", "TRACKER_DB_PASSWORD")


def main() -> int:
    missing = [name for name in SETTINGS if not os.environ.get(name)]
    if missing:
        print(f"tracker database: set {', '.join(missing)} (README, 'Running in production')", file=sys.stderr)
        return 2
    import psycopg2

    host, port = os.environ["TRACKER_DB_HOST"], os.environ["TRACKER_DB_PORT"]
    try:
        connection = psycopg2.connect(
            host=host, port=int(port), dbname=os.environ["TRACKER_DB_NAME"],
            user=os.environ["TRACKER_DB_USER"], password=os.environ["TRACKER_DB_PASSWORD"], connect_timeout=5,
        )
    except (psycopg2.Error, ValueError) as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        print(f"tracker database unreachable at {host}:{port} (TRACKER_DB_HOST / TRACKER_DB_PORT): {reason}",
              file=sys.stderr)
        return 1
    connection.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
