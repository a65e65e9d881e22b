"""Round 26's classes, each on sentences written for this test (not the set's own).

Extractor: a duration after the person ("girl, 3 mo") is no age; "still progressing" and "didn't work" after
treatment are an inadequate response; "gets round with a frame" is walking with an aid; "no problems with daily
activities" is whole function; "after stopping the statin" is a statin in the past, and "did not settle after" does
not deny it; "the team stopped it" in the next clause; stones and pounds in words; "Name I., 45" and "patient herself,
77"; breathing support told as over takes the respiratory flag back (in the same message or a later one); "not
confirmed" and "?<organ> carcinoma" are no finding; patients on a clinic list by title and initial, a list entry
marked "this entry" with its details further down, and other patients said to be recorded separately.
Dialogue: the outlook asked about; a question asked "given" one of the patient's facts; "what's the next agent?" then
"that one"; "if he can't tolerate that one?" after a whole plan; facts sent after a dose question answer it; a drug
the question names is answered about; evidence for another antibody's disease is not this patient's."""

from __future__ import annotations

import pytest

from imnm.dialogue.conversation import respond
from imnm.dialogue.given import asked_given_a_fact, asked_in_checkpoint_myositis
from imnm.dialogue.questions import contradicts
from imnm.engine.facts import Antibody, PatientFacts
from imnm.engine.knowledge import default_knowledge
from imnm.language.context_answers import facts_from_context
from imnm.language.extract import extract

KB = default_knowledge()


def slots(text: str) -> dict:
    return extract(text).slots()


def reply(text: str, slots_: dict, history=(), intent="ask_question", last_reply="", changes=None,
          found_facts=False) -> str:
    return respond(text=text, intent=intent, slots=dict(slots_), found_facts=found_facts, problems=[],
                   changes=changes or {}, already_recommended=True, history=history, last_reply=last_reply).text


# --- extractor -----------------------------------------------------------------------------------------------------

def test_a_duration_after_the_person_is_no_age():
    assert slots("11 yo boy, 4 mo of proximal weakness, CK 9000")["age_years"] == 11


@pytest.mark.parametrize("text", [
    "Had prednisolone then mycophenolate, then IVIG x3, still progressing.",
    "She's on IVIG now because the steroids and azathioprine didn't work.",
])
def test_a_course_that_failed(text):
    assert slots(text)["refractory"] is True


@pytest.mark.parametrize(("text", "severity"), [
    ("she gets round the flat with a frame these days", "moderate"),
    ("No issues with daily activities, just tires on long walks.", "mild"),
])
def test_function_in_everyday_words(text, severity):
    assert slots(text)["severity"] == severity


@pytest.mark.parametrize("text", [
    "Weakness did not settle after stopping simvastatin last year.",
    "Rosuvastatin on the chart - held; the admitting team stopped it on arrival.",
])
def test_a_statin_stopped(text):
    found = slots(text)
    assert found["statin_exposure"] is True and found["statin_status"] == "past"


def test_stones_and_pounds_in_words():
    assert slots("She weighs ten stone six pounds.")["weight_kg"] == 66.2


@pytest.mark.parametrize(("text", "age"), [
    ("Re: Maria K., 58\n\nanti-HMGCR positive.", 58),
    ("Caller: patient himself, 66, SRP positive.", 66),
])
def test_an_age_beside_a_name(text, age):
    assert slots(text)["age_years"] == age


def test_breathing_support_over_takes_the_flag_back():
    found = slots("Intubated for respiratory failure in March; weaned off NIV since, no ongoing respiratory support.")
    assert "respiratory" not in found.get("red_flags", [])
    later = extract("now extubated, sats fine on air, walking with a stick")
    assert "respiratory" in later.absent_flags


@pytest.mark.parametrize("text", [
    "HRCT requested; ILD not confirmed so far.",
    "CT: 1.8 cm lung nodule - ?small cell carcinoma, PET pending.",
])
def test_a_finding_not_confirmed(text):
    assert not slots(text).get("red_flags")


def test_one_patient_of_a_clinic_list_picked_later():
    listed = "ward round: Mr D (SRP, 61kg), Mrs E (HMGCR, 74kg, relapsed on taper), Ms F (seroneg)."
    assert extract(listed).problems  # which one?
    picked = facts_from_context("Mrs E - rituximab dose?", None, [listed], own_facts=frozenset(), current={}).slots
    assert picked["antibody"] == "HMGCR" and picked["weight_kg"] == 74.0


