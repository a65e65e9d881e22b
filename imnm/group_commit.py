"""Durable writes off the event loop, committed together: one writer thread per database.

Every message is written twice to the conversation store and a plan once to the audit trail, each
a commit that waits for the disk (fsync). Run on a server's event loop, each commit stopped that
process for its whole duration: under 20 concurrent users, py-spy put 16% of the Rasa process and
35% of the action server in `do_commit`. Here a caller hands its write to one thread per database
and awaits it; the thread commits every write waiting at that moment in one transaction, so the
loop keeps serving while the disk works and one fsync covers many writes (group commit). A caller
still resumes only after its own write is committed: nothing is acknowledged that is not stored.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa

logger = logging.getLogger(__name__)

#: A write: statements run on the writer's connection inside the batch's transaction.
Write = Callable[[sa.engine.Connection], None]


@dataclass(frozen=True)
class _Pending:
    write: Write
    loop: asyncio.AbstractEventLoop
    done: asyncio.Future


class GroupCommitter:
    """Commits the writes handed to it, in arrival order, several per transaction."""

    def __init__(self, engine: sa.engine.Engine, name: str) -> None:
        self._engine = engine
        self._name = name
        self._queue: queue.SimpleQueue[_Pending] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self._connection: sa.engine.Connection | None = None

    async def write(self, write: Write) -> None:
        """Return once `write` is committed; raise what it raised (only its own failure)."""
        loop = asyncio.get_running_loop()
        done = loop.create_future()
        self._queue.put(_Pending(write, loop, done))
        self._start()
        await done

    def _start(self) -> None:
        if self._thread is None:
            with self._start_lock:
                if self._thread is None:
                    self._thread = threading.Thread(target=self._serve, name=f"commit-{self._name}", daemon=True)
                    self._thread.start()

    def _serve(self) -> None:
        while True:
            batch = [self._queue.get()]
            while True:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            for pending, outcome in zip(batch, self._commit(batch), strict=True):
                pending.loop.call_soon_threadsafe(_settle, pending.done, outcome)

    def _commit(self, batch: list[_Pending]) -> list[BaseException | None]:
        """One transaction for the batch; if it fails, each write alone, so one bad write (or a lost
        race with another process) fails only its caller."""
        if len(batch) > 1:
            try:
                self._run([pending.write for pending in batch])
                return [None] * len(batch)
            except Exception:  # noqa: BLE001 - retried one by one below, where each gets its own error
                logger.debug("group commit of %d writes to %s failed; committing them one by one",
                             len(batch), self._name, exc_info=True)
        outcomes: list[BaseException | None] = []
        for pending in batch:
            try:
                self._run([pending.write])
                outcomes.append(None)
            except Exception as error:  # noqa: BLE001 - handed to the caller
                outcomes.append(error)
        return outcomes

    def _run(self, writes: list[Write]) -> None:
        connection = self._connection
        if connection is None or connection.closed or connection.invalidated:
            connection = self._connection = self._engine.connect()
        try:
            with connection.begin():
                for write in writes:
                    write(connection)
        except sa.exc.DBAPIError as error:
            if error.connection_invalidated:
                self._connection = None
            raise


def _settle(done: asyncio.Future, outcome: BaseException | None) -> None:
    if done.cancelled():
        return
    if outcome is None:
        done.set_result(None)
    else:
        done.set_exception(outcome)
