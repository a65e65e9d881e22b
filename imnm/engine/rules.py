"""Facts in, ordered and traced plan out. Pure: no clock, no I/O, no randomness."""

from __future__ import annotations

from typing import NamedTuple

from imnm.engine import trace
from imnm.engine.coherence import IncoherentPlan, check_coherence
from imnm.engine.dosing import ComputedDose, compute_dose
from imnm.engine.facts import AgeBand, Antibody, PatientFacts, RedFlag, Severity, StatinExposure
from imnm.engine.knowledge import (
    SECTION_ORDER,
    Condition,
    Entry,
    KnowledgeBase,
    Section,
    assemble,
    default_knowledge,
    derived,
)
from imnm.engine.recommendation import Item, MissingFact, Recommendation
from imnm.engine.regimen import Planned, arrange

#: Organ involvement that puts a patient on the severe pathway (S004).
SEVERE_RED_FLAGS = frozenset(
    {RedFlag.DYSPHAGIA, RedFlag.RESPIRATORY, RedFlag.CARDIAC, RedFlag.MYOCARDITIS}
)

#: What each missing fact would change in the plan, and the entries that say so (cited with it). One map
#: for every place that tells a reader what is still missing (the chat's provisional banner, the EHR card).
MISSING_CHANGES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "antibody": ("the antibody result", "the add-on: IVIG for anti-HMGCR, early rituximab for anti-SRP",
                 ("hmgcr.ivig", "srp.rituximab")),
    "severity": ("the severity", "the pathway: severe disease gets admission, IV methylprednisolone and more add-ons",
                 ("induction.methylprednisolone.severe", "severe.admission")),
    "weight_kg": ("the weight", "every weight-based dose (shown per kg until then)", ()),
    "statin_exposure": ("the statin history", "whether a statin is stopped now, at once in anti-HMGCR disease",
                        ("statin.stop.hmgcr",)),
    "age_years": ("the age", "the steroid dose: under 18 it is 2 mg/kg/day up to 60 mg/day",
                  ("induction.prednisone.juvenile",)),
}


def what_missing_changes(name: str, kb: KnowledgeBase | None = None) -> str:
    """'the add-on: IVIG for anti-HMGCR, ... [S000, S001]': what a missing fact changes, with its sources."""
    kb = kb or default_knowledge()
    _, changes, entry_ids = MISSING_CHANGES[name]
    # The source texts only, at most three: a banner line, not a reference list.
    cited = list(dict.fromkeys(ref for entry_id in entry_ids for ref in kb.entry(entry_id).citations
                               if ref.startswith("S")))[:3]
    return f"{changes} [{', '.join(cited)}]" if cited else changes


QUESTIONS = {
    "antibody": "What is the antibody status: anti-HMGCR positive, anti-SRP positive, or seronegative?",
    "severity": (
        "How severe is the weakness: mild, moderate, or severe (for example rapidly progressive, "
        "dysphagia, respiratory compromise)?"
    ),
    "weight_kg": "What does the patient weigh (kg, lb or stone)?",
    "statin_exposure": "Has the patient taken a statin: currently, in the past, or never?",
    "age_years": "How old is the patient? Under 18 the steroid dose is different.",
}


