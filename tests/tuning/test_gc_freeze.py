"""The start-up heap is frozen once the agent is loaded, so full collections skip it."""

from __future__ import annotations

import asyncio
import gc

import rasa.core.run

import rasa_tuning
from rasa_tuning import gc_freeze
from rasa_tuning._replace import ORIGINAL

rasa_tuning.install()


def test_the_server_start_hook_is_installed():
    assert rasa.core.run.load_agent_on_start is gc_freeze.load_agent_on_start


def test_loading_the_agent_freezes_what_exists_then_and_returns_the_agent(monkeypatch):
    async def load(*args, **kwargs):
        return ("agent", args, kwargs)

    monkeypatch.setattr(gc_freeze.load_agent_on_start, ORIGINAL, load)
    held = [{"n": n} for n in range(1000)]  # containers the collector tracks
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    try:
        loaded = asyncio.run(gc_freeze.load_agent_on_start("model.tar.gz", app=None))
        assert loaded == ("agent", ("model.tar.gz",), {"app": None})
        assert gc.get_freeze_count() >= len(held)
    finally:
        gc.unfreeze()


def test_the_action_server_is_warmed_and_frozen_at_start():
    from actions.startup import warm_up_and_freeze
    from imnm.language.extract.pipeline import build_pipeline

    gc.unfreeze()
    try:
        assert warm_up_and_freeze() > 0
        assert build_pipeline.cache_info().currsize == 1  # the first message does not build it
    finally:
        gc.unfreeze()


def test_a_full_collection_after_the_freeze_skips_the_start_up_heap(monkeypatch):
    """Measured: with a model-sized heap of long-lived containers, a full collection after the start
    hook's freeze takes a fraction of the time it took before (the heap is no longer walked)."""
    import statistics
    import time

    heap: list = []

    async def load(*args, **kwargs):
        heap.extend({"weights": [n, n + 1]} for n in range(400_000))  # what loading a model leaves behind
        return "agent"

    def full_collection_ms() -> float:
        samples = []
        for _ in range(5):
            started = time.perf_counter()
            gc.collect()
            samples.append((time.perf_counter() - started) * 1000)
        return statistics.median(samples)

    monkeypatch.setattr(gc_freeze.load_agent_on_start, ORIGINAL, load)
    gc.unfreeze()
    try:
        asyncio.run(load())
        before = full_collection_ms()
        heap.clear()
        gc.collect()
        asyncio.run(gc_freeze.load_agent_on_start("model.tar.gz"))
        after = full_collection_ms()
        print(f"\nfull collection with 400,000 start-up containers: {before:.1f} ms, frozen {after:.1f} ms")
        assert after < before / 3
    finally:
        gc.unfreeze()
        heap.clear()
