"""The clinical extractor on real sentences, without Rasa."""

from __future__ import annotations

import pytest

from imnm.extract import extract


def assert_read(text: str, expected: dict) -> None:
    """Every expected slot has exactly the expected value (other slots may be set too)."""
    slots = extract(text).slots()
    for name, value in expected.items():
        assert slots.get(name) == value, (name, slots)


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
    assert_read(text, expected)


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


@pytest.mark.parametrize(
    "text,expected",
    [
        ("wt 11 st 4, on Lipitor", {"weight_kg": 71.7}),  # British shorthand: pounds left unnamed
        ("pt is 67 and ~150lbs", {"age_years": 67.0, "weight_kg": 68.0}),
        ("correction: he's 72, not 27", {"age_years": 72.0}),
        ("74 yo on atorvastatin", {"age_years": 74.0, "statin_status": "current"}),
        ("HMGCR and SRP both negative", {"antibody": "seronegative"}),
        ("no myositis-specific abs", {"antibody": "seronegative"}),
        ("IVIG-refractory", {"refractory": True}),
        ("difficulty getting up from low chairs", {"severity": "moderate"}),
        ("stairs are a struggle", {"severity": "moderate"}),
        ("Gower's +", {"severity": "moderate"}),
        ("hx breast ca 2015", {"red_flags": ["malignancy"]}),
        ("FVC 1.9 L (52%)", {"red_flags": ["respiratory"], "severity": "severe"}),
        ("her daughter says she cannot swallow", {"red_flags": ["dysphagia"]}),
    ],
)
def test_clinic_shorthand_is_read(text, expected):
    assert_read(text, expected)


@pytest.mark.parametrize(
    "text,slot",
    [
        ("if she were on a statin would you still send HMGCR?", "statin_exposure"),
        ("If he had dysphagia I'd go straight to IVIG, but he doesn't", "red_flags"),
        ("her husband (68) is on atorvastatin", "statin_exposure"),
        ("her mum is 45", "age_years"),
        ("her son wonders if he should stop his own atorvastatin", "statin_exposure"),
        ("has anyone seen relapse on rituximab in these patients?", "refractory"),
        ("planning to start nivolumab next month", "ici_exposure"),
        ("CT CAP for cancer screening ordered", "red_flags"),
        ("rule out ILD with HRCT", "red_flags"),
        ("HMGCR neg, still waiting on SRP", "antibody"),
        ("SRP negative. HMGCR not sent yet.", "antibody"),
        ("Is a 2 kg weight gain on pred significant?", "weight_kg"),
        ("mild weakness, FVC 95%", "red_flags"),
    ],
)
def test_facts_that_are_not_the_patients_present_facts_are_not_set(text, slot):
    assert slot not in extract(text).slots()


@pytest.mark.parametrize(
    "text,expected",
    [
        # Ages: "F, 61", a number in brackets, "kid is 9", a duration after "for ~", an onset age.
        ("Female, 61. HMGCR pos", {"age_years": 61.0, "age_band": "adult"}),
        ("boy (11), SRP+", {"age_years": 11.0, "age_band": "juvenile"}),
        ("the kid is 9 and HMGCR positive", {"age_years": 9.0}),
        ("49 yo, on simva for ~8 yrs", {"age_years": 49.0}),
        ("12 y/o girl, symptoms since age 10", {"age_years": 12.0}),
        ("a man in his 60s, HMGCR+", {"age_band": "adult"}),
        # Antibodies: "X + Y awaited" leaves both unknown; negative lists; "still pending".
        ("abs sent, HMGCR + SRP awaited", {"antibody": None}),
        ("SRP neg, HMGCR still awaited", {"antibody": None}),
        ("antibody negative (SRP/HMGCR)", {"antibody": "seronegative"}),
        ("negative for both anti-SRP and anti-HMGCR", {"antibody": "seronegative"}),
        # Negation shared across a list; "-naive"; a negation that ends at "and has".
        ("no pembro / checkpoint inhibitor ever", {"ici_exposure": False}),
        ("immunotherapy-naive, HMGCR+", {"ici_exposure": False}),
        ("walks without a frame and has dysphagia", {"red_flags": ["dysphagia"], "severity": "severe"}),
        # Function, heart and neuromuscular-junction findings.
        ("struggling to get out of the chair", {"severity": "moderate"}),
        ("difficulty with stair climbing", {"severity": "moderate"}),
        ("new AF and troponin of 250", {"red_flags": ["cardiac"], "severity": "severe"}),
        ("LVEF 35%", {"red_flags": ["cardiac"]}),
        ("double vision in the evenings", {"red_flags": ["myasthenic"]}),
        # Course: persisting despite treatment; "new dx"; statin history shorthand.
        ("CK remains high despite 3 months of IVIG", {"refractory": True}),
        ("weakness persists despite MMF", {"refractory": True}),
        ("new dx, HMGCR+", {"refractory": False}),
        ("ex-simvastatin user", {"statin_status": "past"}),
        ("prev on atorva 20", {"statin_status": "past"}),
    ],
)
def test_ages_lists_heart_findings_and_course_in_clinic_shorthand_are_read(text, expected):
    assert_read(text, expected)


@pytest.mark.parametrize("text", [
    "Hypothetically, if a child with IMNM later needed nivolumab, is that allowed?",
    "In theory, would a 70 kg man on atorvastatin need IVIG?",
])
def test_a_sentence_that_opens_as_a_hypothetical_sets_nothing(text):
    assert extract(text).slots() == {}
