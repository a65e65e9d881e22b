"""The CDS Hooks service on the running Rasa server, as an EHR calls it: discovery, a signed
patient-view call, and every way a call is refused (401 for the token, 400 for the body)."""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from pathlib import Path

import jsonschema
import jwt
import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import ec
from fhir_builders import antibody, hook_request, statin, weight
from servers import CDS_TEST_ISSUER

pytestmark = pytest.mark.e2e
SCHEMA = json.loads(Path(__file__).with_name("cds_hooks.schema.json").read_text())
SERVICE = "/webhooks/cds/cds-services/imnm-patient-view"


def token(servers, key=None, **changes) -> str:
    now = int(time.time())
    claims = {"iss": CDS_TEST_ISSUER, "aud": servers.url + SERVICE, "exp": now + 300, "iat": now,
              "jti": str(uuid.uuid4()), "tenant": "test-hospital", **changes}
    claims = {name: value for name, value in claims.items() if value is not None}
    return jwt.encode(claims, key or servers.cds_key, algorithm="ES384", headers={"kid": "test-ehr-1"})


def post(servers, body, authorization: str | None) -> requests.Response:
    headers = {"Content-Type": "application/json"}
    if authorization is not None:
        headers["Authorization"] = authorization
    data = body if isinstance(body, str) else json.dumps(body)
    return requests.post(servers.url + SERVICE, data=data, headers=headers, timeout=30)


def test_discovery_lists_the_service(servers):
    found = requests.get(servers.url + "/webhooks/cds/cds-services", timeout=10)
    assert found.status_code == 200
    jsonschema.validate(found.json(), {**SCHEMA, "$ref": "#/definitions/discovery"})
    assert found.json()["services"][0]["id"] == "imnm-patient-view"


def test_a_signed_call_gets_cards_and_an_audit_row(servers):
    request = hook_request(weights=[weight(70)], labs=[antibody("HMGCR", "positive")], requests=[statin()])
    answered = post(servers, request, f"Bearer {token(servers)}")
    assert answered.status_code == 200, answered.text
    body = answered.json()
    jsonschema.validate(body, {**SCHEMA, "$ref": "#/definitions/response"})
    assert "prednisone oral 70 mg/day" in body["cards"][0]["summary"]
    assert body["cards"][0]["indicator"] == "warning"
    with sqlite3.connect(servers.workdir / "audit.db") as db:
        rows = db.execute("SELECT conversation_id, facts FROM recommendations WHERE conversation_id LIKE ?",
                          (f"%{request['hookInstance']}",)).fetchall()
    assert len(rows) == 1 and "Practitioner/example" in rows[0][0] and '"weight_kg": 70.0' in rows[0][1]


REFUSALS = {
    "no token": lambda servers: None,
    "not a bearer token": lambda servers: "Basic dXNlcjpwYXNz",
    "bad signature": lambda servers: "Bearer " + token(servers, key=ec.generate_private_key(ec.SECP384R1())),
    "expired": lambda servers: "Bearer " + token(servers, exp=int(time.time()) - 3600, iat=int(time.time()) - 4000),
    "wrong audience": lambda servers: "Bearer " + token(servers, aud="https://elsewhere.example/cds-services/x"),
    "untrusted issuer": lambda servers: "Bearer " + token(servers, iss="https://other-ehr.example"),
    "no jti": lambda servers: "Bearer " + token(servers, jti=None),
    "unsigned (alg none)": lambda servers: "Bearer " + jwt.encode(
        {"iss": CDS_TEST_ISSUER, "aud": servers.url + SERVICE, "exp": int(time.time()) + 300,
         "iat": int(time.time()), "jti": "x"}, None, algorithm="none"),
}


@pytest.mark.parametrize("name", REFUSALS)
def test_calls_without_a_valid_ehr_token_are_refused(servers, name):
    answered = post(servers, hook_request(weights=[weight(70)]), REFUSALS[name](servers))
    assert answered.status_code == 401, (name, answered.text)
    assert "error" in answered.json() and "cards" not in answered.json()


@pytest.mark.parametrize("body, words", [
    ("{not json", "not JSON"),
    (json.dumps(hook_request(weights=[{**weight(70), "valueQuantity": {"value": "heavy"}}])), "prefetch 'weights'"),
    (json.dumps({**hook_request(), "hook": "order-sign"}), "patient-view"),
    ('{"hook": "patient-view", "x": ' + "[" * 3000 + "]" * 3000 + "}", "not JSON"),
])
def test_malformed_bodies_get_400_with_a_clear_message(servers, body, words):
    answered = post(servers, body, f"Bearer {token(servers)}")
    assert answered.status_code == 400, answered.text
    assert words in answered.json()["error"]


def test_prefetch_data_never_reaches_the_log(servers):
    request = hook_request(weights=[weight(63.7)], labs=[antibody("SRP", "positive")])
    request["context"]["patientId"] = request["prefetch"]["patient"]["id"] = "MRN-UNIQUE-4471"
    for resource in request["prefetch"]["weights"]["entry"] + request["prefetch"]["labs"]["entry"]:
        resource["resource"]["subject"]["reference"] = "Patient/MRN-UNIQUE-4471"
    assert post(servers, request, f"Bearer {token(servers)}").status_code == 200
    log = (servers.workdir / "logs" / "rasa.log").read_text()
    assert "MRN-UNIQUE-4471" not in log and "63.7" not in log
