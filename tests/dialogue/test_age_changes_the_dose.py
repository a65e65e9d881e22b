"""Where the age would change the dose (below the weight at which the adult steroid dose reaches the
juvenile ceiling: 60 kg), a plan without an age is labelled and the age is asked (issue 17: "a 45 kg
patient with no age was dosed as an adult with a note")."""

from __future__ import annotations

from imnm.dialogue.conversation import assess

FACTS = {"antibody": "HMGCR", "severity": "moderate", "statin_status": "never", "audience": "clinician"}


def test_a_light_patient_without_an_age_gets_a_labelled_plan_and_the_question():
    reply = assess({**FACTS, "weight_kg": 45.0}, *_plain())
    assert reply.recommended and "**45 mg/day**" in reply.text
    assert "still missing: the age (it decides the steroid dose: under 18 it is 2 mg/kg/day up to 60 mg/day" \
        in reply.text
    assert reply.text.rstrip().endswith("How old is the patient? Under 18 the steroid dose is different.")
    assert reply.slot_updates["asked"] == "age_years:0"


def test_once_the_age_is_given_the_dose_follows_it():
    child = assess({**FACTS, "weight_kg": 45.0, "age_years": 15.0, "age_band": "juvenile"}, *_plain())
    assert "**60 mg/day**" in child.text and "still missing" not in child.text


def test_a_heavier_patient_is_not_held_up():
    reply = assess({**FACTS, "weight_kg": 70.0}, *_plain())
    assert reply.recommended and "still missing" not in reply.text and "How old" not in reply.text


def _plain():
    from imnm.engine.facts import Audience

    return Audience.CLINICIAN, [], {}, False
