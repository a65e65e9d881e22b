"""Round 21's classes, each on sentences written for this test (not the set's own): an item in the middle of a
negated list, a result after "markers", another person's statement going on in a bracket or after an aside, what
did not happen ("had he had ..."), a heart condition under a past-history heading, breathlessness said to be
cardiac, a form's "No" with a bracketed note, a cancer in complete response, and a service named after a finding
that the text tells of otherwise."""

from __future__ import annotations

import pytest

from imnm.dialogue.conversation import respond
from imnm.language.context_answers import facts_from_context
from imnm.language.extract import extract


def flags(text: str) -> list[str]:
    return extract(text).slots().get("red_flags") or []


@pytest.mark.parametrize("text", [
    "On examination there was no ptosis, dysphagia or dysarthria.",
    "She denies fevers, dysphagia, orthopnoea or rashes.",
    "Tumour markers negative, CT chest/abdomen/pelvis clear.",
    "Her father has SRP myopathy (needs a PEG; severe dysphagia) but she swallows normally.",
    "His sister, also a patient here, has IMNM with dysphagia.",
    "She has no dysphagia; had she had any, we would have admitted her.",
    "PMH: hypertension, paroxysmal AF on rivaroxaban.",
    "No respiratory muscle weakness on testing; her breathlessness is cardiac.",
    "Dysphagia: No (SALT 03/05)",
    "Renal cell carcinoma treated with nivolumab; stopped 2023 after 18 months - complete response.",
])
def test_findings_told_in_these_ways_are_not_present(text):
    assert not flags(text)


@pytest.mark.parametrize("text, flag", [
    ("No rash, but dysphagia and dyspnoea on exertion.", "dysphagia"),
    ("He has IMNM (dysphagia since May).", "dysphagia"),
    ("Holter: paroxysmal AF and NSVT, felt to be myositis-related.", "cardiac"),
    ("Melanoma MDT: 66M on pembrolizumab, now proximal weakness.", "malignancy"),
])
def test_findings_told_in_these_ways_stay(text, flag):
    assert flag in flags(text)


def test_a_checkpoint_inhibitor_the_patient_would_have_had_is_not_exposure():
    facts = extract("She has never received a checkpoint inhibitor; had she been on nivolumab, the approach would "
                    "be different.").slots()
    assert facts["ici_exposure"] is False


def ask(turns: list[str]) -> str:
    """The reply to the last of `turns`, each read with the facts and the messages before it."""
    slots: dict = {}
    history: list[str] = []
    reply = ""
    for turn in turns:
        slots.update({k: v for k, v in extract(turn).slots().items() if v not in (None, [], "")})
        reply = respond(turn, "ask_question", slots, False, [], {}, True, history=history).text
        history.append(turn)
    return reply


def test_a_question_naming_nothing_is_the_question_before_it_asked_again():
    reply = ask(["Ward pharmacist: IMNM, 70F, 62 kg, prednisolone 50 mg daily for 5 weeks.",
                 "Should she be on pneumocystis cover?", "what drug?"])
    assert "trimethoprim" in reply.lower()


def test_a_made_up_patients_dose_asked_again_for_this_patient():
    reply = ask(["theoretically, if a patient weighed 100 kg, what would the IVIG dose be?",
                 "right. my real patient: 45M, anti-SRP, 75 kg", "and for him?"])
    assert "150 g" in reply and "200 g" not in reply


def test_the_dose_of_a_named_drug_is_worked_out_before_the_severity_is_known():
    reply = ask(["anti-SRP, 52F, 70 kg", "what's the IVIG dose?"])
    assert "140 g" in reply and "Provisional" in reply


def test_a_phase_of_care_is_not_another_condition():
    reply = ask(["66F on pembrolizumab for lung cancer, CK 9,000, ptosis and myocarditis on cardiac MRI.",
                 "should the pembrolizumab be stopped?", "anything more for the acute management?"])
    assert "do not address" not in reply and "IVIG" in reply


def test_still_limited_after_treatment_told_in_earlier_messages_without_a_duration():
    found = facts_from_context("Oct: still in a wheelchair, CK 9k.", None,
                               ["anti-SRP 40M", "pred + tacrolimus since May, rituximab in July"])
    assert found.slots.get("refractory") is True


def test_asked_what_to_tell_the_bot_says_which_facts():
    reply = ask(["hello", "which details do you need?"])
    assert "antibody" in reply and "weight" in reply


def test_it_after_what_next_is_the_option_the_plan_added():
    reply = ask(["anti-SRP, 35M, 70 kg, never on a statin. Pred + aza for 6 months, then 3 cycles of IVIG: still "
                 "walks with a frame, CK 7k.", "what now?", "what proportion respond to it?"])
    assert "rituximab" in reply.lower().split("**sources")[0]


def test_what_a_result_just_told_changes():
    reply = ask(["60M, ?IMNM, antibodies sent, 80 kg", "SRP result back: positive", "does that change anything?"])
    assert "rituximab" in reply.lower()


def test_first_line_for_this_patient_is_the_plan():
    reply = ask(["anti-HMGCR 50F 70 kg, cannot walk, never on a statin", "first line then?"])
    assert "IMNM plan" in reply and "IVIG" in reply


@pytest.mark.parametrize("text", ["how should we follow her up?", "What CK should we aim for when monitoring her?"])
def test_monitoring_asked_in_these_ways(text):
    assert "MMT8" in ask([text])


def test_that_with_a_noun_after_a_plan_question_is_not_the_option_added():
    reply = ask(["registrar here: 45F, antibody-negative necrotising myopathy, 64 kg, HRCT shows ILD",
                 "does the lung disease change things?", "so what would that combination be?"])
    assert "tacrolimus" in reply.lower()