class _Context:
    """Derived facts that rules read; computed once per recommendation."""

    def __init__(self, facts: PatientFacts) -> None:
        self.facts = facts
        self.assumptions: list[str] = []
        severe_flags = sorted(flag.value for flag in facts.red_flags & SEVERE_RED_FLAGS)
        self.severity = facts.severity
        if severe_flags and facts.severity is not Severity.SEVERE:
            self.severity = Severity.SEVERE
            stated = f"stated as {facts.severity.value}; " if facts.severity else ""
            self.assumptions.append(
                f"Treated as severe: {stated}organ involvement ({', '.join(severe_flags)}) means the severe "
                "pathway [S004]."
            )
        elif (facts.ici_exposure and RedFlag.MYASTHENIC in facts.red_flags
              and facts.severity is not Severity.SEVERE):
            self.severity = Severity.SEVERE
            stated = f"stated as {facts.severity.value}; " if facts.severity else ""
            self.assumptions.append(
                f"Treated as severe: {stated}myasthenic features with a checkpoint inhibitor (myasthenia "
                "overlap carries high mortality [S003]; see the life-threatening approach [S001])."
            )
        juvenile = facts.is_juvenile
        if juvenile is None:
            self.age_band = AgeBand.ADULT
            self.assumptions.append(
                "Adult doses: no age given (under 18, prednisone is 2 mg/kg/day up to 60 mg/day [S000])."
            )
        else:
            self.age_band = AgeBand.JUVENILE if juvenile else AgeBand.ADULT
        self.steroid_mg_per_day: float | None = None
        self.age_matters_below_kg: float = 0.0

    def describe(self, condition: Condition) -> list[str]:
        """The facts a condition looked at, as `name=value` words for the trace."""
        facts = self.facts
        words: list[str] = []
        if condition.antibody is not None:
            words.append(f"antibody={facts.antibody.value}")
        if condition.severity is not None and self.severity is not None:
            words.append(f"severity={self.severity.value}")
        if condition.age_band is not None:
            words.append(f"age band={self.age_band.value}")
        if condition.statin is not None:
            words.append(f"statin={facts.statin.value}")
        if condition.refractory is not None:
            words.append(f"refractory={str(facts.refractory).lower()}")
        if condition.ici is not None:
            words.append(f"checkpoint inhibitor={str(facts.ici_exposure).lower()}")
        if condition.red_flags is not None:
            present = sorted(f.value for f in facts.red_flags if f in condition.red_flags)
            words.append(f"red flags={','.join(present) or 'none'}")
        if condition.min_steroid_mg_per_day is not None and self.steroid_mg_per_day is not None:
            words.append(
                f"planned glucocorticoid {self.steroid_mg_per_day:g} mg >= "
                f"{condition.min_steroid_mg_per_day:g} mg"
            )
        for branch in condition.any_of or ():
            if self.matches(branch):
                words.extend(self.describe(branch))
                break
        if condition.none_of:
            words.append("and not " + " or ".join(
                ", ".join(self.describe(branch)) for branch in condition.none_of))
        return words

    def matches(self, condition: Condition, steroid_known: bool = True) -> bool:
        """All listed fields must match; evaluated lazily, cheapest and most selective first.

        With `steroid_known` false the steroid-dose condition is left for later (see `_Plan`)."""
        facts = self.facts
        if condition.antibody is not None and facts.antibody not in condition.antibody:
            return False
        if condition.severity is not None and (self.severity is None or self.severity not in condition.severity):
            return False
        if condition.age_band is not None and self.age_band not in condition.age_band:
            return False
        if condition.statin is not None and facts.statin not in condition.statin:
            return False
        if condition.refractory is not None and facts.refractory is not condition.refractory:
            return False
        if condition.ici is not None and facts.ici_exposure is not condition.ici:
            return False
        if condition.red_flags is not None and not facts.red_flags.intersection(condition.red_flags):
            return False
        if steroid_known and condition.min_steroid_mg_per_day is not None and (
            self.steroid_mg_per_day is None or self.steroid_mg_per_day < condition.min_steroid_mg_per_day
        ):
            return False
        if condition.none_of is not None and any(self.matches(b, steroid_known) for b in condition.none_of):
            return False
        return condition.any_of is None or any(self.matches(branch, steroid_known) for branch in condition.any_of)


def _age_matters_below_kg(kb: KnowledgeBase) -> float:
    """The weight at which the adult prednisone dose reaches the juvenile ceiling (1 mg/kg and 60 mg/day
    in the sources: 60 kg), read from the two dose rules so that it follows the knowledge base."""
    adult, juvenile = kb.entry("induction.prednisone.adult").dose, kb.entry("induction.prednisone.juvenile").dose
    if adult is None or juvenile is None or juvenile.cap is None or not adult.low:
        return 0.0
    return juvenile.cap / adult.low


