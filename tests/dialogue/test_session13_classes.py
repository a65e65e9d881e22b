"""Classes left over from round 33, each on sentences written for this test (not the sets' own).

What counts as a response (a CK more than halved, strength near normal) and what is left after one; agents started
together after a pulse; "that one" after the alternatives offered; the plan asked as "thoughts?" or "what's missing?";
the steroid set aside; a question about another condition and its follow-up.
"""

from __future__ import annotations

from imnm.dialogue.conversation import ONLY_IMNM, respond, treats_something_else
from imnm.dialogue.frames import PLAN_AGAIN
from imnm.language.extract import extract
from imnm.language.extract.escalation import escalation_told
from tests.dialogue.test_round31_classes import reply


def _refractory(text: str) -> object:
    return extract(text).slots().get("refractory")


def test_a_ck_more_than_halved_or_strength_near_normal_is_a_response_whatever_is_left():
    assert not _refractory("9 months of prednisolone and azathioprine. CK 14,000 -> 1,100, power near normal, but "
                           "still cannot rise from a low sofa. MRI: marked fatty infiltration of the thighs")
    assert not _refractory("on pred + MMF for a year. CK 8k -> 600 though she still struggles with the stairs")
    # A CK that barely falls is no response: the deficit left is the treatment's failure.
    assert _refractory("pred + MTX for 6 months. CK 9000 -> 7000, still can't climb stairs")


def test_agents_joined_after_a_pulse_are_the_start_of_treatment_not_an_escalation():
    assert not escalation_told("pulsed methylpred, then tacro + IVIG started", "58M SRP, can't swallow, bed-bound")
    assert escalation_told("pred + aza for 5 months, then IVIG + rituximab added")
    assert escalation_told("prednisolone and MTX. 4 months later tacrolimus and IVIG were added")


def test_that_one_after_the_alternatives_offered_is_the_first_of_them():
    state = {"antibody": "SRP", "weight_kg": 60.0, "age_years": 44, "age_band": "adult"}
    history = ["44F SRP, 60 kg, hep B so methotrexate is out", "so what then?"]
    offered = reply("what would you use instead?", state, history[:1])
    assert offered.startswith("If methotrexate cannot be used")
    answer = respond("how much of that one?", "ask_question", state, False, [], {}, False, frozenset(), history,
                     offered).text
    assert "Azathioprine" in answer.split("\n")[1] and "120-180 mg/day" in answer


def test_the_plan_asked_as_an_opinion_or_as_what_is_missing():
    for text in ("thoughts?", "your thoughts?", "what do you think?", "any advice?", "what's missing?",
                 "what am I missing here"):
        assert PLAN_AGAIN.search(text), text
    assert not PLAN_AGAIN.search("what do you think causes it?")


def test_the_steroid_set_aside_asks_what_can_spare_it():
    state = {"antibody": "HMGCR", "weight_kg": 64.0, "severity": "mild", "statin_exposure": False,
             "statin_status": "never", "age_years": 71, "age_band": "adult", "recommended": True}
    answer = reply("she's diabetic, keen to keep her off high doses of steroids - do the sources back that?", state,
                   ["71F HMGCR, 64 kg, never on a statin, mild weakness, brittle diabetes"])
    first = next(line for line in answer.splitlines() if line.startswith("- "))
    assert "IVIG" in first
    assert "64 mg/day" not in answer


def test_a_drip_of_antibodies_is_ivig():
    from imnm.language.question_words import TOPIC_WORDS
    assert "drip of antibodies" in TOPIC_WORDS["ivig"]


def test_another_conditions_treatment_and_its_follow_up_are_declined_as_outside_imnm():
    assert treats_something_else("best management for an acute asthma flare?")
    assert not treats_something_else("how do we manage her breathing problems?")
    assert not treats_something_else("what's the treatment for a flare?")
    history = ["how do you treat a psoriasis flare in clinic"]
    answer = reply("methotrexate dose?", {}, history)
    assert "15-25 mg" in answer  # a drug of this disease is answered, whatever came before
    gout = "what is the best treatment for acute gout?"
    first = reply(gout, {})
    assert "(IMNM)" in first and "do not address" in first
    declined = respond("and the dose of allopurinol?", "ask_question", {}, False, [], {}, False, frozenset(), [gout],
                       first).text
    assert ONLY_IMNM in declined
    # A course told with "treatment" in it is not another condition: what follows is asked of this patient.
    told = "3 months off treatment his CK is 5000 and he's struggling out of chairs again"
    assert ONLY_IMNM not in reply("how do we manage this?", {"antibody": "SRP"}, [told])
