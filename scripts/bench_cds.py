"""CDS Hooks benchmark: median and p95 service time for a typical prefetch bundle (a patient, three
weights, an antibody panel among other labs, a medication list, a problem list).

In process: token check + JSON + FHIR parsing + engine + cards. With --http: the same call to a
Rasa server started for the run (as an EHR sees it, over loopback).

    python -m scripts.bench_cds [--http]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

import jwt

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests" / "ehr"), str(ROOT / "tests")]
from fhir_builders import antibody, condition, hook_request, statin, weight  # noqa: E402

from imnm.ehr import auth, service  # noqa: E402

CALLS = 300


def typical_request() -> dict:
    labs = [antibody("HMGCR", "positive"), antibody("SRP", "negative", style="interpretation")]
    labs += [{**antibody("SRP", "negative"), "code": {"text": f"Other laboratory test {n}"}} for n in range(20)]
    return hook_request(
        weights=[weight(71.2, when="2026-11-20"), weight(72, when="2026-09-01"), weight(160, "lb", when="2026-05-01")],
        labs=labs, requests=[statin(), statin(status="stopped", name="simvastatin 20 MG Oral Tablet", code="314231")],
        statements=[statin(kind="MedicationStatement", name="metformin 500 MG Oral Tablet", code="861007")],
        conditions=[condition("Type 2 diabetes mellitus", "E11.9"), condition("Hypertension", "I10")])


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    return (f"median {statistics.median(ordered):.2f} ms, p95 {ordered[int(len(ordered) * 0.95)]:.2f} ms "
            f"({len(ordered)} calls)")


def in_process() -> str:
    from cryptography.hazmat.primitives.asymmetric import ec
    from jwt.algorithms import ECAlgorithm

    key = ec.generate_private_key(ec.SECP384R1())
    clients = auth.TrustedClients.from_mapping({"ehr": {"keys": [json.loads(ECAlgorithm.to_jwk(key.public_key()))]}})
    body = json.dumps(typical_request())
    samples = []
    for _ in range(CALLS):
        now = int(time.time())
        token = jwt.encode({"iss": "ehr", "aud": "https://x/cds", "exp": now + 60, "iat": now,
                            "jti": str(uuid.uuid4())}, key, algorithm="ES384")
        start = time.perf_counter()
        auth.verify(f"Bearer {token}", "https://x/cds", clients)
        service.answer(body, date.today(), "bench", "https://x")
        samples.append((time.perf_counter() - start) * 1000)
    return percentiles(samples[20:])


def over_http() -> str:
    import requests
    from servers import CDS_TEST_ISSUER, start_servers

    servers = start_servers(Path(tempfile.mkdtemp()))
    path = "/webhooks/cds/cds-services/imnm-patient-view"
    body = json.dumps(typical_request())
    samples = []
    try:
        for _ in range(CALLS):
            now = int(time.time())
            token = jwt.encode({"iss": CDS_TEST_ISSUER, "aud": servers.url + path, "exp": now + 60, "iat": now,
                                "jti": str(uuid.uuid4())}, servers.cds_key, algorithm="ES384")
            start = time.perf_counter()
            answered = requests.post(servers.url + path, data=body, timeout=10,
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
            samples.append((time.perf_counter() - start) * 1000)
            answered.raise_for_status()
    finally:
        servers.stop()
    return percentiles(samples[20:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--http", action="store_true", help="also measure over HTTP against a started server")
    args = parser.parse_args()
    print(f"cds-hooks patient-view, in process: {in_process()}")
    if args.http:
        print(f"cds-hooks patient-view, over HTTP: {over_http()}")


if __name__ == "__main__":
    main()
