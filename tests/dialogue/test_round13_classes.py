"""The classes round 13's first sight showed (SBAR handovers, dictated letters, US and Australian notes,
rehabilitation and nursing records, case series pasted with one patient asked about, relatives' logs):
dictated forms, ages from a date of birth, today's function before an earlier time's, and in conversation two
questions in one message and the inadequate-response question however it is put."""

from __future__ import annotations

import pytest

from imnm.dialogue.conversation import asks_what_to_do, respond, separate_questions
from imnm.dialogue.frames import IF_IT_FAILS
from imnm.language.extract import extract
from imnm.language.spoken import written_forms


@pytest.mark.parametrize("said, typed", [
    ("what would the I V I G dose be", "what would the IVIG    dose be"),
    ("anti H M G C R positive", "anti HMGCR     positive"),
    ("you said I V methyl pred nisolone", "you said IV  methylprednisolone  "),
    ("rita ximab last given", "rituximab  last given"),
    ("a b c is fine", "a b c is fine"),
])
def test_dictated_forms_are_written_as_typed_with_the_same_length(said, typed):
    assert written_forms(said) == typed and len(written_forms(said)) == len(said)


@pytest.mark.parametrize("text, age", [
    ("JOINT CLINIC - 14/05/2024\nName: Ms Carla VIEIRA   DOB: 22/09/1960", 63),
    ("MICU -> Floor transfer note 03/12/2025\nPt: Denise R.   DOB 08/30/1977", 47),
    ("Saoirse is 12 and has anti-HMGCR necrotising myositis.", 12),
    ("I saw Tanya who is forty four today in the neuromuscular clinic", 44),
    ("Dear Missus Kowalski comma Zofia is now thirteen and her anti H M G C R muscle condition is well controlled", 13),
    ("Mr Colin FARRELL, 58. Anti-HMGCR IMNM. Function: walks ~200 m before legs tire.", 58),
])
def test_ages_from_dates_names_and_dictation(text, age):
    assert extract(text).slots()["age_years"] == age


def test_a_date_of_birth_without_a_date_of_the_document_gives_no_age():
    assert "age_years" not in extract("Re: Mr Darren COLLINS, DOB 03/11/1966, anti-HMGCR positive").slots()


@pytest.mark.parametrize("text", [
    "Walking: 50 m with 4-wheeled rollator, then rests. 10 m walk test 14.2 s.",
    "Patient adamant he has never taken a statin; 5-year dispensing history confirms.",
])
def test_metres_and_spans_of_years_are_not_ages(text):
    assert "age_years" not in extract(text).slots()


def test_the_labelled_patient_asked_about_is_the_only_one_read():
    text = ("[Pasted from our draft abstract - I'm asking about Patient 3, the boy]\nCase series: Patient 1, a "
            "34-year-old woman with anti-SRP antibodies, presented with myocarditis. Patient 2, a 70-year-old man "
            "taking atorvastatin, developed anti-HMGCR IMNM. Patient 3, a 17-year-old boy (weight 58 kg), presented "
            "with 6 months of weakness; anti-HMGCR positive.")
    slots = extract(text).slots()
    assert slots["age_years"] == 17 and slots["weight_kg"] == 58 and "red_flags" not in slots


@pytest.mark.parametrize("text, severity", [
    ("Admission to rehab (28/02): required hoist for all transfers. Discharge: transfers independent, walks 100 m "
     "with a stick.", "moderate"),
    ("couldn't get out of bed overnight without 2 assist + gait belt", "severe"),
    ("He now needs a full hoist for all transfers and is not walking.", "severe"),
    ("she still mobilises with her 4WW and can't do the steps", "moderate"),
    ("Aarav is finding the stairs at school very hard and needs the lift", "moderate"),
    ("He's still battling with stairs.", "moderate"),
    ("stairs and getting off the sofa are a struggle", "moderate"),
    ("She walks unaided, is back at her bowls club and manages the stairs at home normally.", "mild"),
])
def test_severity_from_todays_function(text, severity):
    assert extract(text).slots().get("severity") == severity


def test_an_explicit_denial_of_a_checkpoint_inhibitor_outweighs_one_planned():
    text = ("Was due to start nivolumab today - DEFERRED. He has not received any checkpoint inhibitor (no prior "
            "immunotherapy).")
    assert extract(text).slots()["ici_exposure"] is False


def test_dictated_punctuation_ends_a_relatives_clause():
    text = "His wife comma who is seventy eight comma has recently been diagnosed with lymphoma full stop."
    assert "red_flags" not in extract(text).slots()


