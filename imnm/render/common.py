"""Pieces every renderer shares, so the audiences differ only in what they choose to show."""

from __future__ import annotations

from imnm.engine.facts import PatientFacts, StatinExposure
from imnm.engine.knowledge import Evidence, KnowledgeBase, Section, derived
from imnm.engine.recommendation import Item, Recommendation

SECTION_HEADINGS = {
    Section.INDUCTION: "Induction corticosteroid",
    Section.STEROID_SPARING: "Steroid-sparing agent",
    Section.ANTIBODY_SPECIFIC: "Antibody-specific therapy",
    Section.STATIN: "Statin",
    Section.ESCALATION: "Escalation",
    Section.CHECKPOINT: "Checkpoint inhibitor",
    Section.PROPHYLAXIS: "Prophylaxis and bone protection",
    Section.SCREENING: "Screening",
    Section.MONITORING: "Monitoring",
    Section.PITFALLS: "Pitfalls",
    Section.PROGNOSIS: "Prognosis",
    Section.TEACHING: "Teaching points",
}

PATIENT_HEADINGS = {
    Section.INDUCTION: "Steroid medicine",
    Section.STEROID_SPARING: "A second medicine",
    Section.ANTIBODY_SPECIFIC: "Care for your antibody type",
    Section.STATIN: "Your statin",
    Section.ESCALATION: "Extra care",
    Section.CHECKPOINT: "Your cancer medicine",
    Section.PROPHYLAXIS: "Staying safe on steroids",
    Section.SCREENING: "Other checks",
    Section.MONITORING: "Tests and visits",
    Section.PITFALLS: "Good to know",
    Section.PROGNOSIS: "What to expect",
    Section.TEACHING: "Good to know",
}

#: Heading for the actions that come before everything else (stop the trigger, admit).
URGENT_HEADING = "Urgent"

EVIDENCE_WORDS = {
    Evidence.PRIMARY: "supported by a primary publication",
    Evidence.SUMMARY_ONLY: "summary-only: found in the secondary sources, no primary publication identified",
    Evidence.DISPUTED: "disputed: the primary literature disagrees with the secondary sources",
}

#: Plan sections shown as numbered treatment steps; the rest are grouped lists.
STEP_SECTIONS = (
    Section.INDUCTION, Section.STEROID_SPARING, Section.ANTIBODY_SPECIFIC, Section.STATIN,
    Section.ESCALATION, Section.CHECKPOINT, Section.PROPHYLAXIS, Section.SCREENING,
)
LIST_SECTIONS = (Section.MONITORING, Section.PITFALLS, Section.PROGNOSIS)

SAFETY_NOTICE = (
    "Decision support only: it supports, and does not replace, clinical judgement. "
    "Check every dose against the patient and local protocols."
)


class CitationNumbers:
    """Numbers references in order of first use across one reply."""

    def __init__(self) -> None:
        self._numbers: dict[str, str] = {}

    @property
    def order(self) -> list[str]:
        return list(self._numbers)

    def listing(self) -> str:
        """'[1] S000, [2] S001': the references cited so far, numbered as cited."""
        return ", ".join(f"[{n}] {ref}" for n, ref in enumerate(self._numbers, start=1))

    def cite(self, refs: tuple[str, ...]) -> str:
        numbers = self._numbers
        shown = []
        for ref in refs:
            number = numbers.get(ref)
            if number is None:
                number = numbers[ref] = str(len(numbers) + 1)
            shown.append(number)
        return f"[{','.join(shown)}]"


#: After a plan step the patient has had (or is on) already: the plan names it, it does not start it anew.
GIVEN_MARK = " (already given)"
PLAIN_GIVEN_MARK = " You have had this already."
TREATMENT_NAMES = {"ivig": "IVIG", "plasma_exchange": "plasma exchange"}


#: After a plan step whose agent is said not to be usable for this patient: kept in view, never started.
RULED_OUT_MARK = " (ruled out for this patient)"


