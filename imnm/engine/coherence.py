"""Invariants every plan must hold as a whole, checked on every recommendation.

Each knowledge entry is true on its own; these checks catch plans that are not one regimen a
clinician could follow. `rules.recommend` raises `IncoherentPlan` on any violation, so an incoherent
plan is never shown (the dialogue layer says so and points to clinical judgement) and the test
suite fails loudly. Each check returns plain sentences naming the entries involved.
"""

from __future__ import annotations

from collections import Counter

from imnm.engine.facts import PatientFacts, StatinExposure
from imnm.engine.knowledge import Entry, KnowledgeBase, Section, derived
from imnm.engine.recommendation import Item, Recommendation

#: Agents the sources give as one steroid-sparing choice (moderate: methotrexate or an alternative;
#: severe: tacrolimus in the combination): at most one of them may be started, the rest read "or".
STEROID_SPARING_CHOICE = frozenset({"methotrexate", "azathioprine", "mycophenolate", "tacrolimus"})


class IncoherentPlan(RuntimeError):
    """A plan that breaks an invariant; `violations` name the entries involved."""

    def __init__(self, violations: list[str]) -> None:
        super().__init__("; ".join(violations))
        self.violations = violations


def check_coherence(recommendation: Recommendation, kb: KnowledgeBase) -> list[str]:
    """Every violated invariant, as sentences; an empty list for a coherent plan."""
    items = recommendation.items
    facts = recommendation.facts
    entries = derived(kb, "entries_by_id", lambda: {entry.id: entry for entry in kb.entries})
    problems: list[str] = []
    problems += _urgent_first(items)
    problems += _agents_once(items)
    problems += _one_steroid_sparing_choice(items)
    problems += _one_lead_per_option_group(items, kb)
    problems += _no_given_option_leads(items, kb)
    problems += _no_advice_against_the_facts(items, facts)
    problems += _no_screening_for_known_findings(items, facts, entries)
    problems += _doses_within_guard_or_warned(items, entries)
    problems += _no_adult_fixed_dose_for_a_child(items, facts, entries)
    if not any(fact.name == "severity" for fact in recommendation.missing):
        problems += _taper_has_a_steroid(items)
    return problems


def _urgent_first(items: tuple[Item, ...]) -> list[str]:
    seen_other = None
    for item in items:
        if not item.urgent:
            seen_other = seen_other or item.entry_id
        elif seen_other:
            return [f"urgent action {item.entry_id} comes after {seen_other}"]
    return []


def _agents_once(items: tuple[Item, ...]) -> list[str]:
    counts = Counter(item.agent for item in items if item.agent)
    return [f"agent {agent} appears {n} times" for agent, n in counts.items() if n > 1]


def _one_steroid_sparing_choice(items: tuple[Item, ...]) -> list[str]:
    started = [i.entry_id for i in items if i.agent in STEROID_SPARING_CHOICE and not i.alternative
               and i.section is Section.STEROID_SPARING]
    return [f"stacked steroid-sparing alternatives started together: {started}"] if len(started) > 1 else []


def _one_lead_per_option_group(items: tuple[Item, ...], kb: KnowledgeBase) -> list[str]:
    groups = derived(kb, "option_groups", lambda: {e.id: e.options for e in kb.entries if e.options})
    leads = Counter(groups[i.entry_id] for i in items if i.entry_id in groups and not i.alternative)
    present = {groups[i.entry_id] for i in items if i.entry_id in groups}
    return [f"option group {g} has {leads[g]} leads, not one" for g in present if leads[g] != 1]


def _no_given_option_leads(items: tuple[Item, ...], kb: KnowledgeBase) -> list[str]:
    """A choice is not led by an option the patient has had while another option is new to them."""
    groups = derived(kb, "option_groups", lambda: {e.id: e.options for e in kb.entries if e.options})
    problems = []
    for group in {groups[i.entry_id] for i in items if i.entry_id in groups}:
        members = [i for i in items if groups.get(i.entry_id) == group]
        lead = next((i for i in members if not i.alternative), None)
        if lead is not None and lead.given and any(not i.given and not i.ruled_out for i in members):
            problems.append(f"option group {group} is led by {lead.entry_id}, which was already given")
        if lead is not None and lead.ruled_out and any(not i.ruled_out for i in members):
            problems.append(f"option group {group} is led by {lead.entry_id}, which is ruled out for this patient")
    return problems


def _no_advice_against_the_facts(items: tuple[Item, ...], facts: PatientFacts) -> list[str]:
    problems = []
    for item in items:
        if item.section is Section.STATIN and "current statin" in (item.drug or "") \
                and facts.statin is not StatinExposure.CURRENT:
            problems.append(f"{item.entry_id} acts on a current statin, but statin is {facts.statin.value}")
        if item.section is Section.CHECKPOINT and not facts.ici_exposure:
            problems.append(f"{item.entry_id} is about a checkpoint inhibitor the patient did not receive")
        if item.ruled_out and not item.alternative and any(
                other.alternative and not other.ruled_out and other.agent and other.section is item.section
                for other in items):
            problems.append(f"{item.entry_id} is started though ruled out for this patient, with an open alternative")
    return problems


def _no_screening_for_known_findings(items: tuple[Item, ...], facts: PatientFacts,
                                     entries: dict[str, Entry]) -> list[str]:
    problems = []
    for item in items:
        for target in entries[item.entry_id].screen_for:
            if facts.red_flags.intersection(target.known) and target.text in item.statement:
                problems.append(f"{item.entry_id} tells the reader to look for {target.text}, already known")
    return problems


def _doses_within_guard_or_warned(items: tuple[Item, ...], entries: dict[str, Entry]) -> list[str]:
    problems = []
    for item in items:
        dose = item.dose
        rule = entries[item.entry_id].dose
        if dose is None or dose.low is None or rule is None or rule.guard is None:
            continue
        top = dose.high if dose.high is not None else dose.low
        if top > rule.guard.high and not dose.warning:
            problems.append(f"{item.entry_id}: {dose.amount_text} is above its guard with no warning")
    return problems


def _no_adult_fixed_dose_for_a_child(items: tuple[Item, ...], facts: PatientFacts,
                                     entries: dict[str, Entry]) -> list[str]:
    if not facts.is_juvenile:
        return []
    problems = []
    for item in items:
        rule = entries[item.entry_id].dose
        if rule is not None and rule.adult_only and item.dose is not None and item.dose.low is not None:
            problems.append(f"{item.entry_id} gives a fixed adult dose ({item.dose.amount_text}) "
                            "to a patient under 18")
    return problems


def _taper_has_a_steroid(items: tuple[Item, ...]) -> list[str]:
    ids = {item.entry_id for item in items}
    if "taper.general" in ids and not any(item.agent == "prednisone" for item in items):
        return ["the plan tapers a prednisone course it never starts"]
    return []
