"""Slack's retried events are handled once across Rasa replicas when Redis is configured: the memory
of seen event ids lives in Redis, not in each process (issue 19's deployment finding)."""

from __future__ import annotations

import asyncio

import redis.asyncio as redis_client

from channels.slack import RecentlySeen, SharedSeen


def test_a_retry_reaching_another_replica_is_recognised(redis):
    async def scenario() -> tuple[bool, bool, bool, bool]:
        replica_a = SharedSeen(redis_client.Redis(host="127.0.0.1", port=redis_port))
        replica_b = SharedSeen(redis_client.Redis(host="127.0.0.1", port=redis_port))
        first = await replica_a.first_time("Ev123", "C1:1700000000.1")
        retried_elsewhere = await replica_b.first_time("Ev123", "C1:1700000000.1")
        same_message_other_event = await replica_b.first_time("Ev124", "C1:1700000000.1")
        new = await replica_b.first_time("Ev125", "C1:1700000001.2")
        return first, retried_elsewhere, same_message_other_event, new

    redis_port = redis
    assert asyncio.run(scenario()) == (True, False, False, True)


def test_without_redis_each_process_remembers_on_its_own(monkeypatch):
    monkeypatch.delenv("REDIS_HOST", raising=False)
    assert SharedSeen.from_environment() is None

    async def twice() -> tuple[bool, bool]:
        seen = RecentlySeen()
        return await seen.first_time("Ev1"), await seen.first_time("Ev1")

    assert asyncio.run(twice()) == (True, False)