def step_mark(item: Item) -> str:
    """What the patient's course says of a step: already given, ruled out, or nothing."""
    return (GIVEN_MARK if item.given else "") + (RULED_OUT_MARK if item.ruled_out else "")


def plain_step(item: Item) -> str:
    """A step in plain words for the patient. A drug ruled out is not described as one they will take ("you will
    likely also take ... methotrexate"): they are told it is not part of their plan."""
    if item.ruled_out:
        return f"Your care team has said {item.short_name} is not suitable for you, so it is not part of your plan."
    return item.plain + (PLAIN_GIVEN_MARK if item.given else "")


def treatments_ruled_out(facts: PatientFacts) -> str:
    """'ruled out: methotrexate' (empty when none is)."""
    names = sorted(TREATMENT_NAMES.get(t.value, t.value) for t in facts.treatments_ruled_out)
    return f"ruled out: {', '.join(names)}" if names else ""


def treatments_had(facts: PatientFacts) -> str:
    """'had IVIG, methotrexate' (empty when none is known): the course the plan was written for."""
    names = sorted(TREATMENT_NAMES.get(t.value, t.value) for t in facts.treatments_tried)
    return f"had {', '.join(names)}" if names else ""


def describe_facts(facts: PatientFacts) -> str:
    """One line naming every fact the plan used, so a reader can check the basis."""
    parts = [
        f"antibody {facts.antibody.value}",
        f"severity {facts.severity.value if facts.severity else 'not given'}",
        f"weight {facts.weight_kg:g} kg" if facts.weight_kg is not None else "weight not given",
    ]
    if facts.age_years is not None:
        parts.append(f"age {facts.age_years:g} y")
    elif facts.age_band is not None:
        parts.append(facts.age_band.value)
    statin = {StatinExposure.CURRENT: "on a statin", StatinExposure.PAST: "past statin",
              StatinExposure.NEVER: "never a statin", StatinExposure.UNKNOWN: "statin unknown"}
    parts.append(statin[facts.statin])
    if facts.refractory:
        parts.append("refractory")
    if facts.ici_exposure:
        parts.append("checkpoint inhibitor")
    if facts.red_flags:
        parts.append("red flags: " + ", ".join(sorted(f.value for f in facts.red_flags)))
    if facts.treatments_tried:
        parts.append(treatments_had(facts))
    if facts.treatments_ruled_out:
        parts.append(treatments_ruled_out(facts))
    return "; ".join(parts)


def dose_line(item: Item) -> str:
    """Drug, route, computed dose with working, frequency: the line a prescriber reads."""
    if item.dose is None:
        return ""
    dose = item.dose
    route = f" {item.route}" if item.route else ""
    if dose.low is None:
        return f"{item.drug}{route}: {dose.working}"
    line = f"{item.drug}{route} **{dose.amount_text}**"
    if dose.working and not dose.working.startswith("fixed dose"):
        line += f" ({dose.working})"
    if item.frequency:
        line += f", {item.frequency}"
    if item.duration and item.duration not in item.statement:
        line += f"; {item.duration}"
    return line


def teaching_points(recommendation: Recommendation, knowledge: KnowledgeBase, limit: int = 2) -> list:
    """Teaching entries whose topics match this patient's antibody and course."""
    facts = recommendation.facts
    wanted = {facts.antibody.value.lower(), "subtypes"}
    if facts.statin in (StatinExposure.CURRENT, StatinExposure.PAST):
        wanted.add("statin")
    key = ("teaching", frozenset(wanted), limit)
    return list(derived(knowledge, key, lambda: _rank_teaching(knowledge, key[1], limit)))


def _rank_teaching(knowledge: KnowledgeBase, wanted: frozenset[str], limit: int) -> tuple:
    teaching = [e for e in knowledge.entries if e.section is Section.TEACHING]
    ranked = sorted(teaching, key=lambda e: -len(wanted & set(e.topics)))
    return tuple(e for e in ranked if wanted & set(e.topics))[:limit]
