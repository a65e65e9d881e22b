"""The regimen at a glance: what to start, in one line per agent, with this patient's dose.

Read by the clinical case table (`tests/clinical_cases.yml`, `docs/clinical-cases.md`) so that a
reviewer signs off the regimen itself, not the prose around it; the one-screen reply and the EHR
summary card can be built from the same lines.
"""

from __future__ import annotations

from typing import NamedTuple

from imnm.engine.knowledge import Section
from imnm.engine.recommendation import Item, Recommendation

#: Sections whose agents are part of the regimen (the rest are supportive or informative).
REGIMEN_SECTIONS = frozenset({
    Section.INDUCTION, Section.STEROID_SPARING, Section.ANTIBODY_SPECIFIC, Section.ESCALATION,
})


class RegimenSummary(NamedTuple):
    urgent: tuple[str, ...]
    steroid: tuple[str, ...]
    start: tuple[str, ...]
    #: "Or" to the steroid-sparing choice.
    alternatives: tuple[str, ...]
    #: "Or" to an add-on or refractory option (added to first-line therapy, never replacing it).
    options: tuple[str, ...]
    warnings: tuple[str, ...]

    def as_dict(self) -> dict[str, list[str]]:
        return {name: list(value) for name, value in self._asdict().items()}


def agent_line(item: Item) -> str:
    """'prednisone oral 70 mg/day', 'rituximab intravenous: no paediatric dose in the sources'."""
    name = item.short_name
    if item.route:
        name = f"{name} {item.route}"
    dose = item.dose
    if dose is None:
        return name
    if dose.withheld:
        return f"{name}: no paediatric dose in the sources"
    if dose.low is None:
        return f"{name} ({dose.rule})" if "weight needed" not in dose.working else f"{name} {dose.rule} (weight needed)"
    return f"{name} {dose.amount_text}"


def _line(item: Item) -> str:
    """The agent's line, with a step ruled out for the patient said to be so (a reviewer reads the table alone)."""
    return agent_line(item) + (" (ruled out)" if item.ruled_out else "")


def summarise(recommendation: Recommendation) -> RegimenSummary:
    urgent, steroid, start, alternatives, options = [], [], [], [], []
    for item in recommendation.items:
        if item.urgent:
            urgent.append(item.title)
        elif item.agent is None or item.section not in REGIMEN_SECTIONS:
            continue
        elif item.alternative:
            (alternatives if item.section is Section.STEROID_SPARING else options).append(_line(item))
        elif item.section is Section.INDUCTION:
            steroid.append(_line(item))
        else:
            start.append(_line(item))
    return RegimenSummary(tuple(urgent), tuple(steroid), tuple(start), tuple(alternatives), tuple(options),
                          recommendation.warnings)
