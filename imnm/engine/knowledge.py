"""The knowledge base: YAML entries validated at load by the same pydantic models the engine uses."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from imnm.engine.facts import AgeBand, Antibody, RedFlag, Severity, StatinExposure

KNOWLEDGE_DIR = Path(__file__).parent.parent / "knowledge"


class Evidence(str, Enum):
    PRIMARY = "primary"
    SUMMARY_ONLY = "summary-only"
    DISPUTED = "disputed"


class Section(str, Enum):
    """Plan sections, in the order a reply presents them."""

    INDUCTION = "induction"
    STEROID_SPARING = "steroid_sparing"
    ANTIBODY_SPECIFIC = "antibody_specific"
    STATIN = "statin"
    ESCALATION = "escalation"
    CHECKPOINT = "checkpoint"
    PROPHYLAXIS = "prophylaxis"
    SCREENING = "screening"
    MONITORING = "monitoring"
    PITFALLS = "pitfalls"
    PROGNOSIS = "prognosis"
    TEACHING = "teaching"


SECTION_ORDER = {section: index for index, section in enumerate(Section)}


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


Model = TypeVar("Model", bound=BaseModel)
_T = TypeVar("_T")
# BaseModel keeps these in slots; setting them through the slot descriptors skips the frozen-model
# __setattr__ guard, exactly as pydantic's own model_construct does with object.__setattr__.
_SET_DICT = BaseModel.__dict__["__dict__"].__set__
_SET_FIELDS_SET = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_SET_EXTRA = BaseModel.__dict__["__pydantic_extra__"].__set__
_SET_PRIVATE = BaseModel.__dict__["__pydantic_private__"].__set__
_ALL_FIELDS: dict[type, set[str]] = {}


def assemble(model: type[Model], fields: dict[str, Any]) -> Model:
    """A frozen output model from parts that were already validated, without validating again.

    The engine builds about twenty items per recommendation from knowledge entries (validated at
    load) and its own arithmetic; re-validating every field cost more than all the rules together.
    This does what pydantic's ``model_construct`` does, for a complete set of fields, minus its
    per-field default handling. The set of given fields is shared per model (pydantic copies it
    before any change, and these models are frozen). `tests/engine/test_assembly.py` checks the
    result equals a validated construction, so a pydantic change that broke this would fail the suite.
    """
    fields_set = _ALL_FIELDS.get(model)
    if fields_set is None:
        fields_set = _ALL_FIELDS[model] = set(model.model_fields)
    built = object.__new__(model)
    _SET_DICT(built, fields)
    _SET_FIELDS_SET(built, fields_set)
    _SET_EXTRA(built, None)
    _SET_PRIVATE(built, None)
    return built


_DERIVED: dict[int, tuple[Any, dict[Hashable, Any]]] = {}


def derived(kb: KnowledgeBase, key: Hashable, compute: Callable[[], _T]) -> _T:
    """A value worked out once per knowledge base (plan table, topic weights, teaching ranks, gap
    patterns): `compute()` the first time `key` is asked for, the kept value afterwards.

    Keyed by identity with an identity check, because hashing the whole frozen model on every call
    would cost more than the work it saves, and a reused id must not return another base's values."""
    cached = _DERIVED.get(id(kb))
    if cached is None or cached[0] is not kb:
        cached = _DERIVED[id(kb)] = (kb, {})
    values = cached[1]
    if key not in values:
        values[key] = compute()
    return values[key]


class DoseGuard(Frozen):
    """The amount the sources name as usual for a weight-based dose (never an invented cap): a
    computed dose above `high` is shown with a warning, not silently."""

    high: float = Field(gt=0, description="Upper figure the sources name, in the rule's unit per its `per`.")
    named: str = Field(min_length=3, description="How the sources name it, e.g. 'usually 40-60 mg/day (BSR)'.")
    citations: tuple[str, ...] = Field(min_length=1)


class DoseRule(Frozen):
    """A dose exactly as the sources state it; `low`/`high` are per kg when basis is per_kg."""

    basis: Literal["per_kg", "fixed", "target"]
    text: str
    low: float | None = None
    high: float | None = None
    unit: Literal["mg", "g"] | None = None
    per: Literal["day", "week", "dose", "course"] | None = None
    cap: float | None = Field(default=None, description="Maximum in `unit` per `per`.")
    guard: DoseGuard | None = None
    adult_only: bool = Field(
        default=False, description="A fixed adult dose: under 18 the drug is named and the dose withheld.")

    @model_validator(mode="after")
    def _complete(self) -> DoseRule:
        if self.basis != "target" and (self.low is None or self.unit is None or self.per is None):
            raise ValueError(f"dose '{self.text}' needs low, unit and per")
        if self.high is not None and self.low is not None and self.high < self.low:
            raise ValueError(f"dose '{self.text}' has high below low")
        return self


class Condition(Frozen):
    """Which patients a plan item applies to; every listed field must match (any_of: one branch)."""

    antibody: tuple[Antibody, ...] | None = None
    severity: tuple[Severity, ...] | None = None
    age_band: tuple[AgeBand, ...] | None = None
    statin: tuple[StatinExposure, ...] | None = None
    refractory: bool | None = None
    ici: bool | None = None
    red_flags: tuple[RedFlag, ...] | None = Field(default=None, description="Any of these present.")
    min_steroid_mg_per_day: float | None = None
    any_of: tuple[Condition, ...] | None = None
    none_of: tuple[Condition, ...] | None = Field(default=None, description="No branch may match.")


