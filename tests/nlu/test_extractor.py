"""The clinical extractor on real sentences, without Rasa."""

from __future__ import annotations

import pytest

from imnm.extract import extract


@pytest.mark.parametrize(
    "text,expected",
    [
        ("70 kg, anti-HMGCR positive, moderate weakness, on atorvastatin",
         {"antibody": "HMGCR", "weight_kg": 70.0, "severity": "moderate", "statin_exposure": True}),
        ("HMGCR neg, SRP pos", {"antibody": "SRP"}),
        ("SRP negative but HMGCR positive", {"antibody": "HMGCR"}),
        ("negative for HMGCR and SRP", {"antibody": "seronegative"}),
        ("no myositis-specific antibodies", {"antibody": "seronegative"}),
        ("176 lbs", {"weight_kg": 79.8}),
        ("11 st 4 lb", {"weight_kg": 71.7}),
        ("wt 70", {"weight_kg": 70.0}),
        ("never took a statin", {"statin_exposure": False, "statin_status": "never"}),
        ("stopped simvastatin 2 years ago", {"statin_exposure": True, "statin_status": "past"}),
        ("on Crestor 10", {"statin_status": "current"}),
        ("a 12-year-old", {"age_years": 12.0, "age_band": "juvenile"}),
        ("adolescent", {"age_band": "juvenile"}),
        ("relapsed on taper", {"refractory": True}),
        ("on pembrolizumab", {"ici_exposure": True}),
        ("rapidly progressive with dysphagia", {"severity": "severe", "red_flags": ["dysphagia"]}),
        ("can't rise from a chair", {"severity": "moderate"}),
    ],
)
def test_fact_is_read(text, expected):
    slots = extract(text).slots()
    for name, value in expected.items():
        assert slots.get(name) == value, (name, slots)


@pytest.mark.parametrize(
    "text,slot",
    [
        ("HMGCR pending", "antibody"),
        ("HMGCR and SRP both positive", "antibody"),
        ("weighs 7000 kg", "weight_kg"),
        ("wt 70 furlongs", "weight_kg"),
        ("-5 years old", "age_years"),
        ("no dysphagia", "red_flags"),
        ("stopped simvastatin 2 years ago", "age_years"),
    ],
)
def test_ambiguous_or_implausible_values_are_not_set(text, slot):
    assert slot not in extract(text).slots()


@pytest.mark.parametrize("text", ["weighs 7000 kg", "HMGCR positive and HMGCR negative", "-5 years old"])
def test_refusals_explain_why(text):
    assert extract(text).problems


@pytest.mark.parametrize("text", ["", "   ", "🙂🙂🙂", "Bonjour, comment ça va ?", "x" * 20000, "\x00\x01"])
def test_odd_input_never_crashes(text):
    extract(text)