def _missing(facts: PatientFacts, context: _Context) -> list[MissingFact]:
    missing = []
    if facts.antibody is Antibody.UNKNOWN:
        missing.append(MissingFact(name="antibody", question=QUESTIONS["antibody"], blocking=True))
    if context.severity is None:
        missing.append(MissingFact(name="severity", question=QUESTIONS["severity"], blocking=True))
    if facts.weight_kg is None:
        missing.append(MissingFact(name="weight_kg", question=QUESTIONS["weight_kg"], blocking=True))
    if facts.statin is StatinExposure.UNKNOWN:
        missing.append(
            MissingFact(name="statin_exposure", question=QUESTIONS["statin_exposure"], blocking=True)
        )
    if facts.is_juvenile is None:
        # Below the weight at which the adult steroid dose reaches the juvenile ceiling, a child's dose would
        # be higher than the adult one worked out (up to double): the dialogue asks before it plans.
        changes_dose = facts.weight_kg is not None and facts.weight_kg < context.age_matters_below_kg
        missing.append(MissingFact(name="age_years", question=QUESTIONS["age_years"], blocking=False,
                                   ask_first=changes_dose))
    return missing


_SELECTION_LIMIT = 4096


class _Plan:
    """What one knowledge base needs per call, worked out once: the plan entries in reply order,
    each entry's output fields, and (filled as patients arrive) which entries apply to each
    combination of discrete facts."""

    def __init__(self, kb: KnowledgeBase) -> None:
        position = {entry.id: index for index, entry in enumerate(kb.entries)}
        plan = [e for e in kb.entries if e.in_plan and e.when is not None]
        self.entries = tuple(sorted(plan, key=lambda e: (SECTION_ORDER[e.section], position[e.id])))
        self.fields = {entry.id: _item_fields(entry) for entry in self.entries}
        self.selections: dict[tuple, tuple[_Selected, ...]] = {}

    def select(self, context: _Context) -> tuple[_Selected, ...]:
        """The regimen's entries for these discrete facts, in reply order, with their trace words.

        A condition on the computed steroid dose depends on the weight, so such an entry is kept
        with `dynamic` set and checked again for each patient."""
        facts = context.facts
        key = (facts.antibody, context.severity, context.age_band, facts.statin, facts.refractory,
               facts.ici_exposure, facts.red_flags, facts.treatments_tried, facts.treatments_ruled_out)
        selected = self.selections.get(key)
        if selected is None:
            chosen = [
                (entry, dynamic)
                for entry in self.entries
                for dynamic in (entry.when.min_steroid_mg_per_day is not None,)
                if context.matches(entry.when, steroid_known=not dynamic)
            ]
            selected = tuple(
                _Selected(planned, None if planned.dynamic else tuple(context.describe(planned.entry.when)))
                for planned in arrange(chosen, context)
            )
            if len(self.selections) >= _SELECTION_LIMIT:
                self.selections.clear()
            self.selections[key] = selected
        return selected


class _Selected(NamedTuple):
    planned: Planned
    words: tuple[str, ...] | None


def _item_fields(entry: Entry) -> dict[str, object]:
    return {
        "entry_id": entry.id, "section": entry.section, "title": entry.title, "statement": entry.statement,
        "rationale": entry.rationale, "plain": entry.plain, "drug": entry.drug, "route": entry.route,
        "dose": None, "frequency": entry.frequency, "duration": entry.duration,
        "alternative": entry.alternative, "given": False, "ruled_out": False, "citations": entry.citations,
        "evidence": entry.evidence,
        "caveat": entry.caveat, "trace": "", "agent": entry.agent, "urgent": entry.urgent is not None,
        "brief": entry.brief,
    }


def _item(fields: dict[str, object], planned: Planned, words: tuple[str, ...] | list[str],
          dose: ComputedDose | None) -> Item:
    entry = planned.entry
    trace = f"{entry.id}: {', '.join(words) if words else 'applies to every patient'}"
    if dose is not None and dose.low is not None and entry.dose and entry.dose.basis == "per_kg":
        trace += f"; dose {dose.working}"
    if dose is not None and dose.withheld:
        trace += "; fixed adult dose withheld under 18"
    if planned.given:
        trace += "; already given"
    if planned.ruled_out:
        trace += "; ruled out for this patient"
    return assemble(Item, {**fields, "dose": dose, "trace": trace, "alternative": planned.alternative,
                           "statement": planned.statement, "section": planned.section, "given": planned.given,
                           "ruled_out": planned.ruled_out})


