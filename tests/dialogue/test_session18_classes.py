"""Classes from round 40, each on sentences written for this test (not the set's own).

Weakness beside everyday life told as whole is mild unless an aid, help, falls or the stairs and chairs limit it;
a hand from someone on the stairs or out of a chair is help (moderate), not dependence; unable to get out of bed is
bed-bound; a weight the writer says to ignore is taken back; "how often" asked of this patient asks her dosing;
a refusal names what the assistant is for.
"""

from __future__ import annotations

import pytest
from test_round23_classes import talk

from imnm.dialogue.questions import asks_something
from imnm.language.extract import extract


def severity(text: str) -> str | None:
    return extract(text).slots().get("severity")


@pytest.mark.parametrize("text", [
    "Some trouble getting up off the floor after weeding, but she is otherwise fully independent.",
    "62M SRP+, can't reach the top shelf any more, still working as a postman and living independently.",
    "Weak in the shoulders on testing. Walks, drives, works from home.",
    "thighs feel weak but I'm still cycling to work and doing my own shopping",
])
def test_weakness_beside_a_whole_everyday_life_is_mild(text):
    assert severity(text) == "mild", text


@pytest.mark.parametrize("text", [
    "Struggles on the stairs at home but otherwise fully independent.",
    "difficulty rising from a squat, uses a stick outdoors, still working",
    "had two falls last month, otherwise independent",
    "can't get off the floor without climbing up her legs, still working full time",
])
def test_a_limit_beside_a_whole_everyday_life_is_not_mild(text):
    assert severity(text) == "moderate", text


@pytest.mark.parametrize("text", [
    "HMGCR positive, 58 kg, her daughter has to give her a hand up from the sofa",
    "anti-SRP, needs a hand on the steps outside the house",
    "needs hand support to get up from a low chair",
    "he can't manage the office stairs without help",
    "she uses the stair lift now",
])
def test_a_hand_on_the_stairs_or_out_of_a_chair_is_moderate(text):
    assert severity(text) == "moderate", text


def test_unable_to_get_out_of_bed_is_bed_bound():
    assert severity("Dad has the HMGCR type and he can't get out of bed any more.") == "severe"
    assert severity("some difficulty getting out of bed in the morning") == "moderate"


@pytest.mark.parametrize("text, kg", [
    ("SRP myopathy, 52F, disregard that 95 kg, it was her sister's chart - she weighs 61 kg", 61.0),
    ("forget the 180 lb, wrong patient; he is 70 kg", 70.0),
    ("weight 64 kg, not 46 kg", 64.0),
])
def test_a_weight_taken_back_is_not_used(text, kg):
    assert extract(text).slots().get("weight_kg") == kg


def test_how_often_asked_of_this_patient_works_out_her_dose():
    reply, _ = talk(["anti-HMGCR, 61F, 80 kg, on pred and MTX for 5 months, CK not coming down at all",
                     "We may add IVIG - how much would she have, and how often?"])
    assert "160 g" in reply, reply


def test_how_often_in_general_stays_general():
    reply, _ = talk(["anti-HMGCR, 61F, 80 kg, on pred and MTX for 5 months, CK not coming down at all",
                     "how often do patients relapse on taper?"])
    assert "160 g" not in reply, reply


def test_a_refusal_says_what_the_assistant_is_for():
    reply, _ = talk(["anti-SRP, 45M, 80 kg, moderate weakness, never had a statin",
                     "off topic: can you recommend a good hotel in Lisbon?"])
    assert "IMNM" in reply, reply


@pytest.mark.parametrize("text", [
    "Pred + MTX since March. MMT8 no better.",
    "on IVIG: power not any better",
])
def test_strength_no_better_on_treatment_is_refractory(text):
    assert extract(text).slots().get("refractory") is True, text


def test_a_course_corrected_to_a_good_response_is_not_refractory():
    _, state = talk(["anti-SRP 58F, failed pred and azathioprine, what now?",
                     "sorry, I mixed up two patients - she has done very well, CK normal now"])
    assert not state.get("refractory")


def test_it_after_the_drug_chosen_is_that_drug_not_the_one_going_with_it():
    reply, _ = talk(["SRP+ 39M, 80 kg. MTX gave him pneumonitis in the past so we'll use mycophenolate with the pred.",
                     "what dose of it per day?"])
    entries = [line for line in reply.split("\n") if line.startswith("- **")]
    assert "ycophenolate" in entries[0], reply


def test_it_after_a_checkpoint_inhibitor_is_that_drug():
    reply, _ = talk(["66F on nivolumab for lung cancer, now proximal weakness, CK 9000, ptosis",
                     "should she stay on it?"])
    assert "checkpoint inhibitor" in reply.lower(), reply


