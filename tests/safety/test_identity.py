"""Conversation identity the caller cannot forge (issue 19): widget sessions are issued and signed by
the server and a connection writes only to its own; REST speaks for the conversation its bearer token
names, and a server without a key refuses REST messages rather than trust the caller; cross-site
text/plain and form posts are refused."""

from __future__ import annotations

import threading
import time
import uuid

import pytest
import requests
import socketio
from servers import start_servers

from scripts.rest_token import mint

pytestmark = pytest.mark.e2e
PLAN = "70 kg, anti-HMGCR positive, moderate weakness, on atorvastatin"


class Widget:
    """A Socket.IO client speaking as the web widget does (long-polling)."""

    def __init__(self, url: str) -> None:
        self.client = socketio.Client(reconnection=False)
        self.session: str | None = None
        self.replies: list[str] = []
        self.confirmed = threading.Event()
        self.client.on("session_confirm", self._confirm)
        self.client.on("bot_uttered", lambda data: self.replies.append((data or {}).get("text", "")))
        self.client.connect(url, transports=["polling"], headers={"Origin": url})

    def _confirm(self, session: str) -> None:
        self.session = session
        self.confirmed.set()

    def start(self, session_id: str | None = None) -> str:
        self.confirmed.clear()
        self.client.emit("session_request", {"session_id": session_id})
        assert self.confirmed.wait(20), "no session_confirm"
        return self.session

    def say(self, text: str, session_id: str | None) -> None:
        self.client.emit("user_uttered", {"message": text, "session_id": session_id,
                                          "customData": {"audience": "clinician"}})

    def wait_for(self, words: str, seconds: float = 30) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if any(words in reply for reply in self.replies):
                return True
            time.sleep(0.2)
        return False


def test_a_widget_cannot_choose_or_take_over_a_conversation(servers):
    owner = Widget(servers.url)
    intruder = Widget(servers.url)
    try:
        chosen = owner.start("dr-lee")
        assert chosen != "dr-lee" and "." in chosen  # a chosen id is replaced by a server-issued one
        owner.say(PLAN, chosen)
        assert owner.wait_for("70 mg/day")
        own = intruder.start()
        assert own != chosen
        intruder.say("actually she weighs 40 kg", chosen)  # writing into someone else's session
        time.sleep(3)
        assert servers.tracker(chosen)["slots"]["weight_kg"] == 70.0
        assert not any("40 mg" in reply for reply in owner.replies + intruder.replies)
    finally:
        owner.client.disconnect()
        intruder.client.disconnect()


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded"])
def test_a_cross_site_simple_post_is_refused(servers, content_type):
    answered = requests.post(f"{servers.url}/webhooks/rest/webhook", timeout=30,
                             data='{"sender": "csrf-1", "message": "70 kg"}', headers={"Content-Type": content_type})
    assert answered.status_code == 415
    assert servers.tracker("csrf-1")["events"] in ([], None) or not any(
        event.get("event") == "user" for event in servers.tracker("csrf-1")["events"])


@pytest.fixture(scope="module")
def keyless_servers(tmp_path_factory):
    running = start_servers(tmp_path_factory.mktemp("rest-no-key"), extra_env={"IMNM_REST_JWT_KEY": "",
                                                                                   "IMNM_REST_TRUST_SENDER": ""})
    yield running
    running.stop()


def bearer(subject: str, key: str, lifetime: int = 300) -> dict:
    return {"Authorization": f"Bearer {mint(subject, key, minutes=lifetime / 60)}"}


def rest(servers, body: dict, headers: dict | None = None) -> requests.Response:
    return requests.post(f"{servers.url}/webhooks/rest/webhook", json=body, headers=headers or {}, timeout=30)


def test_the_token_names_the_conversation(servers):
    answered = rest(servers, {"message": PLAN}, bearer("ward-7-patient-3", servers.rest_key))
    assert answered.status_code == 200 and "70 mg/day" in answered.json()[0]["text"]
    assert servers.tracker("ward-7-patient-3")["slots"]["weight_kg"] == 70.0


@pytest.mark.parametrize("case", ["no token", "another subject", "wrong key", "expired"])
def test_no_one_else_reads_or_writes_the_conversation(servers, case):
    owner = f"ward-{uuid.uuid4().hex[:8]}"
    servers.send(owner, PLAN)
    headers, body = {
        "no token": ({}, {"sender": owner, "message": "why?"}),
        "another subject": (bearer("someone-else", servers.rest_key), {"sender": owner, "message": "why?"}),
        "wrong key": (bearer(owner, "w" * 32), {"message": "why?"}),
        "expired": (bearer(owner, servers.rest_key, lifetime=-60), {"message": "why?"}),
    }[case]
    answered = rest(servers, body, headers)
    assert answered.status_code == 401 and "70 mg" not in answered.text


def test_a_server_without_a_rest_key_refuses_rather_than_trusts_the_sender(keyless_servers):
    answered = rest(keyless_servers, {"sender": "dr-lee", "message": "why?"})
    assert answered.status_code == 503 and "IMNM_REST_JWT_KEY" in answered.json()["error"]
    assert "rest.identity.missing" in (keyless_servers.workdir / "logs" / "rasa.log").read_text()
