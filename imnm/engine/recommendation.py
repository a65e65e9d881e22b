"""The engine's typed output: what a renderer, the audit trail and the tests all read."""

from __future__ import annotations

from imnm.engine.dosing import ComputedDose
from imnm.engine.facts import PatientFacts
from imnm.engine.knowledge import Evidence, Frozen, Section


class Item(Frozen):
    """One plan step, tied to the knowledge entry that justifies it."""

    entry_id: str
    section: Section
    title: str
    statement: str
    rationale: str
    plain: str
    drug: str | None = None
    route: str | None = None
    dose: ComputedDose | None = None
    frequency: str | None = None
    duration: str | None = None
    alternative: bool = False
    #: The patient has had (or is on) this step's agent already: shown as such, never the lead of a choice.
    given: bool = False
    #: The step's agent is said not to be usable for this patient: shown as such, never the lead of a choice.
    ruled_out: bool = False
    citations: tuple[str, ...]
    evidence: Evidence
    caveat: str | None = None
    trace: str
    agent: str | None = None
    urgent: bool = False
    brief: str | None = None

    @property
    def short_name(self) -> str:
        """'IVIG (intravenous immunoglobulin)' -> 'IVIG': the drug (or the step) without its gloss."""
        return (self.drug or self.title).split(" (")[0]

    def brief_or(self, fallback: str) -> str:
        """The entry's few words for the one-screen reply, else `fallback`."""
        return self.brief or fallback


class MissingFact(Frozen):
    """A fact that would change the advice; `question` is what the bot asks."""

    name: str
    question: str
    blocking: bool
    #: Not needed for a plan, but it would change a dose here: asked before the plan is given.
    ask_first: bool = False


class Recommendation(Frozen):
    facts: PatientFacts
    items: tuple[Item, ...]
    missing: tuple[MissingFact, ...]
    assumptions: tuple[str, ...]
    knowledge_version: str
    #: Warnings that change what is prescribed (a dose above the range the sources name, a dose the
    #: sources do not give for a child); renderers show them before the plan.
    warnings: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        return not any(fact.blocking for fact in self.missing)

    @property
    def citations(self) -> tuple[str, ...]:
        """Every cited id, numbered in order of first use."""
        seen: dict[str, None] = {}
        for item in self.items:
            for ref in item.citations:
                seen.setdefault(ref, None)
        return tuple(seen)

