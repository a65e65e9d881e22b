"""Faults that must be survived: action server down, Rasa restarted, database unreachable."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid

import pytest
from servers import ROOT, start_servers, wait_for_http

pytestmark = pytest.mark.e2e
THIN_PATH = "70 kg, anti-HMGCR positive, moderate weakness, on atorvastatin"


@pytest.fixture
def own_servers(tmp_path):
    servers = start_servers(tmp_path)
    yield servers
    servers.stop()


def test_action_server_down_gives_a_clear_notice_fast_and_recovers(own_servers):
    sender = f"fault-{uuid.uuid4().hex[:8]}"
    own_servers.actions.stop()
    started = time.monotonic()
    reply = own_servers.send(sender, THIN_PATH)
    assert time.monotonic() - started < 5
    assert "cannot compute the recommendation right now" in reply and "Nothing you wrote was lost" in reply
    assert own_servers.tracker(sender)["slots"]["weight_kg"] == 70.0
    own_servers.actions.start()
    wait_for_http(f"http://127.0.0.1:{own_servers.action_port}/health")
    again = own_servers.send(sender, "please try again")
    assert "70 mg/day" in again


def test_slow_action_server_still_answers_within_5_seconds(own_servers):
    sender = f"slow-{uuid.uuid4().hex[:8]}"
    group = own_servers.actions.process.pid
    os.killpg(group, signal.SIGSTOP)  # the server accepts connections but never answers
    try:
        started = time.monotonic()
        reply = own_servers.send(sender, THIN_PATH, timeout=20)
        assert time.monotonic() - started < 5
        assert "cannot compute the recommendation right now" in reply
    finally:
        os.killpg(group, signal.SIGCONT)


def test_restarted_rasa_server_continues_the_conversation(own_servers):
    sender = f"restart-{uuid.uuid4().hex[:8]}"
    own_servers.send(sender, "anti-SRP positive, severe, never on a statin")
    own_servers.rasa.stop(sig=9)
    own_servers.rasa.start()
    own_servers.wait_until_answering()
    tracker = own_servers.tracker(sender)
    assert tracker["slots"]["antibody"] == "SRP" and tracker["slots"]["severity"] == "severe"
    reply = own_servers.send(sender, "58 kg")
    assert "rituximab" in reply.lower() and "58-116 mg" in reply


def test_unreachable_database_at_start_is_a_clear_error_naming_the_setting():
    env = {"TRACKER_DB_HOST": "127.0.0.1", "TRACKER_DB_PORT": "1", "TRACKER_DB_NAME": "imnm",
           "TRACKER_DB_USER": "imnm", "TRACKER_DB_PASSWORD": "x"}
    result = subprocess.run([sys.executable, "-m", "scripts.check_tracker_db"], cwd=ROOT,
                            env={**os.environ, **env}, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "TRACKER_DB_HOST" in result.stderr and "Traceback" not in result.stderr


def _user_texts(servers, sender: str) -> list[str]:
    return [event.get("text") for event in servers.tracker(sender)["events"] if event.get("event") == "user"]


def test_a_turn_reported_saved_survives_rasa_killed_while_the_action_server_hangs(own_servers):
    """The notice says "saved" only once the message is in the store: killing Rasa then loses nothing."""
    sender = f"hang-{uuid.uuid4().hex[:8]}"
    own_servers.send(sender, "anti-HMGCR positive, moderate weakness")
    group = own_servers.actions.process.pid
    os.killpg(group, signal.SIGSTOP)
    try:
        reply = own_servers.send(sender, "she weighs 64 kg", timeout=20)
        assert "Nothing you wrote was lost" in reply
        own_servers.rasa.stop(sig=signal.SIGKILL)  # killed while the action call still hangs
    finally:
        os.killpg(group, signal.SIGCONT)
    own_servers.rasa.start()
    own_servers.wait_until_answering()
    assert "she weighs 64 kg" in _user_texts(own_servers, sender)


def test_a_turn_reported_saved_survives_the_action_server_killed(own_servers):
    sender = f"kill-{uuid.uuid4().hex[:8]}"
    own_servers.send(sender, "anti-SRP positive, severe, never on a statin")
    own_servers.actions.stop(sig=signal.SIGKILL)
    reply = own_servers.send(sender, "58 kg")
    assert "Nothing you wrote was lost" in reply and "58 kg" in _user_texts(own_servers, sender)
    own_servers.actions.start()
    wait_for_http(f"http://127.0.0.1:{own_servers.action_port}/health")
    assert "58 mg/day" in own_servers.send(sender, "please try again")


def test_a_message_that_cannot_be_stored_is_never_reported_saved(own_servers):
    """A lone surrogate cannot be written to the store: the notice must not claim it was kept."""
    import requests

    answered = requests.post(f"{own_servers.url}/webhooks/rest/webhook", timeout=30,
                             data='{"sender": "surrogate-1", "message": "70 kg \\ud800 HMGCR"}',
                             headers={"Content-Type": "application/json", **own_servers.rest_headers("surrogate-1")})
    assert answered.status_code < 500
    text = " ".join(part.get("text", "") for part in answered.json())
    assert "Nothing you wrote was lost" not in text


def test_a_plan_finished_after_the_notice_is_not_audited_as_issued(own_servers):
    """The REST caller got the notice; the late plan is never shown to them, so it is not a row."""
    from datetime import datetime, timezone

    from imnm import audit

    sender = f"late-{uuid.uuid4().hex[:8]}"
    group = own_servers.actions.process.pid
    os.killpg(group, signal.SIGSTOP)
    try:
        assert "Nothing you wrote was lost" in own_servers.send(sender, THIN_PATH, timeout=20)
        time.sleep(2)  # still hung after the notice
    finally:
        os.killpg(group, signal.SIGCONT)
    time.sleep(3)  # the late plan is computed now, after the notice
    today = datetime.now(timezone.utc).date().isoformat()

    def rows() -> int:
        trail = own_servers.workdir / "audit.db"
        if not trail.exists():
            return 0
        return len([r for r in audit.export(today, today, trail) if r["conversation_id"] == sender])

    assert rows() == 0
    assert "70 mg/day" in own_servers.send(sender, "please try again")
    assert rows() == 1
