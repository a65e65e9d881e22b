"""`make run`'s script as an operator uses it: custom ports from the environment reach both servers,
the files it creates with clinical data are readable by their owner only, and an action server that
dies is started again while Rasa keeps answering."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import time
import uuid
from pathlib import Path

import pytest
import requests
from servers import free_port

from scripts.rest_token import bearer

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]


def test_custom_ports_work_and_databases_are_owner_only(tmp_path):
    if not (ROOT / "models" / "imnm.tar.gz").exists():
        pytest.skip("no trained model")
    rasa_port, actions_port = free_port(), free_port()
    tracker = ROOT / "tracker.db"
    tracker_was_there = tracker.exists()
    env = {**os.environ, "RASA_PORT": str(rasa_port), "ACTIONS_PORT": str(actions_port),
           "IMNM_AUDIT_DB": str(tmp_path / "audit.db"), "TIMELINE_DIR": str(tmp_path / "timelines")}
    env.pop("TRACKER_DB_HOST", None)
    env.pop("IMNM_REST_JWT_KEY", None)  # run.sh makes the REST token key and keeps it, owner-only
    key_file = tmp_path / "keys" / "rest-jwt-key"
    env["IMNM_REST_KEY_FILE"] = str(key_file)
    process = subprocess.Popen(["scripts/run.sh"], cwd=ROOT, env=env, start_new_session=True,
                               stdout=(tmp_path / "run.log").open("w"), stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 240
        reply = ""
        while time.monotonic() < deadline:
            try:
                conversation = f"run-{uuid.uuid4().hex[:8]}"
                headers = bearer(conversation, key_file.read_text().strip()) if key_file.exists() else {}
                answer = requests.post(f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook", timeout=30, json={
                    "message": "70 kg, anti-HMGCR positive, moderate weakness, on atorvastatin, 50 years old"},
                    headers=headers)
                reply = " ".join(part.get("text", "") for part in answer.json())
                if "**70 mg/day**" in reply:
                    break
            except requests.RequestException:
                pass
            time.sleep(2)
        assert "**70 mg/day**" in reply, (tmp_path / "run.log").read_text()[-2000:]
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
        refused = requests.post(f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook", timeout=30,
                                json={"sender": "dr-lee", "message": "why?"})
        assert refused.status_code == 401  # no token, no conversation: the default, not an option
        # The action server dies: make run starts it again and Rasa stays up throughout.
        supervised = subprocess.run(["pgrep", "-f", f"run actions --port {actions_port}"], capture_output=True,
                                    text=True).stdout.split()
        assert supervised, "no action server process found"
        for pid in supervised:
            os.kill(int(pid), signal.SIGKILL)
        back = ""
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and "**70 mg/day**" not in back:
            time.sleep(2)
            conversation = f"run-{uuid.uuid4().hex[:8]}"
            answer = requests.post(f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook", timeout=30, json={
                "message": "70 kg, anti-HMGCR positive, moderate weakness, on atorvastatin, 50 years old"},
                headers=bearer(conversation, key_file.read_text().strip()))
            assert answer.status_code == 200  # Rasa never stopped answering
            back = " ".join(part.get("text", "") for part in answer.json())
        assert "**70 mg/day**" in back and "starting it again" in (tmp_path / "run.log").read_text()
        audit = tmp_path / "audit.db"
        assert audit.exists() and stat.S_IMODE(audit.stat().st_mode) == 0o600
        if not tracker_was_there:
            assert stat.S_IMODE(tracker.stat().st_mode) == 0o600
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        if not tracker_was_there:  # leave the checkout as it was (SQLite's WAL files included)
            for leftover in (tracker, ROOT / "tracker.db-wal", ROOT / "tracker.db-shm"):
                leftover.unlink(missing_ok=True)
