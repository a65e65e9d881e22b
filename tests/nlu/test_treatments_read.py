"""The treatments a patient has had, read from what a message tells (not plans, questions or others')."""

from __future__ import annotations

import pytest

from imnm.language.extract import extract

GIVEN = [
    ("She's had IVIG x3 with no response, what next?", ["ivig"]),
    ("On pred and MTX for 6 months, CK still 8000.", ["prednisone", "methotrexate"]),
    ("Failed azathioprine and MMF; now on tacrolimus.", ["azathioprine", "mycophenolate", "tacrolimus"]),
    ("MMF stopped for cytopenias.", ["mycophenolate"]),
    ("Medications:\nprednisolone 30 mg od\nmethotrexate 20 mg weekly", ["prednisone", "methotrexate"]),
    ("Relapsed despite rituximab in 2024.", ["rituximab"]),
    ("No response to IVIG.", ["ivig"]),
    ("IVIG (x3) - minimal benefit", ["ivig"]),
    ("We gave her methylpred pulses x3.", ["methylprednisolone"]),
    ("He relapsed when pred was tapered to 10 mg.", ["prednisone"]),
    ("she tried methotrexate but couldn't tolerate it", ["methotrexate"]),
]

NOT_GIVEN = [
    "Plan: start IVIG 2 g/kg.",
    "Should we try rituximab?",
    "She is IVIG-naive.",
    "Never had MMF.",
    "If the IVIG fails, what then?",
    "Patients usually get IVIG first.",
    "Considering IVIG.",
    "RTX planned for next month.",
    "What's the IVIG dose for him?",
    "Referred for IVIG.",
    "we'll add MTX",
    "Would you add rituximab?",
    "Another of my patients had IVIG x5.",
    "Her sister had IVIG for the same thing.",
]


@pytest.mark.parametrize(("text", "agents"), GIVEN)
def test_a_treatment_told_as_given_is_read(text, agents):
    assert extract(text).treatments_tried == agents


@pytest.mark.parametrize("text", NOT_GIVEN)
def test_a_planned_asked_negated_or_someone_elses_treatment_is_not(text):
    assert extract(text).treatments_tried == []


def test_given_treatments_are_a_slot_value():
    slots = extract("anti-SRP, 60 kg, severe. Had IVIG x3 and rituximab, still weak.").slots()
    assert slots["treatments_tried"] == ["ivig", "rituximab"]
