"""Classes left over from round 31, each on sentences written for this test (not the sets' own).

The gap between two doses asked as "how long after the first"; a raised CK told as back ("CK 9k again") after a
wean; a question and the plan asked for in one sentence ("how often does that happen, and what now?").
"""

from __future__ import annotations

from imnm.dialogue.conversation import separate_questions
from imnm.language.extract.course import NO_RESPONSE
from tests.dialogue.test_round31_classes import reply

ADULT = {"antibody": "SRP", "weight_kg": 70.0, "age_years": 50, "age_band": "adult"}


def test_the_gap_between_doses_is_their_schedule_not_how_long_treatment_lasts():
    history = ["44M, SRP+, 70 kg, rituximab planned this month"]
    answer = reply("and the next dose goes in how long after the first one?", ADULT, history)
    first = next(line for line in answer.splitlines() if line.startswith("- "))
    assert "two weeks apart" in first
    lasting = reply("how long will he need to stay on it?", ADULT, history)
    assert next(line for line in lasting.splitlines() if line.startswith("- ")).startswith("- **Do not stop too early")


def test_a_raised_ck_told_as_back_is_a_bad_response():
    assert NO_RESPONSE.search("June: CK 11k again and struggling with stairs")
    assert NO_RESPONSE.search("CK of 7,400 back after the wean")
    assert not NO_RESPONSE.search("CK 180 back to normal")
    assert not NO_RESPONSE.search("CK 250 again")


def test_a_question_and_the_plan_asked_for_in_one_sentence_are_two_questions():
    assert separate_questions("how common is that, and what next?") == ["how common is that?", "what next?"]
    assert separate_questions("is this something that happens a lot and what do we do now?") == [
        "is this something that happens a lot?", "what do we do now?"]
    assert separate_questions("what dose, and for how long?") == []
    assert separate_questions("is IVIG or rituximab the next step?") == []


def test_a_count_of_months_is_ordinal_from_the_start_of_treatment():
    from imnm.language.extract.course_state import months_of_treatment
    assert months_of_treatment("month 1: pred 60 + aza. month 3: still needs help off the sofa") == 3.0
    assert months_of_treatment("month 2 pred + MTX. month 4 still weak") == 2.0
