"""Classes from round 42, each on sentences written for this test (not the set's own).

Severity read clause by clause where no phrase reader knows the wording: another person's help with a move of
self-care is severe; an aid, falls or an everyday task told as hard is moderate; a limit told only of exertion beside
everyday life told as done is mild; today's state told after an earlier one ("bedbound on admission ... now walking
with a frame") is today's.
"""

from __future__ import annotations

import pytest
from test_round23_classes import talk

from imnm.language.extract import extract
from imnm.language.extract.clause_severity import clause_severity


def slots(text: str) -> dict:
    return extract(text).slots()


@pytest.mark.parametrize("text", [
    "She gets about the flat but her son has to help her up off the settee and onto the commode.",
    "can't get out of the bath unless somebody pulls her up",
    "Stands only with two carers; sits out in a chair most of the day.",
])
def test_another_person_for_a_move_of_self_care_is_severe(text):
    assert slots(text).get("severity") == "severe", text


@pytest.mark.parametrize("text", [
    "the stairs are a battle now, I bump down them on my backside",
    "Mobility: indep w rollator on the ward.",
    "keeps falling over in the playground this term",
    "outside she needs her husband's arm, and she can't run",
])
def test_an_aid_falls_or_an_everyday_task_made_hard_is_moderate(text):
    assert slots(text).get("severity") == "moderate", text


@pytest.mark.parametrize("text", [
    "Copes with college and the stairs at home but has had to stop PE.",
    "legs feel weak on steep slopes but he still walks the dog and does everything round the house",
])
def test_a_limit_of_exertion_only_beside_everyday_life_done_is_mild(text):
    assert slots(text).get("severity") == "mild", text


@pytest.mark.parametrize("text, level", [
    ("Big improvement: CK 9,800 -> 1,900 and now mobilising with a rollator (hoisted on admission).", "moderate"),
    ("Came in unable to stand; after pulses and IVIG a good response, at discharge walking the corridor with a "
     "stick.", "moderate"),
    ("Much better on IVIG, now walking unaided but still needs her husband to help her off the toilet.", "severe"),
])
def test_todays_state_told_after_an_earlier_one_is_todays(text, level):
    assert slots(text).get("severity") == level, text


@pytest.mark.parametrize("text", [
    "agreed a time frame of two weeks",
    "she has a falls alarm at home",
    "CK 2,300 and falling",
    "the infusion pump keeps tripping",
    "no problems with stairs and no longer needs the stick",
])
def test_words_of_the_clause_reader_in_other_senses_are_not_limits(text):
    assert clause_severity(text) in (None, "mild"), text


@pytest.mark.parametrize("text, age, antibody", [
    ("Hello, it's Sam, Margaret's son. Mum (81) has been on her frame since the HMGCR myositis was found.", 81,
     "HMGCR"),
    ("Dad, 69, has SRP myositis and can't manage the stairs.", 69, "SRP"),
])
def test_a_relative_with_an_age_after_the_writers_introduction_is_the_patient(text, age, antibody):
    found = slots(text)
    assert (found.get("age_years"), found.get("antibody")) == (age, antibody), text


@pytest.mark.parametrize("text, refractory", [
    ("Nivolumab stopped after 6 cycles (partial response). Now CK 5,000 with proximal weakness.", None),
    ("Prednisolone weaned to 7.5 mg over winter; by April recurrent proximal leg weakness and CK 4,800.", True),
    ("Since the IVIG courses started in June his weakness really hasn't changed.", True),
    ("Strength hasn't changed since the last visit - still full power; no treatment needed yet.", False),
])
def test_the_course_of_the_myopathy_not_of_the_cancer(text, refractory):
    assert slots(text).get("refractory") == refractory, text


@pytest.mark.parametrize("text, flags", [
    ("Echo: chronic cardiomyopathy rather than myocarditis; troponin normal.", []),
    ("She's slower to swallow her tablets these days.", ["dysphagia"]),
    ("He gets out of breath just walking to the door.", ["respiratory"]),
])
def test_findings_set_aside_and_told_in_other_words(text, flags):
    assert [flag for flag in slots(text).get("red_flags", []) if flag != "cardiac"] == flags, text


def test_never_on_any_medication_is_no_statin_ever():
    found = slots("Fit and well before this, never taken any regular medicines. CK 12,000.")
    assert (found.get("statin_exposure"), found.get("statin_status")) == (False, "never")
    assert "statin_status" not in slots("No regular medication at present.")


