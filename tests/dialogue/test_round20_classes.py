"""Round 20's classes, each on sentences written for this test (not the set's own): a course told with a
contraction, an aid still needed or needed again, a CK that doubles on taper, "we did that" for the treatment
discussed; function told as "walks and climbs normally", "normal gait", "needs 1 person to transfer", "hands on
the knees", "with help of the arms", text-speak; two clinicians' chat answered in turn; another patient named
with a subtype; a date of birth with "is"; a "fella" with his age; swallowing or breathing said to be normal; a
cancer excised years ago; and in the dialogue, the second of two drugs where one is named by what it spares,
a safety question whose circumstance is told before it, side effects and inheritance asked as a patient would,
admitting or managing as an outpatient, and "what would we start?" before the plan can be given."""

from __future__ import annotations

import pytest

from imnm.dialogue.conversation import respond
from imnm.language.extract import extract
from imnm.language.extract.course import course_refractory


def slots(text: str) -> dict:
    return extract(text).slots()


def ask(text: str, slots_: dict, history: list[str]) -> str:
    return respond(text, "ask_question", slots_, False, [], {}, True, history=history).text


@pytest.mark.parametrize("text", [
    "Pred and MTX from March; rituximab added in June because she wasn't improving.",
    "After six months of prednisolone she's still using the frame and CK is unchanged.",
    "they cut my pred to 7.5 in may n now i need the railing on the stairs again",
    "Whenever the prednisolone drops under 10 mg her CK doubles.",
    "We did that. Four months on, CK still 9k and no better.",
])
def test_a_course_told_in_these_ways_is_refractory(text):
    assert course_refractory(text) is True


def test_an_aid_still_used_days_into_treatment_is_not_yet_refractory():
    assert course_refractory("Started prednisolone two days ago; still on the stick.") is None


@pytest.mark.parametrize("text, severity", [
    ("MRC 4+/5 hip flexors only, walks and climbs normally.", "mild"),
    ("31F, normal gait, weakness only on testing.", "mild"),
    ("- not walking, needs 1 person to transfer", "severe"),
    ("I can walk but I need the hands on the knees to stand up.", "moderate"),
    ("She rises from the chair only with help of the arms.", "moderate"),
    ("stairs r hard now, i need the railing", "moderate"),
])
def test_function_told_in_these_ways(text, severity):
    assert slots(text)["severity"] == severity


def test_two_clinicians_chat_is_read_question_by_answer():
    facts = slots("Dr A: 61F, anti-SRP positive, walks with a stick\nDr B: any dysphagia, SOB?\nDr A: nil and nil\n"
                  "Dr B: statins ever?\nDr A: never")
    assert facts.get("red_flags", []) == [] and facts["statin_status"] == "never" and facts["severity"] == "moderate"


def test_another_patient_named_with_a_subtype_is_not_this_one():
    facts = slots("[10:01] Dr A: bed 7, HMGCR, 64 kg\n[10:02] Dr B: my other HMGCR pt is 95 kg and doing well")
    assert facts["weight_kg"] == 64


@pytest.mark.parametrize("text, age", [("Her DOB is 02/11/2005 and today is 20/06/2025.", 19.0),
                                       ("Got a fella, 61, anti-SRP came back positive.", 61.0)])
def test_an_age_told_in_these_ways(text, age):
    assert slots(text)["age_years"] == age


@pytest.mark.parametrize("text, flag", [
    ("Dysphagia at presentation needing a PEG. Four months in: swallowing normal, PEG out.", "dysphagia"),
    ("My dad's breathing is totally fine and he walks with a frame.", "respiratory"),
])
def test_a_function_said_to_be_normal_after_its_finding_is_absent(text, flag):
    facts = extract(text)
    assert flag not in facts.red_flags and flag in facts.absent_flags


def test_a_finding_told_after_the_normal_function_stays():
    assert "dysphagia" in slots("Swallow normal last month, but new dysphagia to solids this week.")["red_flags"]


def test_a_question_about_the_swallow_takes_nothing_away():
    assert "dysphagia" not in extract("Is her swallowing normal now?").absent_flags


def test_a_cancer_excised_years_ago_and_clear_since_is_not_active():
    assert "malignancy" not in (slots("Her melanoma was excised in 2019 and she's been clear since.").get("red_flags")
                                or [])


CASE = {"antibody": "seronegative", "weight_kg": 90.0, "age_years": 39.0, "age_band": "adult",
        "audience": "clinician"}


def test_the_second_of_two_drugs_when_one_is_named_by_what_it_spares():
    reply = ask("What dose would the second one be?", CASE,
                ["Two choices for his steroid-sparer: methotrexate or mycophenolate. 39M, 90 kg, antibody-negative."])
    assert "Mycophenolate" in reply.split("\n")[1]


def test_a_safety_question_whose_circumstance_is_told_before_it_is_a_gap():
    reply = ask("I'm 12 weeks pregnant with HMGCR myopathy. Is azathioprine OK to carry on with?",
                {"antibody": "HMGCR", "audience": "patient"}, [])
    assert "do not address" in reply and "pregnan" in reply


@pytest.mark.parametrize("text", ["does pred make you put on weight?", "Is IMNM passed down in families?"])
def test_side_effects_and_inheritance_asked_as_a_patient_would_are_gaps(text):
    assert "do not address" in ask(text, {"audience": "patient"}, [])


def test_admit_or_manage_as_an_outpatient_is_about_admission():
    assert "admission" in ask("When would you admit rather than manage as an outpatient?", {}, []).lower()


def test_what_would_we_start_before_the_plan_can_be_given_gives_the_first_line_then_asks():
    reply = ask("What would we start?", {"age_years": 44.0, "age_band": "adult", "audience": "clinician"},
                ["Anti-HMGCR and anti-SRP sent, results pending. 44F, CK 9,000."])
    assert "Methotrexate" in reply and "antibody" in reply.split("\n\n")[-1]


@pytest.mark.parametrize("text", ["wt 0F", "weight 0F"])
def test_two_measures_on_one_token_do_not_share_a_value(text):
    # Found by the fuzz test in the fresh clone: an impossible weight of 0 took the age's value and was used.
    assert "weight_kg" not in slots(text)
