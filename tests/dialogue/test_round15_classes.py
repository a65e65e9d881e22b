"""Round 15's classes, each on sentences written for this test (not the set's own): consultation transcripts,
dates of birth however written, telegraphic ages, the writer as a subject again, function told as a limit, and
in the conversation the route a follow-up names, the subtype's add-on asked without naming it, seriousness,
habits said of this patient, teaching questions and answers that respect the patient's severity."""

from __future__ import annotations

import pytest

from imnm.dialogue.conversation import asks_in_general, asks_what_to_do, respond
from imnm.dialogue.questions import answer, question_topics
from imnm.engine.facts import Audience
from imnm.language.extract import extract
from imnm.language.extract.transcript import answers_applied


def slots(text: str) -> dict:
    return extract(text).slots()


TRANSCRIPT = ("Dr: Morning. Your SRP antibody came back positive. Any choking when you eat?\n"
              "Pt: {swallow}\n"
              "Dr: Any breathlessness?\n"
              "Pt: {breath}\n"
              "Dr: And you never took a statin?\n"
              "Pt: Not sure, ask my GP.\n")


def test_a_finding_asked_and_denied_in_a_transcript_is_absent_and_the_statement_before_it_stays():
    got = slots(TRANSCRIPT.format(swallow="No, never.", breath="Fine."))
    assert got["antibody"] == "SRP" and not got.get("red_flags") and got.get("statin_status") is None


def test_a_finding_asked_and_affirmed_in_a_transcript_is_present():
    got = slots(TRANSCRIPT.format(swallow="Yes, a bit with bread.", breath="No."))
    assert got["red_flags"] == ["dysphagia"]


def test_text_that_is_not_a_transcript_is_left_alone():
    text = "Any dysphagia? Yes. Weight 70 kg."
    assert answers_applied(text) == text


@pytest.mark.parametrize("text, age", [
    ("Clinic 5 June 2025. DOB: 20 July 1960.", 64),
    ("DOB: 1971-01-31   Seen: 2025-02-01", 54),
    ("Patient DOB: January 2, 1950\nLetter: February 1, 2025", 75),
    ("Age at referral: 66   Sex: F", 66),
    ("me 39. hmgcr pos. 70kg", 39),
    ("daughter 16. srp. 50kg", 16),
    ("Maya (14) has the SRP type", 14),
    ("I'm sixty-one and on pred", 61),
])
def test_ages_however_a_writer_gives_them(text, age):
    assert slots(text)["age_years"] == age


def test_a_bracketed_number_after_a_word_that_is_not_a_person_is_no_age():
    assert slots("Bay (4) bed 2: anti-HMGCR IMNM").get("age_years") is None


def test_the_writer_as_the_subject_again_after_a_relative():
    got = slots("my wife takes simvastatin and I have anti-SRP myopathy")
    assert got["antibody"] == "SRP" and got.get("statin_status") is None


def test_a_relative_with_an_antibody_result_is_the_patient_in_focus():
    got = slots("My mother is 70, weight 60 kilo, anti-HMGCR positive. My sister helps her stand up.")
    assert (got["antibody"], got["age_years"], got["weight_kg"]) == ("HMGCR", 70, 60)


@pytest.mark.parametrize("text, severity", [
    ("IMNM. I can't walk far and use my stick outdoors.", "moderate"),
    ("IMNM. Walks short distances, wheelchair for long distances.", "moderate"),
    ("IMNM, hip flexion 4+/5, fully independent.", "mild"),
    ("IMNM. Stairs fine, getting up fine, a bit tired.", "mild"),
    ("IMNM. He needs help of his brother to stand up from a chair.", "severe"),
    ("IMNM. c/o difficulty w/ stairs", "moderate"),
])
def test_function_told_as_a_limit_or_as_whole(text, severity):
    assert slots(text)["severity"] == severity


@pytest.mark.parametrize("text, status", [("statin stop. hmgcr pos", "past"), ("He was not take statin.", "never"),
                                          ("Actually she did take simvastatin, until 2021.", "past")])
def test_statin_history_in_other_grammars(text, status):
    assert slots(text)["statin_status"] == status


def test_a_droopy_eyelid_is_a_myasthenic_feature():
    assert slots("on nivolumab, now a droopy right eyelid")["red_flags"] == ["myasthenic"]


def test_negative_before_a_list_of_antibodies_is_seronegative():
    assert slots("IMNM with negative SRP and HMGCR antibodies")["antibody"] == "seronegative"


SEVERE_SRP = {"antibody": "SRP", "weight_kg": 60.0, "severity": "severe", "red_flags": ["dysphagia"],
              "audience": "clinician", "recommended": True}


