"""The benchmark's load generator: both clients send the same requests and count failures the same way."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from scripts import bench_compare


class _Bot(BaseHTTPRequestHandler):
    """Answers each REST message with its own text; fails every message that says 'fail'."""

    seen: list[tuple[str, str, bool]] = []

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        _Bot.seen.append((body["sender"], body["message"], self.headers.get("Authorization", "").startswith("Bearer ")))
        status, reply = (500, []) if body["message"] == "fail" else (200, [{"text": body["message"]}])
        payload = json.dumps(reply).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    request_queue_size = 64  # 20 users connect at once; the default backlog of 5 refuses some


@pytest.fixture
def bot_url():
    _Bot.seen = []
    server = _Server(("127.0.0.1", 0), _Bot)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.parametrize("client", ["async", "threads"])
@pytest.mark.parametrize("keep_alive", [False, True])
def test_each_user_sends_its_conversation_in_order(bot_url, monkeypatch, client, keep_alive):
    monkeypatch.setattr(bench_compare, "CLIENT", client)
    monkeypatch.setattr(bench_compare, "KEEP_ALIVE", keep_alive)
    said, outcomes, elapsed = bench_compare.one_round(bot_url, 3, ["hello", "anti-SRP", "fail", "thanks"])
    assert len(said) == 3 and len(outcomes) == 12 and elapsed > 0
    for sender in said:
        assert [text for who, text, _ in _Bot.seen if who == sender] == ["hello", "anti-SRP", "fail", "thanks"]
    assert all(authorised for _, _, authorised in _Bot.seen)
    answered = [(reply, error) for _, reply, error in outcomes if error is None]
    assert sorted(reply[0]["text"] for reply, _ in answered) == sorted(["hello", "anti-SRP", "thanks"] * 3)
    failed = [error for _, _, error in outcomes if error is not None]
    assert len(failed) == 3 and all(failed)  # the 500s are counted as lost, by type


def test_each_user_tells_its_own_facts(bot_url):
    """A cache keyed on a message's text must not answer one user from another's work: the facts differ."""
    said, _outcomes, _elapsed = bench_compare.one_round(bot_url, 20, bench_compare.CONVERSATION[:5])
    weights = [texts[3] for texts in said.values()]
    assert len(set(weights)) == 20 and all(text.startswith("she weighs ") and text.endswith(" kg") for text in weights)
    assert {texts[1] for texts in said.values()} == {"anti-HMGCR positive", "anti-SRP positive"}
    assert all("{" not in text for texts in said.values() for text in texts)
    for sender, texts in said.items():
        assert [text for who, text, _ in _Bot.seen if who == sender] == texts
