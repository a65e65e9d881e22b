"""Selected entries -> one regimen: the layer that makes a plan out of true statements.

Entries are chosen one by one by their `when` conditions; this module looks at them together so
that the plan reads as one course of treatment: urgent actions first, each agent once, one lead per
choice with the alternatives as "or", notes next to the step they qualify, and screening only for
what is not already known. It works on entries and discrete facts only, so its result is cached per
combination of facts (see `rules._Plan`); doses are added per patient afterwards.
"""

from __future__ import annotations

from typing import NamedTuple, Protocol

from imnm.engine.facts import PatientFacts
from imnm.engine.knowledge import Condition, Entry, Section


class Matcher(Protocol):
    facts: PatientFacts

    def matches(self, condition: Condition, steroid_known: bool = True) -> bool: ...


class Planned(NamedTuple):
    """One entry as it appears in this patient's regimen."""

    entry: Entry
    alternative: bool
    statement: str
    dynamic: bool
    #: The entry's section, or for a note the section of the step it follows.
    section: Section
    #: The patient has had (or is on) this agent already.
    given: bool = False
    #: The agent is said not to be usable for this patient.
    ruled_out: bool = False


def _statement(entry: Entry, facts: PatientFacts) -> str | None:
    """The entry's statement; for a screening entry, only the targets not already known (None: none left)."""
    return entry.statement_for(facts.red_flags)


def arrange(selected: list[tuple[Entry, bool]], context: Matcher) -> tuple[Planned, ...]:
    """Order and shape the selected entries (given in section order) into the regimen."""
    facts = context.facts
    tried = {treatment.value for treatment in facts.treatments_tried}
    excluded = {treatment.value for treatment in facts.treatments_ruled_out}
    kept: list[Planned] = []
    agents: set[str] = set()
    for entry, dynamic in selected:
        if entry.agent is not None and entry.follows is None:
            if entry.agent in agents:
                continue  # the same agent once: the first (higher section) entry carries it
            agents.add(entry.agent)
        statement = _statement(entry, facts)
        if statement is None:
            continue
        alternative = entry.alternative or (
            entry.alternative_when is not None and context.matches(entry.alternative_when))
        kept.append(Planned(entry, alternative, statement, dynamic, entry.section,
                            given=entry.agent in tried and entry.follows is None,
                            ruled_out=entry.agent in excluded and entry.follows is None))
    kept = _lead_each_option_group(kept, context)
    kept = _open_lead_before_its_alternatives(kept)
    kept = _place_notes(kept, agents)
    # Urgent actions first, in their stated order; everything else keeps its place.
    urgent = sorted((p for p in kept if p.entry.urgent is not None), key=lambda p: p.entry.urgent)
    return (*urgent, *(p for p in kept if p.entry.urgent is None))


def _lead_each_option_group(kept: list[Planned], context: Matcher) -> list[Planned]:
    """Options the sources list side by side: one lead (its `lead_when` holds, else the first), placed first,
    the rest marked as alternatives. An option already given is not the lead while another is not: "add IVIG"
    to a patient whose three IVIG cycles did not work is advice against a stated fact. An option ruled out for the
    patient ("MTX is out: cirrhosis") is not the lead while another is open, whether or not that one was given."""
    groups: dict[str, list[int]] = {}
    for index, planned in enumerate(kept):
        if planned.entry.options:
            groups.setdefault(planned.entry.options, []).append(index)
    if not groups:
        return kept
    result = list(kept)
    for indexes in groups.values():
        members = [kept[i] for i in indexes]
        open_ = [p for p in members if not p.ruled_out] or members
        candidates = [p for p in open_ if not p.given] or open_
        lead = next((p for p in candidates if p.entry.lead_when is not None
                     and context.matches(p.entry.lead_when)), candidates[0])
        ordered = [lead._replace(alternative=False)]
        ordered += [p._replace(alternative=True) for p in members if p is not lead]
        for slot, planned in zip(indexes, ordered, strict=True):
            result[slot] = planned
    return result


def _open_lead_before_its_alternatives(kept: list[Planned]) -> list[Planned]:
    """A step ruled out for the patient ("MTX is out: cirrhosis") gives the lead of its section to the first of the
    alternatives the sources name beside it that is open: that one is started, the ruled-out one is kept in view as an
    alternative. With every alternative ruled out too, the plan stays as it was, each step marked."""
    result = list(kept)
    for index, planned in enumerate(kept):
        if not planned.ruled_out or planned.alternative or planned.entry.follows is not None:
            continue
        successor = next((i for i, other in enumerate(result) if other.entry.alternative and not other.ruled_out
                          and other.alternative and other.section is planned.section
                          and other.entry.follows is None), None)
        if successor is None:
            continue
        result[index] = planned._replace(alternative=True)
        result[successor] = result[successor]._replace(alternative=False)
        result.insert(index, result.pop(successor))  # the step started comes first
    return result


def _place_notes(kept: list[Planned], agents: set[str]) -> list[Planned]:
    """A note that `follows` an agent goes right after that agent's step, or is dropped without it."""
    notes = [p for p in kept if p.entry.follows is not None]
    if not notes:
        return kept
    result = [p for p in kept if p.entry.follows is None]
    for note in notes:
        if note.entry.follows not in agents:
            continue
        at = next(i for i, p in enumerate(result)
                  if p.entry.agent == note.entry.follows and p.entry.follows is None)
        result.insert(at + 1, note._replace(alternative=result[at].alternative, section=result[at].section))
    return result