def _warnings(items: list[Item], weight_kg: float | None) -> tuple[str, ...]:
    """One line per dose above the range the sources name; the first also names the other doses
    worked out on the same actual body weight, for which the sources give no dosing-weight rule.
    A capped dose (juvenile prednisone) is within its rule, but the other weight-based doses are not
    capped, so they are named the same way."""
    warned = [item for item in items if item.dose is not None and item.dose.warning]
    capped = [item for item in items if item.dose is not None and item.dose.capped]
    if not warned and not capped:
        return ()
    others = sorted({item.short_name for item in items if item.dose is not None and not item.dose.warning
                     and not item.dose.capped and "/kg x" in item.dose.working})
    warnings = [f"{item.short_name}: {item.dose.warning}" for item in warned]
    if others and weight_kg is not None:
        verb = "uses" if len(others) == 1 else "use"
        on_weight = (f"{', '.join(others)} here {verb} the actual body weight ({weight_kg:g} kg), with no maximum "
                     "or dosing-weight rule in the sources.")
        if warnings:
            warnings[0] += " " + on_weight
        else:
            warnings.append(f"{capped[0].short_name} is capped at {capped[0].dose.amount_text}; {on_weight}")
    return tuple(warnings)


#: Plans kept per knowledge base: a turn asks for the same facts' plan several times (the current plan,
#: the plan after this message, a follow-up's), and the engine is deterministic, so it is computed once.
PLANS_KEPT = 2048


def recommend(facts: PatientFacts, knowledge: KnowledgeBase | None = None) -> Recommendation:
    """Build the plan for `facts`. Items needing an unknown fact are left out, never guessed."""
    kb = knowledge or default_knowledge()
    kept: dict[PatientFacts, Recommendation] = derived(kb, "plans", dict)
    found = kept.get(facts)
    if found is None:
        if len(kept) >= PLANS_KEPT:
            kept.clear()
        found = kept[facts] = _recommend(facts, kb)
    return found


def _recommend(facts: PatientFacts, kb: KnowledgeBase) -> Recommendation:
    trace.count("plan")
    plan = derived(kb, "plan", lambda: _Plan(kb))
    context = _Context(facts)
    context.age_matters_below_kg = derived(kb, "age_matters_below_kg", lambda: _age_matters_below_kg(kb))
    selected = plan.select(context)
    doses: dict[str, ComputedDose | None] = {}
    juvenile = context.age_band is AgeBand.JUVENILE
    # Induction first: its computed dose is a fact for later rules (Pneumocystis threshold).
    for planned, _ in selected:
        entry = planned.entry
        if entry.section is Section.INDUCTION:
            dose = doses[entry.id] = (
                compute_dose(entry.dose, facts.weight_kg, juvenile) if entry.dose else None)
            if dose is not None and dose.low is not None and entry.dose.per in ("day", "dose"):
                context.steroid_mg_per_day = max(context.steroid_mg_per_day or 0, dose.low)
    items = []
    for planned, words in selected:
        entry = planned.entry
        if planned.dynamic:
            if not context.matches(entry.when):
                continue
            words = context.describe(entry.when)
        dose = doses[entry.id] if entry.id in doses else (
            compute_dose(entry.dose, facts.weight_kg, juvenile) if entry.dose else None)
        items.append(_item(plan.fields[entry.id], planned, words, dose))
    recommendation = assemble(Recommendation, {
        "facts": facts,
        "items": tuple(items),
        "missing": tuple(_missing(facts, context)),
        "assumptions": tuple(context.assumptions),
        "knowledge_version": kb.version,
        "warnings": _warnings(items, facts.weight_kg),
    })
    violations = check_coherence(recommendation, kb)
    if violations:
        raise IncoherentPlan(violations)
    return recommendation