def test_text_speak_what_is_it_gets_the_disease_explained():
    reply, _ = talk(["wot is NAM?"], audience="patient")
    assert "immune system" in reply, reply


def test_lowering_them_asks_when_the_steroid_taper_starts():
    reply, _ = talk(["my daughter is 13, anti-HMGCR, 45 kg, just started on steroids",
                     "how long before they start lowering them?"], audience="patient")
    assert "2 to 4 weeks" in reply, reply


# Guards from the review of round 40's first changes (each was read wrongly by them).
@pytest.mark.parametrize("text, expected", [
    ("She can't get out of bed on her own any more", "moderate"),
    ("The pred is still working - CK down to 900 - but she still can't get up off the floor or lift her arms to "
     "brush her hair.", "moderate"),
    ("Previously fully independent; now struggles to get up from the floor and can't lift her arms to brush her hair.",
     "moderate"),
    ("Manages at home with carers twice daily; weak proximally, can't get up from the floor.", "moderate"),
    ("Moderate proximal weakness, otherwise fully independent.", "moderate"),
    ("Tremor in his right hand for years, gets out of bed and walks fine, CK 3000", None),
])
def test_independence_and_help_read_only_where_they_are_told(text, expected):
    assert severity(text) in ({expected} if expected else {None, "mild"}), text


def test_a_weight_to_remember_is_not_taken_back():
    assert extract("HMGCR+ 60M. Don't forget the 85 kg when you work out the IVIG.").slots().get("weight_kg") == 85.0


def test_no_different_and_not_better_yet_are_no_failed_course():
    assert not extract("Power no different left to right; hip flexion 4/5. HMGCR+, not yet treated.").slots().get(
        "refractory")
    assert not extract("Started pred 3 days ago. Power not any better yet.").slots().get("refractory")


@pytest.mark.parametrize("text", ["I was wondering how often anti-HMGCR patients relapse after stopping treatment?",
                                  "How often do patients like her relapse when the steroids are tapered?"])
def test_how_often_about_patients_stays_general(text):
    assert not extract(text).slots().get("refractory"), text


def test_lowering_ck_is_not_the_steroid_taper():
    reply, _ = talk(["I have HMGCR myositis, 70 kg, on pred", "my CK levels are really high, how can I lower them?"],
                    audience="patient")
    assert "2 to 4 weeks" not in reply, reply


def test_how_often_asked_by_the_patient_works_out_their_dose():
    reply, _ = talk(["I have the HMGCR type, I'm 60 and weigh 75 kg. Never had a statin. A bit weak but I still do "
                     "everything.", "They're talking about IVIG drips. How much would I get and how often?"],
                    audience="patient")
    assert "150 g" in reply, reply


@pytest.mark.parametrize("text", [
    "On pred and azathioprine since January; CK now normal and she has returned to netball without restriction.",
    "been on pred and MTX since spring, CK went from 9000 to 300, I manage the stairs fine now and my legs still feel "
    "weaker than before",
])
def test_back_at_an_activity_and_weakness_left_over_are_no_failed_course(text):
    assert not extract(text).slots().get("refractory"), text


def test_weaker_than_before_on_treatment_is_still_a_failed_course():
    assert extract("on pred and MTX for 4 months and she is weaker than before").slots().get("refractory") is True


def test_the_refractory_options_are_listed_whole():
    reply, _ = talk(["anti-SRP 44M on prednisolone and azathioprine for 4 months",
                     "weakness is worse and CK back up to 9000. What are the options for escalating?"])
    for option in ("IVIG", "Rituximab", "Tacrolimus", "Cyclophosphamide"):
        assert option in reply, (option, reply)


@pytest.mark.parametrize("text, refractory", [
    ("On pred and MMF since May, her weakness is now worse.", True),
    ("on pred and MTX; ptosis and weakness worse in the evening", None),
])
def test_weakness_told_worse_on_treatment(text, refractory):
    assert extract(text).slots().get("refractory") == refractory, text


@pytest.mark.parametrize("text", ["I just wanted to ask about the IVIG dose",
                                  "my question is about how long she stays on MTX"])
def test_a_question_named_without_its_mark_asks(text):
    assert asks_something(text), text


@pytest.mark.parametrize("text, audience", [
    ("They've sent me for a CT scan of my whole body. Is this disease linked to cancer?", "patient"),
    ("they sent me to have more bloods, is that normal?", "patient"),
    ("they sent me the referral letter: 58F, HMGCR+, 70 kg", None),
])
def test_sent_for_a_test_marks_the_patient(text, audience):
    assert extract(text).slots().get("audience") == audience, text