def test_a_list_entry_marked_as_this_one_keeps_its_details_below():
    text = ("MDT list\n1) Mr P., 59, HMGCR, improving.\n2) Ms R., 47, anti-SRP IMNM - THIS ENTRY\n"
            "3) Mr T., 16, juvenile HMGCR.\nEntry for patient 2 (Ms R.): never on a statin. Weight 61 kg.")
    found = slots(text)
    assert (found["antibody"], found["age_years"], found["weight_kg"], found["statin_status"]) == (
        "SRP", 47, 61.0, "never")


def test_other_patients_recorded_separately_are_not_this_one():
    text = ("Clinic note: Mr L. (58)\n(Other patients seen today are documented separately: Mrs M., 70, anti-SRP "
            "with ILD.)\nMr L.: anti-HMGCR IMNM, weight 80 kg, no ILD on HRCT.")
    found = slots(text)
    assert found["antibody"] == "HMGCR" and not found.get("red_flags")


# --- dialogue ------------------------------------------------------------------------------------------------------

JUVENILE = {"antibody": "HMGCR", "weight_kg": 30.0, "severity": "moderate", "statin_exposure": False,
            "statin_status": "never", "age_years": 10.0, "age_band": "juvenile", "audience": "clinician"}
SRP_SEVERE = {"antibody": "SRP", "weight_kg": 60.0, "severity": "severe", "red_flags": ["dysphagia"],
              "statin_exposure": False, "statin_status": "never", "age_years": 40.0, "age_band": "adult",
              "audience": "clinician"}
MILD = {"antibody": "seronegative", "weight_kg": 80.0, "severity": "mild", "statin_exposure": False,
        "statin_status": "never", "age_years": 55.0, "age_band": "adult", "audience": "clinician"}


def test_the_outlook_asked_for_a_young_patient_is_the_prognosis():
    answer = reply("does his outlook look worse at his age?", JUVENILE, ["pred dose for him?"])
    assert "prognos" in answer.lower()


def test_a_question_given_a_fact_is_about_what_that_fact_brings():
    assert asked_given_a_fact("what's the next agent given her antibody?", SRP_SEVERE) == (
        "what's the next agent for anti-SRP disease?")
    assert asked_given_a_fact("what's the next agent given her antibody?", {"antibody": None}) is None
    answer = reply("what would you add given her antibody?", SRP_SEVERE)
    assert "rituximab" in answer.lower()


def test_that_one_after_asking_for_the_next_agent_is_the_answer():
    last = reply("what would you add given her antibody?", SRP_SEVERE)
    answer = reply("and how's that one given?", SRP_SEVERE, ["what's the next agent given her antibody?"],
                   last_reply=last)
    assert "1000 mg" in answer


def test_intolerance_after_a_whole_plan_is_the_steroid_sparing_agent():
    answer = reply("what if she can't tolerate that one?", MILD, ["what's first line for her?"])
    assert "azathioprine" in answer.lower() and "mycophenolate" in answer.lower()


def test_facts_sent_after_a_dose_question_answer_it():
    answer = reply("anti-HMGCR, relapsed on taper", {"antibody": "HMGCR", "refractory": True, "audience": "clinician"},
                   ["how much IVIG should my patient get?"], intent="give_facts", found_facts=True,
                   changes={"antibody": (None, "HMGCR"), "refractory": (None, True)})
    assert "2 g/kg" in answer


def test_a_drug_the_question_names_is_answered_about():
    refractory = {**SRP_SEVERE, "refractory": True}
    answer = reply("escalation now? wondering about IVIG", refractory)
    assert "IVIG" in answer


def test_evidence_for_another_antibody_is_not_this_patients():
    entry = KB.entry("rituximab.response_hmgcr")
    assert contradicts(entry, PatientFacts(antibody=Antibody.SRP))
    assert not contradicts(entry, PatientFacts(antibody=Antibody.HMGCR))


def test_what_to_add_for_a_patient_on_a_checkpoint_inhibitor_is_that_myositis_answer():
    on_nivolumab = {"ici_exposure": True, "severity": "severe", "red_flags": ["myocarditis"], "age_years": 70.0,
                    "age_band": "adult", "audience": "clinician"}
    answer = reply("and what goes on top of the steroids?", on_nivolumab, ["should the nivolumab be held?"])
    assert answer.index("IVIG") < answer.index("Methotrexate") if "Methotrexate" in answer else "IVIG" in answer
    assert asked_in_checkpoint_myositis("which steroid-sparing agent?", {"ici_exposure": False}) is None