def join_words(words: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


class ScreenTarget(Frozen):
    """Something a screening or pitfall entry tells the reader to look for; dropped when `known`
    (any of these red flags) is already a fact, because nobody should screen for a known finding."""

    text: str
    known: tuple[RedFlag, ...] = ()


class Entry(Frozen):
    id: str = Field(pattern=r"^[a-z_]+(\.[a-z0-9_]+)+$")
    section: Section
    title: str
    statement: str
    rationale: str
    plain: str
    citations: tuple[str, ...] = Field(min_length=1)
    evidence: Evidence
    caveat: str | None = None
    drug: str | None = None
    route: str | None = None
    dose: DoseRule | None = None
    frequency: str | None = None
    duration: str | None = None
    alternative: bool = False
    in_plan: bool = True
    when: Condition | None = None
    topics: tuple[str, ...] = ()
    agent: str | None = Field(default=None, description="Canonical agent id: one agent once per plan.")
    urgent: int | None = Field(default=None, description="Urgent action; lower runs first, before all else.")
    options: str | None = Field(default=None, description="Option group: one lead, the rest read as 'or'.")
    lead_when: Condition | None = Field(default=None, description="Leads its option group when this holds.")
    alternative_when: Condition | None = Field(default=None, description="An 'or' alternative when this holds.")
    follows: str | None = Field(default=None, description="A note placed right after this agent's step.")
    screen_for: tuple[ScreenTarget, ...] = Field(
        default=(), description="Fills {targets} in the statement with what is not already known.")
    brief: str | None = Field(
        default=None, description="A few words for the one-screen reply; entries without one or an agent "
                                  "are details, shown on request.")

    def statement_for(self, known: frozenset[RedFlag] = frozenset()) -> str | None:
        """The statement with {targets} filled with what is not already `known` (every target when
        nothing is known, as in a general question); None when every target is known."""
        if not self.screen_for:
            return self.statement
        targets = [target.text for target in self.screen_for if not known.intersection(target.known)]
        if not targets:
            return None
        return self.statement.format(targets=join_words(targets))

    @model_validator(mode="after")
    def _caveat_when_not_primary(self) -> Entry:
        cites_source_text = any(ref.startswith("S") for ref in self.citations)
        if self.evidence is not Evidence.PRIMARY and not self.caveat and not cites_source_text:
            raise ValueError(f"{self.id}: non-primary evidence must cite a source text")
        if self.in_plan and self.when is None:
            raise ValueError(f"{self.id}: a plan entry needs `when` (use {{}} for every patient)")
        return self


class SourceText(Frozen):
    id: str = Field(pattern=r"^S\d{3}$")
    title: str


class Publication(Frozen):
    id: str
    citation: str


class Gap(Frozen):
    """A question clinicians ask that none of the five source texts addresses: the reply says so
    instead of offering the nearest entry as if it answered it."""

    id: str
    about: str = Field(min_length=3)
    words: tuple[str, ...] = Field(min_length=1)


class KnowledgeBase(Frozen):
    version: str
    entries: tuple[Entry, ...]
    sources: tuple[SourceText, ...]
    publications: tuple[Publication, ...]
    gaps: tuple[Gap, ...] = ()
    #: Agent id -> the words people use for it; every entry's `agent` must have a row.
    agents: dict[str, tuple[str, ...]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _consistent(self) -> KnowledgeBase:
        known = self.reference_ids
        ids = [entry.id for entry in self.entries]
        duplicates = {entry_id for entry_id in ids if ids.count(entry_id) > 1}
        if duplicates:
            raise ValueError(f"duplicate entry ids: {sorted(duplicates)}")
        for entry in self.entries:
            unknown = [ref for ref in entry.citations if ref not in known]
            if unknown:
                raise ValueError(f"{entry.id} cites unknown references {unknown}")
            if self.agents and entry.agent is not None and entry.agent not in self.agents:
                raise ValueError(f"{entry.id}: agent '{entry.agent}' has no words in `agents`")
        return self

    @property
    def reference_ids(self) -> frozenset[str]:
        return frozenset(s.id for s in self.sources) | frozenset(p.id for p in self.publications)

    def entry(self, entry_id: str) -> Entry:
        for entry in self.entries:
            if entry.id == entry_id:
                return entry
        raise KeyError(entry_id)

    def reference_text(self, ref_id: str) -> str:
        for source in self.sources:
            if source.id == ref_id:
                return f"{source.id}: {source.title}"
        for publication in self.publications:
            if publication.id == ref_id:
                return publication.citation
        raise KeyError(ref_id)


def _read_yaml(path: Path) -> dict:
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def load_knowledge(directory: Path = KNOWLEDGE_DIR) -> KnowledgeBase:
    """Read and validate the knowledge files; raises pydantic.ValidationError on any bad entry."""
    entries = _read_yaml(directory / "entries.yml")
    references = _read_yaml(directory / "references.yml")
    return KnowledgeBase(
        version=entries["version"],
        entries=entries["entries"],
        sources=references["sources"],
        publications=references["publications"],
        gaps=entries.get("gaps", ()),
        agents=entries.get("agents", {}),
    )


@lru_cache(maxsize=1)
def default_knowledge() -> KnowledgeBase:
    """The packaged knowledge base, loaded once per process."""
    return load_knowledge()
