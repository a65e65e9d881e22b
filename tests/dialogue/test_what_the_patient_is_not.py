"""Answers never speak as if the patient were someone they are known not to be, never give a child an
adult-only dose, and say what would let a dose be worked out (issue 17, round 8 classes)."""

from __future__ import annotations

from imnm.dialogue.conversation import respond
from imnm.language.context_answers import facts_from_context
from imnm.language.extract import extract


def ask(text: str, slots: dict) -> str:
    return respond(text=text, intent="ask_question", slots=slots, found_facts=False, problems=[], changes={},
                   already_recommended=False).text


def test_a_patient_who_never_took_a_statin_is_not_told_about_stopping_theirs():
    slots = {"audience": "patient", "antibody": "HMGCR", "statin_exposure": False, "statin_status": "never",
             "age_years": 38, "weight_kg": 60}
    reply = ask("Does not having taken a statin change my treatment?", slots)
    assert "You never took a statin" in reply and "You take a statin" not in reply and "stop it" not in reply


def test_a_child_asking_about_doses_gets_no_adult_steroid_sparing_dose():
    slots = {"audience": "patient", "antibody": "SRP", "weight_kg": 30, "age_years": 10}
    reply = ask("is it normal they want to give her 60mg of prednisolone a day??", slots)
    assert "60 mg/day" in reply and "15-25 mg" not in reply


def test_a_dose_asked_without_a_usable_weight_says_what_would_work_it_out():
    reply = ask("ivig dose pls", {"antibody": "HMGCR", "age_years": 50})
    assert "2 g/kg" in reply and "weight" in reply.lower() and " g/course" not in reply


def test_a_severe_only_dose_is_not_worked_out_before_the_severity_is_known():
    reply = ask("pred dose?", {"antibody": "SRP", "weight_kg": 55, "age_years": 19})
    assert "55 mg/day" in reply and "55-110 mg" not in reply


def test_a_statin_history_said_to_be_unknown_is_taken_back():
    said = "correction - daughter now isn't sure he ever took one, the statin box at home was his late wife's"
    assert extract(said).slots().get("statin_exposure") is None
    taken_back = facts_from_context(said, None, ["76yo man, HMGCR ab pos, 79kg, on a statin"])
    assert taken_back.slots == {"statin_exposure": None, "statin_status": None}


def test_a_question_about_patients_in_general_sets_no_facts():
    for question in ("side q - what proportion of HMGCR patients have never taken a statin?",
                     "Generally, how do the myocarditis or myasthenia overlap cases do prognostically?"):
        assert not {k: v for k, v in extract(question).slots().items() if v not in (None, [], "clinician")}
