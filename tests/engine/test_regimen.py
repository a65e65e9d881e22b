"""One coherent, safe regimen per patient (issue 16): each finding of the clinical review as a test,
and the coherence checks shown to catch the faults they exist for."""

from __future__ import annotations

import itertools

import pytest

from imnm import build_facts, default_knowledge, recommend
from imnm.engine.coherence import IncoherentPlan, check_coherence
from imnm.engine.summary import summarise
from imnm.render import render


def plan(**values):
    facts = {"antibody": "HMGCR", "severity": "moderate", "weight_kg": 70.0, "statin": "current",
             "age_years": 50}
    facts.update(values)
    return recommend(build_facts(**facts))


def ids(recommendation):
    return [item.entry_id for item in recommendation.items]


def item(recommendation, entry_id):
    return next(i for i in recommendation.items if i.entry_id == entry_id)


# ---------------------------------------------------------------- dose safety

def test_adult_prednisone_above_the_named_range_is_warned_not_silent():
    heavy = plan(weight_kg=150)
    assert item(heavy, "induction.prednisone.adult").dose.low == 150  # no invented cap
    warning = heavy.warnings[0]
    assert "150 mg/day is above the usual 40-60 mg/day" in warning
    assert "no adult maximum" in warning and "dosing weight" in warning
    assert "IVIG" in warning and "azathioprine" in warning and "150 kg" in warning
    assert render(heavy).index("**Check dose:**") < render(heavy).index("**1.")
    mild = plan(severity="mild", weight_kg=80, statin="never")
    assert "80 mg/day is above" in mild.warnings[0]


def test_a_dose_inside_the_named_range_carries_no_warning():
    assert plan(weight_kg=55).warnings == ()


def test_the_step_at_18_is_visible_not_silent():
    child = plan(weight_kg=150, age_years=17.99)
    adult = plan(weight_kg=150, age_years=18)
    assert item(child, "induction.prednisone.juvenile").dose.low == 60
    assert item(adult, "induction.prednisone.adult").dose.low == 150 and adult.warnings


@pytest.mark.parametrize("refractory", [False, True])
def test_a_child_never_gets_the_fixed_adult_rituximab_dose(refractory):
    child = plan(antibody="SRP", weight_kg=35, age_years=12, statin="never", refractory=refractory)
    rituximab = next(i for i in child.items if i.agent == "rituximab")
    assert rituximab.dose.withheld and rituximab.dose.low is None
    assert "no paediatric dose" in rituximab.dose.working
    assert "1000 mg" not in render(child)


# ---------------------------------------------------------------- escalation

def test_checkpoint_inhibitor_stop_leads_the_plan_and_myasthenic_features_escalate():
    myasthenic = plan(antibody="seronegative", statin="never", ici_exposure=True, red_flags=["myasthenic"])
    assert ids(myasthenic)[0] == "ici.stop_mandatory"
    assert "induction.methylprednisolone.severe" in ids(myasthenic)
    assert any("myasthenic" in note for note in myasthenic.assumptions)
    plain = plan(antibody="seronegative", statin="never", ici_exposure=True)
    assert ids(plain)[0] == "ici.stop"
    assert "discontinuation or at least interruption" in plain.items[0].statement


def test_known_ild_changes_the_plan_and_is_not_screened_for():
    known = plan(antibody="seronegative", statin="never", red_flags=["ild"])
    text = render(known)
    assert "extramuscular.ivig" in ids(known)
    screening = item(known, "screening.associated").statement
    assert "interstitial lung disease" not in screening and "malignancy" in screening
    assert "overlook associated interstitial" not in text
    both = plan(antibody="seronegative", statin="never", red_flags=["ild", "malignancy"])
    assert "pitfall.associated_conditions" not in ids(both)


