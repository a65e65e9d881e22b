"""A Redis lock store whose ticket operations are atomic across Rasa processes.

Rasa 3.6's ``RedisLockStore`` reads the conversation's ticket lock, changes it in Python and
writes it back. Two Rasa processes that take a message for the same conversation at the same
moment can both read the lock before either writes it: both get the same ticket number, both
"hold" the lock, both load the tracker with N events, and the SQL tracker store then keeps only
the events of whichever process saves first (it appends the events beyond the stored count).
A clinician's second message and its reply vanish. The scale test showed this about one run in
three. Here every read-modify-write of a lock runs under a short Redis mutex (redis-py's
``Lock``, a SET NX PX with a token), so tickets are unique and ordered across processes.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

logger = logging.getLogger(__name__)

# Every guarded operation is a few Redis round trips; a holder that dies frees the mutex after this.
MUTEX_TIMEOUT_SECONDS = 5.0
MUTEX_WAIT_SECONDS = 10.0
MUTEX_POLL_SECONDS = 0.002


class AtomicRedisLockStore(RedisLockStore):
    """``RedisLockStore`` with each ticket operation made atomic by a per-conversation mutex."""

    def __init__(self, endpoint_config: EndpointConfig | None = None, **kwargs: Any) -> None:
        if endpoint_config is not None:
            kwargs = {"host": endpoint_config.url or "localhost", **endpoint_config.kwargs, **kwargs}
        super().__init__(**kwargs)

    @contextmanager
    def _exclusive(self, conversation_id: str) -> Iterator[None]:
        mutex = self.red.lock(
            f"{self.key_prefix}mutex:{conversation_id}",
            timeout=MUTEX_TIMEOUT_SECONDS,
            sleep=MUTEX_POLL_SECONDS,
            blocking_timeout=MUTEX_WAIT_SECONDS,
        )
        if not mutex.acquire():
            raise LockError(f"Timed out waiting for the ticket mutex of conversation '{conversation_id}'.")
        try:
            yield
        finally:
            try:
                mutex.release()
            except Exception:  # expired while held; the next holder already owns it
                logger.warning("Ticket mutex for conversation '%s' expired while held.", conversation_id)

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        """Issue the next ticket; no other process can issue or remove one meanwhile."""
        with self._exclusive(conversation_id):
            return super().issue_ticket(conversation_id, lock_lifetime)

    def update_lock(self, conversation_id: str) -> None:
        """Drop expired tickets without overwriting a ticket another process just issued."""
        with self._exclusive(conversation_id):
            super().update_lock(conversation_id)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        """Remove our ticket without overwriting a ticket another process just issued."""
        with self._exclusive(conversation_id):
            super().finish_serving(conversation_id, ticket_number)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Finish our ticket and delete the lock only if, at that same instant, no one waits."""
        with self._exclusive(conversation_id):
            lock = self.get_lock(conversation_id)
            if lock is None:
                return
            lock.remove_ticket_for(ticket_number)
            if lock.is_someone_waiting():
                self.save_lock(lock)
            else:
                self.delete_lock(conversation_id)
