"""The engine's public API: doses, subtypes, severities, ages, statin handling, missing facts."""

from __future__ import annotations

import itertools

import pytest

from imnm import Antibody, InvalidFacts, Severity, build_facts, recommend


def items_by_entry(rec):
    return {item.entry_id: item for item in rec.items}


def full(**overrides):
    values = {"antibody": "HMGCR", "severity": "moderate", "weight_kg": 70.0, "statin": "current"}
    values.update(overrides)
    return recommend(build_facts(**values))


def test_adult_prednisone_is_1_mg_per_kg_with_working_shown():
    item = items_by_entry(full())["induction.prednisone.adult"]
    assert (item.dose.low, item.dose.unit, item.dose.per) == (70.0, "mg", "day")
    assert "1 mg/kg x 70 kg = 70 mg" in item.dose.working


def test_dose_rounding_is_stated():
    item = items_by_entry(full(weight_kg=73.4))["induction.prednisone.adult"]
    assert item.dose.low == 73.0
    assert "rounded to the nearest 1 mg" in item.dose.working


def test_juvenile_prednisone_is_capped_at_60_mg():
    item = items_by_entry(full(weight_kg=45, age_years=12))["induction.prednisone.juvenile"]
    assert item.dose.low == 60.0 and item.dose.capped
    assert "2 mg/kg x 45 kg = 90 mg" in item.dose.working and "capped" in item.dose.working


def test_juvenile_below_cap_gets_2_mg_per_kg():
    item = items_by_entry(full(weight_kg=25, age_band="juvenile"))["induction.prednisone.juvenile"]
    assert item.dose.low == 50.0 and not item.dose.capped


def test_juvenile_gets_no_adult_steroid_sparing_doses():
    entries = items_by_entry(full(weight_kg=30, age_years=10))
    assert "sparing.methotrexate" not in entries and "sparing.azathioprine" not in entries
    assert "sparing.juvenile_not_given" in entries


def test_severe_disease_gets_iv_methylprednisolone_range_tacrolimus_ivig_and_admission():
    entries = items_by_entry(full(severity="severe", weight_kg=80))
    mp = entries["induction.methylprednisolone.severe"]
    assert (mp.dose.low, mp.dose.high) == (80.0, 160.0)
    assert entries["severe.ivig"].dose.low == 160.0 and entries["severe.ivig"].dose.unit == "g"
    assert "8-10 ng/mL" in entries["severe.tacrolimus"].dose.rule
    assert "severe.admission" in entries
    assert "induction.prednisone.adult" not in entries


def test_red_flag_puts_moderate_patient_on_severe_pathway_and_says_so():
    rec = full(red_flags=frozenset({"dysphagia"}))
    assert "severe.tacrolimus" in items_by_entry(rec)
    assert any("dysphagia" in note for note in rec.assumptions)


def test_methotrexate_is_fixed_weekly_and_alternatives_are_weight_based():
    entries = items_by_entry(full(weight_kg=60))
    assert (entries["sparing.methotrexate"].dose.low, entries["sparing.methotrexate"].dose.high) == (15, 25)
    aza = entries["sparing.azathioprine"].dose
    assert (aza.low, aza.high) == (120.0, 180.0) and aza.per == "day"
    assert entries["sparing.mycophenolate"].dose.amount_text == "2-3 g/day"


def test_srp_gets_early_rituximab_with_summary_only_response_figure():
    entries = items_by_entry(full(antibody="SRP", statin="never"))
    assert entries["srp.rituximab"].dose.low == 1000
    response = entries["rituximab.response_rate"]
    assert response.evidence.value == "summary-only" and "landon2019" in response.caveat


def test_hmgcr_on_statin_stops_statin_and_adds_ivig():
    entries = items_by_entry(full())
    assert "statin.stop.hmgcr" in entries and entries["hmgcr.ivig"].dose.low == 140.0


@pytest.mark.parametrize("statin", ["past", "never"])
def test_no_stop_statin_item_without_current_statin(statin):
    entries = items_by_entry(full(statin=statin))
    assert not any(entry_id.startswith("statin.stop") for entry_id in entries)


def test_statin_naive_hmgcr_is_told_a_third_are_statin_naive():
    assert "statin.naive.hmgcr" in items_by_entry(full(statin="never"))


def test_refractory_escalation_ladder():
    entries = items_by_entry(full(refractory=True))
    for entry_id in ("refractory.ivig", "refractory.rituximab", "refractory.calcineurin",
                     "refractory.cyclophosphamide", "severe.plasma_exchange"):
        assert entry_id in entries


def test_checkpoint_inhibitor_myositis_interrupts_the_drug():
    entries = items_by_entry(full(ici_exposure=True, severity="severe", statin="never"))
    assert {"ici.stop_mandatory", "ici.life_threatening", "overlap.mortality"} <= set(entries)
    assert "ici.stop" not in entries  # the mandatory wording replaces "interrupt or stop"


def test_pneumocystis_item_is_disputed_and_depends_on_dose():
    assert items_by_entry(full())["prophylaxis.pneumocystis"].evidence.value == "disputed"
    small_child = items_by_entry(full(weight_kg=8, age_years=2))
    assert "prophylaxis.pneumocystis" not in small_child


@pytest.mark.parametrize(
    "antibody,severity,age",
    list(itertools.product(["HMGCR", "SRP", "seronegative"], ["mild", "moderate", "severe"], [10, 17, 18, 45, 80])),
)
def test_every_subtype_severity_and_age_band_gets_a_complete_cited_plan(antibody, severity, age):
    rec = full(antibody=antibody, severity=severity, age_years=age, statin="never")
    assert rec.complete
    sections = {item.section.value for item in rec.items}
    assert {"induction", "steroid_sparing", "monitoring", "screening"} <= sections
    assert all(item.citations and item.trace for item in rec.items)
    steroid = [i for i in rec.items if i.section.value == "induction" and i.dose and i.dose.low]
    if age < 18:
        assert steroid and all(i.dose.low <= 60 for i in steroid)
    else:
        assert steroid and steroid[0].dose.low == 70.0


def test_missing_facts_are_listed_not_defaulted():
    rec = recommend(build_facts())
    names = [fact.name for fact in rec.missing if fact.blocking]
    assert names == ["antibody", "severity", "weight_kg", "statin_exposure"]
    assert not rec.complete
    doses = [item.dose for item in rec.items if item.dose is not None]
    assert all(dose.low is None or dose.rule for dose in doses)


def test_unknown_age_is_stated_as_an_assumption():
    rec = full()
    assert any("no age given" in note and "2 mg/kg/day" in note for note in rec.assumptions)
    assert [f.name for f in rec.missing] == ["age_years"]


@pytest.mark.parametrize(
    "values,fragment",
    [
        ({"weight_kg": 7000}, "outside the plausible range"),
        ({"weight_kg": 1.5}, "outside the plausible range"),
        ({"age_years": -5}, "not possible"),
        ({"age_years": 300}, "not possible"),
        ({"antibody": "Jo-1"}, "not a recognised value"),
        ({"age_years": 40, "age_band": "juvenile"}, "contradicts"),
        ({"favourite_colour": "blue"}, "not a patient fact"),
    ],
)
def test_bad_input_raises_a_typed_error_a_clinician_understands(values, fragment):
    with pytest.raises(InvalidFacts) as error:
        build_facts(**values)
    assert any(fragment in problem for problem in error.value.problems)


def test_enums_are_exposed():
    assert Antibody("SRP") is Antibody.SRP and Severity("severe") is Severity.SEVERE