def test_severe_adult_gets_iv_then_the_oral_dose_and_the_taper_has_a_steroid():
    severe = plan(severity="severe", weight_kg=80)
    course = [i for i in severe.items if i.section.value == "induction"]
    assert [i.entry_id for i in course] == [
        "induction.methylprednisolone.severe", "induction.prednisone.after_iv", "taper.general"]
    assert course[1].dose.low == 80 and "do not say when to change" in course[1].statement


def test_severe_juvenile_is_told_iv_steroid_is_indicated_without_a_dose():
    child = plan(severity="severe", weight_kg=30, age_years=10)
    iv = item(child, "induction.methylprednisolone.juvenile_not_given")
    assert "intravenously" in iv.statement and "no intravenous dose" in iv.statement
    assert iv.dose is None


# ---------------------------------------------------------------- regimen structure

def test_severe_plan_has_one_steroid_sparing_choice_with_the_others_as_or():
    severe = plan(antibody="SRP", severity="severe", statin="never")
    started = [i.agent for i in severe.items if i.section.value == "steroid_sparing" and not i.alternative]
    assert started == ["tacrolimus"]
    assert item(severe, "sparing.methotrexate").alternative
    assert "_Or_ - **Methotrexate" in render(severe)


def test_refractory_options_have_one_lead_and_notes_follow_their_agent():
    hmgcr = plan(refractory=True, statin="past")
    order = ids(hmgcr)
    assert order.index("refractory.ivig") < order.index("refractory.rituximab") < order.index(
        "rituximab.response_hmgcr") < order.index("severe.plasma_exchange")
    assert not item(hmgcr, "refractory.ivig").alternative
    assert all(item(hmgcr, e).alternative for e in ("refractory.rituximab", "refractory.calcineurin",
                                                     "refractory.cyclophosphamide", "severe.plasma_exchange"))
    srp = plan(antibody="SRP", refractory=True, statin="never")
    assert not item(srp, "refractory.rituximab").alternative and item(srp, "refractory.ivig").alternative
    assert ids(srp).index("refractory.rituximab") < ids(srp).index("rituximab.response_rate")


def test_an_agent_appears_once_even_on_two_pathways():
    both = plan(severity="severe", refractory=True)
    agents = [i.agent for i in both.items if i.agent]
    assert agents.count("tacrolimus") == 1 and agents.count("ivig") == 1
    assert "intravenous immunoglobulin (IVIG) intravenous" not in render(both)


def test_past_statin_is_tied_to_anti_hmgcr_only():
    for antibody in ("SRP", "seronegative"):
        text = render(plan(antibody=antibody, statin="past"))
        assert "anti-HMGCR picture" not in text and "no statin to stop" in text


def test_never_on_a_statin_with_antibody_pending_gets_the_steroid_and_no_statin_advice():
    pending = plan(antibody="unknown", statin="never")
    text = render(pending)
    assert "Stop the statin" not in text and "on a statin" not in text.split("\n")[1:]
    assert summarise(pending).steroid == ("prednisone oral 70 mg/day",)


def test_juvenile_taper_timing_is_shown():
    assert "taper after 2-4 weeks" in render(plan(age_years=12, weight_kg=30))


# ---------------------------------------------------------------- wording and citations

def test_wording_follows_the_sources():
    kb = default_knowledge()
    assert "no number of doses and no frequency" in kb.entry("induction.methylprednisolone.severe").frequency
    assert "discontinuation or at least interruption" in kb.entry("ici.stop").statement
    assert "consider a bisphosphonate" in kb.entry("prophylaxis.bone").statement
    assert kb.entry("hmgcr.multiple_agents").evidence.value == "summary-only"
    refractory_hmgcr = plan(refractory=True)
    text = render(refractory_hmgcr)
    assert "about a third" in text and text.index("about a third") < text.find("62%") or "62%" not in text


def test_citations_only_name_sources_that_say_the_thing():
    kb = default_knowledge()
    assert "S002" not in kb.entry("statin.stop.hmgcr").citations
    for entry_id in ("ici.stop", "ici.stop_mandatory", "hmgcr.ivig"):
        assert "S003" not in kb.entry(entry_id).citations
    assert "S004" not in kb.entry("severe.admission").citations


