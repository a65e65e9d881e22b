"""The tenth session's classes, each on sentences written for this test (not any set's own).

Extractor: a refractory course told only by what was done (an escalation agent given after an earlier line, an
earlier line's dose raised after months), and what is not one (agents started together, a switch for side effects,
a plan not carried out). Dialogue: a refractory course stays refractory when the agent added for it works; a
question asked under a supposed fact ("and if it comes back SRP?") gets the plan's differences, the patient's facts
unchanged; "that one" in a message's closing question is the drug the message named last; facts sent after a
question answer it whatever the intent classifier says; "it" after a question about a non-drug topic is that topic.
"""

from __future__ import annotations

import pytest

from imnm.dialogue.conversation import carried_refractory, respond
from imnm.dialogue.frames import with_its_antecedent
from imnm.dialogue.what_if import supposed_facts
from imnm.engine.knowledge import default_knowledge
from imnm.language.context_answers import facts_from_context
from imnm.language.extract import extract
from imnm.language.extract.escalation import escalation_told

KB = default_knowledge()
PATIENT = {"audience": "clinician", "antibody": "HMGCR", "weight_kg": 80.0, "severity": "moderate",
           "statin_exposure": True, "statin_status": "past", "age_years": 59.0, "age_band": "adult"}


def reply(text: str, slots: dict, history=(), intent="ask_question", found_facts=False, changes=None) -> str:
    return respond(text=text, intent=intent, slots=dict(slots), found_facts=found_facts, problems=[],
                   changes=changes or {}, already_recommended=True, history=history).text


# --- the course told by what was done --------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Prednisolone and azathioprine from March; tacrolimus added in the autumn.",
    "Pred + MMF -> IVIG -> ritux over two years.",
    "Steroids and methotrexate first, then plasma exchange when she deteriorated, now doing well.",
])
def test_an_escalation_told_is_a_refractory_course(text):
    assert extract(text).slots()["refractory"] is True


@pytest.mark.parametrize("text", [
    "IV methylprednisolone for three days then oral prednisolone with IVIG 2 g/kg.",
    "Started prednisolone, methotrexate and IVIG on admission.",
    "On pred and MTX since June; switched MTX to mycophenolate because of nausea and a raised ALT.",
    "On prednisolone; we will add rituximab if the CK does not fall.",
    "Weight 90 kg -> IVIG 2 g/kg = 180 g.",
])
def test_agents_started_together_or_changed_for_other_reasons_are_no_escalation(text):
    assert not escalation_told(text)


def test_a_dose_raised_after_months_is_an_escalation_and_after_weeks_is_not():
    assert escalation_told("On MTX 15 mg weekly for 4 months; we increased the MTX to 25 mg.")
    assert not escalation_told("Started MTX 15 mg three weeks ago and increased the MTX to 20 mg this week.")


def test_an_escalation_told_in_a_later_message_reads_the_earlier_line():
    context = facts_from_context("Then rituximab in May, and she's been stable since.", None,
                                 ["pred and methotrexate from January"])
    assert context.slots.get("refractory") is True


def test_a_refractory_course_stays_refractory_when_the_added_agent_works():
    assert carried_refractory(True, False, "IVIG added, good response, CK 300") is True
    assert carried_refractory(True, False, "sorry, wrong patient - she is treatment-naive") is False
    assert carried_refractory(None, False, "responding well") is False


# --- a question under a supposed fact ------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "supposed"), [
    ("and if the result comes back anti-SRP, does anything change?", {"antibody": "SRP"}),
    ("what if he starts to choke on fluids?", {"severity": "severe", "red_flags": ["dysphagia"]}),
    ("say she turns out seronegative - what then?", {"antibody": "seronegative"}),
])
def test_a_supposed_fact_is_read_from_the_condition(text, supposed):
    found = supposed_facts(text, PATIENT)
    assert {name: found[name] for name in supposed} == supposed


@pytest.mark.parametrize("text", [
    "How can it be anti-HMGCR disease if he never took a statin?",
    "If anti-SRP is the more severe type, why is it rarer?",
    "GP here - if the statin has to stop for good, what can he use for cholesterol?",
])
def test_a_condition_that_is_not_a_supposition_about_this_patient(text):
    assert supposed_facts(text, PATIENT) == {}


def test_the_supposed_plan_shows_what_changes_and_leaves_the_facts():
    slots = dict(PATIENT)
    answer = reply("ok and if it comes back SRP instead, what changes?", slots, history=["59M HMGCR 80 kg"])
    assert answer.startswith("**If antibody anti-SRP**")
    assert "rituximab" in answer.lower() and "1000 mg" in answer
    assert "No longer: IVIG for anti-HMGCR disease" in answer
    assert slots["antibody"] == "HMGCR"


def test_a_supposed_severe_finding_adds_the_severe_combination_with_this_weight():
    answer = reply("what if she develops dysphagia?", PATIENT)
    assert "methylprednisolone" in answer and "80-160 mg" in answer
    assert "tacrolimus" in answer.lower()


# --- pointing back -------------------------------------------------------------------------------------------------

def test_that_one_is_the_drug_the_message_named_last():
    text = "The team started prednisolone and now want to add azathioprine. Is that one a daily tablet?"
    assert with_its_antecedent(text, KB) == "Is azathioprine a daily tablet?"
    assert with_its_antecedent("Is that one a daily tablet?", KB) is None


def test_facts_sent_after_a_dose_question_answer_it_whatever_the_classifier_says():
    slots = {"audience": "clinician", "age_band": "adult"}
    answer = reply("it's for necrotising myopathy. adult.", slots, history=["azathioprine dose"],
                   intent="ask_question", found_facts=True, changes={"age_band": (None, "adult")})
    assert "azathioprine" in answer.lower() and "mg/kg" in answer


def test_it_after_a_question_about_prophylaxis_is_the_prophylaxis():
    answer = reply("and what dose and for how long before it's needed?", PATIENT,
                   history=["59M HMGCR 80 kg, walks with a stick", "does he need pneumocystis cover on the steroids?"])
    assert "20 mg" in answer and "4 weeks" in answer
