"""Round 25's classes, each on sentences written for this test (not the set's own).

Extractor: "N years of <drug>" is a duration; "38, female" is an age; "(SRP, 64)"; a relative the writer says the
message is for; the writer's own statin or weight in a relative's message; a result awaited as a condition ("if it
comes back positive"); "should it be stopped?" is no stopping; a statin "usually" behind the disease; "responding
nicely" with a deficit still there; a course note that is only "worse"; "without improvement"; "Response: partial";
"progressive weakness despite this"; brand names and misspellings of drugs in a course; a template's answer after a
dash ("Dysphagia – denies", "Statin: N/A – never"); "has not yet been tested"; misspelt results; nursing shorthand
for another person's help; "unable to ... or walk"; "could no longer walk and required a wheelchair"; a swallow
assessment's verdict; "I stopped it" in the next clause; the risk of relapse is not a relapse; "admission weight" with a
weight loss after it; a weight that "had gone up to"; "today (date) N kg"; "N years after"; "no ADL limitation" with a
small difficulty; a subtype only suspected. Dialogue: a drug planned is what a later "it" means, not the ones already
given; "what do the sources favour now?" asks for the plan; an aspect is carried only from a question; the chance that
"it" works; a claim about "it" with a short question after; a drug "together with" another; supportive measures;
recovery; a change the patient wants, then "what do the sources warn about?"; a flag taken back returns the severity
to what function says; a general opener; a patient whose severity is unknown is not told it is severe."""

from __future__ import annotations

import pytest

from imnm.dialogue.conversation import (
    asks_what_to_do,
    carried_subject,
    respond,
    severity_after_flags_taken_back,
)
from imnm.dialogue.questions import question_focus
from imnm.engine.knowledge import default_knowledge
from imnm.language.extract import extract

KB = default_knowledge()


def slots(text: str) -> dict:
    return extract(text).slots()


def reply(text: str, slots_: dict, history=(), intent="ask_question") -> str:
    return respond(text=text, intent=intent, slots=dict(slots_), found_facts=False, problems=[], changes={},
                   already_recommended=True, history=history).text


# --- extractor: measures -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "age"), [
    ("HMGCR+, 55M, 8 yrs of simvastatin until last spring", 55),
    ("I've got SRP myositis, 41, male, on pred", 41),
    ("Dad (SRP, 64) starts rituximab on Monday", 64),
    ("weakness began about 3 years after the statin was started; she is 70 years old", 70),
])
def test_ages_among_durations(text, age):
    assert slots(text)["age_years"] == age


def test_a_relative_the_message_is_written_for_is_the_patient():
    found = slots("I'm asking on behalf of my mum, she's 83. She cannot get off the sofa without us lifting her.")
    assert found["age_years"] == 83 and found["severity"] == "severe"


def test_the_writers_own_statin_and_weight_are_not_the_relatives():
    found = slots("My husband has anti-HMGCR myopathy and has never had a statin; I'm the one on atorvastatin.")
    assert found["statin_status"] == "never"
    found = slots("My dad has IMNM. I weigh 55 kg so I can't lift him, he is about 95 kg.")
    assert found["weight_kg"] == 95


def test_the_writers_own_facts_stay_the_patients_when_the_writer_is_ill():
    found = slots("My brother also has myositis and takes a statin, but my HMGCR came back positive and I have never "
                  "taken a statin myself.")
    assert found["statin_status"] == "never"


@pytest.mark.parametrize(("text", "kg"), [
    ("Admission wt: 176 lb. Reports a 9 lb unintended weight loss since spring.", 79.8),
    ("Weight now 71 kg (it had gone up to 80 kg on high-dose steroids).", 71),
    ("Weights: 03/2024 70 kg; 09/2024 66 kg; today (12/2024) 64.5 kg", 64.5),
])
def test_the_current_weight_among_others(text, kg):
    assert slots(text)["weight_kg"] == kg


# --- extractor: antibodies and statins ----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "and if the antibody comes back SRP positive, what then?",
    "anti-HMGCR negative; anti-SRP hasn't been sent yet",
    "Imp: r/o statin-associated necrotising myopathy",
    "possible anti-SRP disease, panel pending",
])
def test_an_antibody_awaited_or_suspected_is_not_a_result(text):
    assert slots(text).get("antibody") is None


