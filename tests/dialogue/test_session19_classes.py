"""Classes from round 41, each on sentences written for this test (not the set's own).

Walking told as unaffected with only a sporting limit is mild; moved by a hoist, unable to rise at all, crutches
of any kind and a wheelchair kept for distances are read as the limits they are; near-falls on the stairs are a
limit; breathlessness sent for a lung scan is not the breathing muscles; an antibody said to be another patient's
is not this one's; a question choosing among statins tells no statin taken, and lipid care outside a patient's
conversation is declined; a patient or relative is asked for missing facts in plain words and shown an amount only
when they ask for one.
"""

from __future__ import annotations

import pytest
from test_round23_classes import talk

from imnm.language.extract import extract


def slots(text: str) -> dict:
    return extract(text).slots()


@pytest.mark.parametrize("text", [
    "Walks fine, just can't keep up on his Sunday runs any more.",
    "thighs weak on testing; walking normally but she has had to give up squats and lunges at her gym class",
    "I walk fine and manage stairs but can't sprint or play 5-a-side football now",
    "Walking normally, only slower uphill on her hikes.",
])
def test_walking_unaffected_with_only_a_sporting_limit_is_mild(text):
    assert slots(text).get("severity") == "mild", text


@pytest.mark.parametrize("text", [
    "walks fine but can't jog or get out of a low chair",
    "walks normally on the flat, can't run, uses the banister on the stairs",
    "walks ok but keeps tripping on the kerb and can't run",
])
def test_an_everyday_limit_beside_a_sporting_one_is_not_mild(text):
    assert slots(text).get("severity") == "moderate", text


@pytest.mark.parametrize("text, level", [
    ("Transferred bed to chair by ceiling hoist this morning.", "severe"),
    ("She cannot stand up from her bed at all now.", "severe"),
    ("Gets about with forearm crutches since the summer.", "moderate"),
    ("Rollator indoors and a wheelchair for anything farther than the garden.", "moderate"),
    ("He has started stumbling on the steps at work.", "moderate"),
])
def test_function_told_in_other_words(text, level):
    assert slots(text).get("severity") == level, text


def test_breathlessness_sent_for_a_lung_scan_is_not_the_breathing_muscles():
    found = extract("Walks normally. Short of breath on hills - CT chest arranged to look for interstitial disease.")
    assert "respiratory" not in (found.slots().get("red_flags") or []), found.slots()


def test_an_antibody_said_to_be_another_patients_is_not_this_ones():
    assert slots("Apologies - she is anti-HMGCR; the SRP result was the other patient")["antibody"] == "HMGCR"
    # A result told of this patient beside another's weight stays hers.
    found = slots("SRP positive 48M, the 102 kg was another patient, he is 82 kg")
    assert (found.get("antibody"), found.get("weight_kg")) == ("SRP", 82.0)


def test_a_correction_that_hands_the_old_antibody_to_another_patient_gives_her_plan():
    reply, state = talk(["anti-SRP, 61F, 9 stone, walks with a stick. what do we start?",
                         "my mistake, she is HMGCR - the SRP was my previous patient"])
    assert state["antibody"] == "HMGCR", state
    assert "double positivity" not in reply, reply


@pytest.mark.parametrize("text", [
    "Which statin is kindest on the muscles for someone with raised cholesterol?",
    "what's the best statin for a 50 year old smoker?",
])
def test_a_question_choosing_among_statins_tells_no_statin_taken(text):
    assert slots(text).get("statin_exposure") is None, text


def test_lipid_care_outside_a_patients_conversation_is_declined_with_what_is_covered():
    reply, _ = talk(["general one", "which statin should a healthy adult with high LDL take?"])
    assert "IMNM" in reply and "only" in reply, reply


def test_a_statin_question_in_a_patients_conversation_is_not_declined():
    reply, _ = talk(["71M anti-HMGCR myopathy, 90 kg, moderate weakness, atorvastatin stopped",
                     "can he go back on a statin for his high cholesterol later?"])
    assert "covers immune-mediated necrotizing myopathy (IMNM) only" not in reply, reply


def test_a_relative_is_asked_for_the_severity_in_plain_words():
    reply, _ = talk(["my dad has the HMGCR muscle disease, he is 66 and about 13 stone"], audience="patient")
    assert "everyday life" in reply and "dysphagia" not in reply, reply


def test_a_relative_asking_how_often_sees_the_rhythm_not_an_amount():
    turns = ["my wife has SRP myositis, she is 58 and weighs 60 kg, she walks with a stick",
             "how often will she need the IVIG drip?"]
    reply, _ = talk(turns, audience="patient")
    assert "month" in reply and " g/kg" not in reply and "120 g" not in reply, reply
    reply, _ = talk([turns[0], "how much IVIG will she be given?"], audience="patient")
    assert "g/kg" in reply, reply


def test_that_one_after_a_choice_asked_of_her_antibody_is_the_drug_chosen():
    reply, _ = talk(["45M anti-SRP, 80 kg, never on a statin, can't stand from a chair at all, wheelchair now",
                     "after the IV steroid, which drug would you add early for his antibody type?",
                     "and how is that one dosed?"])
    assert "rituximab" in reply and "1000 mg" in reply and "methylprednisolone" not in reply, reply


@pytest.mark.parametrize("turns, drug", [
    (["HMGCR 66F 75 kg, pred + MTX for 4 months, CK unchanged, struggles with stairs", "adding IG next - how much?"],
     "150 g"),
    (["seronegative 39M 82 kg, walks with a stick, MTX stopped for hepatitis", "moving him to myco, what dose?"],
     "mycophenolate"),
])
def test_drugs_by_their_ward_nicknames(turns, drug):
    reply, _ = talk(turns)
    assert drug in reply, reply
