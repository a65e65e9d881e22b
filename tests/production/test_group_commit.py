"""Durable writes off the event loop (imnm/group_commit.py), and the audit trail written through them."""

from __future__ import annotations

import asyncio
import time
from datetime import datetime, timezone

import pytest
import sqlalchemy as sa

from imnm import audit, build_facts, recommend
from imnm.group_commit import GroupCommitter
from imnm.render import render


@pytest.fixture
def engine(tmp_path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'store.db'}")
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE rows (n INTEGER UNIQUE)")
    return engine


def _insert(n: int):
    return lambda connection: connection.execute(sa.text("INSERT INTO rows (n) VALUES (:n)"), {"n": n})


def _stored(engine) -> list[int]:
    with engine.connect() as connection:
        return sorted(n for (n,) in connection.exec_driver_sql("SELECT n FROM rows"))


def test_concurrent_writes_are_all_committed_in_fewer_transactions(engine):
    commits = []
    sa.event.listen(engine, "commit", lambda connection: commits.append(1))
    writer = GroupCommitter(engine, "test")

    def slow_first(connection):
        time.sleep(0.2)  # the others queue up meanwhile
        _insert(0)(connection)

    async def main():
        first = asyncio.create_task(writer.write(slow_first))
        await asyncio.sleep(0.05)
        await asyncio.gather(first, *(writer.write(_insert(n)) for n in range(1, 40)))

    asyncio.run(main())
    assert _stored(engine) == list(range(40))
    assert len(commits) <= 3, f"{len(commits)} commits for 40 writes: not grouped"


def test_a_failing_write_fails_only_its_caller(engine):
    writer = GroupCommitter(engine, "test")

    async def main():
        block = asyncio.create_task(writer.write(lambda connection: time.sleep(0.2)))
        await asyncio.sleep(0.05)
        outcomes = await asyncio.gather(writer.write(_insert(1)), writer.write(_insert(1)),  # a duplicate
                                        writer.write(_insert(2)), return_exceptions=True)
        await block
        return outcomes

    outcomes = asyncio.run(main())
    assert outcomes[0] is None and outcomes[2] is None
    assert isinstance(outcomes[1], sa.exc.IntegrityError)
    assert _stored(engine) == [1, 2]


def test_the_event_loop_keeps_running_while_a_write_waits_for_the_disk(engine):
    writer = GroupCommitter(engine, "test")
    ticks = []

    async def ticker():
        for _ in range(10):
            ticks.append(time.monotonic())
            await asyncio.sleep(0.02)

    async def main():
        def slow(connection):
            time.sleep(0.3)
            _insert(1)(connection)
        await asyncio.gather(writer.write(slow), ticker())

    asyncio.run(main())
    assert len(ticks) == 10 and ticks[-1] - ticks[0] < 0.29, "the loop stopped while the write ran"
    assert _stored(engine) == [1]


def test_audit_rows_written_concurrently_form_one_verified_chain(tmp_path):
    db = tmp_path / "audit.db"
    recommendation = recommend(build_facts(antibody="HMGCR", severity="moderate", weight_kg=70, statin="current"))
    shown = render(recommendation)
    when = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)

    async def main():
        await asyncio.gather(*(audit.record_async(recommendation, f"conv-{n}", shown, when, db) for n in range(30)))

    asyncio.run(main())
    audit.record(recommendation, "conv-sync", shown, when, db)  # the synchronous path continues the same chain
    verdict = audit.verify(db)
    assert verdict.ok, verdict.problem
    assert verdict.chained == 31
    exported = audit.export("2026-12-01", "2026-12-01", db)
    assert {row["conversation_id"] for row in exported} == {f"conv-{n}" for n in range(30)} | {"conv-sync"}
