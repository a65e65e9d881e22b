"""The action server answers the assistant's own Rasa server only: a shared token on every action
call, and it listens on the loopback interface (issue 19: one POST used to write a forged audit row)."""

from __future__ import annotations

import socket
import sqlite3
from pathlib import Path

import pytest
import requests
from servers import ACTIONS_TOKEN

pytestmark = pytest.mark.e2e


def forged_call(sender: str) -> dict:
    return {"next_action": "action_respond", "sender_id": sender, "version": "3.6.21", "domain": {},
            "tracker": {"sender_id": sender, "slots": {"weight_kg": 70, "antibody": "HMGCR", "severity": "moderate",
                                                       "statin_status": "never"},
                        "latest_message": {"text": "70 kg", "intent": {"name": "give_facts"}, "entities": []},
                        "events": [], "paused": False, "followup_action": None, "active_loop": {},
                        "latest_action_name": "action_listen"}}


def audit_rows(servers, sender: str) -> int:
    with sqlite3.connect(servers.workdir / "audit.db") as db:
        if not db.execute("SELECT name FROM sqlite_master WHERE name = 'recommendations'").fetchone():
            return 0  # nothing was ever audited
        return db.execute("SELECT count(*) FROM recommendations WHERE conversation_id = ?", (sender,)).fetchone()[0]


@pytest.mark.parametrize("headers", [{}, {"X-IMNM-Actions-Token": "guess"}], ids=["no token", "wrong token"])
def test_an_action_call_without_the_rasa_servers_token_is_refused(servers, headers):
    url = f"http://127.0.0.1:{servers.action_port}/webhook"
    answered = requests.post(url, json=forged_call("forged-1"), headers=headers, timeout=30)
    assert answered.status_code == 401
    assert audit_rows(servers, "forged-1") == 0


def test_the_rasa_server_still_reaches_the_actions_and_health_stays_open(servers):
    assert requests.get(f"http://127.0.0.1:{servers.action_port}/health", timeout=10).ok
    reply = servers.send("token-ok", "70 kg, anti-HMGCR positive, moderate weakness, never on a statin")
    assert "70 mg/day" in reply
    with_token = requests.post(f"http://127.0.0.1:{servers.action_port}/webhook", json=forged_call("with-token"),
                               headers={"X-IMNM-Actions-Token": ACTIONS_TOKEN}, timeout=30)
    assert with_token.status_code == 200


def listening_addresses(port: int) -> set[str]:
    """IPv4 addresses a socket listens on for `port`, from the kernel's table (Linux)."""
    found = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, hex_port = local.split(":")
        if state == "0A" and int(hex_port, 16) == port:
            found.add(socket.inet_ntoa(bytes.fromhex(address)[::-1]))
    return found


def test_the_action_server_listens_on_loopback_only(servers):
    if not Path("/proc/net/tcp").exists():
        pytest.skip("no /proc/net/tcp on this system")
    assert listening_addresses(servers.action_port) == {"127.0.0.1"}
