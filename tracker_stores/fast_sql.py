"""Rasa's SQL tracker store with its per-message queries prepared once.

Rasa 3.6's ``SQLTrackerStore`` rebuilds an ORM query for every message: it reads the events of
the latest session as ORM objects, counts the stored events through an ORM ``count()`` (a
subquery around the ordered event query) before each save, and inserts events one ORM object
at a time. Under 20 concurrent users (py-spy on the Rasa process) that was about 40% of the
server's CPU, mostly SQLAlchemy building and hashing the same statements again.

This subclass keeps the same table, the same rows and the same semantics (events of the latest
session, ordered by id; only events beyond those already stored are inserted), but uses Core
statements built once with bound parameters, so SQLAlchemy's compiled-statement cache serves
them. It works with every dialect the parent supports (SQLite and PostgreSQL are tested here).
For SQLite it also keeps connections open and uses write-ahead logging (see below).

With ``remember: N`` in the endpoints file it also keeps the last N saved conversations in memory and
hands each back on the next read instead of reading and rebuilding it from the table (see
``_RememberedTrackers``). Only for a single Rasa process: with several processes sharing the database
(endpoints.cluster.yml) another process may have written since, so the cluster file leaves it off.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import sqlite3
import sys
from collections import OrderedDict
from contextlib import closing
from functools import cached_property
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from imnm.group_commit import GroupCommitter

logger = logging.getLogger(__name__)

# How many of a retrieved tracker's events are stored already (see `save`; also set by
# rasa_tuning/save_first.py after it saves the user message).
STORED_EVENTS = "_imnm_stored_events"


def damage_in(path: str) -> str | None:
    """What is wrong with the SQLite conversation file (None: sound, or not created yet).
    `PRAGMA quick_check` reads every page: seconds for a large file, once at start."""
    if path == ":memory:" or not os.path.exists(path):
        return None
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
            verdict = [row[0] for row in connection.execute("PRAGMA quick_check")]
    except sqlite3.DatabaseError as error:
        verdict = [str(error)]
    return None if verdict == ["ok"] else "; ".join(verdict)[:200]


def refuse_a_damaged_file(path: str) -> None:
    """Stop the server, in one line, when the SQLite conversation file is damaged.

    Rasa falls back to an in-memory store when its store cannot be created (a damaged header), and a
    file with damaged pages opens with conversations silently missing; either way new turns would be
    lost. The process ends at once (`os._exit`): Rasa catches exceptions here and carries on in
    memory, and Sanic prints a traceback for SystemExit."""
    damage = damage_in(path)
    if damage is not None:
        print(f"tracker database {path} is damaged ({damage}): not starting. Restore it from a backup or move it "
              "aside (README, 'Running in production').", file=sys.stderr, flush=True)
        os._exit(1)


class _RememberedTrackers:
    """The trackers this process saved last, each handed back once, as saved.

    Reading a conversation back costs a query, a JSON decode per event and a replay of every event
    into a new tracker: about 12% of the Rasa process's CPU under 20 users (py-spy). The tracker
    just saved is that same state. It is handed out once (taken out of memory), so two readers never
    share one object; it is handed out only if nothing was added to it after its last save (a message
    whose handling failed half-way is read from the table again); and at most `size` are kept, the
    least recently saved forgotten first. Only a tracker that holds exactly what a read of the latest
    session returns is kept, one that begins with its only ``SessionStarted``: a session begun in memory
    also holds the ``action_session_start`` logged before it (and an expired session the one before),
    which a read leaves out, so its next message is read from the table as before."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._saved: OrderedDict[str, tuple[DialogueStateTracker, int]] = OrderedDict()

    def keep(self, tracker: DialogueStateTracker) -> None:
        events = tracker.events
        if self.size <= 0 or not events or not isinstance(events[0], SessionStarted) or any(
                isinstance(event, SessionStarted) for event in itertools.islice(events, 1, None)):
            self._saved.pop(tracker.sender_id, None)
            return
        self._saved[tracker.sender_id] = (tracker, len(tracker.events))
        self._saved.move_to_end(tracker.sender_id)
        while len(self._saved) > self.size:
            self._saved.popitem(last=False)

    def take(self, sender_id: str) -> DialogueStateTracker | None:
        tracker, saved_events = self._saved.pop(sender_id, (None, 0))
        if tracker is None or len(tracker.events) != saved_events:
            return None
        tracker.__dict__[STORED_EVENTS] = saved_events
        return tracker


