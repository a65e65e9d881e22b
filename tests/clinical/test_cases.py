"""The reviewed clinical case table (`tests/clinical/cases.yml`, shown as `docs/clinical-cases.md`)
against the engine: every profile's regimen, what must be absent, the doc and the reviewed version."""

from __future__ import annotations

import pytest

from imnm import build_facts, default_knowledge, recommend
from imnm.engine.coherence import check_coherence
from scripts import clinical_cases

TABLE = clinical_cases.load()
CASES = {case["id"]: case for case in TABLE["cases"]}


def test_the_table_has_at_least_60_profiles_covering_the_required_ranges():
    facts = [case["facts"] for case in TABLE["cases"]]
    assert len(facts) >= 60
    assert {f.get("antibody") for f in facts} >= {"HMGCR", "SRP", "seronegative", "unknown"}
    assert {f.get("severity") for f in facts} >= {"mild", "moderate", "severe"}
    assert {f.get("age_years") for f in facts} >= {5, 12, 17, 17.99, 18, 80}
    assert {f.get("weight_kg") for f in facts} >= {15, 30, 45, 70, 110, 150}
    flags = {flag for f in facts for flag in f.get("red_flags", ())}
    assert flags >= {"dysphagia", "respiratory", "cardiac", "myocarditis", "myasthenic", "ild", "malignancy"}
    assert any(f.get("ici_exposure") for f in facts) and any(f.get("refractory") for f in facts)
    assert {f.get("statin") for f in facts} >= {"current", "past", "never"}


@pytest.mark.parametrize("case_id", sorted(CASES))
def test_profile_regimen_matches_the_reviewed_table(case_id):
    case = CASES[case_id]
    assert clinical_cases.engine_regimen(case["facts"]) == case["expect"], (
        "regimen changed: run `python -m scripts.clinical_cases` for the diff, have it reviewed, then --record")
    assert clinical_cases.absent_problems(case) == []


@pytest.mark.parametrize("case_id", sorted(CASES))
def test_profile_plan_is_coherent(case_id):
    recommendation = recommend(build_facts(**CASES[case_id]["facts"]))
    assert check_coherence(recommendation, default_knowledge()) == []


def test_table_was_reviewed_for_the_knowledge_base_in_use():
    assert TABLE["kb_version"] == default_knowledge().version, (
        "the knowledge base changed: print the regimen diff with `python -m scripts.clinical_cases`, "
        "have it reviewed, then record it")
    assert TABLE["reviewed"]


def test_doc_is_generated_from_the_table():
    text = clinical_cases.DOC.read_text(encoding="utf-8")
    assert text == clinical_cases.doc(TABLE), "run `python -m scripts.clinical_cases --doc`"
    assert TABLE["kb_version"] in text and TABLE["reviewed"] in text


def test_a_changed_regimen_is_reported_as_a_difference():
    table = {"kb_version": TABLE["kb_version"], "reviewed": "x",
             "cases": [{**CASES["C01"], "expect": {**CASES["C01"]["expect"], "start": ["methotrexate"]}}]}
    lines = clinical_cases.differences(table)
    assert len(lines) == 1 and lines[0].startswith("C01 start")
