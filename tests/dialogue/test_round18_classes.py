"""Round 18's classes, each on sentences written for this test (not the set's own): speech recognition's spelled
acronyms and numbers in words, tick-box templates, a turn to patients in general or a made-up case inside a case,
the weight marked as today's, an event's rate asked as "is this common?", and a dose asked per course."""

from __future__ import annotations

import pytest

from imnm.dialogue.conversation import respond
from imnm.language.extract import extract
from imnm.language.spoken import written_forms


def slots(text: str) -> dict:
    return extract(text).slots()


def ask(text: str, slots_: dict, history: list[str]) -> str:
    return respond(text, "ask_question", slots_, False, [], {}, True, history=history).text


@pytest.mark.parametrize("heard, written", [("anti H M G C are positive", "HMGCR"), ("the eye v i g dose", "IVIG"),
                                            ("anti ess are pee positive", "SRP")])
def test_an_acronym_spelled_with_letters_heard_as_words(heard, written):
    assert written in written_forms(heard)


def test_ordinary_words_that_sound_like_letters_are_left_alone():
    assert written_forms("Are you sure? I see a lot of them") == "Are you sure? I see a lot of them"


@pytest.mark.parametrize("text, weight", [("weight one hundred and forty three pounds comma anti S R P", 64.9),
                                          ("weight sixty point five kilos comma no statin ever", 60.5),
                                          ("weighs two hundred and ten pounds", 95.3)])
def test_a_weight_dictated_in_words_with_hundreds_or_a_point(text, weight):
    assert slots(text)["weight_kg"] == weight


def test_a_tick_box_template_keeps_only_what_is_ticked():
    facts = slots("Antibody: [x] SRP  [ ] HMGCR  [ ] negative\nWt 70 kg\nStatin: [ ] current [ ] past [x] never\n"
                  "Symptoms: [ ] dysphagia  [ ] dyspnoea  [x] proximal weakness\nFunction: [x] stairs with rail")
    assert facts["antibody"] == "SRP" and facts["statin_status"] == "never"
    assert facts.get("red_flags", []) == [] and facts["severity"] == "moderate"


@pytest.mark.parametrize("text", [
    "Before we go on with him - general question: how many anti-HMGCR patients never took a statin?",
    "Quiz question, not about her: which antibody goes with facial weakness in statin-associated disease?",
    "Imagine a made-up 20-year-old with anti-SRP and dysphagia - is young onset a bad sign?",
])
def test_a_turn_to_patients_in_general_or_a_made_up_case_sets_nothing(text):
    facts = slots(text)
    assert not {key for key in ("antibody", "statin_status", "red_flags", "age_years") if facts.get(key)}


def test_a_general_statement_about_this_patient_still_counts():
    assert "dysphagia" in slots("In general she is doing well but has new dysphagia. Anti-SRP.")["red_flags"]


def test_the_weight_marked_as_todays_among_two_close_ones():
    assert slots("Old chart weight says 13 st 2 lb but he was weighed today at 84 kg.")["weight_kg"] == 84


def test_age_at_consent_without_a_colon():
    assert slots("Registry screening: age at consent 53, anti-HMGCR positive.")["age_years"] == 53


def test_is_this_common_after_a_relapse_asks_the_relapse_rate():
    case = {"antibody": "HMGCR", "severity": "moderate", "refractory": True, "audience": "clinician",
            "recommended": True}
    reply = ask("Is this common?", case, ["anti-HMGCR, did well on pred + aza", "weaker again at pred 7.5 mg, CK up"])
    assert "55%" in reply


def test_a_dose_per_course_is_the_plans_drug_given_in_courses():
    case = {"antibody": "HMGCR", "weight_kg": 68.0, "severity": "moderate", "statin_status": "never",
            "statin_exposure": False, "age_band": "adult", "audience": "clinician", "recommended": True}
    reply = ask("what total dose per course would that come to for her?", case, ["49F, 68 kg, anti-HMGCR"])
    assert "136 g/course" in reply


def test_a_bones_worry_then_protect_them_is_bone_protection():
    reply = ask("What else should I take to protect them?", {"antibody": "HMGCR", "audience": "patient"},
                ["I'm 35, on prednisone 50 mg every day. I worry about my bones."])
    assert "calcium" in reply and "vitamin D" in reply


def test_one_line_naming_a_drug_is_that_drugs_dose_in_one_line():
    case = {"antibody": "SRP", "weight_kg": 60.0, "severity": "moderate", "statin_status": "never",
            "statin_exposure": False, "age_band": "adult", "audience": "clinician", "recommended": True}
    reply = respond("Too long. One line only: the methotrexate dose.", "ask_question", case, False, [], {}, True,
                    history=["Anti-SRP, 35F, 60 kg, full plan please."], last_reply="**IMNM plan** (anti-SRP)").text
    assert reply.splitlines()[0].startswith("- Methotrexate") and "15-25 mg/week" in reply