@pytest.mark.parametrize("text", [
    "If that combo doesn't do the job, what's next?",
    "if the pred and MTX don't cut it what do we add",
])
def test_the_inadequate_response_question_however_it_is_put(text):
    assert IF_IT_FAILS.search(text)


def test_the_plan_asked_in_the_last_of_two_joined_questions():
    assert asks_what_to_do("What should happen with the nivolumab and what treatment now?")


def test_two_questions_in_one_message_are_both_answered():
    text = "Can I start coming down on the pred? And what CK are we aiming for?"
    assert len(separate_questions(text)) == 2
    slots = {"antibody": "HMGCR", "weight_kg": 74.0, "severity": "moderate", "statin_exposure": True,
             "statin_status": "past", "age_years": 62.0, "age_band": "adult"}
    reply = respond(text, "ask_question", slots, False, [], {}, True)
    assert "taper" in reply.text.lower() and "normal" in reply.text.lower()


def test_a_dictated_drug_name_is_answered():
    slots = {"antibody": "HMGCR", "weight_kg": 84.0, "severity": "severe", "statin_exposure": False,
             "statin_status": "never", "age_years": 62.0, "age_band": "adult"}
    reply = respond("what would the I V I G dose be for him", "ask_question", slots, False, [], {}, True)
    assert "168 g" in reply.text


def test_the_last_answer_again_plainer_or_shorter():
    slots = {"antibody": "HMGCR", "weight_kg": 60.0, "statin_exposure": True, "statin_status": "past",
             "age_years": 50.0, "age_band": "adult", "audience": "patient"}
    history = ["My wife is 50 and has the HMGCR muscle thing ... 60 kg.", "what's the IVIG dose for her"]
    reply = respond("that was too technical. can you say it in simple words, short please", "ask_question", slots,
                    False, [], {}, False, history=history)
    assert "120" in reply.text and len(reply.text) < 700
    slots = {"antibody": "HMGCR", "weight_kg": 55.0, "age_years": 60.0, "age_band": "adult", "audience": "clinician"}
    history = ["Quick one mate, no patient details yet - what's the IVIG dose for IMNM?", "Righto, she's 55 kg, HMGCR."]
    reply = respond("Just the number, short as you can.", "ask_question", slots, False, [], {}, False, history=history)
    assert "110 g" in reply.text and "Sources" in reply.text and len(reply.text.split("**Sources:**")[0]) < 400


@pytest.mark.parametrize("text, key, value", [
    ("typo sorry he is twenty seven not seventeen", None, None),
    ("I'm 47. I'm 11 stone 6.", "weight_kg", 72.6),
    ("My mother have 68 years. She take atorvastatin 10 years, doctor stop it now.", "age_years", 68),
    ("My mother have 68 years. She take atorvastatin 10 years, doctor stop it now.", "statin_status", "past"),
    ("He falls a lot and can't get up off the floor on his own, I have to lift him.", "severity", "severe"),
    ("Caller's husband is 61, HMGCR, stopped simvastatin 2 months ago, 82 kg, walking with a stick.", "age_years", 61),
    ("so i'm 54 and just got diagnosed. was on lipitor for like 8 yrs. stairs are brutal", "age_years", 54),
])
def test_facts_told_by_relatives_non_native_writers_and_in_speech(text, key, value):
    if key is not None:
        assert extract(text).slots().get(key) == value


def test_a_finding_taken_back_is_read_as_absent():
    found = extract("swallow is actually normal, the 'dysphagia' was a documentation error. FVC repeated: 91%.")
    assert found.absent_flags == ["dysphagia", "respiratory"] and "red_flags" not in found.slots()


@pytest.mark.parametrize("text", ["HMGCR +ve 48M on atorvastatin, 83 kg", "48M then admitted with weakness"])
def test_a_capital_m_after_the_age_is_the_sex_not_metres(text):
    assert extract(text).slots()["age_years"] == 48


def test_a_treatment_given_since_a_month_is_a_course_that_can_fail():
    text = ("Rheum fellow. 39M, anti-SRP, 92 kg, onset ~5 months ago. Pred 1 mg/kg + MTX 20 mg weekly since month 1. "
            "Still can't climb stairs, CK barely moved (12k -> 10k).")
    assert extract(text).slots()["refractory"] is True


def test_a_dose_described_in_passing_is_not_a_dose_question():
    from imnm.dialogue.questions import answer
    from imnm.engine.facts import Audience
    reply = answer("I'm on pred 70mg and the consultant mentioned my bones. what should i be taking to protect them?",
                   None, Audience.PATIENT)
    assert "calcium" in reply and "vitamin D" in reply
