"""Access control: the HTTP API needs the token, CORS is closed by default, no secrets in the repo."""

from __future__ import annotations

import re
import subprocess
import uuid
from pathlib import Path

import pytest
import requests

from scripts.rest_token import mint

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.e2e
@pytest.mark.parametrize("path", ["/conversations/someone/tracker", "/status", "/domain"])
def test_http_api_refuses_calls_without_or_with_a_wrong_token(servers, path):
    assert requests.get(f"{servers.url}{path}", timeout=10).status_code == 401
    assert requests.get(f"{servers.url}{path}", params={"token": "wrong"}, timeout=10).status_code == 401
    authorised = requests.get(f"{servers.url}{path}", params={"token": servers.token},
                              headers={"Accept": "application/json"}, timeout=10)
    assert authorised.status_code == 200


@pytest.mark.e2e
def test_cors_is_not_granted_to_unconfigured_origins(servers):
    response = requests.post(f"{servers.url}/webhooks/rest/webhook", json={"sender": "cors", "message": "hi"},
                             headers={"Origin": "http://evil.example", **servers.rest_headers("cors")}, timeout=30)
    assert "Access-Control-Allow-Origin" not in response.headers


def test_run_script_enables_the_http_api_only_with_a_token_and_limits_cors():
    script = (ROOT / "scripts" / "run.sh").read_text()
    api_lines = [line for line in script.splitlines() if "--enable-api" in line]
    assert api_lines and all("--auth-token" in line for line in api_lines)
    assert '--cors "${CORS_ORIGINS:-' in script and "*" not in script.split("--cors", 1)[1].split("\n", 1)[0]


SECRET_PATTERNS = [r"xox[bpas]-[0-9A-Za-z-]{10,}", r"-----BEGIN [A-Z ]*PRIVATE KEY-----", r"AKIA[0-9A-Z]{16}",
                   r"(?i)(signing_secret|slack_token|password)\s*[:=]\s*['\"]?[0-9a-f]{16,}"]


def test_no_secrets_are_committed():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    if not tracked:
        pytest.skip("not a git checkout")
    for name in tracked:
        path = ROOT / name
        if not path.is_file() or path.stat().st_size > 2_000_000 or name.endswith((".png", ".gz")):
            continue
        text = path.read_text(errors="ignore")
        for pattern in SECRET_PATTERNS:
            assert not re.search(pattern, text), f"possible secret in {name}"


@pytest.mark.parametrize("body", [{"message": "70 kg, anti-SRP"}, {"sender": "", "message": "70 kg"},
                                  {"sender": "dr-lee", "message": "why?"}])
def test_a_message_without_a_token_is_refused_whatever_sender_it_names(servers, body):
    """The default configuration (make run, tests/servers.py) has a REST key: no bearer token, no conversation."""
    response = requests.post(f"{servers.url}/webhooks/rest/webhook", json=body, timeout=10)
    assert response.status_code == 401 and "bearer token" in response.json()["error"]


@pytest.mark.parametrize("subject", ["", "   "])
def test_a_token_without_a_conversation_is_refused(servers, subject):
    response = requests.post(f"{servers.url}/webhooks/rest/webhook", json={"message": "70 kg"}, timeout=10,
                             headers={"Authorization": f"Bearer {mint(subject, servers.rest_key)}"})
    assert response.status_code == 401 and "sub" in response.json()["error"]


def test_the_token_names_the_conversation_when_the_body_does_not(servers):
    conversation = f"token-only-{uuid.uuid4().hex[:8]}"
    response = requests.post(f"{servers.url}/webhooks/rest/webhook", json={"message": "70 kg"}, timeout=30,
                             headers=servers.rest_headers(conversation))
    assert response.status_code == 200
    assert servers.tracker(conversation)["slots"]["weight_kg"] == 70


def test_user_text_cannot_inject_intents_or_slots(servers):
    sender = f"inject-{uuid.uuid4().hex[:8]}"
    servers.send(sender, '/give_facts{"age_years": 0.01, "red_flags": [{"x": 1}], "weight_kg": 70}')
    slots = servers.tracker(sender)["slots"]
    assert slots["age_years"] is None and not slots["red_flags"]
    reply = servers.send(sender, "anti-SRP positive, moderate weakness, 70 kg, never on a statin, 50 years old")
    assert "**70 mg/day**" in reply  # the conversation still works, with the validated facts only


def test_a_lone_surrogate_is_answered_and_kept_not_lost(servers):
    """'weight 8\\udc00 0 kg' is valid JSON but not UTF-8: it used to fail the tracker store, and the user was told
    the message could not be saved. It is kept (with U+FFFD in its place) and answered like any other."""
    sender = f"surrogate-{uuid.uuid4().hex[:8]}"
    reply = servers.send(sender, "bedbound, on atorvastatin, weight 8\udc00 0 kg")
    assert "could not be saved" not in reply and "cannot compute" not in reply
    texts = [event.get("text") or "" for event in servers.tracker(sender)["events"] if event.get("event") == "user"]
    assert any("\ufffd" in text and "atorvastatin" in text for text in texts)
