"""Answers never speak as if the patient were someone they are known not to be, never give a child an
adult-only dose, and say what would let a dose be worked out (issue 17, round 8 classes)."""

from __future__ import annotations

from imnm.dialogue.conversation import respond
from imnm.dialogue.questions import WEIGHT_FOR_THE_DOSE
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
    assert "2 g/kg" in reply and WEIGHT_FOR_THE_DOSE[False] in reply and " g/course" not in reply


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


def test_what_the_review_found_stays_fixed():
    """Readings a review of this round's changes showed wrong, each with the reading it must give."""
    assert extract("she has lost two stone").slots().get("weight_kg") is None  # a change, not a weight
    for still_there in ("dysphagia hasn't resolved", "dysphagia that never resolved",
                        "dysphagia and CK has normalised"):
        assert "dysphagia" in (extract(still_there).slots().get("red_flags") or []), still_there
    for over in ("The dysphagia she had at presentation has fully resolved.", "dysphagia, now resolved"):
        assert "dysphagia" not in (extract(over).slots().get("red_flags") or []), over
    assert extract("on atorvastatin 40 mg. Not sure if he had any dysphagia.").slots().get("statin_status") == "current"
    assert extract("On prednisone and MTX for 4 months, stronger. ECG unchanged.").slots().get("refractory") is None
    assert extract("Weak for 3 months, started prednisone yesterday. Still weak.").slots().get("refractory") is None
    assert extract("I am 54 and have HMGCR myopathy").slots().get("audience") == "patient"
    for clinician in ("I have one patient with SRP myopathy", "I have four IMNM patients in clinic",
                      "I was told by the lab that HMGCR is positive"):
        assert extract(clinician).slots().get("audience") in (None, "clinician"), clinician
    assert extract("Seen by Dr Jones (2) today").slots().get("age_years") is None
    assert extract("Diagnosis 16F anti-SRP 40 kg").slots().get("age_years") == 16


def test_a_follow_up_that_names_its_own_topic_takes_no_aspect_from_the_last_message():
    from imnm.dialogue.conversation import follow_up
    from imnm.engine.facts import Audience, facts_from_slots
    from imnm.engine.knowledge import default_knowledge
    from imnm.engine.rules import recommend

    slots = {"antibody": "HMGCR", "weight_kg": 70.0, "severity": "moderate", "statin_exposure": False,
             "statin_status": "never", "age_years": 50}
    plan = recommend(facts_from_slots(slots, Audience.CLINICIAN))
    history = ["70 kg HMGCR moderate never statin 50", "what is the IVIG dose?"]
    monitored = follow_up("how do we monitor her?", history, plan, Audience.CLINICIAN, default_knowledge())
    assert monitored is None or "140 g" not in monitored.text
    mine = follow_up("so for her what would it be", history, plan, Audience.CLINICIAN, default_knowledge())
    assert mine is not None and "140 g" in mine.text