def test_the_iv_one_after_the_oral_steroid_is_the_iv_steroid():
    reply = respond("and the IV one for her?", "ask_question", dict(SEVERE_SRP), False, [], {}, True,
                    history=("severe SRP, 60 kg, dysphagia", "what oral steroid dose?"))
    assert "methylprednisolone" in reply.text and "60-120 mg per dose" in reply.text


@pytest.mark.parametrize("text", ["what's the next step for his antibody type?", "any subtype-specific agent?",
                                  "which drug is usually favoured early for her?"])
def test_the_subtypes_add_on_asked_without_naming_it(text):
    assert "add-on" in question_topics(text)


def test_seriousness_asked_alone_is_about_severity_and_beside_a_finding_about_the_finding():
    assert question_topics("Is that serious?") == ["severe"]
    assert question_topics("Mum keeps choking on her food now, is that serious?") != ["severe"]


def test_usually_said_of_this_patient_is_not_a_general_question():
    assert not asks_in_general("What prednisone dose would he usually need?")
    assert asks_in_general("What prednisone dose do patients usually need?")


def test_a_teaching_question_for_students_is_general_and_its_weight_is_not_the_patients():
    text = "Side question for my students: what would the IVIG dose be for a 40 kg patient?"
    assert asks_in_general(text) and extract(text).slots().get("weight_kg") is None


def test_enough_or_what_to_add_asks_for_the_plan():
    assert asks_what_to_do("Is the steroid alone enough, or what should be added?")


def test_an_answer_leaves_out_steps_for_another_severity_unless_their_drug_is_named():
    moderate = {"antibody": "seronegative", "weight_kg": 70.0, "severity": "moderate", "statin_status": "never",
                "audience": "clinician"}
    assert "severe combination" not in respond("what could be combined with the steroid?", "ask_question", moderate,
                                               False, [], {}, True).text
    assert "Tacrolimus" in respond("and tacrolimus?", "ask_question", moderate, False, [], {}, True).text


@pytest.mark.parametrize("text, words", [
    ("Is it normal for the weakness to come back as the steroids come down?", ["55"]),
    ("Will he need treatment for a long time?", ["years"]),
    ("what are the first medicines they give?", ["prednisone"]),
])
def test_patients_questions(text, words):
    reply = answer(text, None, Audience.PATIENT)
    assert reply is not None and all(word in reply for word in words)


# ------------------------------------------------------------------ leftovers of earlier rounds

from imnm.dialogue.choice import which_of_those  # noqa: E402
from imnm.engine.facts import facts_from_slots  # noqa: E402
from imnm.engine.knowledge import default_knowledge  # noqa: E402
from imnm.engine.rules import recommend  # noqa: E402
from imnm.language.extract.focus import several_patients  # noqa: E402


@pytest.mark.parametrize("text, labels", [
    ("Pt 1: 40F SRP 60kg. Pt 2: 70M HMGCR 80kg.", ["1", "2"]),
    ("Patient A - 40F HMGCR\nPatient B - 66M SRP", ["A", "B"]),
    ("Case 1 (this referral): 50F HMGCR. Case 2: 70M SRP.", []),
    ("my question is about Patient 2. Patient 1: 34F SRP. Patient 2: 17M HMGCR", []),
    ("pt 46F anti-SRP +ve, wt 62kg", []),
])
def test_two_patients_unmarked_are_asked_about_not_merged(text, labels):
    assert several_patients(text) == labels
    if labels:
        got = extract(text)
        assert not {k: v for k, v in got.slots().items() if v not in (None, [], False)} and got.problems


def test_which_of_those_chooses_by_the_entries_own_dose_basis_and_route():
    kb = default_knowledge()
    plan = recommend(facts_from_slots({"weight_kg": 80.0, "antibody": "SRP", "severity": "moderate",
                                       "statin_status": "never", "age_years": 50.0}, Audience.CLINICIAN))
    by_weight = which_of_those("which of them is weight-based?", "Options: IVIG or rituximab.", (), kb, plan,
                               Audience.CLINICIAN)
    assert by_weight.splitlines()[1].startswith("- dosed by weight: **IVIG") and "160 g/course" in by_weight
    weekly = which_of_those("which one is weekly?", "", ("methotrexate or azathioprine?",), kb, plan,
                            Audience.CLINICIAN)
    assert "- given weekly: **methotrexate" in weekly
    assert which_of_those("which of those is cheaper?", "IVIG or rituximab", (), kb, plan, Audience.CLINICIAN) is None
