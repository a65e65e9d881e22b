"""Horizontal scale: two Rasa processes share PostgreSQL (tracker) and Redis (lock store).

One conversation's messages alternate between the two processes (and some arrive at both at
once); every user message and bot reply must be in the shared tracker, once, in order.
"""

from __future__ import annotations

import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from servers import MODEL, ROOT, Service, free_port, rasa_command, start_servers

pytestmark = pytest.mark.e2e


def test_two_rasa_processes_share_one_conversation_without_losing_or_reordering(tmp_path, postgres, redis):
    work = tmp_path / "work"
    work.mkdir()
    action_port = free_port()
    # The shipped cluster endpoints file, filled from the environment exactly as in production.
    cluster_env = {
        "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{action_port}/webhook",
        "TRACKER_DB_HOST": "127.0.0.1", "TRACKER_DB_PORT": str(postgres), "TRACKER_DB_NAME": "imnm",
        "TRACKER_DB_USER": "imnm", "TRACKER_DB_PASSWORD": "unused",
        "REDIS_HOST": "127.0.0.1", "REDIS_PORT": str(redis),
    }
    env_file = ROOT / "endpoints.cluster.yml"
    servers = start_servers(work, endpoints=env_file, action_port=action_port, extra_env=cluster_env)
    second_port = free_port()
    second = Service("rasa-2", rasa_command(MODEL, second_port, servers.token, env_file, None),
                     work / "logs" / "rasa-2.log", servers.rasa.env)
    servers.extra.append(second)
    second.start()
    try:
        second_url = f"http://127.0.0.1:{second_port}"
        deadline = time.monotonic() + 240
        while True:
            try:
                servers.send("__warmup2__", "hello", timeout=5, url=second_url)
                break
            except Exception:
                if time.monotonic() > deadline or not second.running():
                    raise
                time.sleep(0.5)
        urls = [servers.url, second_url]
        sender = f"scale-{uuid.uuid4().hex[:8]}"
        turns = ["hello", "anti-HMGCR positive", "moderate weakness", "wt 176 lbs", "currently on atorvastatin",
                 "why?", "sorry, 75 kg"]
        replies = [servers.send(sender, text, url=urls[i % 2]) for i, text in enumerate(turns)]
        assert "80 mg/day" in replies[4] and "75 mg/day" in replies[6], [r[:150] for r in replies]
        with ThreadPoolExecutor(max_workers=4) as pool:
            burst = [f"extra note {n}" for n in range(4)]
            burst_replies = list(pool.map(lambda pair: servers.send(sender, pair[1], url=urls[pair[0] % 2]),
                                          enumerate(burst)))
        assert all(burst_replies), burst_replies
        # A reply that took longer than the channel's answer window is a notice, and the message is
        # still being processed; wait for processing to finish before checking the record.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            said = [e["text"] for e in servers.tracker(sender)["events"] if e["event"] == "user"]
            if len(said) >= len(turns) + len(burst):
                break
            time.sleep(0.5)
        for url in urls:
            events = servers.tracker(sender, url=url)["events"]
            said = [e["text"] for e in events if e["event"] == "user"]
            assert said[: len(turns)] == turns
            assert sorted(said[len(turns):]) == sorted(burst)
            bot_turns = sum(1 for e in events if e["event"] == "bot")
            assert bot_turns >= len(turns) + len(burst)
        assert servers.tracker(sender, url=urls[0])["events"] == servers.tracker(sender, url=urls[1])["events"]
    finally:
        servers.stop()

