"""Round 16's classes, each on sentences written for this test (not the set's own): function told as a limit in
more ways, another person lifting, ages written by bilingual and telegraphic writers, and in the conversation
"usual" said of this patient, the subject of an elliptical or route-less follow-up, corrections that change a dose
already asked, the treatment of another condition, a named checkpoint inhibitor, gaps the sources leave."""

from __future__ import annotations

import pytest

from imnm.dialogue.conversation import asks_in_general, respond, treats_something_else
from imnm.dialogue.questions import answer, not_addressed
from imnm.engine.facts import Audience
from imnm.language.extract import extract


def slots(text: str) -> dict:
    return extract(text).slots()


@pytest.mark.parametrize("text", [
    "IMNM. She can barely manage the stairs.",
    "IMNM. I can walk on the flat but not climb stairs.",
    "IMNM, climbs stairs with great difficulty.",
    "IMNM, 2 wk of can't-get-up-from-chair.",
])
def test_a_limit_told_in_more_ways_is_moderate(text):
    assert slots(text)["severity"] == "moderate"


@pytest.mark.parametrize("text", [
    "IMNM. Last night her son had to lift her off the floor.",
    "IMNM. My wife lifts me out of bed each morning.",
    "IMNM. He can't get to the toilet without me holding him up.",
    "Fall at home, paramedics assisted x2 to bed. Known IMNM.",
])
def test_another_person_lifting_or_holding_up_is_severe(text):
    assert slots(text)["severity"] == "severe"


def test_someone_carrying_her_things_is_not_lifting_her():
    assert slots("IMNM. Walks with a stick; her sister carries her shopping.")["severity"] == "moderate"


@pytest.mark.parametrize("text, age", [("mi abuelo tiene 81 años, anti-HMGCR", 81),
                                       ("ma mère, 66 ans, SRP positive", 66), ("mere dada 72 saal ke hain", 72),
                                       ("a man of sixty-eight with IMNM", 68), ("Hi, I'm Tom, 19. SRP positive.", 19)])
def test_ages_as_bilingual_and_plain_writers_give_them(text, age):
    assert slots(text)["age_years"] == age


def test_usual_said_of_this_patient_or_of_patients_in_general():
    assert not asks_in_general("what's the usual dose of aza for someone my weight?")
    assert asks_in_general("what's the usual adult dose of prednisone per kg?")
    assert slots("Separately - what's the usual adult prednisone dose per kg?").get("age_band") is None


def test_an_elliptical_follow_up_carries_the_drug_on():
    moderate = {"antibody": "seronegative", "weight_kg": 80.0, "severity": "moderate", "audience": "clinician",
                "recommended": True}
    reply = respond("and in mg for her?", "ask_question", moderate, False, [], {}, True,
                    history=("80 kg, seronegative, moderate", "could we use azathioprine instead of methotrexate?"))
    assert "160-240 mg/day" in reply.text


def test_a_yes_no_question_of_frequency_is_the_schedule_of_that_drug():
    moderate = {"antibody": "HMGCR", "weight_kg": 70.0, "severity": "moderate", "audience": "clinician",
                "recommended": True}
    reply = respond("is that taken daily?", "ask_question", moderate, False, [], {}, True,
                    history=("HMGCR, moderate, 70 kg", "and the methotrexate dose?"))
    assert "weekly" in reply.text and "methotrexate" in reply.text


def test_a_corrected_weight_works_out_again_the_dose_asked_before():
    reply = respond("sorry, 55 kg not 65", "give_facts",
                    {"antibody": "HMGCR", "weight_kg": 55.0, "age_years": 50.0, "audience": "clinician"},
                    True, [], {"weight_kg": (65.0, 55.0)}, False, frozenset({"weight_kg"}),
                    history=("anti-HMGCR, 65 kg - what prednisone dose?",))
    assert "55 mg/day" in reply.text


def test_each_course_of_a_drug_named_before_is_that_drugs_schedule():
    reply = respond("how many days does each infusion course take?", "ask_question",
                    {"antibody": "HMGCR", "audience": "patient"}, False, [], {}, False,
                    history=("they want to start me on IVIG, what is it?",))
    assert "2 to 5 days" in reply.text


@pytest.mark.parametrize("text", ["Unrelated: best treatment for her psoriasis?", "how do we manage his gout?"])
def test_the_treatment_of_another_condition_is_not_addressed(text):
    assert treats_something_else(text)
    assert "do not address" in respond(text, "ask_question", {"antibody": "SRP", "audience": "clinician"}, False, [],
                                       {}, False).text


def test_a_named_checkpoint_inhibitor_is_said_to_be_one():
    reply = answer("do we need to stop the pembro?", None, Audience.CLINICIAN)
    assert reply.startswith("Pembro is a checkpoint inhibitor")


@pytest.mark.parametrize("text", ["What does MHC class I staining show in IMNM?",
                                  "How do we tell LGMD from seronegative IMNM?"])
def test_gaps_the_sources_leave_are_told_as_gaps(text):
    reply = answer(text, None, Audience.TRAINEE) or not_addressed(text, Audience.TRAINEE)
    assert "do not address" in reply


@pytest.mark.parametrize("text, word", [
    ("What CK should we aim for on treatment?", "low-normal"),
    ("Will my muscles ever fully recover after a late start?", "irreversible"),
    ("How will the doctors know if the treatment is working?", "CK"),
    ("They're giving me rituximab for SRP. Why that and not just more steroids?", "rituximab"),
])
def test_questions_reach_their_entries(text, word):
    audience = Audience.PATIENT if " me " in f" {text} " or "my " in text else Audience.CLINICIAN
    assert word in (answer(text, None, audience) or "")


def test_an_adult_entry_comes_before_the_under_18_one_when_the_age_is_unknown():
    slots_ = {"antibody": "HMGCR", "weight_kg": 65.0, "severity": "moderate", "audience": "clinician",
              "recommended": True}
    reply = respond("and the methotrexate alongside it?", "ask_question", slots_, False, [], {}, True,
                    history=("HMGCR, moderate, 65 kg - prednisone dose?",))
    first = next(line for line in reply.text.splitlines() if line.startswith("- **"))
    assert "under 18" not in first.lower() and "Methotrexate" in first


def test_a_severe_turn_asked_for_a_patient_on_a_checkpoint_inhibitor_gets_the_checkpoint_entries():
    slots_ = {"ici_exposure": True, "red_flags": ["malignancy"], "audience": "clinician"}
    reply = respond("and if it gets life-threatening, what would be added?", "ask_question", slots_, False, [], {},
                    False, history=("melanoma on nivolumab, now necrotising myositis",))
    assert "IVIG" in reply.text and "plasma exchange" in reply.text
