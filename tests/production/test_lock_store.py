"""The conversation lock store gives one holder at a time across processes (real Redis)."""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis as redis_client
from rasa.utils.endpoints import EndpointConfig

from lock_stores.atomic_redis import AtomicRedisLockStore

pytestmark = pytest.mark.e2e
WORKERS = 12


def _store(port: int) -> AtomicRedisLockStore:
    """A separate store (own connection) per worker, as each Rasa process has its own."""
    return AtomicRedisLockStore(EndpointConfig(url="127.0.0.1", port=port, db=1))


def test_tickets_issued_at_the_same_moment_by_separate_stores_are_unique(redis):
    stores = [_store(redis) for _ in range(WORKERS)]
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        tickets = list(pool.map(lambda store: store.issue_ticket("same-conversation"), stores))
    assert sorted(tickets) == list(range(WORKERS))


def test_holders_of_one_conversation_never_overlap(redis):
    """Each holder does a slow read-modify-write of a counter: overlap would lose increments."""
    counter = redis_client.StrictRedis(host="127.0.0.1", port=redis, db=2)
    counter.set("count", 0)

    async def hold(store: AtomicRedisLockStore) -> None:
        async with store.lock("busy-conversation", wait_time_in_seconds=0.01):
            value = int(counter.get("count"))
            time.sleep(0.02)
            counter.set("count", value + 1)

    stores = [_store(redis) for _ in range(WORKERS)]
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        list(pool.map(lambda store: asyncio.run(hold(store)), stores))
    assert int(counter.get("count")) == WORKERS
    assert stores[0].get_lock("busy-conversation") is None, "the last holder removes the lock"


def test_endpoint_settings_reach_redis(redis):
    store = AtomicRedisLockStore(EndpointConfig(url="127.0.0.1", port=redis, db=3, key_prefix="ward7"))
    store.issue_ticket("c1")
    assert store.red.connection_pool.connection_kwargs["db"] == 3
    assert store.red.exists("ward7:lock:c1")