@pytest.mark.parametrize(("text", "antibody"), [("HMGCR test was postive", "HMGCR"),
                                                ("SRP: negitive, HMGCR: positve", "HMGCR")])
def test_misspelt_results_are_read(text, antibody):
    assert slots(text)["antibody"] == antibody


@pytest.mark.parametrize(("text", "status"), [
    ("Should her atorvastatin be stopped today?", "current"),
    ("She took rosuvastatin from 2018; we stopped it when the CK came back at 9000", "past"),
    ("Statin: N/A – never", "never"),
    ("No lifetime statin exposure.", "never"),
])
def test_statin_timing(text, status):
    assert slots(text)["statin_status"] == status


def test_a_statin_said_to_be_usually_behind_the_disease_is_not_the_patients():
    assert slots("They told us it is often statin-induced, but how?").get("statin_exposure") is None


# --- extractor: findings and function -----------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["Dysphagia – denies. Orthopnoea – denies.", "Checkpoint inhibitors (ever): never"])
def test_a_dash_templates_answer_negates(text):
    found = extract(text)
    assert not found.slots().get("red_flags") and not found.slots().get("ici_exposure")


def test_a_dash_then_no_better_still_tells_the_finding():
    assert slots("dysphagia - no better")["red_flags"] == ["dysphagia"]


@pytest.mark.parametrize("text", [
    "SLT review: unsafe for thin fluids, started on thickened fluids",
    "Swallow: on thickened fluids since Tuesday",
])
def test_a_swallow_assessments_verdict_is_dysphagia(text):
    assert "dysphagia" in slots(text)["red_flags"]


@pytest.mark.parametrize("text", [
    "Walks with frame on the ward, needs 2 to transfer to the commode.",
    "assist of 1 for all transfers",
    "She was unable to raise her arms, get out of bed or walk.",
    "by week two he could no longer walk and required a wheelchair",
])
def test_severe_function_in_note_and_report_wording(text):
    assert slots(text)["severity"] == "severe"


def test_no_adl_limitation_with_a_small_difficulty_is_mild():
    assert slots("Walks unaided, slight difficulty getting up from a squat, no ADL limitation.")["severity"] == "mild"


@pytest.mark.parametrize("text", ["still gardening and cycling to work, hip flexors 4+/5",
                                  "walks 4 miles a day, mild neck flexor weakness"])
def test_daily_life_told_by_activity_with_weakness_is_mild(text):
    assert slots(text)["severity"] == "mild"


def test_exertional_breathlessness_queried_to_another_cause_is_not_respiratory():
    assert not slots("SOB on exertion ?deconditioning vs anaemia").get("red_flags")


# --- extractor: the course ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Pred 50 and MMF for 5 months with ongoing weakness despite this.",
    "IVMP x3 then IVIG 2 g/kg, without any improvement.",
    "Treatment: pred + MTX x 4 months. Response: partial.",
    "they say she isnt getting better on the steriods and imuran after 6 months",
])
def test_an_inadequate_response_in_other_words_is_refractory(text):
    assert slots(text)["refractory"] is True


def test_responding_with_a_deficit_left_is_not_refractory():
    found = slots("Pred started 4 weeks ago and she is responding well, though still needs a stick outdoors.")
    assert found["refractory"] is not True


def test_the_risk_of_relapse_is_not_a_relapse():
    found = slots("Responded well to pred and MTX. Given the risk of relapse on withdrawal, MTX continues.")
    assert found["refractory"] is False


# --- dialogue -----------------------------------------------------------------------------------------------------

HMGCR_REFRACTORY = {"antibody": "HMGCR", "weight_kg": 80.0, "refractory": True, "audience": "clinician",
                    "treatments_tried": ["prednisone", "methotrexate"]}


def test_the_drug_planned_is_what_it_means_not_the_ones_given():
    history = ("Thinking about rituximab for a 80 kg woman, HMGCR, who flared at pred 7.5 despite methotrexate.",)
    assert carried_subject("what dose of it, and how often?", history, KB) == "rituximab"


def test_a_drug_together_with_another_is_the_one_discussed():
    history = ("The team want to start azathioprine together with steroids.",)
    assert carried_subject("is that a strong drug?", history, KB) == "azathioprine"


