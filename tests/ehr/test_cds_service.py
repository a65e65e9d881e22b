"""The CDS Hooks service through its public API (`imnm.ehr.service.answer`): FHIR bundles made for
the case table in, cards out, checked against the engine's own output for the same facts and
against the CDS Hooks 2.0 card schema."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest
from fhir.resources.R4B import get_fhir_model_class
from fhir_builders import (
    ICD10,
    PATIENT_ID,
    SNOMED,
    antibody,
    bundle,
    condition,
    hook_request,
    patient,
    statin,
    weight,
)

from imnm.ehr import service
from imnm.engine.facts import build_facts
from imnm.engine.rules import recommend
from imnm.render.cds_cards import indicator, summary_line
from imnm.render.first_screen import render_first_screen

TODAY = date(2026, 12, 1)
SCHEMA = json.loads(Path(__file__).with_name("cds_hooks.schema.json").read_text())


def validate(document: dict, definition: str) -> None:
    jsonschema.validate(document, {**SCHEMA, "$ref": f"#/definitions/{definition}"})


def call(request: dict, public_url: str | None = "https://imnm.example.org") -> service.HookAnswer:
    return service.answer(json.dumps(request), TODAY, "IMNM assistant (test)", public_url)


ATORVASTATIN = statin()
CASES = {
    "adult on a statin": (
        hook_request(weights=[weight(70)], labs=[antibody("HMGCR", "positive"), antibody("SRP", "negative")],
                     requests=[ATORVASTATIN]),
        {"antibody": "HMGCR", "weight_kg": 70.0, "age_years": 55.0, "statin": "current"},
        ["Stop the statin now", "prednisone oral 70 mg/day"]),
    "juvenile, anti-SRP written as text": (
        hook_request(patient(birth_date="2014-06-01"), weights=[weight(35)],
                     labs=[antibody("SRP", "Positive", style="string")]),
        {"antibody": "SRP", "weight_kg": 35.0, "age_years": 12.0},
        ["60 mg/day"]),
    "severe (dysphagia and respiratory failure on the problem list)": (
        hook_request(weights=[weight(82)], labs=[antibody("HMGCR", "positive", style="interpretation")],
                     requests=[statin(status="completed")],
                     conditions=[condition("Dysphagia, oropharyngeal phase", "R13.12"),
                                 condition("Respiratory failure", "409622000", system=SNOMED)]),
        {"antibody": "HMGCR", "weight_kg": 82.0, "age_years": 55.0, "statin": "past",
         "red_flags": frozenset({"dysphagia", "respiratory"})},
        ["Consider admission", "methylprednisolone"]),
    "weight in pounds": (
        hook_request(weights=[weight(176, "lb")], labs=[antibody("HMGCR", "negative"), antibody("SRP", "negative")],
                     statements=[statin(kind="MedicationStatement", status="completed")]),
        {"antibody": "seronegative", "weight_kg": 79.8, "age_years": 55.0, "statin": "past"},
        ["prednisone oral 80 mg/day"]),
    "statin stopped a year ago (statement still 'active' but its period ended)": (
        hook_request(weights=[weight(64)], labs=[antibody("HMGCR", "positive")],
                     statements=[statin(kind="MedicationStatement", status="active", ended="2025-11-15")]),
        {"antibody": "HMGCR", "weight_kg": 64.0, "age_years": 55.0, "statin": "past"},
        ["prednisone oral 64 mg/day"]),
    "antibody result pending": (
        hook_request(weights=[weight(70)], labs=[antibody("HMGCR", None, status="preliminary")],
                     requests=[ATORVASTATIN]),
        {"weight_kg": 70.0, "age_years": 55.0, "statin": "current"},
        ["Review the statin now"]),
    "no weight at all": (
        hook_request(weights=None, labs=[antibody("HMGCR", "positive")], requests=[ATORVASTATIN]),
        {"antibody": "HMGCR", "age_years": 55.0, "statin": "current"},
        ["1 mg/kg"]),
    "checkpoint inhibitor and a family history of cancer": (
        hook_request(weights=[weight(70)], labs=[antibody("HMGCR", "negative"), antibody("SRP", "negative")],
                     requests=[statin(name="pembrolizumab 25 MG/ML Injectable Solution", code="1547550")],
                     conditions=[condition("Family history of malignant neoplasm of breast", "Z80.3")]),
        {"antibody": "seronegative", "weight_kg": 70.0, "age_years": 55.0, "ici_exposure": True},
        ["checkpoint inhibitor"]),
}


@pytest.mark.parametrize("name", CASES)
def test_cards_match_the_engine_for_the_same_facts(name):
    request, expected_facts, must_show = CASES[name]
    result = call(request)
    validate(result.response, "response")
    facts = build_facts(**expected_facts)
    read = result.recommendation.facts
    assert read.model_copy(update={"severity": None}) == facts, name
    engine = recommend(facts)
    if any(fact.name == "severity" for fact in engine.missing):  # the card's stated assumption
        engine = recommend(build_facts(**{"severity": "moderate", **expected_facts}))
    assert result.recommendation == engine
    plan = result.response["cards"][0]
    assert plan["summary"] == summary_line(engine)
    assert plan["indicator"] == indicator(engine)
    assert render_first_screen(engine).split("\nMore:")[0] in plan["detail"]
    everything = json.dumps(result.response)
    for words in must_show:
        assert words in everything, (name, words)


def test_severity_never_comes_from_the_record_and_the_card_says_so():
    result = call(CASES["adult on a statin"][0])
    plan, missing = result.response["cards"]
    assert "Severity is not in the record" in plan["detail"]
    assert "severity" in missing["summary"] and "the plan changes" in plan["detail"]


def test_urgent_actions_set_the_indicator():
    assert call(CASES["severe (dysphagia and respiratory failure on the problem list)"][0]).response[
        "cards"][0]["indicator"] == "critical"
    assert call(CASES["adult on a statin"][0]).response["cards"][0]["indicator"] == "warning"
    assert call(CASES["weight in pounds"][0]).response["cards"][0]["indicator"] == "info"


def test_missing_facts_card_says_what_each_would_change():
    result = call(CASES["no weight at all"][0])
    missing = result.response["cards"][1]
    assert "weight" in missing["summary"]
    assert "every weight-based dose" in missing["detail"]
    pending = call(CASES["antibody result pending"][0]).response["cards"]
    assert "anti-HMGCR result" in pending[1]["detail"] and "not final" in pending[1]["detail"]
    assert "Provisional plan" in pending[0]["detail"]


def test_the_latest_valid_weight_is_used_and_an_impossible_one_is_named():
    request = hook_request(weights=[weight(7000, when="2026-11-30"), weight(68, when="2026-10-01"),
                                    weight(90, when="2025-01-01")],
                           labs=[antibody("HMGCR", "positive")], requests=[ATORVASTATIN])
    result = call(request)
    assert result.recommendation.facts.weight_kg == 68.0
    assert "7000 kg (2026-11-30) is outside the plausible range" in result.response["cards"][1]["detail"]


def test_a_titre_without_an_interpretation_is_not_guessed():
    request = hook_request(weights=[weight(70)], labs=[antibody("HMGCR", "positive", style="titre")],
                           requests=[ATORVASTATIN])
    result = call(request)
    assert result.recommendation.facts.antibody.value == "unknown"
    assert "a titre alone is not read" in result.response["cards"][1]["detail"]


def test_the_chat_link_carries_the_facts_the_assistant_reads_back():
    from imnm.language.extract import extract

    result = call(CASES["weight in pounds"][0])
    link = result.response["cards"][0]["links"][0]["url"]
    assert link.startswith("https://imnm.example.org/webhooks/web/#facts=")
    from urllib.parse import unquote

    found = extract(unquote(link.split("#facts=")[1]))
    read_back = (found.antibody, found.weight_kg, found.statin_status, found.age_years)
    assert read_back == ("seronegative", 79.8, "past", 55.0)
    assert "links" not in call(CASES["weight in pounds"][0], public_url=None).response["cards"][0]


def test_cards_are_clinician_text_only():
    result = call(CASES["juvenile, anti-SRP written as text"][0])
    assert result.recommendation.facts.audience.value == "clinician"
    assert all("Your care team" not in card["detail"] for card in result.response["cards"])


def test_discovery_validates_and_names_the_prefetch():
    validate(service.DISCOVERY, "discovery")
    prefetch = service.DISCOVERY["services"][0]["prefetch"]
    assert "29463-7" in prefetch["weights"] and prefetch["patient"] == "Patient/{{context.patientId}}"


def test_every_prefetched_resource_here_is_valid_fhir():
    for request, _, _ in CASES.values():
        for value in request["prefetch"].values():
            if value is not None:
                get_fhir_model_class(value["resourceType"]).model_validate(value)


BAD = {
    "not JSON": ("{not json", "not JSON"),
    "another hook": (json.dumps({**hook_request(), "hook": "order-sign"}), "patient-view"),
    "no patient in context": (json.dumps({**hook_request(), "context": {"userId": "Practitioner/1"}}), "patientId"),
    "an invalid Observation in a bundle": (
        json.dumps(hook_request(weights=[{**weight(70), "valueQuantity": {"value": "heavy"}}])), "prefetch .weights."),
    "a resource that is not FHIR": (
        json.dumps({**hook_request(),
                    "prefetch": {**hook_request()["prefetch"], "labs": {"resourceType": "Nonsense"}}}),
        "not a FHIR resource type"),
    "data of another patient": (
        json.dumps(hook_request(weights=[{**weight(70), "subject": {"reference": "Patient/someone-else"}}])),
        "another patient"),
    "a list where a resource belongs": (
        json.dumps({**hook_request(), "prefetch": {**hook_request()["prefetch"], "conditions": [1, 2]}}),
        "not a FHIR resource"),
    "deeply nested": ('{"hook": "patient-view", "x": ' + "[" * 5000 + "]" * 5000 + "}", "not JSON"),
}


@pytest.mark.parametrize("name", BAD)
def test_malformed_requests_get_a_clear_bad_request(name):
    body, words = BAD[name]
    with pytest.raises(service.BadRequest, match=words):
        service.answer(body, TODAY, "test", None)


def test_prefetch_keys_not_sent_are_a_precondition_failure_but_null_is_no_data():
    request = hook_request()
    del request["prefetch"]["labs"]
    with pytest.raises(service.PreconditionFailed, match="labs"):
        call(request)
    assert call(hook_request()).response["cards"]


def test_the_specification_example_request_is_understood():
    """The spec's own patient-view example, with this service's keys as null (no data)."""
    example = {
        "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea", "fhirServer": "http://hooks.smarthealthit.org:9080",
        "hook": "patient-view", "context": {"userId": "Practitioner/example", "patientId": "1288992",
                                            "encounterId": "89284"},
        "prefetch": {"patient": {"resourceType": "Patient", "gender": "male", "birthDate": "1925-12-23",
                                 "id": "1288992", "active": True},
                     **{key: None for key in ("weights", "labs", "medicationRequests", "medicationStatements",
                                              "conditions")}},
    }
    result = call(example)
    validate(result.response, "response")
    assert result.recommendation.facts.age_years == 100.0
    assert example["context"]["patientId"] == PATIENT_ID
    assert bundle()["entry"] == [] and ICD10
