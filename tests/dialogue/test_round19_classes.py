"""Round 19's classes, each on sentences written for this test (not the set's own): whole function told as
everyday life, a state's duration that is not an age, a course told verb first, another patient or a friend
in the letter, a statin stopped at this encounter or denied since a date, an export's "current: no" beside
"ever: yes", ward shorthand's "w", a background sentence about the disease, the writer's own statin, "one"
for a statin; and in the dialogue, a pronoun acted on ("can't tolerate it", "stop it"), imaging, the
acronym, curiosity about patients in general, and "anything left to try"."""

from __future__ import annotations

import pytest

from imnm.dialogue.conversation import respond
from imnm.language.extract import extract


def slots(text: str) -> dict:
    return extract(text).slots()


def ask(text: str, slots_: dict, history: list[str]) -> str:
    return respond(text, "ask_question", slots_, False, [], {}, True, history=history).text


@pytest.mark.parametrize("text", [
    "Anti-SRP, 70 kg. Legs feel heavy on hills but he can still do everything he used to.",
    "MRC 4/5 hip flexion; back at work with no limitation.",
    "A little weak in the arms, but it doesn't stop her doing anything.",
    "14-year-old, keeps up at school, hip flexors 4+/5.",
    "She walks normal, only her thighs feel weak.",
])
def test_whole_function_told_as_everyday_life_is_mild(text):
    assert slots(text)["severity"] == "mild"


def test_a_limitation_on_stairs_stays_moderate_beside_no_limitation_elsewhere():
    assert slots("Needs the rail on stairs; no limitation on the flat.")["severity"] == "moderate"


@pytest.mark.parametrize("text", ["After rituximab she has been in remission 3 yrs.",
                                  "Stable 2 years on MTX 15 weekly."])
def test_how_long_a_state_has_lasted_is_not_an_age(text):
    assert slots(text).get("age_years") is None


def test_a_course_told_verb_first_is_refractory():
    assert slots("Started prednisolone 60 mg and methotrexate 4 months ago; CK still 7,000 and he's no "
                 "stronger.").get("refractory") is True
    assert slots("Azathioprine for 6 months did almost nothing.").get("refractory") is True


@pytest.mark.parametrize("text, absent", [
    ("Patient: 52F, anti-HMGCR. The consultant compared her with another of his patients, a man with anti-SRP "
     "disease and dysphagia.", "dysphagia"),
    ("I'm 38, anti-HMGCR myopathy. My friend from the support group who has SRP can barely swallow.", "dysphagia"),
])
def test_another_patient_or_a_friend_in_the_letter_is_not_the_patient(text, absent):
    facts = slots(text)
    assert facts["antibody"] == "HMGCR" and absent not in (facts.get("red_flags") or [])


@pytest.mark.parametrize("text", [
    "He was still taking rosuvastatin 10 mg on arrival. Rosuvastatin stopped on admission.",
    "Has not taken any statin since 2022.",
    "id: 7\nstatin_ever: yes\nstatin_current: no\nhmgcr_ab: positive",
])
def test_a_statin_stopped_now_or_denied_since_a_date_or_exported_as_not_current_is_past(text):
    facts = slots(text)
    assert facts["statin_exposure"] is True and facts["statin_status"] == "past"


def test_a_statin_still_taken_beside_an_old_one_stopped_stays_current():
    assert slots("Still on atorvastatin; simvastatin was stopped in 2019 for myalgia.")["statin_status"] == "current"


def test_ward_shorthand_w_for_with():
    assert slots("61F HMGCR+. up from chair w arms, stairs w rail, walks unaided")["severity"] == "moderate"


def test_a_background_sentence_about_the_disease_is_not_the_patient():
    facts = slots("Background: immune-mediated necrotizing myopathy is typically severe and resistant to "
                  "treatment. Case: a 50-year-old woman, anti-HMGCR, 66 kg, walks with a stick.")
    assert facts["severity"] == "moderate" and not facts.get("refractory")


def test_the_writers_own_statin_is_not_the_patients():
    assert "statin_status" not in slots("Separately, I'm on simvastatin myself - can statins do this?")


def test_one_for_a_statin_after_statins_are_named():
    facts = slots("Her brother had cramps on statins, but she never took one. Anti-SRP positive.")
    assert facts["statin_status"] == "never" and facts["statin_exposure"] is False


PLAN = {"antibody": "HMGCR", "weight_kg": 80.0, "severity": "moderate", "statin_status": "past",
        "statin_exposure": True, "age_years": 60.0, "age_band": "adult", "audience": "clinician", "recommended": True}


def test_cannot_tolerate_it_after_a_drug_asks_its_alternatives():
    reply = ask("and if she can't tolerate it?", PLAN, ["60F HMGCR+, 80 kg, stairs with rail", "MTX dose for her?"])
    assert "azathioprine" in reply.lower() and "mycophenolate" in reply.lower()


def test_stop_it_after_a_checkpoint_inhibitor_is_the_checkpoint_inhibitor():
    case = {**PLAN, "severity": "severe", "ici_exposure": True, "red_flags": ["myocarditis"]}
    reply = ask("do we need to stop it?", case, ["58M on pembrolizumab for lung cancer, CK 12000, myocarditis on MRI"])
    assert "checkpoint inhibitor" in reply.lower() and "interrupt" in reply.lower()


def test_imaging_to_follow_the_response_is_muscle_mri():
    assert "MRI" in ask("which imaging helps us follow the response?", {}, [])


def test_what_the_acronym_stands_for_is_what_the_disease_is():
    assert "necrosis" in ask("what does NAM stand for?", {}, []).lower()


def test_curiosity_about_patients_in_general_is_not_filtered_by_this_patients_age():
    case = {"antibody": "HMGCR", "age_years": 75.0, "age_band": "adult", "audience": "patient"}
    assert "young" in ask("Out of interest, do younger people do worse?", case, ["My mum is 75, HMGCR positive"])


def test_anything_left_to_try_after_several_treatments_gives_the_options_for_refractory_disease():
    case = {**PLAN, "severity": "severe", "refractory": True, "audience": "patient"}
    reply = ask("Is there anything left to try?", case, ["She's had steroids, methotrexate and IVIG and is worse"])
    assert "rituximab" in reply.lower()


def test_a_patient_asking_which_medicines_gets_the_usual_treatment():
    case = {"antibody": "HMGCR", "audience": "patient"}
    assert "methotrexate" in ask("which medicines will I be put on?", case, ["I'm 30 and have HMGCR myopathy"])


@pytest.mark.parametrize("text, weight", [
    ("Weight today 26 kg. Addendum: weight is 62 kg, not 26 kg as dictated.", 62.0),
    ("wt 8.5kg (?) - clearly wrong, scale error; wt last clinic 71 kg", 71.0),
    # A negation further off takes back the statin, not the weight.
    ("52 year old lady never been on a statin ever weight is 70 kilos she is struggling", 70.0),
])
def test_a_weight_said_to_be_wrong_is_not_used_and_others_are(text, weight):
    assert slots(text)["weight_kg"] == weight


def test_anything_left_to_try_from_a_clinician_still_gets_the_plan_with_its_refractory_options():
    case = {**PLAN, "refractory": True}
    reply = ask("anything left to try?", case, ["pred+mtx -> relapsed at pred 7.5, then IVIG x6, then rituximab"])
    assert "**IMNM plan**" in reply and "tacrolimus" in reply
