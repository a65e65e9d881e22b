"""Slack, without the internet: signed Events API requests in, a local fake Web API out."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import uuid
from urllib.parse import urlencode

import pytest
import requests
from fake_slack import FakeSlack  # noqa: I001
from servers import start_servers

pytestmark = pytest.mark.e2e
SECRET = "test-signing-secret"
THIN_PATH = "70 kg, anti-HMGCR positive, moderate weakness, on atorvastatin"


@pytest.fixture(scope="module")
def slack(tmp_path_factory):
    work = tmp_path_factory.mktemp("slack")
    credentials = work / "credentials.yml"
    credentials.write_text("channels.rest.ResilientRestInput:\nchannels.slack.ImnmSlackInput:\n  use_threads: true\n")
    with FakeSlack() as fake:
        servers = start_servers(work, credentials=credentials, extra_env={
            "SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_BASE_URL": fake.url})
        try:
            yield servers, fake
        finally:
            servers.stop()


def event(text: str, **overrides) -> dict:
    ts = f"{time.time():.6f}"
    body = {"type": "event_callback", "event_id": f"Ev{uuid.uuid4().hex[:10]}", "team_id": "T1",
            "event": {"type": "message", "channel_type": "im", "channel": "D1", "user": f"U{uuid.uuid4().hex[:6]}",
                      "text": text, "ts": ts}}
    body["event"].update(overrides.pop("event", {}))
    body.update(overrides)
    return body


def post(servers, body, secret: str = SECRET, timestamp: int | None = None, headers: dict | None = None,
         raw: bytes | None = None, sign: bool = True) -> requests.Response:
    data = raw if raw is not None else json.dumps(body).encode()
    ts = str(timestamp if timestamp is not None else int(time.time()))
    signature = "v0=" + hmac.new(secret.encode(), f"v0:{ts}:".encode() + data, hashlib.sha256).hexdigest()
    all_headers = {"Content-Type": "application/json", "X-Slack-Request-Timestamp": ts, **(headers or {})}
    if sign:
        all_headers["X-Slack-Signature"] = signature
    return requests.post(f"{servers.url}/webhooks/slack/webhook", data=data, headers=all_headers, timeout=10)


def posts_for(fake: FakeSlack, channel: str, expected: int = 1, timeout: float = 30) -> list[dict]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [p for p in fake.posts if p.get("channel") == channel]
        if len(found) >= expected:
            return found
        time.sleep(0.2)
    return [p for p in fake.posts if p.get("channel") == channel]


def test_signed_event_gets_exactly_one_threaded_reply_with_the_dose(slack):
    servers, fake = slack
    body = event(THIN_PATH, event={"channel": "D-ok"})
    started = time.monotonic()
    assert post(servers, body).status_code == 200
    assert time.monotonic() - started < 3
    posts_for(fake, "D-ok")
    time.sleep(2)  # give a duplicate reply time to arrive, if there were one
    replies = [p for p in fake.posts if p.get("channel") == "D-ok"]
    assert len(replies) == 1
    text = json.dumps(replies[0])
    assert "70 mg/day" in text and replies[0]["thread_ts"] == body["event"]["ts"]
    assert replies[0]["blocks"][0]["type"] == "section"


@pytest.mark.parametrize("case", ["bad signature", "missing signature", "stale timestamp"])
def test_unauthentic_requests_are_rejected_and_get_no_reply(slack, case):
    servers, fake = slack
    channel = f"D-{case.replace(' ', '-')}"
    body = event(THIN_PATH, event={"channel": channel})
    if case == "bad signature":
        answer = post(servers, body, secret="wrong")
    elif case == "missing signature":
        answer = post(servers, body, sign=False)
    else:
        answer = post(servers, body, timestamp=int(time.time()) - 600)
    assert 400 <= answer.status_code < 500
    time.sleep(3)
    assert posts_for(fake, channel, timeout=0.1) == []


def test_retry_of_the_same_event_does_not_duplicate_the_reply(slack):
    servers, fake = slack
    body = event(THIN_PATH, event={"channel": "D-retry"})
    assert post(servers, body).status_code == 200
    retry = post(servers, body, headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_error"})
    assert retry.status_code == 200
    mention = dict(body, event_id="Ev-other", event={**body["event"], "type": "app_mention"})
    assert post(servers, mention).status_code == 200
    posts_for(fake, "D-retry")
    time.sleep(3)
    assert len([p for p in fake.posts if p.get("channel") == "D-retry"]) == 1


@pytest.mark.parametrize("overrides", [{"bot_id": "B1"}, {"subtype": "bot_message"}, {"subtype": "message_changed"}])
def test_bot_messages_and_edits_do_not_trigger_replies(slack, overrides):
    servers, fake = slack
    channel = f"D-{uuid.uuid4().hex[:6]}"
    assert post(servers, event(THIN_PATH, event={"channel": channel, **overrides})).status_code == 200
    time.sleep(3)
    assert posts_for(fake, channel, timeout=0.1) == []


def test_url_verification_challenge_is_echoed(slack):
    servers, _ = slack
    answer = post(servers, {"type": "url_verification", "challenge": "abc123", "token": "x"})
    assert answer.status_code == 200 and answer.json() == {"challenge": "abc123"}


@pytest.mark.parametrize("raw,status", [(b"{not json", 400), (b"[1, 2]", 400), (b"x" * 1_100_000, 413)])
def test_malformed_and_oversized_payloads_get_a_4xx_without_traceback(slack, raw, status):
    servers, _ = slack
    answer = post(servers, None, raw=raw)
    assert answer.status_code == status and "Traceback" not in answer.text


def test_unknown_event_types_are_acknowledged_and_ignored(slack):
    servers, fake = slack
    answer = post(servers, {"type": "event_callback", "event_id": "Ev-reaction",
                            "event": {"type": "reaction_added", "user": "U1", "reaction": "thumbsup"}})
    assert answer.status_code == 200


def click(servers, reply: dict, user: str, title: str, secret: str = SECRET) -> requests.Response:
    """Slack's block_actions request for a click on one of the reply's detail buttons."""
    actions = next(block for block in reply["blocks"] if block["type"] == "actions")
    button = next(b for b in actions["elements"] if b["text"]["text"] == title)
    payload = {"type": "block_actions", "user": {"id": user}, "channel": {"id": reply["channel"]},
               "trigger_id": uuid.uuid4().hex, "container": {"type": "message", "thread_ts": reply["thread_ts"]},
               "message": {"ts": f"{time.time():.6f}", "thread_ts": reply["thread_ts"]},
               "actions": [{**button, "block_id": actions["block_id"], "action_ts": f"{time.time():.6f}"}]}
    data = urlencode({"payload": json.dumps(payload)}).encode()
    ts = str(int(time.time()))
    signature = "v0=" + hmac.new(secret.encode(), f"v0:{ts}:".encode() + data, hashlib.sha256).hexdigest()
    return requests.post(f"{servers.url}/webhooks/slack/interactive", data=data, timeout=10, headers={
        "Content-Type": "application/x-www-form-urlencoded", "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": signature})


def test_detail_buttons_come_back_signed_and_continue_the_thread(slack):
    servers, fake = slack
    body = event(THIN_PATH, event={"channel": "D-buttons"})
    assert post(servers, body).status_code == 200
    plan = posts_for(fake, "D-buttons")[0]
    titles = [b["text"]["text"] for block in plan["blocks"] if block["type"] == "actions" for b in block["elements"]]
    assert {"Why", "Monitoring", "Sources", "Full plan"} <= set(titles)
    user = body["event"]["user"]
    assert click(servers, plan, user, "Monitoring", secret="wrong").status_code == 401
    time.sleep(2)
    assert len(posts_for(fake, "D-buttons", timeout=0.1)) == 1  # the bad signature got no reply
    assert click(servers, plan, user, "Monitoring").status_code == 200
    replies = posts_for(fake, "D-buttons", expected=2)
    assert len(replies) == 2 and replies[1]["thread_ts"] == plan["thread_ts"]
    assert "MMT8" in json.dumps(replies[1])  # the monitoring section of this patient's plan
    assert click(servers, plan, user, "Why").status_code == 200
    why = posts_for(fake, "D-buttons", expected=3)[2]
    assert "Why this plan" in json.dumps(why) and "70 kg" in json.dumps(why)