def test_a_caller_who_is_a_relative_names_the_patient():
    note = ("Phone note\nCaller: son (aged 48). His father, 80, has anti-SRP myopathy and stopped simvastatin in 2022. "
            "Cannot stand since Monday; the son says \"I'm 95 kg and even I can't lift him\".")
    found = slots(note)
    assert (found["age_years"], found.get("weight_kg"), found["antibody"], found["statin_status"]) == (
        80, None, "SRP", "past")
    assert "audience" not in found  # the quoted "I can't" is the son's, not a patient writing
    # "Caller: mother of <the patient>": the patient follows "of"; the caller's other children are not the patient.
    assert slots("Caller: mother of Sam, 11 yrs, anti-HMGCR. His brother (7) has a cold.")["age_years"] == 11


def test_severity_told_weeks_ago_yields_to_function_at_discharge():
    note = ("Admitted 4 weeks ago with rapidly progressive weakness. Treated with IVIG and pulsed steroids. "
            "On discharge he walks with a stick and needs his arms to stand from a chair.")
    assert slots(note)["severity"] == "moderate"


def test_whether_a_fact_changes_the_next_step_gives_the_next_step_too():
    refractory = {"antibody": "seronegative", "severity": "moderate", "refractory": True, "age_years": 60.0,
                  "age_band": "adult", "treatments_tried": ["prednisone", "methotrexate"], "audience": "clinician"}
    answer = reply("so does being seronegative change what we do next?", refractory, ["no better on pred + MTX"])
    assert "antibody-negative" in answer.lower() and "IVIG" in answer and "Next for this patient" in answer


# --- found at round 27's first sight (scored before these were written) --------------------------------------------

def test_restarting_a_drug_does_not_restart_the_conversation():
    from imnm.dialogue.conversation import StartOver, start_over_kind
    assert start_over_kind("restart which one? the same again?", "start_over", False) is StartOver.NOT_A_RESET
    assert start_over_kind("restart the methotrexate?", "start_over", False) is StartOver.NOT_A_RESET
    assert start_over_kind("restart", "start_over", False) is StartOver.RESET


def test_a_ward_sister_is_a_nurse_not_a_relative():
    found = slots("Sister on ward 4: 58M SRP positive, 72 kg, walking with a frame.")
    assert (found["antibody"], found["weight_kg"], found["age_years"]) == ("SRP", 72.0, 58)


def test_an_age_between_my_and_the_relative():
    found = slots("my 11 yo daughter has IMNM, the HMGCR kind. She weighs 35 kg.")
    assert (found["antibody"], found["age_years"], found["weight_kg"]) == ("HMGCR", 11, 35.0)


def test_a_referral_for_one_bed_of_a_handover():
    handover = ("Handover - HDU. Referral is for BED 2 ONLY.\nBed 1: 70F, MG crisis, on NIV.\n"
                "Bed 2: 61M, anti-SRP IMNM, 84 kg, walks with a frame, swallow normal.\nBed 3: 40F, GBS, dysphagia.")
    found = slots(handover)
    assert (found["antibody"], found["age_years"], found["weight_kg"], found.get("red_flags")) == (
        "SRP", 61, 84.0, None)


def test_a_handout_about_no_patient_gives_no_facts():
    handout = ("Ward teaching sheet on IMNM. Report new choking with drinks (dysphagia) or breathlessness at once. "
               "Methotrexate is given weekly. This sheet is not about any individual patient.")
    assert not {name: value for name, value in slots(handout).items() if value not in (None, [], "")}


@pytest.mark.parametrize(("text", "expected"), [
    ("Re Mrs Ana Silva comma fifty three comma anti HMGCR positive full stop weight seventy kilos full stop",
     {"age_years": 53}),
    ("Case: 52/F, anti-SRP, 60 kg.", {"age_years": 52}),
    ("Pred tapered to 7.5 by May, now CK 8000 and weakness worse, needs support of her hands to rise from a chair.",
     {"refractory": True, "severity": "moderate"}),
])
def test_dictated_and_terse_facts(text, expected):
    found = slots(text)
    assert {name: found.get(name) for name in expected} == expected


def test_the_second_dose_is_of_the_drug_just_discussed():
    answer = reply("and the second dose is when?", SRP_SEVERE, ["we're going ahead with rituximab. dosing?"])
    assert "rituximab" in answer.lower() and "two weeks apart" in answer
