"""Classes from round 44 and from the twenty-first session's review, each on sentences written for this test (not the
set's own).

Any fact, not only a red flag, can be taken back ("scrap the statin - that was a different patient"): it becomes
unknown again and the plan asks for it; a test named and then its result ("tested twice, nothing found"); a relative's
age written "my mums 67".
"""

from __future__ import annotations

import pytest
from test_round23_classes import talk

from imnm.language.extract import extract

PATIENT = "61F anti-HMGCR IMNM, 74 kg, on rosuvastatin, struggles with stairs"


def slots(text: str) -> dict:
    return extract(text).slots()


# --- a fact taken back ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, gone", [
    ("scrap the statin - that was a different patient", {"statin_exposure", "statin_status"}),
    ("disregard the rosuvastatin, it was the other pt", {"statin_exposure", "statin_status"}),
    ("ignore the 74 kg, that belongs to the man in bed 6", {"weight_kg"}),
    ("the HMGCR was my previous patient, sorry", {"antibody"}),
    ("strike out the age, wrong chart", {"age_years", "age_band"}),
])
def test_a_fact_taken_back_is_unknown_again_and_the_rest_stays(text, gone):
    _, before = talk([PATIENT])
    _, after = talk([PATIENT, text])
    assert all(after.get(name) is None for name in gone)
    kept = {name for name in ("antibody", "weight_kg", "statin_status", "age_years", "severity") if name not in gone}
    assert {name: after.get(name) for name in kept} == {name: before.get(name) for name in kept}


def test_a_statin_taken_back_makes_the_plan_ask_for_the_statin_history():
    reply, state = talk([PATIENT, "scrap the statin - that was a different patient"])
    assert state.get("statin_status") is None
    assert "statin history" in reply and "Stop the statin" not in reply


@pytest.mark.parametrize("text, kept", [
    # A value put right, with the other patient blamed for the wrong one: the new value is this patient's.
    ("sorry - she's 66, wrong patient list", {"age_years": 66.0}),
    # Not a take-back: a reminder.
    ("don't forget the statin when you write to the GP", {"statin_status": "current"}),
    ("scratch that, she's still on rosuvastatin", {"statin_status": "current"}),
])
def test_a_reminder_or_a_value_put_right_is_not_a_take_back(text, kept):
    _, state = talk([PATIENT, text])
    assert {name: state.get(name) for name in kept} == kept


def test_a_red_flag_taken_back_with_scrap_is_absent():
    found = extract("scrap the ILD, wrong patient")
    assert "ild" in found.absent_flags and "red_flags" not in found.slots()


# --- a test named, then its result ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, antibody", [
    ("anti-SRP tested, nothing found", None),
    ("HMGCR checked x2 - none detected; SRP strongly positive", "SRP"),
    ("anti-HMGCR sent twice, nothing detected, anti-SRP positive", "SRP"),
])
def test_a_test_told_before_its_result_keeps_the_result(text, antibody):
    found = extract(text)
    assert found.antibody == antibody and not found.problems


# --- a relative's age -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, age", [
    ("my mums 67, been on simvastatin for years", 67),
    ("our dads 81 and on atorvastatin, his legs are weak", 81),
])
def test_a_relatives_age_typed_without_the_apostrophe(text, age):
    found = slots(text)
    assert found.get("age_years") == age and found.get("audience") == "patient"


# --- emphasis and typing ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "never ever been on a statin in her life",
    "he has never, ever taken a statin",
    "she never once took statins",
])
def test_never_said_with_emphasis_is_never(text):
    assert slots(text).get("statin_status") == "never"


@pytest.mark.parametrize("text", [
    "IMNM, no antibodys found on either test",
    "both antibodie's came back negative",
])
def test_antibodies_as_families_type_them(text):
    assert slots(text).get("antibody") == "seronegative"


# --- a swallow in ward and family words ------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "off his legs, and his swallow is off too",
    "her swallow's not great since Tuesday",
    "SLT think the swallow is poor",
    "he is struggling with his swallow",
])
def test_a_swallow_told_as_bad_is_dysphagia(text):
    assert "dysphagia" in (slots(text).get("red_flags") or [])


@pytest.mark.parametrize("text", ["swallow is fine", "his swallow has gone back to normal"])
def test_a_swallow_told_as_fine_is_not(text):
    found = extract(text)
    assert "dysphagia" not in found.red_flags and "dysphagia" in found.absent_flags


# --- the heart examined and cleared ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "cardiac MRI came back normal",
    "the troponin rise was skeletal muscle in origin",
    "cardiology have ruled out myocarditis",
])
def test_the_heart_cleared_takes_a_cardiac_flag_back(text):
    _, state = talk(["anti-SRP IMNM 60F 58 kg never a statin, can't climb stairs, troponin raised", text])
    assert "cardiac" not in (state.get("red_flags") or [])


@pytest.mark.parametrize("text", ["cardiac MRI booked for Friday", "is the echo normal?"])
def test_a_heart_test_planned_or_asked_about_clears_nothing(text):
    _, state = talk(["anti-SRP IMNM 60F 58 kg never a statin, can't climb stairs, troponin raised", text])
    assert "cardiac" in (state.get("red_flags") or [])
