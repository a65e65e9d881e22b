"""No message text in any log, at any level, even when an action fails (issue 19: on an action error
Rasa's ERROR log held the whole tracker, echoed back by the action server)."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
from servers import ACTIONS_TOKEN, free_port, shipped_endpoints, start_servers

pytestmark = pytest.mark.e2e
SECRET = "Mrs Quartermaine-Oduya, MRN 44719, 70 kg"


class EchoingFailure(BaseHTTPRequestHandler):
    """An action server that fails the way rasa_sdk's default error handler does: 500, request echoed."""

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self.send_response(200)
        self.end_headers()

    def do_POST(self) -> None:  # noqa: N802
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        answer = json.dumps({"error": "boom", "request_body": json.loads(body or b"{}")}).encode()
        self.send_response(500)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args) -> None:
        return


def test_rasa_logs_no_message_text_at_debug_level_when_the_action_server_fails(tmp_path):
    failing = ThreadingHTTPServer(("127.0.0.1", free_port()), EchoingFailure)
    threading.Thread(target=failing.serve_forever, daemon=True).start()
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(shipped_endpoints(failing.server_address[1], tmp_path / "tracker.db"))
    servers = start_servers(tmp_path, endpoints=endpoints, extra_env={"LOG_LEVEL": "DEBUG"})
    try:
        reply = servers.send("log-check", SECRET)
        assert "Nothing you wrote was lost" in reply or "cannot" in reply.lower()
    finally:
        servers.stop()
        failing.shutdown()
    log = (tmp_path / "logs" / "rasa.log").read_text()
    assert "DEBUG" in log and ("Failed to execute custom action" in log or "exception" in log.lower())
    assert "Quartermaine" not in log and "44719" not in log
    assert "[message text removed]" in log


def test_an_action_error_on_the_action_server_logs_and_echoes_no_message_text(servers):
    call = {"next_action": "action_respond", "sender_id": "crash", "version": "3.6.21", "domain": {},
            "tracker": {"sender_id": "crash", "slots": {"red_flags": 5, "weight_kg": "seventy"},
                        "latest_message": {"text": SECRET, "intent": {"name": "give_facts"}, "entities": []},
                        "events": [{"event": "user", "text": SECRET}], "paused": False, "followup_action": None,
                        "active_loop": {}, "latest_action_name": "action_listen"}}
    answered = requests.post(f"http://127.0.0.1:{servers.action_port}/webhook", json=call,
                             headers={"X-IMNM-Actions-Token": ACTIONS_TOKEN}, timeout=30)
    assert answered.status_code == 500 and "Quartermaine" not in answered.text
    log = (servers.workdir / "logs" / "actions.log").read_text()
    assert "actions.failure" in log and "Quartermaine" not in log and "44719" not in log
