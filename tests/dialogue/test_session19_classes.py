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
    for asked in ("how much IVIG will she be given?", "how is the IVIG given and how many days?",
                  "what's the most IVIG they would give her?"):
        reply, _ = talk([turns[0], asked], audience="patient")
        assert "g/kg" in reply, (asked, reply)


def test_that_one_after_a_choice_asked_of_her_antibody_is_the_drug_chosen():
    reply, _ = talk(["45M anti-SRP, 80 kg, never on a statin, can't stand from a chair at all, wheelchair now",
                     "after the IV steroid, which drug would you add early for his antibody type?",
                     "and how is that one dosed?"])
    assert "rituximab" in reply and "1000 mg" in reply and "methylprednisolone" not in reply, reply


def test_mycophenolate_by_its_ward_nickname():
    reply, _ = talk(["seronegative 39M 82 kg, walks with a stick, MTX stopped for hepatitis",
                     "moving him to myco, what dose?"])
    assert "mycophenolate" in reply and "2-3 g/day" in reply, reply


def test_low_ig_levels_after_rituximab_are_not_the_ivig_step():
    reply, _ = talk(["anti-SRP 50F 70 kg, severe, never on a statin, had rituximab in March",
                     "her IG levels are low after the rituximab - should we replace them?"])
    assert "**IG** is" not in reply, reply


# --- the review's probes (boundaries of the rules above) -------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "walks fine but can't run; stumbles a lot on uneven ground",
    "walks fine but can't run, and has to stop halfway up the stairs",
    "walks fine, can't run, and uses a raised toilet seat",
    "walks fine at home; outside she needs her husband's arm, and she can't run",
    "walks fine, only struggles at the gym; getting up off the toilet is hard though",
    "cannot stand from the chair at all without pushing up on the armrests",
])
def test_an_everyday_limit_or_help_keeps_the_weakness_moderate(text):
    assert slots(text).get("severity") == "moderate", text


@pytest.mark.parametrize("text, level", [
    ("the walking frame in the house is her husband's, she walks unaided", "mild"),
    ("Over what time frame outside hospital should the CK come down?", None),
    ("Now in a wheelchair all the time, referred for further rehab", "severe"),
    ("The IVIG pump keeps tripping its occlusion alarm overnight", None),
    ("Sorry, I kept stumbling over the drug names - she walks fine and has no trouble with stairs", "mild"),
])
def test_words_of_the_new_rules_in_other_senses(text, level):
    assert slots(text).get("severity") == level, text


def test_the_other_test_sent_is_not_another_patient():
    assert slots("HMGCR came back negative, but SRP was the other one we sent and it is strongly positive")[
        "antibody"] == "SRP"


def test_lipid_lowering_after_this_disease_stopped_the_statin_is_not_declined():
    reply, _ = talk(["after stopping the statin, what should we use to lower his LDL instead?"])
    assert "covers immune-mediated necrotizing myopathy (IMNM) only" not in reply, reply


def test_the_drug_a_choice_excludes_is_not_that_one():
    reply, _ = talk(["anti-SRP 44M 78 kg, moderate weakness, never on a statin, IVIG not available here",
                     "which drug would you add instead of IVIG?", "dose of that?"])
    assert "g/course" not in reply, reply


# --- the course over turns, and questions read in their conversation -----------------------------------------------
def test_a_red_flag_gone_on_treatment_is_a_response_not_a_failure():
    _, state = talk(["anti-SRP 59M, 72 kg, never on a statin",
                     "admitted choking on thin fluids, NG tube in; IVMP, IVIG and tacrolimus started",
                     "3 months on: swallowing back to normal, NG removed, still walks with a stick, CK 2,100 from 16k"])
    assert state.get("refractory") is not True, state


def test_still_in_the_chair_months_into_treatment_is_an_inadequate_response():
    _, state = talk(["anti-HMGCR 61F, 66 kg, wheelchair-bound at diagnosis in March",
                     "pred 1 mg/kg and MTX 20 weekly since then",
                     "June: CK 12k -> 9k, still in the chair"])
    assert state.get("refractory") is True, state


def test_going_aggressive_on_a_refractory_course_gets_the_next_options():
    reply, _ = talk(["anti-SRP 38M, 80 kg, severe, never on a statin",
                     "pred + MTX for 4 months, no better, CK unchanged",
                     "should we step it up now?"])
    assert "rituximab" in reply.lower(), reply


@pytest.mark.parametrize("turns, wanted, unwanted", [
    (["anti-HMGCR 70M, 88 kg, walks with a frame, on pred and MTX",
      "general question - how long has methotrexate been around in myositis?"], "1970s", None),
    (["Paeds: 12 yo boy, anti-HMGCR, 40 kg, can't get up off the floor. pred dose?",
      "when do we usually start weaning it?"], "2-4 weeks", None),
])
def test_a_general_question_and_a_usual_practice_asked_of_this_patient(turns, wanted, unwanted):
    reply, _ = talk(turns)
    assert wanted in reply, reply


def test_ever_off_treatment_asks_how_long_treatment_lasts():
    reply, _ = talk(["anti-SRP 40F, 60 kg, on pred, MMF and IVIG for two years",
                     "will she ever be off all treatment?"])
    assert "years" in reply and "do not address" not in reply, reply


def test_no_more_details_keeps_the_doses_per_kg_and_asks_the_weight():
    reply, _ = talk(["what's the methotrexate and prednisone dose in IMNM?", "that's all I have, sorry"])
    assert "mg/kg" in reply and "weight" in reply, reply


def test_a_reply_naming_only_the_disease_answers_the_question_before():
    reply, _ = talk(["what do you start as the steroid-sparing drug for my patient?", "for IMNM obviously"])
    assert reply.lstrip("- *").startswith("Methotrexate"), reply


def test_the_harness_merges_facts_as_the_action_server_does():
    """The dialogue harness calls the action server's merge (`carried_over`): a refractory course corrected to a good
    response is taken back here as in the running bot (round 40 found a test passing only because it was not)."""
    _, state = talk(["anti-HMGCR 57M, 80 kg, moderate, past statin, pred + MTX 5 months, CK unchanged, no stronger",
                     "my mistake, wrong patient - he has actually done really well"])
    assert state.get("refractory") is not True, state
