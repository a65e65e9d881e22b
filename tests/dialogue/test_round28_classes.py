"""Round 28's classes, each on sentences written for this test (not the set's own).

Extractor: a multi-patient document whose other patients are marked as not its subject, or are one line each beside a
page about one case, is read for that case; a sentence reporting the literature or a rate among patients is no
finding of this patient; a condition ("review if new weakness/swallowing problems") is no finding; a results table's
dot leaders; a form's field left empty ("Statin hx: not documented"); an age in brackets or between commas after a
name, or as "12y" before the weight; a patient lifted by a relative; a statin asked about taking again; "gone
steadily downhill" after a taper; a relative's response is not this patient's. Dialogue: questions asked on someone's
behalf or after "and"; "gen q"; an aspect asked after a message naming a drug; a question pointing two turns back
through one that asked an aspect; waiting for the antibodies is a question about this disease.
"""

from __future__ import annotations

import pytest

from imnm.dialogue.conversation import respond
from imnm.dialogue.questions import asks_something
from imnm.language.extract import extract

CASE_AND_OTHERS = (
    "Myositis MDT 12/06\n"
    "Case 1: Mrs L.M., 57F\n"
    "Anti-SRP IMNM diagnosed last year. Prednisolone and methotrexate since then; CK 7,400 and she now needs the "
    "rail on the stairs and her arms to rise from a chair. Weight 68 kg. Never took a statin. No dysphagia, FVC "
    "normal, echo normal. The group agreed this is an inadequate response after nine months; for IVIG 2 g/kg "
    "monthly, with rituximab the next option. Bone protection reviewed; PJP prophylaxis continues. Review in clinic "
    "with CK and MMT8 in six weeks; physiotherapy referral made.\n"
    "Case 2: Mr T.R., 71M, anti-HMGCR, on IVIG - see separate minute.\n"
    "Case 3: Ms A.B., 33F, seronegative, stable - no change.\n")


def slots(text: str) -> dict:
    return extract(text).slots()


def reply(text: str, slots_: dict, history=(), intent="ask_question") -> str:
    return respond(text=text, intent=intent, slots=dict(slots_), found_facts=False, problems=[], changes={},
                   already_recommended=True, history=history).text


# --- extractor -----------------------------------------------------------------------------------------------------

def test_the_case_a_document_is_about_among_one_line_others():
    found = slots(CASE_AND_OTHERS)
    assert (found["antibody"], found["weight_kg"], found["statin_status"]) == ("SRP", 68.0, "never")


def test_other_patients_marked_as_such_are_left_out():
    text = ("Night handover\nBED 4 - Mr Ivan PETROV, 66M (the myositis patient): anti-HMGCR, 92 kg, walks with a "
            "frame.\nOther patients:\n- BED 5 (different pt): pembrolizumab hepatitis.\n- BED 7: GBS, FVC 1.9 L.")
    found = slots(text)
    assert found["antibody"] == "HMGCR" and found["weight_kg"] == 92.0
    assert "ici_exposure" not in found and "red_flags" not in found


@pytest.mark.parametrize("text", [
    "Earlier studies describe dysphagia and myocarditis in a minority of anti-SRP patients; she has neither.",
    "Respiratory failure has been reported in up to 10% of cases. Her FVC is normal.",
])
def test_the_literature_is_no_finding(text):
    assert "red_flags" not in slots(text)


def test_a_condition_to_act_on_is_no_finding():
    assert "red_flags" not in slots("Stable. Come back sooner if new weakness/choking/breathlessness.")


def test_a_results_table_with_dot_leaders():
    text = "Anti-HMGCR ab ........ Not detected\nAnti-SRP ab .......... POSITIVE (88 U/mL)\n"
    assert slots(text)["antibody"] == "SRP"


@pytest.mark.parametrize("text", ["Statin hx: not documented, ask GP.", "Statin: -- (field blank)",
                                  "Statin use: unknown"])
def test_a_form_field_left_empty_is_unknown(text):
    assert "statin_exposure" not in slots(text)


@pytest.mark.parametrize(("text", "age"), [
    ("I'm emailing about my wife Maria (58), who has anti-SRP myopathy.", 58),
    ("Caller: father of Jonah (13), SRP positive, on prednisolone.", 13),
    ("Letter re his father Mr Colin WARD, 79, newly diagnosed anti-HMGCR myopathy.", 79),
    ("Patient Mrs Anne Marie Cole, sixty-three, anti-HMGCR positive.", 63),
    ("boy 9y 31kg SRP+", 9),
])
def test_an_age_after_a_name(text, age):
    assert slots(text)["age_years"] == age


@pytest.mark.parametrize("text", [
    "He can't get up off the sofa without his son lifting him.",
    "She cannot get out of the chair unless her husband lifts her.",
])
def test_lifted_by_a_relative_is_dependence(text):
    assert slots(text)["severity"] == "severe"


def test_a_statin_asked_about_again_is_not_taken():
    assert "statin_status" not in slots("Cholesterol is up. Could he restart a statin at a low dose?")
    assert slots("Stopped simvastatin in May. Is it safe to go back on a statin?")["statin_status"] == "past"


def test_downhill_after_a_taper_and_a_relatives_response():
    assert slots("On pred and MMF for a year; he has gone rapidly downhill since the pred came down to 5 mg."
                 )["refractory"] is True
    text = ("Pred + MTX since March, no gain in strength by July. Her brother, who has polymyositis, responded well "
            "to steroids alone.")
    assert slots(text)["refractory"] is True


# --- dialogue ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["he's asking whether he can drive", "and what test do the sources name",
                                  "gen q: does age change the prognosis"])
def test_questions_put_in_other_words(text):
    assert asks_something(text)


def test_an_aspect_asked_after_a_message_naming_a_drug():
    patient = {"audience": "clinician", "antibody": "SRP", "weight_kg": 60.0, "age_years": 50.0, "age_band": "adult"}
    answer = reply("how many doses, and how far apart?", patient,
                   history=["50F SRP 60 kg", "the MDT have agreed to go ahead with rituximab"])
    assert "1000 mg" in answer and "two weeks" in answer


def test_a_question_pointing_back_through_one_that_asked_an_aspect():
    history = ["does someone on prednisolone 40 mg need pneumocystis prophylaxis?",
               "and how long must they be on it before it applies"]
    assert "trimethoprim" in reply("and which drug do the sources give", {"audience": "clinician"}, history).lower()


def test_waiting_for_the_antibodies_is_a_question_about_this_disease():
    answer = reply("CK 12k and weak. should we wait for the antibodies before treating?", {"audience": "clinician"},
                   history=["I have a question about a patient"])
    assert "damage" in answer.lower()
