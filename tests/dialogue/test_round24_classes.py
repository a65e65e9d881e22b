"""Round 24's classes, each on sentences written for this test (not the set's own).

Extractor: a template's answer after a finding's label ("Swallowing: denied"); a finding queried with a word between
"?" and it ("?mild ILD"); a statin named as what causes the disease, in a question; "gen q"; another person's help to
transfer (a hand, help of one, two staff); a walking aid one is "on"; a hoist at home; "not walking" as a note's
item; daily life resumed with weakness only on testing; years then months ("16y 4m"); a first name and surname with
the age in brackets; ", who is 72"; a weight trend with today's marked and earlier ones dated by a count of months;
"didn't do enough"; "relapse is common" said of the disease; a family member's message opening with the relative
without "my". Dialogue: "that was a different patient" takes a fact back, not a new patient; "what regimen for her?"
asks for the plan; "can I stop everything?" asks how long treatment lasts."""

from __future__ import annotations

import pytest

from imnm.dialogue.conversation import StartOver, asks_what_to_do, start_over_kind
from imnm.dialogue.questions import question_topics
from imnm.language.extract import extract


def slots(text: str) -> dict:
    return extract(text).slots()


# --- extractor -----------------------------------------------------------------------------------------------------

def test_a_templates_denied_answer_is_not_a_finding():
    found = extract("Swallowing difficulty: denied.  Shortness of breath: denied.  Myalgia: yes.")
    assert not found.slots().get("red_flags")
    assert {"dysphagia", "respiratory"} <= set(found.absent_flags)


@pytest.mark.parametrize("text", ["CT chest: ?mild ILD, for repeat in 3 months", "echo ordered ?early myocarditis"])
def test_a_queried_finding_with_a_word_between_is_not_a_flag(text):
    assert not slots(text).get("red_flags")


@pytest.mark.parametrize("text", [
    "how can a statin trigger an immune attack on muscle?",
    "why would rosuvastatin cause this years after starting it?",
    "gen q - do statins lead to this more in older people?",
])
def test_a_statin_as_the_cause_asked_about_is_not_the_patients(text):
    found = slots(text)
    assert found.get("statin_exposure") is None and found.get("statin_status") is None


@pytest.mark.parametrize("text", [
    "she needs a hand from her son to transfer to the commode",
    "Mobility: rollator plus help of two for transfers.",
    "Ward note: transfers with two nurses, hoisted for washing.",
    "Sitting out in chair. Transfers with 2 carers; not walking.",
])
def test_another_persons_help_to_transfer_is_severe(text):
    assert slots(text)["severity"] == "severe"


def test_a_walking_aid_she_is_on_is_moderate():
    assert slots("CK 4k, still on her rollator indoors")["severity"] == "moderate"


def test_back_at_work_with_weakness_only_on_testing_is_mild():
    assert slots("pred + MTX, CK normal, back to work, only slight neck flexor weakness on examination")["severity"] \
        == "mild"


def test_back_at_work_with_a_hard_task_is_not_mild():
    assert slots("back at work but can't get up from the floor")["severity"] == "moderate"


@pytest.mark.parametrize(("text", "age"), [
    ("Age: 16y 4m   Sex: F", 16),
    ("It's Tom Hargreaves (52) here, the SRP patient", 52),
    ("Writing about my mum, Ann Price, who is 74.", 74),
])
def test_ages_in_new_places(text, age):
    assert slots(text)["age_years"] == age


def test_a_bracketed_number_with_a_unit_after_it_is_not_an_age():
    assert slots("Prednisolone Taper (40) mg daily").get("age_years") is None


def test_a_weight_trend_takes_the_one_marked_today():
    found = extract("Weights: 64.2 kg (today) | 66.0 kg (2 months ago) | 68.5 kg (5 months ago)")
    assert found.slots()["weight_kg"] == 64.2 and not found.problems


def test_a_weight_marked_today_before_it_still_counts_after_an_earlier_bracket():
    text = "- 2024-03: started pred (weighed 80 kg then)\n- 2025-01-10 (today): weight 72 kg; walks with a stick"
    assert slots(text)["weight_kg"] == 72


def test_treatment_that_did_not_do_enough_is_refractory():
    assert slots("the IVIG and pred didn't do enough, CK still 6000")["refractory"] is True


def test_relapse_common_said_of_the_disease_is_not_this_patients_course():
    assert slots("I explained that relapse is common when the steroid is reduced.").get("refractory") is None


def test_a_relatives_message_opening_without_my_is_the_patient():
    found = slots("mum is 70, HMGCR myositis, weighs 60 kg")
    assert (found["age_years"], found["antibody"], found["weight_kg"]) == (70, "HMGCR", 60)


def test_a_relatives_illness_not_told_in_the_opening_stays_theirs():
    assert slots("Dad had a stroke last year. 61F HMGCR 70 kg")["age_years"] == 61


# --- dialogue ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["scratch the ILD, that was a different patient", "no dysphagia - that's another pt"])
def test_a_fact_taken_back_as_another_patients_is_not_a_new_patient(text):
    assert start_over_kind(text, "inform", True) is StartOver.NOT_A_RESET


def test_a_new_patient_still_starts_over():
    assert start_over_kind("different patient now: 44M SRP+ 80 kg", "inform", True) is StartOver.RESET_WITH_NEW_FACTS


@pytest.mark.parametrize("text", ["what regimen for her then?", "which protocol now?"])
def test_a_regimen_asked_for_is_the_plan(text):
    assert asks_what_to_do(text)


@pytest.mark.parametrize("text", ["can I come off everything now?", "doing well - time to stop it all?"])
def test_stopping_everything_is_a_duration_question(text):
    assert "duration" in question_topics(text)


@pytest.mark.parametrize("text", ["why do I need a CT scan if I have a muscle disease?",
                                  "I've got this myositis - is it catching?"])
def test_the_writers_own_illness_is_the_patient_voice(text):
    assert slots(text).get("audience") == "patient"


def test_a_clinicians_patient_is_not_the_patient_voice():
    assert slots("I have a patient with IMNM, 60 kg, SRP+").get("audience") is None


@pytest.mark.parametrize("text", ["what's been missed?", "ok what are we missing here?"])
def test_what_this_case_has_missed_is_the_plan(text):
    assert asks_what_to_do(text)


def test_what_is_easily_missed_in_the_disease_is_not_the_plan():
    assert not asks_what_to_do("what is commonly missed in IMNM?")


def test_not_enough_data_is_no_verdict_on_the_course():
    assert slots("on pred and MTX for 2 weeks, not enough time to judge").get("refractory") is None
