"""Classes from rounds 35 and 36, each on sentences written for this test (not the sets' own).

A remedy the sources do not address written with a hyphen inside a word ("co-enzyme Q10", "re-dosing"); what each
antibody is directed against; "can hardly swallow"; "2 years in"; a statin "beforehand"; a yes/no question about a thing
named before; a drug held back by a worry; a relative in focus and their age; "housebound with a frame"; a lost
function back to normal; an agent given after a line told failing; "what's next?" after a worsening; words of degree
inside a phrase; care done to the writer by others.
"""

from __future__ import annotations

from imnm.dialogue.questions import gaps_in
from imnm.engine.knowledge import load_knowledge
from imnm.language.extract import extract
from tests.dialogue.test_round31_classes import reply


def test_a_gap_written_with_a_hyphen_inside_a_word_is_still_a_gap():
    kb = load_knowledge()
    assert [gap.id for gap in gaps_in("would co-enzyme Q10 help my aching legs?", kb)] == ["gap.coq10_diet"]
    assert [gap.id for gap in gaps_in("when is re-dosing of ritux due?", kb)] == ["gap.rituximab_maintenance"]
    # A hyphen between words is not removed ("anti-HMGCR" names no gap).
    assert gaps_in("is the anti-HMGCR result from an out-of-town lab reliable?", kb) == []


def test_what_each_antibody_is_directed_against():
    for question in ("which enzyme is targeted by the HMGCR antibodies?",
                     "what are anti-SRP antibodies directed against?"):
        answer = reply(question, {})
        assert "reductase" in answer and "signal recognition particle" in answer, question


def _slots(text: str) -> dict:
    return extract(text).slots()


def test_able_only_just_is_the_difficulty_of_the_task():
    assert _slots("I can hardly swallow and I can't get up the stairs")["red_flags"] == ["dysphagia"]
    assert _slots("since Tuesday she can barely breathe when lying flat")["red_flags"] == ["respiratory"]
    assert _slots("he is scarcely able to climb the stairs now")["severity"] == "moderate"
    assert "severity" not in _slots("I can hardly wait for the results")


def test_years_in_is_time_on_treatment_not_an_age():
    assert "age_years" not in _slots("Now 3 years in, CK 2,500 and weaker")
    assert _slots("61F, 2 years into treatment, relapsed on taper")["age_years"] == 61
    assert _slots("Mrs Ode (78) in a nursing home, HMGCR")["age_years"] == 78


def test_a_statin_taken_beforehand_is_in_the_past():
    assert _slots("SRP neg, HMGCR pos (on rosuvastatin for 3 years beforehand)")["statin_status"] == "past"


def test_a_yes_no_question_about_a_thing_named_before_tells_nothing():
    assert "statin_status" not in _slots("and does the statin still matter now?")
    assert "statin_status" not in _slots("is the rosuvastatin relevant at all?")


def test_a_drug_held_back_by_a_worry_was_not_given():
    assert _slots("kept on prednisolone only - the GP was wary of methotrexate with her liver")[
        "treatments_tried"] == ["prednisone"]
    assert _slots("she stayed on prednisolone, and the GP was nervous about azathioprine at 80")[
        "treatments_tried"] == ["prednisone"]


def test_a_relative_in_focus_named_with_their_age():
    assert _slots("my mum's 67 and on atorvastatin, HMGCR positive")["age_years"] == 67
    assert _slots("Writing on behalf of my husband who is 58. He has anti-SRP myopathy")["age_years"] == 58
    assert _slots("Hello doctor. My husband Ray (64) came to see you and you phoned to say his SRP antibody was "
                  "positive")["age_years"] == 64
    assert _slots("- 44, woman, 11 stone\n- SRP myositis since March")["age_years"] == 44


def test_housebound_on_an_aid_is_walking_limited():
    assert _slots("now housebound with a zimmer, CK 7k")["severity"] == "moderate"


def test_a_lost_function_back_to_normal_is_a_response():
    assert _slots("2 months on: swallowing back to normal, CK 1,200")["refractory"] is False


def test_an_agent_given_after_a_line_told_failing_is_an_escalation():
    assert _slots("Despite 4 weeks of glucocorticoids she kept deteriorating. She was then treated with rituximab, "
                  "after which strength improved.")["refractory"] is True
    assert "refractory" not in _slots("She declined glucocorticoids. IVIG was given as monotherapy.")


def test_what_is_next_after_a_worsening_is_the_escalation():
    from imnm.dialogue.questions import question_topics
    assert "refractory" in question_topics("if she keeps sliding on the IV steroid, what's next?", ("severe",))
    assert "refractory" in question_topics("go up on the pred or add something?", ("refractory", "srp"))
    assert "checkpoint" in question_topics("and if he keeps going downhill, what's next?", ("severe", "checkpoint"))


def test_a_phrase_with_a_word_of_degree_inside_still_names_its_topic():
    from imnm.dialogue.questions import topics_in
    assert "early-treatment" in topics_in("why go in so hard from day one?")
    assert "definition" in topics_in("what does necrotizing really mean, are my muscles dying?")


def test_care_done_to_the_writer_by_others_is_a_patient_writing():
    assert _slots("the team want to give me rituximab next week, is it safe?")["audience"] == "patient"
    assert "audience" not in _slots("give me the rituximab dose for a 70 kg man")
