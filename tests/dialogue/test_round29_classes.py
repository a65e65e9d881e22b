"""Round 29's classes, each on sentences written for this test (not the set's own).

Extractor: an age in brackets after a first name, "turns 18 in two weeks", a statin taken for years that ended, a
falling FVC in litres, an antibody still at the lab, a result after an em dash, "not yet confirmed", a problem list's
"RESOLVED", a cohort in a case report, a template field left empty, "minimal change" as a response, a statin stopped
with "no other treatment since". Dialogue: a weight's unit put right later in a message.
"""

from __future__ import annotations

import pytest

from imnm.language.context_answers import facts_from_context
from imnm.language.extract import extract


def slots(text: str) -> dict:
    return extract(text).slots()


@pytest.mark.parametrize(("text", "age"), [
    ("Hello, it's Priya (38). My SRP result came back last week.", 38),
    ("Caller: father of Oscar (9), known anti-HMGCR myopathy.", 9),
    ("DOB 02/03/2009, seen 20/02/2026. She turns 17 next week.", 16),
])
def test_ages(text, age):
    assert slots(text)["age_years"] == age


def test_a_bed_number_in_brackets_is_no_age():
    assert "age_years" not in slots("Bed (14), HMGCR, 70 kg")


def test_a_statin_taken_for_years_that_ended_is_past():
    assert slots("he was on pravastatin 2016-2020, nothing since")["statin_status"] == "past"


def test_findings_and_results():
    assert slots("cannot stand, FVC 1.4 L and dropping")["red_flags"] == ["respiratory"]
    assert "antibody" not in slots("anti-SRP is still with the reference lab")
    assert slots("they finally sent SRP — weakly positive")["antibody"] == "SRP"
    assert "red_flags" not in slots("CT shows a pancreatic lesion; malignancy not yet confirmed.")
    assert "red_flags" not in slots("Problem list:\n- Dysphagia (2022) – RESOLVED\n- Hypertension")
    assert "red_flags" not in slots("In our earlier cohort of 31 patients, four had dysphagia. This patient swallows "
                                    "normally.")


def test_an_empty_template_field_is_unknown():
    found = slots("Statin use:  Checkpoint inhibitor:  Cancer history: ____\nWeight: 70 kg")
    assert "statin_exposure" not in found and "ici_exposure" not in found and "red_flags" not in found


def test_a_response_told_as_minimal_is_no_severity():
    assert "severity" not in slots("IVIG monthly for four months, minimal change in strength")


def test_a_statin_stopped_and_nothing_else_is_no_treatment_course():
    assert "refractory" not in slots("Stopped rosuvastatin 5 months ago, no other treatment since. CK still 6000.")


def test_a_weight_unit_put_right_within_a_message():
    context = facts_from_context("lb not kg, apologies - US records", None, ["HMGCR pt, weight 200"],
                                 current={"weight_kg": 200.0})
    assert context.slots["weight_kg"] == 90.7


@pytest.mark.parametrize("text", [
    "pred+MTX 2019, +IVIG 2020, rituximab 2021. Still weak.",
    "2018: prednisolone and methotrexate. 2020: IVIG. 2022 RTX",
])
def test_a_timeline_by_years_tells_the_treatments_and_the_escalation(text):
    found = slots(text)
    assert {"prednisone", "ivig", "rituximab"} <= set(found["treatments_tried"])
    assert found["refractory"] is True


@pytest.mark.parametrize("text", ["Plan 2027: IVIG", "MTX since 2019; we will consider IVIG in 2027",
                                  "IVIG and prednisolone together in 2020, well since"])
def test_a_dated_plan_or_a_start_together_is_no_escalation(text):
    assert not slots(text).get("refractory")
    assert "ivig" not in slots(text).get("treatments_tried", []) or "together" in text