# ---------------------------------------------------------------- the checks themselves

DISCRETE = itertools.product(
    ["HMGCR", "SRP", "seronegative", "unknown"], [None, "mild", "moderate", "severe"],
    [None, 10, 17.99, 18, 70], ["current", "past", "never", "unknown"], [False, True], [False, True],
    [(), ("dysphagia",), ("myasthenic",), ("ild",), ("malignancy",), ("cardiac", "ild"), ("myocarditis",),
     ("ild", "malignancy", "respiratory")],
)


def test_every_combination_of_discrete_facts_gives_a_coherent_plan():
    kb = default_knowledge()
    count = 0
    for antibody, severity, age, statin, refractory, ici, flags in DISCRETE:
        for weight in (None, 15 if age is None or age < 18 else 25, 150):
            recommendation = recommend(build_facts(
                antibody=antibody, severity=severity, age_years=age, statin=statin, refractory=refractory,
                ici_exposure=ici, red_flags=frozenset(flags), weight_kg=weight))
            assert check_coherence(recommendation, kb) == []
            count += 1
    assert count == 4 * 4 * 5 * 4 * 2 * 2 * 8 * 3


def _edit(recommendation, entry_id=None, drop=(), move_last=None, **changes):
    """The same plan with one item changed, dropped or moved: a fault the checks must catch."""
    items = []
    for planned in recommendation.items:
        if planned.entry_id in drop:
            continue
        items.append(planned.model_copy(update=changes) if planned.entry_id == entry_id else planned)
    if move_last:
        items.sort(key=lambda i: i.entry_id == move_last)
    return recommendation.model_copy(update={"items": tuple(items)})


def _faults():
    moderate = plan()
    severe_child = plan(antibody="SRP", severity="severe", weight_kg=35, age_years=12, statin="never")
    adult_srp = plan(antibody="SRP", statin="never")
    rituximab = item(adult_srp, "srp.rituximab")
    never = plan(statin="never")
    heavy = plan(weight_kg=150)
    prednisone = item(heavy, "induction.prednisone.adult")
    known_ild = plan(red_flags=["ild"])
    full_list = "Screen for malignancy, interstitial lung disease, cardiac involvement and connective tissue disease."
    return {
        "stacked steroid-sparing": _edit(moderate, "sparing.azathioprine", alternative=False),
        "urgent action": _edit(moderate, move_last="statin.stop.hmgcr"),
        "appears 2 times": moderate.model_copy(update={"items": (*moderate.items, item(moderate, "hmgcr.ivig"))}),
        "acts on a current statin": never.model_copy(update={"items": (
            item(moderate, "statin.stop.hmgcr"), *never.items)}),
        "already known": _edit(known_ild, "screening.associated", statement=full_list),
        "above its guard with no warning": _edit(heavy, "induction.prednisone.adult",
                                                 dose=prednisone.dose.model_copy(update={"warning": None})),
        "fixed adult dose": _edit(severe_child, "srp.rituximab", dose=rituximab.dose),
        "never starts": _edit(moderate, drop={"induction.prednisone.adult"}),
        "leads, not one": _edit(plan(refractory=True), "refractory.rituximab", alternative=False),
    }


@pytest.mark.parametrize("expected", sorted(_faults()))
def test_coherence_checks_catch_the_faults_they_exist_for(expected):
    faulty = _faults()[expected]
    problems = check_coherence(faulty, default_knowledge())
    assert any(expected in problem for problem in problems), problems


def test_an_incoherent_plan_is_refused_not_shown():
    kb = default_knowledge()
    entries = tuple(e.model_copy(update={"alternative": False}) if e.id == "sparing.azathioprine" else e
                    for e in kb.entries)
    broken = kb.model_copy(update={"entries": entries})
    with pytest.raises(IncoherentPlan, match="stacked steroid-sparing"):
        recommend(build_facts(antibody="SRP", severity="moderate", weight_kg=70, statin="never"), broken)
