"""Classes from round 39, each on sentences written for this test (not the set's own).

Function told as whole (walking unaided with nothing else told, rising without the arms, everyday life without
limit) is mild; falls are a limitation; an aid after "the"; the statin as the antibody's lay name, a statin
restarted, a statin "gone", a statin history that cannot be confirmed; myositis-myocarditis as one word and a
finding set "rather than" another; "that" after a question about a drug outside the plan.
"""

from __future__ import annotations

import pytest
from test_round23_classes import talk

from imnm.language.extract import extract


def slots(text: str) -> dict:
    return extract(text).slots()


@pytest.mark.parametrize("text", [
    "58F SRP+, 61 kg, gets about fine without any aids",
    "she can stand up from the sofa without using her hands now",
    "no aids, cycling again most weekends",
    "back to her pilates class, CK normal",
])
def test_function_told_as_whole_is_mild(text):
    assert slots(text).get("severity") == "mild", text


@pytest.mark.parametrize("text", [
    "walks unaided but struggles with stairs",
    "walks without a stick, weak getting out of the bath",
    "difficulty to rise from the chair without help of the arms",
])
def test_walking_unaided_beside_a_limitation_is_not_mild(text):
    assert slots(text).get("severity") == "moderate", text


@pytest.mark.parametrize("text", [
    "he's fallen three times this month",
    "keeps falling over in the garden",
    "two falls since Christmas",
    "she's using the rollator indoors",
])
def test_falls_and_an_aid_are_a_limitation(text):
    assert slots(text).get("severity") == "moderate", text


@pytest.mark.parametrize("text", ["no falls, CK 600", "CK falling nicely", "FVC falls to 70% on lying"])
def test_no_falls_and_numbers_that_fall_are_no_limitation(text):
    assert slots(text).get("severity") is None, text


def test_the_statin_named_for_the_antibody_is_no_statin_taken():
    assert "statin_exposure" not in slots("what does the statin antibody mean for my mum?")


def test_a_statin_restarted_is_taken_now_and_one_gone_is_past():
    assert slots("the GP restarted her simvastatin last month")["statin_status"] == "current"
    assert slots("restarted atorvastatin in May, stopped again in July")["statin_status"] == "past"
    assert slots("now that the rosuvastatin's gone, why is he still weak?")["statin_status"] == "past"


def test_a_statin_history_that_cannot_be_confirmed_is_unknown():
    assert "statin_exposure" not in slots("HMGCR+. Statin hx: cannot be confirmed, old records lost.")


def test_myositis_myocarditis_as_one_word():
    assert "myocarditis" in slots("pembrolizumab-related myositis-myocarditis, troponin 3000")["red_flags"]
    # "rather than" sets one treatment against another; the finding after it stays ("chose IVIG rather than PLEX
    # because of her dysphagia").
    assert "dysphagia" in slots("went with IVIG rather than plasma exchange given her dysphagia")["red_flags"]


@pytest.mark.parametrize("text", [
    "walks unaided indoors only, housebound otherwise",
    "walking is fine, no aids, but she can only lift her arms to shoulder height",
    "gets up from the chair without help on a good day",
    "no aids, hip flexion 3/5 bilaterally",
])
def test_whole_function_with_a_limit_beside_it_is_not_mild(text):
    assert slots(text).get("severity") != "mild", text


@pytest.mark.parametrize("text", [
    "Pleased to report her CK is falling, now 2100",
    "CK has fallen again to 900 on MTX",
    "she has a falls alarm at home",
    "had zero falls since the steroids were started",
])
def test_a_number_that_falls_or_no_falls_is_no_limitation(text):
    assert slots(text).get("severity") is None, text


def test_a_restart_of_another_drug_is_no_statin_restarted():
    assert slots("restarted pred; off atorvastatin since March")["statin_status"] == "past"


def test_that_after_a_question_about_a_drug_outside_the_plan_is_that_drug():
    reply, _ = talk(["49F anti-SRP 70 kg, needs her arms to stand, never on a statin, pred and MTX started",
                     "would IVIG be reasonable here, what dose?", "and how often is that given?"])
    assert "IVIG" in reply and "month" in reply and "once weekly" not in reply


