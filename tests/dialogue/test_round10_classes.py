"""The classes round 10's first sight showed, each read by design rather than by phrasing: whose age or
weight a number is (the patient's, a relative's, a made-up patient's, an earlier one), findings that
persist across turns, small talk that must say so, a fact corrected by its value, a fact the user does
not have, general questions amid a patient, what "it" stands for, and what a question compares or stops."""

from __future__ import annotations

import pytest

from imnm.dialogue.conversation import carried_red_flags, fact_not_known_yet, is_small_talk, respond
from imnm.dialogue.frames import asks_for_the_plan
from imnm.dialogue.questions import answer, retrieve, topics_in
from imnm.engine.facts import Audience
from imnm.engine.knowledge import default_knowledge
from imnm.language.context_answers import facts_from_context
from imnm.language.extract import extract

KB = default_knowledge()


@pytest.mark.parametrize("text, age", [
    ("Dear Dr Fenwick,\n\nRe: Mrs Jean Hollis, 65\n\nI reviewed Mrs Hollis today.", 65),
    ("Clinic letter. Mr Osei is 63. He took rosuvastatin until 2022.", 63),
    ("Dear Ms Okonjo, you are 48 and still teaching full time.", 48),
    ("hes 74 and weighs about 13 stone", 74),
    ("this one is 58, SRP, started pred 40mg two weeks ago", 58),
    ("Re: Freddie, aged 4½. He stopped climbing 3 months ago.", 4.5),
    ("he is four and a half", 4.5),
    ("aged sixteen and a half", 16.5),
    ("im an F2 seeing a 50 yo lady with seronegative necrotising myopathy, 70kg", 50),
    ("40F, anti-SRP IMNM, 3 yrs. Wt 66 kg", 40),
])
def test_the_patients_age_however_it_is_written(text, age):
    assert extract(text).slots().get("age_years") == age


@pytest.mark.parametrize("text, age, weight", [
    ("Patient: Oliver, aged 9. His younger sister (aged 5) is well. Weight 28.4 kg.", 9, 28.4),
    ("RE: Noah, aged 11. Weight 35 kg. His older brother, aged 14, weighs 52 kg and is well.", 11, 35),
    ("Mr Harold Pike, 81, anti-HMGCR myopathy. His wife, 79, is his carer.", 81, None),
    ("Bed 4 - Mrs Ivanova, 83, necrotising myopathy. Her 58-year-old son is visiting.", 83, None),
    ("Re: Freddie, aged 4½ (birth weight 3.2 kg). Weight today 17.2 kg.", 4.5, 17.2),
    ("Weight 85 kg (down from 91 kg in January).", None, 85),
])
def test_a_relatives_or_an_earlier_measure_is_not_the_patients(text, age, weight):
    slots = extract(text).slots()
    assert slots.get("age_years") == age and slots.get("weight_kg") == weight


def test_a_relative_is_the_patient_when_the_illness_is_said_of_them_in_another_sentence():
    slots = extract("My husband is 59 and was on atorvastatin for years. Now they say he has HMGCR myopathy. "
                    "He's 15 stone.").slots()
    assert slots["age_years"] == 59 and slots["statin_status"] == "past" and slots["audience"] == "patient"


def test_a_made_up_patients_weight_sets_nothing():
    assert "weight_kg" not in extract("what's the standard IVIG dose for a typical 70 kg adult?").slots()


@pytest.mark.parametrize("text, antibody", [
    ("the antibody tests were negative", "seronegative"),
    ("they tested her blood for the antibodies and nothing showed up", "seronegative"),
    ("AChR antibodies negative", None),
    ("ANA antibody test negative", None),
    ("the antibody tests were negative for SRP but positive for HMGCR", "HMGCR"),
    ("anti-SRP myopathy (HMGCR antibodies negative); his antibody is SRP rather than HMGCR", "SRP"),
])
def test_a_negative_antibody_test_is_seronegative_only_when_no_antibody_is_named(text, antibody):
    assert extract(text).slots().get("antibody") == antibody


@pytest.mark.parametrize("text", [
    "my dad coughs when he drinks",
    "she cant get out of bed without us lifting her and she coughs whenever she drinks",
    "liquids go down the wrong way",
])
def test_how_families_describe_dysphagia(text):
    assert "dysphagia" in extract(text).slots().get("red_flags", [])


def test_safety_netting_later_in_a_letter_is_not_a_finding():
    slots = extract("You have mild weakness of the hips. Your weight today was 58 kg.\n\nIf you develop any "
                    "difficulty swallowing, choking, or breathlessness, please contact the nurse line.").slots()
    assert "red_flags" not in slots


def test_red_flags_persist_until_one_is_said_to_be_absent():
    assert carried_red_flags(["cardiac", "dysphagia"], ["myocarditis"], set()) == ["cardiac", "dysphagia",
                                                                                 "myocarditis"]
    assert carried_red_flags(["dysphagia"], None, {"dysphagia"}) is None
    assert extract("dysphagia has resolved").absent_flags == ["dysphagia"]


@pytest.mark.parametrize("text, intent, small", [
    ("and IVIG for him?", "greet", False),
    ("so does she need it now or later?", "goodbye", False),
    ("hello", "greet", True),
    ("ok thanks, bye", "goodbye", True),
])
def test_small_talk_needs_its_words(text, intent, small):
    assert is_small_talk(text, intent) is small