def test_the_patient_asked_about_is_read_with_an_age():
    assert slots("the lady I'm really asking about is 16, 48 kg, SRP positive")["age_band"] == "juvenile"


def test_what_a_new_finding_changes_is_the_steps_it_brings():
    reply, state = talk(["61M anti-HMGCR IMNM, 80 kg, stopped simvastatin, walks with a stick",
                         "on pred and MTX, CK coming down, but CT chest now shows interstitial lung disease",
                         "does that change anything?"])
    assert reply.startswith("What the sources add for interstitial lung disease") and "tacrolimus" in reply
    reply, _ = talk(["55F anti-SRP IMNM, 62 kg, never a statin, walks with a stick",
                     "new dry cough, HRCT shows NSIP-pattern ILD", "does this change treatment?"])
    assert reply.startswith("What interstitial lung disease changes") and "124 g" in reply  # 2 g/kg x 62 kg


def test_why_not_opening_a_longer_message_asks_of_the_answer_before():
    reply, _ = talk(["I'm 44 with HMGCR myositis, much stronger now. can I come off the steroids?",
                     "why not? the weight gain is getting me down"], audience="patient")
    assert "relapse" in reply


def test_managing_as_an_outpatient_asks_about_admission():
    reply, _ = talk(["70F, SRP, 60 kg, never statin, can't stand without two carers, swallow ok",
                     "could we manage her as an outpatient?"])
    assert "hospital admission" in reply


def test_a_weight_weighed_today_replaces_last_years():
    assert slots("correction: 102 was her weight last spring, weighed this morning at 91")["weight_kg"] == 91


def test_a_fact_after_a_bare_drug_question_works_that_dose_out_again():
    reply, state = talk(["anti-HMGCR, 17 yo, 60 kg, pred?", "sorry - she's 71, wrong patient list"])
    assert state["age_band"] == "adult" and "60 mg/day" in reply  # 1 mg/kg x 60 kg, no longer the juvenile cap


def test_a_fact_that_leaves_the_answer_as_it_was_does_not_repeat_it():
    turns = ["my son is 13, anti-SRP, 40 kg. how much steroid will he be on?", "he keeps falling over at football"]
    first, _ = talk(turns[:1], audience="patient")
    reply, _ = talk(turns, audience="patient")
    assert "mg/kg" in first and "mg/kg" not in reply


def test_a_refused_value_leads_and_a_later_bare_drug_question_asks_for_the_weight():
    reply, _ = talk(["SRP IMNM, 58M, weight 9000 kg, what IVIG dose?"])
    assert reply.startswith("I did not use the weight")
    reply, _ = talk(["SRP IMNM, 58M, weight 9000 kg, what IVIG dose?", "and pred?"])
    assert "Give the patient's weight" in reply


@pytest.mark.parametrize("text", [
    "The nurse helped me fill in the forms for the infusion.",
    "It was hard to get a bed on the ward last night.",
    "He falls asleep in his chair after every drip.",
    "She fell pregnant the year before the diagnosis.",
    "CK rising again and she feels weaker.",
])
def test_the_clause_reader_needs_a_task_of_the_patient(text):
    assert slots(text).get("severity") is None, text


@pytest.mark.parametrize("text, slot, value", [
    ("Please could you see Mr Okafor, 52. Son (24) came with him. Anti-HMGCR positive, 80 kg.", "age_years", 52),
    ("Hi, it's Ann. Dad (90) is staying with us so I missed my IVIG. I'm 51 with SRP myositis.", "age_years", 51),
    ("He's slow to swallow the news about the steroids.", "red_flags", None),
    ("Her daughter gets out of breath pushing the wheelchair.", "red_flags", None),
    ("Her husband has never taken any medication.", "statin_status", None),
])
def test_near_misses_of_the_new_readings(text, slot, value):
    assert slots(text).get(slot) == value, text


def test_a_finding_told_with_another_fact_changes_the_plan_by_both():
    reply, _ = talk(["66M, SRP, 70 kg, no checkpoint inhibitor, walks with a frame",
                     "correction - he did have pembrolizumab for melanoma, stopped in spring",
                     "does that change things?"])
    assert "checkpoint" in reply.lower()


def test_a_patient_writing_i_need_to_is_not_another_person():
    assert clause_severity("I need to hold the rail on the stairs and take them slowly") == "moderate"
    assert slots("she can't get off the loo, I have to lift her every time")["severity"] == "severe"