def test_a_frequency_claimed_picks_the_drug_given_that_often():
    history = ("On prednisolone 20 mg and methotrexate 20 mg weekly for a year, doing well.",)
    assert carried_subject("the nurse said it's only once a week, is that right?", history, KB) == "methotrexate"


@pytest.mark.parametrize("text", ["What do the sources favour for him now?", "what would you prefer for her?",
                                  "what's best for him now?"])
def test_a_preference_asked_is_the_plan(text):
    assert asks_what_to_do(text)


def test_the_chance_that_it_works_is_the_drugs_response_rate():
    history = ("HMGCR, 70 kg, failed pred, MTX and IVIG. Now considering rituximab.",)
    text = reply("how likely is it to work for her?", HMGCR_REFRACTORY, history)
    assert "How often rituximab works" in text


def test_supportive_measures_on_steroids_are_the_prophylaxis():
    text = reply("which supportive measures while she's on this dose?",
                 {"antibody": "SRP", "severity": "moderate", "weight_kg": 60.0, "statin_status": "never",
                  "audience": "clinician"})
    assert "Bone protection" in text and "Pneumocystis" in text


def test_recovery_asked_is_answered_with_the_damage_that_may_stay():
    text = reply("will her strength come back completely?", {"antibody": "SRP", "audience": "clinician"})
    assert "irreversible" in text


def test_a_change_wanted_then_a_bare_question_asks_about_that_change():
    assert "stop the azathioprine" in question_focus("He wants to stop the azathioprine now. What are the risks?")


def test_a_flag_taken_back_returns_the_severity_to_what_function_says():
    messages = ["61M, HMGCR, walks with a stick, dysphagia.", "ignore the dysphagia, wrong patient. swallows normally"]
    assert severity_after_flags_taken_back("severe", ["dysphagia"], [], messages) == "moderate"
    still = severity_after_flags_taken_back("severe", ["dysphagia", "respiratory"], ["respiratory"], messages)
    assert still == "severe"


def test_a_swallow_said_fine_takes_dysphagia_back():
    assert "dysphagia" in extract("She swallows normally.").absent_flags


@pytest.mark.parametrize("text", ["No patient, just revising my knowledge.", "general question, not a real patient"])
def test_a_general_opener_invites_the_question(text):
    assert reply(text, {"audience": "clinician"}, intent="out_of_scope").startswith("Go ahead with your question")


def test_a_relative_with_severity_unknown_is_not_told_the_illness_is_severe():
    text = reply("what do the steroids do?", {"antibody": "HMGCR", "audience": "patient"})
    assert "your illness is severe" not in text


# --- whether this patient needs a treatment -----------------------------------------------------------------------

SRP_MODERATE = {"antibody": "SRP", "severity": "moderate", "weight_kg": 64.0, "statin_status": "never",
                "statin_exposure": False, "age_years": 64.0, "audience": "clinician"}


def test_a_combination_not_for_this_severity_says_so_and_gives_her_plan():
    text = reply("does she still need the triple combo?", SRP_MODERATE)
    assert text.startswith("**Not for this patient as described** (anti-SRP, moderate)")
    assert "for severe disease" in text and "methotrexate **15-25 mg/week**" in text


def test_a_step_of_her_plan_asked_about_is_confirmed_with_its_dose():
    text = reply("does she need rituximab?", SRP_MODERATE)
    assert text.startswith("**Yes**") and "**1000 mg per dose**" in text


def test_one_agent_alone_asked_as_enough_gets_the_step_that_goes_with_it():
    text = reply("is pred alone enough for her?", SRP_MODERATE)
    assert "usually insufficient" in text and "Methotrexate" in text


@pytest.mark.parametrize("text", ["my sister has IMNM - could I get it too?",
                                  "Dad had HMGCR myopathy from his statin; should I avoid statins as well then?"])
def test_a_relatives_own_risk_is_a_question_the_sources_do_not_address(text):
    assert "runs in families or is inherited" in reply(text, {"audience": "patient"})


def test_another_drug_alone_is_answered_from_its_entries():
    text = reply("so could IVIG alone be enough for him?", {**SRP_MODERATE, "antibody": "HMGCR"})
    assert "monotherapy" in text and "Usually not" not in text
