"""The classes round 9's first sight showed, each read by design rather than by phrasing: the course told
across sentences, dependence on another person, a short question made only of what-to-do words, the
subject of a follow-up (not the drug it is compared with, the nth drug of the list before), and a rate
asked amid a patient's facts."""

from __future__ import annotations

import pytest

from imnm.dialogue.frames import asks_for_the_plan, subject_agents
from imnm.dialogue.questions import retrieve
from imnm.engine.knowledge import default_knowledge
from imnm.language.extract import extract

KB = default_knowledge()


@pytest.mark.parametrize("text", [
    "pred 60 + aza 150. 3 months in, no real change, CK still 8-9k",
    "added IVIG 2g/kg monthly x3 - marginal improvement at best",
    "still on pred 40 because every time we go below that his CK jumps",
    "Weaned the pred to 20 mg and she's slipped back - CK 7k",
    "gave IVIG alone, monthly x3. No improvement, CK 12k unchanged.",
])
def test_a_course_without_response_is_refractory(text):
    assert extract(text).slots()["refractory"] is True


@pytest.mark.parametrize("text", [
    "weak for 3 months, started prednisone yesterday, CK still 5000",
    "If swallowing worsens or the CK climbs again, we would add IVIG.",
    "treated with IV methylprednisolone then prednisone, with a steady decline in troponin and CK",
])
def test_no_course_is_read_from_a_fresh_start_a_condition_or_a_falling_marker(text):
    assert extract(text).slots().get("refractory") is not True


@pytest.mark.parametrize("text, severity", [
    ("can't get out of a chair on her own anymore, dad has to help her up", "severe"),
    ("can't stand from a chair unless his wife hauls him up", "severe"),
    ("needs her partner's help to get up from a chair", "severe"),
    ("now can't get out of bed without help", "severe"),
    ("needs help to stand from low seats, walks with a rollator", "moderate"),
    ("gets up from a chair only by pushing off with her arms; walks unaided", "moderate"),
    ("Can't get up from a low chair without using his arms", "moderate"),
])
def test_severity_from_who_does_the_lifting(text, severity):
    assert extract(text).slots()["severity"] == severity


@pytest.mark.parametrize("text", ["what should happen now?", "So what now?", "what are the options now?",
                                  "next step then?", "where do we go from here?", "does that change what we'd go for?"])
def test_a_short_question_of_what_to_do_asks_for_the_plan(text):
    assert asks_for_the_plan(text)


@pytest.mark.parametrize("text", ["what dose?", "what do we monitor?", "how long?", "is it serious?",
                                  "what do we do if it fails?"])
def test_a_question_with_its_own_subject_does_not(text):
    assert not asks_for_the_plan(text)


def test_a_drug_named_as_background_or_comparison_is_not_the_subject():
    assert subject_agents("why that one over aza?", KB) == []
    assert subject_agents("and after the pulses, oral pred at what dose for him?", KB) == ["prednisone"]
    assert subject_agents("we're adding tacrolimus alongside the IVMP and IVIG", KB) == ["tacrolimus"]


@pytest.mark.parametrize("question, entry", [
    ("Generally speaking, how often do IMNM patients relapse when the steroids are tapered?", "prognosis.relapse"),
    ("How many IMNM patients in general end up needing 2 or more immunotherapy agents?", "pitfall.monotherapy"),
])
def test_a_rate_is_answered_by_the_entry_that_states_it(question, entry):
    assert retrieve(question, KB)[0].id == entry


def test_how_often_a_drug_is_given_is_not_a_rate():
    assert retrieve("how often is IVIG given?", KB)[0].id.endswith("ivig")