def test_what_to_tell_another_team_asks_for_the_plan():
    from imnm.dialogue.conversation import asks_what_to_do

    assert asks_what_to_do("what should I say to the GP?")
    assert asks_what_to_do("so what do we tell oncology?")
    assert not asks_what_to_do("what do I tell her about the outlook?")


def test_a_question_that_repeats_a_fact_under_a_plan_is_answered_as_asked():
    from imnm.dialogue.conversation import respond

    slots = {"antibody": "SRP", "weight_kg": 80.0, "severity": "moderate", "statin_exposure": False,
             "statin_status": "never", "age_years": 52.0, "age_band": "adult", "audience": "clinician",
             "recommended": True}
    text = "and if he hasn't improved by 3 months, what's the add-on you'd go for in SRP"
    found = extract(text).slots()
    assert found == {"antibody": "SRP"}  # the fact repeated, which changes nothing
    reply = respond(text=text, intent="give_facts", slots=slots, found_facts=True, problems=[], changes={},
                    already_recommended=True, found_names=frozenset(found),
                    history=["anti-SRP 52M, 80 kg, moderate, never on a statin"])
    assert "no adequate response" in reply.text and "Nothing in that message changed" not in reply.text


@pytest.mark.parametrize("text,topic", [
    ("why the urgency to start treatment?", "early-treatment"),
    ("my blood test says SRP positive - what does it mean?", "srp"),
])
def test_questions_name_their_topic(text, topic):
    from imnm.dialogue.questions import topics_in

    topics = topics_in(text)
    assert topic in topics and "monitoring" not in topics, topics


def test_how_likely_that_is_after_an_event_told_is_that_event():
    reply, _ = talk(["I have SRP myositis and they're lowering my prednisolone, I'm worried it will come back",
                     "how likely is that?"], audience="patient")
    assert "relapse" in reply.lower()


def test_a_treatment_the_team_said_the_writer_will_get_marks_a_patient():
    assert slots("what is rituximab? the doctors told me I'll be having it next month").get("audience") == "patient"


def test_a_troponin_still_rising_after_treatment_is_a_course_without_response():
    from imnm.language.context_answers import facts_from_context

    before = ["70F on pembrolizumab, CK 12k, troponin 900, myocarditis on MRI", "pembro stopped, IV methylpred given"]
    assert facts_from_context("day 3: troponin continuing to rise", None, before).slots.get("refractory") is True
    assert not facts_from_context("troponin still 40, flat", None, before).slots.get("refractory")


def test_can_still_walk_is_no_mild_disease():
    # A patient who "can still walk ok-ish" after weakness told before has not said the walking is unaided.
    assert slots("i can still walk ok-ish. is there anything else they can try").get("severity") is None


def test_a_troponin_rise_counts_only_after_a_treatment_told_before():
    from imnm.language.context_answers import facts_from_context

    assert not facts_from_context("trop still rising, no treatment started yet", None,
                                  ["66M on nivolumab, CK 9k, troponin up"]).slots.get("refractory")
    assert "refractory" not in slots("pembro myositis, trop still rising")


def test_telling_a_team_is_the_plan_only_when_asked_what_to_tell():
    from imnm.dialogue.conversation import asks_what_to_do

    assert not asks_what_to_do("should I tell the GP?")


def test_a_statin_restarted_then_stopped_again_is_past():
    assert slots("Cardiology restarted atorvastatin in May. The GP stopped it last week.")["statin_status"] == "past"


def test_a_change_is_told_in_words_not_slot_values():
    from imnm.dialogue.conversation import describe_changes

    told = describe_changes({"statin_exposure": (None, True), "statin_status": (None, "current")})
    assert told == "Updated: statin: on a statin now."  # not "statin exposure True; statin exposure current"
    told = describe_changes({"refractory": (None, True), "red_flags": ([], ["dysphagia"]), "weight_kg": (70.0, 80.0)})
    assert "True" not in told and "[" not in told and "weight 80 kg (was 70 kg)" in told