def test_how_they_give_a_drug_named_before_is_that_drug():
    case = {"antibody": "SRP", "weight_kg": 80.0, "severity": "severe", "audience": "patient", "recommended": True}
    reply = ask("The doctor say rituximab. What is this medicine and how they give it?", case, ["my father, 80 kg"])
    assert "1000 mg" in reply and "Your treatment, in short" not in reply


def test_would_i_be_admitted_is_answered_beside_the_fact_it_tells():
    reply = respond("I can barely get off the sofa now. Would I normally be admitted to hospital for this?",
                    "ask_question", {"severity": "moderate", "audience": "clinician"}, True, [],
                    {"severity": (None, "moderate")}, False).text
    assert reply.startswith("- **Consider admission**")


def test_does_this_happen_to_many_after_a_relapse_told_in_the_same_message():
    reply = ask("After my steroids were dropped to 10 mg my legs got weak again. Does this happen to a lot of people?",
                {"audience": "patient"}, [])
    assert "55%" in reply


def test_in_my_fifties_is_an_adult():
    assert slots("I'm in my fifties, anti-HMGCR.")["age_band"] == "adult"


def test_tick_box_questions_are_read_as_answers():
    facts = slots("Diagnosis: SRP antibody positive\nCurrent weight: 66 kg\n"
                  "Have you ever taken a statin? [ ] Yes, now  [ ] Yes, in the past  [x] Never\n"
                  "Can you stand up from a chair without using your arms? [ ] Yes  [x] No\n"
                  "Do you have trouble swallowing? [ ] Yes  [x] No\n"
                  "Are you short of breath lying flat? [ ] Yes  [x] No")
    assert facts["statin_status"] == "never" and facts.get("red_flags", []) == [] and facts["severity"] == "moderate"


def test_each_field_of_a_tick_box_line_keeps_its_own_label():
    facts = slots("Myositis antibodies: anti-HMGCR [x] pos [ ] neg    anti-SRP [ ] pos [x] neg\n"
                  "Immune checkpoint inhibitor ever: [ ] yes  [x] no")
    assert facts["antibody"] == "HMGCR" and facts["ici_exposure"] is False


def test_a_database_export_with_snake_case_keys():
    facts = slots("record_id: 0441\nage_at_last_visit: 58\nantibody_hmgcr: positive\nweight_last_kg: 83.5\n"
                  "dysphagia: no | ild: no | cancer: no")
    assert facts["age_years"] == 58 and facts["antibody"] == "HMGCR" and facts["weight_kg"] == 83.5
    assert facts.get("red_flags", []) == []


def test_an_example_of_a_different_scenario_is_not_the_patient():
    facts = slots("Mr Hall, a 66-year-old, anti-HMGCR positive, 94 kg, no swallowing problems. Examiner note: "
                  "candidates who drift into a different scenario (e.g. 'a 25-year-old with anti-SRP and dysphagia') "
                  "are brought back.")
    assert facts["antibody"] == "HMGCR" and facts["age_years"] == 66 and facts.get("red_flags", []) == []


def test_an_objects_weight_is_not_the_patients():
    assert "weight_kg" not in slots("41-year-old, anti-HMGCR; lifts 10 kg boxes from waist height at work.")


def test_a_different_patient_now_is_the_next_real_patient():
    facts = slots("Thanks. Different patient now - Patient B: 34M, anti-HMGCR, 90 kg, statin-naive, mild weakness.")
    assert facts["antibody"] == "HMGCR" and facts["weight_kg"] == 90


def test_a_made_up_case_ends_with_its_sentence():
    facts = slots("Imagine a made-up 25-year-old with anti-SRP. My actual patient is 60, anti-HMGCR, with dysphagia.")
    assert facts["antibody"] == "HMGCR" and "dysphagia" in facts["red_flags"]


def test_a_drug_asked_about_after_the_failed_ones_is_not_taken_for_a_failed_one():
    case = {"antibody": "HMGCR", "weight_kg": 75.0, "refractory": True, "audience": "clinician"}
    reply = ask("A 75 kg man with anti-HMGCR disease has failed prednisone plus methotrexate - what IVIG dose per "
                "course?", case, [])
    assert "150 g/course" in reply


def test_whether_the_disease_presents_as_rhabdomyolysis():
    assert "rhabdomyolysis" in ask("Can necrotizing myopathy present as rhabdo?", {"audience": "trainee"}, [])
