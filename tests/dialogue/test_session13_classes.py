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


def test_strength_near_normal_is_a_response_whatever_is_left_but_a_fallen_ck_alone_is_not():
    assert not _refractory("9 months of prednisolone and azathioprine. CK 14,000 -> 1,100, power near normal, but "
                           "still cannot rise from a low sofa. MRI: marked fatty infiltration of the thighs")
    # A CK that falls while the patient stays limited after months is an inadequate response.
    assert _refractory("on pred + MMF for 6 months. CK 8k -> 600 but she still can't climb stairs without the rail")
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
    gout = "unrelated - best treatment for an acute gout flare?"
    first = reply(gout, {})
    assert ONLY_IMNM in first
    declined = respond("and the dose of allopurinol?", "ask_question", {}, False, [], {}, False, frozenset(), [gout],
                       first).text
    assert ONLY_IMNM in declined
    # A question about this disease after the decline is answered.
    assert "Methotrexate" in respond("ok - what's first line for IMNM?", "ask_question", {}, False, [], {}, False,
                                     frozenset(), [gout], first).text
    # A course told with "treatment" in it is not another condition: what follows is asked of this patient.
    told = "3 months off treatment his CK is 5000 and he's struggling out of chairs again"
    assert ONLY_IMNM not in reply("how do we manage this?", {"antibody": "SRP"}, [told])


# Round 34's classes.

def _slots(text: str) -> dict:
    return {k: v for k, v in extract(text).slots().items() if v not in (None, [], "")}


def test_a_time_on_treatment_is_not_an_age():
    assert _slots("54M, SRP. Treated 3 yrs with pred + aza, relapsed on taper").get("age_years") == 54
    assert _slots("Pt: 16 y.o. F. pred + MTX SC 2 yrs, IVIG added")["age_years"] == 16


def test_a_person_named_just_before_who_is_a_number_is_their_age():
    assert _slots("I'm asking for my wife Aoife who is 47, she has the HMGCR type")["age_years"] == 47
    assert _slots("my son Tom who is 15, SRP myopathy")["age_band"] == "juvenile"


def test_a_statin_kept_avoided_is_not_taken():
    told = _slots("Atorvastatin stopped at diagnosis in 2021. Continue to avoid all statins.")
    assert told["statin_status"] == "past"


def test_function_as_patients_and_nurses_write_it():
    assert _slots("My CK is 3000 but strength-wise I'm fine")["severity"] == "mild"
    assert _slots("Stairs: no problem. Walks the dog daily")["severity"] == "mild"
    assert _slots("finding it harder to climb stairs lately")["severity"] == "moderate"
    assert _slots("uses her arms to get out of the car")["severity"] == "moderate"


def test_a_course_since_a_season_and_a_cancers_response():
    assert _slots("on pred and MMF since last summer. CK has barely moved and she can't stand unaided")["refractory"]
    assert "refractory" not in _slots("Nivolumab held, pred started 2 days ago. Lung cancer: partial response on "
                                      "restaging CT")


def test_taper_timing_rate_and_subtype_asked_by_patients():
    from imnm.dialogue.questions import ASKS_A_RATE, question_topics
    assert "relapse" in question_topics("when are they going to start lowering it?")
    assert ASKS_A_RATE.search("what's the chance it comes back when they cut my tablets")
    assert "add-on" in question_topics("which medicine works best for my type?")


def test_escalation_asked_with_the_lung_involved_is_the_extramuscular_escalation():
    from imnm.dialogue.questions import answer
    from imnm.engine.facts import Audience
    from imnm.engine.knowledge import default_knowledge
    reply_text = answer("what would you step up to, given the ILD?", None, Audience.CLINICIAN, default_knowledge())
    assert reply_text.startswith("- **IVIG for extramuscular involvement**") and "tacrolimus" in reply_text


def test_what_is_awaited_lists_the_missing_facts_with_what_each_changes():
    state = {"weight_kg": 60.0, "severity": "moderate", "age_years": 50, "age_band": "adult", "statin_exposure": False,
             "statin_status": "never"}
    history = ["50F, 60 kg, moderate, never a statin, SRP pending"]
    answer = reply("what results are we still waiting for?", state, history)
    assert answer.startswith("Still missing") and "early rituximab for anti-SRP" in answer
    assert not reply("should we wait for the antibodies before starting treatment?", state).startswith("Still missing")


# Round 35's classes.

def test_titles_and_the_writer_named_give_the_age():
    assert _slots("Madam L.K.M., 68, anti-SRP IMNM, seen in clinic")["age_years"] == 68
    assert _slots("About me:\n- Me: Siobhan, 57. HMGCR positive")["age_years"] == 57


def test_the_ck_target_asked_by_pointing_at_it_and_other_agents_and_a_combo():
    from imnm.dialogue.questions import question_topics
    assert "monitoring" in question_topics("what number should it be at ideally?")
    assert "combination" in question_topics("which combo do you favour?")
    assert PLAN_AGAIN.search("which other options do we have now?")
