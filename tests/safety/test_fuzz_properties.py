"""Property-based fuzzing of the extractor and the engine with random and adversarial input."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imnm import InvalidFacts, build_facts, recommend
from imnm.language.extract import extract
from imnm.render import render

CLINICAL_WORDS = ["HMGCR", "SRP", "anti-", "positive", "negative", "neg", "pos", "kg", "lbs", "stone", "st",
                  "statin", "atorvastatin", "never", "no", "denies", "severe", "mild", "moderate", "dysphagia",
                  "pembrolizumab", "relapsed", "year old", "yo", "wt", "weight", ",", ".", "but", "and", "-",
                  "seronegative", "pending", "?", "15 mg", "CK", "12,000", "🙂", "é", "\u202e", "\x00"]
fragments = st.lists(st.one_of(st.sampled_from(CLINICAL_WORDS), st.integers(-10_000, 10_000).map(str),
                               st.floats(allow_nan=True, allow_infinity=True).map(str), st.text(max_size=12)),
                     max_size=40).map(" ".join)
settings.register_profile("fuzz", max_examples=300, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("fuzz")

ALLOWED = {
    "antibody": {"HMGCR", "SRP", "seronegative"}, "severity": {"mild", "moderate", "severe"},
    "statin_status": {"current", "past", "never"}, "age_band": {"juvenile", "adult"},
    "audience": {"clinician", "trainee", "patient"},
}


def check_slots(slots: dict) -> None:
    for name, allowed in ALLOWED.items():
        if name in slots:
            assert slots[name] in allowed, (name, slots[name])
    if "weight_kg" in slots:
        assert 2 <= slots["weight_kg"] <= 350
    if "age_years" in slots:
        assert 0 <= slots["age_years"] <= 120
    if "age_band" in slots and "age_years" in slots:
        assert (slots["age_years"] < 18) == (slots["age_band"] == "juvenile")


@given(st.text(max_size=400))
def test_extractor_survives_any_text(text):
    check_slots(extract(text).slots())


@given(fragments)
def test_extractor_survives_clinical_looking_noise(text):
    check_slots(extract(text).slots())


LETTERS = "abcdefghijklmnopqrstuvwxyz"


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), st.text(alphabet=LETTERS, min_size=1, max_size=9))
def test_odd_units_never_become_a_weight_unless_they_are_mass_units(value, unit):
    slots = extract(f"weight {value:g} {unit}").slots()
    if "weight_kg" in slots and unit not in {"kg", "kgs", "kilo", "kilos", "kilogram", "kilograms", "kilogramme",
                                             "kilogrammes", "lb", "lbs", "pound", "pounds", "st", "stone", "stones",
                                             "g", "gram", "grams", "gramme", "grammes"}:
        # A bare number after "weight" means kg; any other word after it must not change that.
        assert abs(slots["weight_kg"] - round(value, 1)) < 0.11


def test_very_long_input_is_bounded_and_fast():
    import time

    start = time.perf_counter()
    extract("HMGCR positive 70 kg " * 20_000)
    assert time.perf_counter() - start < 5


@given(st.dictionaries(st.sampled_from(["antibody", "severity", "weight_kg", "age_years", "statin", "audience",
                                        "age_band", "refractory", "ici_exposure"]),
                       st.one_of(st.none(), st.text(max_size=10), st.floats(allow_nan=True), st.integers(),
                                 st.booleans())))
def test_engine_accepts_valid_facts_and_refuses_the_rest_with_a_typed_error(values):
    try:
        facts = build_facts(**values)
    except InvalidFacts as error:
        assert error.problems and all(isinstance(p, str) and p for p in error.problems)
        return
    text = render(recommend(facts))
    assert text