class FastSQLTrackerStore(SQLTrackerStore):
    """``SQLTrackerStore`` with prepared statements; a drop-in replacement (same table)."""

    def __init__(self, *args: Any, remember: int = 0, **kwargs: Any) -> None:
        self._remembered = _RememberedTrackers(int(remember))
        if kwargs.get("dialect", "sqlite") == "sqlite":
            refuse_a_damaged_file(kwargs.get("db") or "rasa.db")
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            self._keep_sqlite_connections_open()
        self._writer = GroupCommitter(self.engine, "conversations")

    def _keep_sqlite_connections_open(self) -> None:
        """SQLAlchemy 1.4 opens and closes a SQLite file for every session (three per message here);
        keep a small pool open instead (one connection for the writer thread, one for reads), and use
        write-ahead logging, whose commit is one append and one fsync instead of a journal file
        created, synced and deleted; reads then never wait for the writer. Durability is the same
        (synchronous stays FULL). Measured: about 15% more messages/s under 20 concurrent users."""
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(url, poolclass=sa.pool.QueuePool, pool_size=2, max_overflow=4,
                                       connect_args={"check_same_thread": False})
        with self.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA journal_mode=WAL")
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    @cached_property
    def _events_table(self) -> sa.Table:
        return self.SQLEvent.__table__

    def _in_conversation(self, latest_session_only: bool) -> sa.ColumnElement:
        events = self._events_table
        of_sender = events.c.sender_id == sa.bindparam("sender_id")
        if not latest_session_only:
            return of_sender
        session_start = (
            sa.select(sa.func.max(events.c.timestamp))
            .where(events.c.sender_id == sa.bindparam("sender_id"), events.c.type_name == SessionStarted.type_name)
            .scalar_subquery()
        )
        return sa.and_(of_sender, sa.or_(events.c.timestamp >= session_start, session_start.is_(None)))

    @cached_property
    def _latest_session_events(self) -> sa.Select:
        return sa.select(self._events_table.c.data).where(self._in_conversation(True)).order_by(
            self._events_table.c.id
        )

    @cached_property
    def _all_events(self) -> sa.Select:
        return sa.select(self._events_table.c.data).where(self._in_conversation(False)).order_by(
            self._events_table.c.id
        )

    @cached_property
    def _latest_session_count(self) -> sa.Select:
        return sa.select(sa.func.count()).select_from(self._events_table).where(self._in_conversation(True))

    async def _retrieve(self, sender_id: str, fetch_events_from_all_sessions: bool) -> DialogueStateTracker | None:
        if not fetch_events_from_all_sessions and (tracker := self._remembered.take(sender_id)) is not None:
            return tracker
        statement = self._all_events if fetch_events_from_all_sessions else self._latest_session_events
        with self.session_scope() as session:
            rows = session.execute(statement, {"sender_id": sender_id}).scalars().all()
        if not (self.domain and rows):
            logger.debug("No stored events for conversation '%s'.", sender_id)
            return None
        tracker = DialogueStateTracker.from_dict(sender_id, [json.loads(data) for data in rows], self.domain.slots)
        if not fetch_events_from_all_sessions:
            setattr(tracker, STORED_EVENTS, len(rows))
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Insert the tracker's events that are not stored yet, in one statement.

        Like Rasa, the events already stored are the latest session's events in the table. For a
        tracker read from this store that number is known: it is how many rows were read (same
        query), and Rasa holds the conversation's lock from that read to this save, so nothing
        else wrote in between. Only then the count query is skipped; the number is used once (a
        second save of the same tracker counts again, as Rasa does).

        The insert is committed by the store's writer thread together with other conversations'
        (imnm/group_commit.py): the server's event loop is not stopped while the disk syncs, and
        this returns only once the rows are committed.
        """
        await self.stream_events(tracker)
        stored = tracker.__dict__.pop(STORED_EVENTS, None)
        if stored is None:
            with self.session_scope() as session:
                stored = session.execute(self._latest_session_count, {"sender_id": tracker.sender_id}).scalar_one()
        rows = [self._row(tracker.sender_id, event.type_name, event.as_dict())
                for event in itertools.islice(tracker.events, stored, len(tracker.events))]
        if rows:
            insert = sa.insert(self._events_table)
            await self._writer.write(lambda connection: connection.execute(insert, rows))
        self._remembered.keep(tracker)
        logger.debug("Conversation '%s' stored (%d new events).", tracker.sender_id, len(rows))

    @staticmethod
    def _row(sender_id: str, type_name: str, data: dict[str, Any]) -> dict[str, Any]:
        return {
            "sender_id": sender_id,
            "type_name": type_name,
            "timestamp": data.get("timestamp"),
            "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
            "action_name": data.get("name"),
            "data": json.dumps(data),
        }
