"""The classes round 11's first sight showed (US notes, pharmacy and therapy reviews, dictated and
non-native writers): today's weight among dated ones, an age an event happened at, conditions and other
diseases' flares, what "that", "the other one" and "the first option" stand for when drugs were ruled
out, a plan asked for at the end of a report, and a made-up patient in a teaching question."""

from __future__ import annotations

import pytest

from imnm.dialogue.conversation import carried_subject, respond
from imnm.dialogue.frames import asks_for_the_plan, listed_agent, ruled_out
from imnm.dialogue.questions import question_topics
from imnm.engine.knowledge import default_knowledge
from imnm.language.extract import extract

KB = default_knowledge()


@pytest.mark.parametrize("text, weight", [
    ("Exam: Wt 198 lbs (212 lbs in 2023). BP 138/82.", 89.8),
    ("Weight 84.5 kg (admission weight 86.0 kg). Est. CrCl 58 mL/min.", 84.5),
    ("I weigh 11 st 4 lb now, I was nearly 12 st at Christmas.", 71.7),
    ("has lost weight (now 91 kg, from 97 kg in the summer)", 91),
    ("I weigh 77 kg now, before 2 months 79 kg.", 77),
    ("Exam: Wt 81 kg. ECG: new RBBB, 1st-degree AV block.", 81),
])
def test_todays_weight_among_dated_ones(text, weight):
    assert extract(text).slots()["weight_kg"] == weight


@pytest.mark.parametrize("text, age", [
    ("Re: Maya, aged 11. PMH: glue ear with grommets aged 4.", 11),
    ("Re: Amelia, 16 years old. PMH: eczema; tonsillectomy aged 6.", 16),
    ("I'm 54 now. My question: my sister (she's 58) has just been diagnosed with something.", 54),
    ("LAB PRINTOUT Age/Sex: 52/M | Weight: 80 kg", 52),
    ("Patient: male, 15 y 4 m | Weight 56.4 kg", 15),
    ("Patient: 14-year-old girl. Height 158 cm. BSA 1.35 m2.", 14),
])
def test_the_age_now_among_other_numbers(text, age):
    assert extract(text).slots()["age_years"] == age


@pytest.mark.parametrize("text", [
    "Start prednisone + MTX. If inadequate response at 3 mo, consider adding IVIG.",
    "PMH: HTN, T2DM. Gout flare 2021, resolved.",
    "He had dysphagia during the initial flare in 2024; fully resolved after IVIG.",
])
def test_a_condition_or_another_flare_is_no_refractory_course(text):
    assert extract(text).slots().get("refractory") is not True


@pytest.mark.parametrize("text, key, value", [
    ("got IVMP then pred 1mg/kg + MTX 20. 3 months - no change at all, CK still 12k", "refractory", True),
    ("Falls at home but walks unaided.", "severity", "moderate"),
    ("HMGCR pos myopathy, 60 yo man, needs his son to lift him out of the chair", "severity", "severe"),
    ("72 y/o woman on nivolumab for renal cell ca, now prox weakness", "red_flags", ["malignancy"]),
    ("my daughter is 8, 60 lbs, they found SRP antibodies. she can't swallow properly", "age_years", 8),
])
def test_facts_told_in_other_styles(text, key, value):
    assert extract(text).slots().get(key) == value


def test_a_proposed_statin_is_not_taken():
    assert "statin_status" not in extract("cardiology want him back on a statin for his LDL").slots()


def test_a_made_up_patient_in_a_teaching_question_sets_nothing_and_gets_its_doses():
    assert "weight_kg" not in extract("for teaching - if a patient weighed 90 kg, what would the aza dose be?").slots()
    slots = {"antibody": "HMGCR", "weight_kg": 52.0, "severity": "severe", "statin_exposure": True,
             "statin_status": "past", "age_years": 58.0, "age_band": "adult"}
    reply = respond("for teaching - if a patient weighed 90 kg, what would the azathioprine dose range be?",
                    "ask_question", slots, False, [], {}, True)
    assert "180-270" in reply.text and "104-156" not in reply.text


def test_drugs_ruled_out_are_not_what_that_stands_for():
    told = ("she cant have methotrexate because of her fatty liver and mycophenolate gave her awful diarrhoea "
            "so what is left")
    assert ruled_out(told, KB) == {"methotrexate", "mycophenolate"}
    slots = {"antibody": "HMGCR", "weight_kg": 70.0, "severity": "moderate", "statin_status": "never",
             "statin_exposure": False, "age_years": 52.0, "age_band": "adult"}
    reply = respond("what dose would that be for her weight", "ask_question", slots, False, [], {}, True,
                    history=["52 year old lady with anti HMGCR myopathy", told])
    assert "azathioprine" in reply.text and "140-210" in reply.text


def test_the_other_one_of_two():
    history = ["MTX stopped last week for transaminitis. Consultant deciding between aza and MMF.",
               "what dose would aza be for him?"]
    assert listed_agent("and the other one?", history, KB) == "mycophenolate"


def test_a_question_that_pointed_back_passes_the_reference_on():
    history = ["67 yo woman with anti-HMGCR IMNM. Team want to give IVIG. She weighs 64 kg.",
               "How often is it usually repeated?"]
    assert carried_subject("ok and what's the total per course for her?", history, KB) == "ivig"


@pytest.mark.parametrize("text", [
    "tried dropping pred to 40 and CK jumped back to 11k. next step?",
    "FVC now 45% and still sliding. this is getting life threatening, what else is on the table?",
    "what do I start while we wait?",
    "does that change anything in management?",
])
def test_the_plan_asked_for_at_the_end_of_a_report(text):
    assert asks_for_the_plan(text)


def test_a_drug_to_be_avoided_is_background():
    text = ("82F brittle T2DM, anti-HMGCR IMNM, moderate weakness. Desperate to avoid high-dose pred - is there a "
            "single agent that could work on its own?")
    assert question_topics(text) == ["monotherapy"]


def test_dose_and_taper_asked_together_are_both_answered_dose_first():
    slots = {"antibody": "seronegative", "weight_kg": 28.0, "severity": "moderate", "age_years": 9.0,
             "age_band": "juvenile"}
    reply = respond("starting oral pred - what dose and when would we think about tapering?", "ask_question",
                    slots, False, [], {}, True)
    assert reply.text.index("56 mg/day") < reply.text.index("taper")