def test_a_number_is_corrected_where_it_was_held():
    found = facts_from_context("sorry typo - 16 not 61", None, [], current={"age_years": 61.0, "weight_kg": 45.0})
    assert found.slots == {"age_years": 16.0, "age_band": "juvenile"}


def test_a_question_restating_a_held_fact_is_answered_while_a_fact_is_awaited():
    slots = {"antibody": "HMGCR", "weight_kg": 83.0, "statin_status": "never", "statin_exposure": False,
             "age_years": 48.0, "age_band": "adult", "asked": "severity:1"}
    reply = respond("so does HMGCR still fit?", "ask_question", slots, True, [], {}, False,
                    found_names=frozenset({"antibody"}))
    assert "third" in reply.text and not reply.recommended


def test_the_plan_asked_for_outright_does_not_wait_for_the_weight():
    slots = {"severity": "severe", "age_years": 72.0, "age_band": "adult", "ici_exposure": True,
             "red_flags": ["myocarditis"], "asked": "weight_kg:0", "set_aside": ["antibody"]}
    reply = respond("what do we do", "ask_question", slots, False, [], {}, False)
    assert reply.recommended and "IVIG" in reply.text and "per kg" in reply.text


def test_going_on_without_a_weight_the_user_does_not_have():
    assert fact_not_known_yet("dont have a weight yet") == "weight_kg"
    assert fact_not_known_yet("no weight gain") is None
    reply = respond("dont have a weight yet", "out_of_scope", {}, False, [], {}, False,
                    history=["IMNM pt, what IVIG dose?"])
    assert "2 g/kg" in reply.text and "can't help" not in reply.text


def test_a_general_question_works_doses_for_the_weight_it_names_not_this_patients():
    slots = {"antibody": "seronegative", "weight_kg": 86.0, "severity": "mild", "statin_status": "never",
             "statin_exposure": False, "age_years": 72.0, "age_band": "adult"}
    reply = respond("unrelated to him - what's the standard IVIG dose for a typical 70 kg adult?", "ask_question",
                    slots, False, [], {}, True)
    assert "140 g" in reply.text and "172 g" not in reply.text


def test_it_stands_for_the_drug_named_just_before():
    slots = {"antibody": "HMGCR", "weight_kg": 64.0, "age_years": 77.0, "age_band": "adult", "asked": "severity:0"}
    reply = respond("how often do we keep giving it?", "ask_question", slots, False, [], {}, False,
                    history=["HMGCR+ 77M, 64kg. we avoided steroids and gave IVIG alone", "3 cycles so far"])
    assert "monthly" in reply.text


def test_it_stands_for_what_the_last_question_asked_when_that_is_not_a_drug():
    slots = {"antibody": "SRP", "age_years": 58.0, "age_band": "adult", "asked": "severity:0"}
    reply = respond("so does she need it now or later?", "goodbye", slots, False, [], {}, False,
                    history=["Q re pneumocystis prophylaxis in myositis pts on steroids",
                             "this one is 58, SRP, started pred 40mg two weeks ago"])
    assert "4 weeks" in reply.text


def test_a_patients_dose_question_about_a_named_drug_gives_that_drugs_dose():
    slots = {"antibody": "HMGCR", "weight_kg": 58.0, "audience": "patient", "asked": "severity:0"}
    reply = respond("the doctors want to give her IVIG. how much will she be given?", "ask_question", slots,
                    False, [], {}, False)
    assert "116 g" in reply.text and "prednisone" not in reply.text


def test_the_steroids_as_a_class_answers_every_steroid_step():
    slots = {"antibody": "HMGCR", "weight_kg": 95.0, "severity": "severe", "statin_exposure": True,
             "statin_status": "past", "age_years": 57.0, "age_band": "adult"}
    reply = respond("and steroids - oral or iv for him, and how much", "ask_question", slots, False, [], {}, True)
    assert "methylprednisolone" in reply.text and "95 mg/day" in reply.text


@pytest.mark.parametrize("text", [
    "ok we upped it to 200 and gave it another 3 months. CK 7500, no stronger. now what",
    "what should she be started on",
    "does the cardiac involvement change how we treat?",
])
def test_asking_what_to_do(text):
    assert asks_for_the_plan(text)


@pytest.mark.parametrize("text, first", [
    ("can we stop the MTX?", "pitfall.premature_stop"),
    ("should we stop the statin?", "statin.stop.hmgcr"),
    ("How does first-line management differ between anti-HMGCR and anti-SRP IMNM?", "srp.rituximab"),
    ("can I just stop my tablets? what are the chances it comes back?", "prognosis.relapse"),
    ("curious - how does the disease actually damage the muscle?", "teaching.definition"),
])
def test_what_a_question_asks_chooses_the_entry(text, first):
    assert retrieve(text, KB)[0].id == first


def test_stopping_another_treatment_is_not_how_long_ours_lasts():
    assert "duration" not in topics_in("they stopped his cancer treatment. Why did they have to stop it?")


def test_a_gap_named_in_the_sentence_before_a_question_that_points_back():
    reply = answer("I'm 29, on methotrexate for IMNM and want to get pregnant. Is that safe?", None,
                   Audience.PATIENT, KB)
    assert "do not address" in reply
