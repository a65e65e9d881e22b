"""Round 30's classes, each on sentences written for this test (not the set's own).

Extractor: stairs told as "can't get up the stairs", a relative who needs the writer's help to stand, a relative's
own antibody ("my husband is anti-HMGCR"), "still needing a frame", a course told by month names or by "month N".
Dialogue: a stated dose held against the patient's, a request for the plan in other words, "that" after "what next"
is the step offered, a response rate asked of the drug just named, what a result told in this message changes, and
a result taken back as still pending.
"""

from __future__ import annotations

import pytest

from imnm.dialogue.conversation import asks_what_to_do, carried_antibody, respond
from imnm.language.extract import extract


def slots(text: str) -> dict:
    return extract(text).slots()


def reply(text: str, state: dict, history=(), found_facts=False, changes=None, last_reply="") -> str:
    return respond(text, "ask_question", state, found_facts, [], changes or {}, bool(state.get("recommended")),
                   frozenset(), list(history), last_reply).text


@pytest.mark.parametrize(("text", "severity"), [
    ("she cant get up the stairs any more", "moderate"),
    ("he can't get up the steps to his flat", "moderate"),
    ("We have to help him stand up from the sofa every time", "severe"),
    ("still needing a frame to get around", "moderate"),
])
def test_function_told_in_everyday_words(text, severity):
    assert slots(text)["severity"] == severity


def test_a_relatives_own_antibody_makes_them_the_patient():
    found = slots("my husband is anti-HMGCR, he's 61.")
    assert found["antibody"] == "HMGCR" and found["age_years"] == 61
    assert "antibody" not in slots("My patient is 50. Her sister is anti-SRP.")


@pytest.mark.parametrize("text", [
    "Feb: prednisolone + methotrexate. June: still uses a stick, CK no lower",
    "month 1 pred + MMF. month 4: still cannot climb stairs",
])
def test_a_course_told_by_dates_is_read_for_its_length(text):
    assert slots(text)["refractory"] is True


def test_a_date_told_without_treatment_after_it_is_no_course():
    assert "refractory" not in slots("Seen in March. June: uses a stick")


JUVENILE = {"antibody": "SRP", "weight_kg": 40.0, "age_years": 13, "age_band": "juvenile", "audience": "patient",
            "treatments_tried": ["prednisone"]}
ADULT = {"antibody": "seronegative", "weight_kg": 80.0, "age_years": 50, "age_band": "adult", "severity": "moderate",
         "statin_exposure": False, "statin_status": "never", "refractory": True,
         "treatments_tried": ["prednisone", "methotrexate", "azathioprine"]}


def test_a_stated_dose_is_held_against_the_patients():
    answer = reply("they started him on 60 mg prednisolone daily. isn't that a lot for a kid?", JUVENILE)
    assert "60 mg/day" in answer and "maximum" in answer
    answer = reply("is 150 ok for him?", ADULT, ["MTX stopped for LFTs, now on azathioprine 150mg daily"])
    assert "160-240 mg/day" in answer and "below" in answer
    answer = reply("is 300 mg of azathioprine too much for him?", ADULT)
    assert "above" in answer


@pytest.mark.parametrize("text", ["so what's the approach", "and what should we restart?",
                                  "ok so what does his treatment look like"])
def test_the_plan_asked_for_in_other_words(text):
    assert asks_what_to_do(text)


def test_that_after_what_next_is_the_step_offered():
    state = {"antibody": "SRP", "weight_kg": 70.0, "age_years": 40, "age_band": "adult", "severity": "moderate",
             "statin_exposure": False, "statin_status": "never", "refractory": True,
             "treatments_tried": ["prednisone", "methotrexate"], "recommended": True}
    history = ["SRP+, 40F, 70 kg, 6 months of pred and MTX and no better, never on a statin", "what next?"]
    answer = reply("how much of that?", state, history, last_reply="**IMNM plan** (anti-SRP)")
    assert "rituximab" in answer.lower() and "1000 mg" in answer


def test_a_response_rate_is_asked_of_the_drug_just_named():
    state = {"antibody": "SRP", "age_years": 40, "age_band": "adult", "refractory": True}
    assert "62%" in reply("what success rate do I tell her?", state, ["anti-SRP, no better on pred + MTX, "
                                                                      "we're planning rituximab"])
    assert "62%" not in reply("what is the response rate to IVIG?", {})


def test_what_a_result_told_now_changes():
    state = {"antibody": "HMGCR", "weight_kg": 90.0, "age_years": 50, "age_band": "adult"}
    answer = reply("anti-HMGCR came back positive today - does this change anything?", state,
                   ["50M, 90 kg, IMNM, antibodies sent"], found_facts=True, changes={"antibody": (None, "HMGCR")})
    assert "Adds" in answer and "IVIG" in answer and "180 g/course" in answer


def test_a_result_taken_back_as_pending():
    assert carried_antibody("seronegative", "seronegative", "sorry, the HMGCR is actually still pending") is None
    assert carried_antibody("SRP", "SRP", "SRP positive; HMGCR pending") == "SRP"
    assert carried_antibody("HMGCR", "HMGCR", "on pred 60 and MTX") == "HMGCR"


def test_breathlessness_put_down_to_interstitial_lung_disease_is_the_lungs():
    letter = ("Referred with exertional breathlessness. HRCT: fibrotic NSIP with basal reticulation; FVC 70%. "
              "Walks with a stick, swallow normal.")
    found = slots(letter)
    assert found["red_flags"] == ["ild"] and found["severity"] == "moderate"
    # Oxygen needed, or the breathing muscles named, is respiratory compromise whatever the lung shows.
    assert "respiratory" in slots(letter + " Now on 2 L O2 at rest.")["red_flags"]
    assert "respiratory" in slots(letter + " Orthopnoea and a weak cough.")["red_flags"]


def test_a_switch_asked_about_in_a_refractory_course_gets_what_the_sources_add():
    state = {"antibody": "SRP", "weight_kg": 70.0, "age_years": 50, "age_band": "adult", "severity": "moderate",
             "statin_exposure": False, "statin_status": "never", "refractory": True,
             "treatments_tried": ["prednisone", "methotrexate"], "recommended": True}
    answer = reply("would changing her to azathioprine work better?", state, ["SRP, 50F, relapsed on taper"])
    assert "IVIG" in answer and "Rituximab" in answer


def test_a_patient_asking_the_chance_a_drug_works_gets_the_figure_and_its_doubt():
    state = {"antibody": "SRP", "age_years": 50, "age_band": "adult", "refractory": True, "audience": "patient"}
    answer = reply("they want to try rituximab now. how likely is it to work?", state)
    assert "62%" in answer and "uncertain" in answer
