"""Markdown renderers for REST and the web widget: clinician, trainee and patient."""

from __future__ import annotations

from functools import lru_cache

from imnm.engine.knowledge import Evidence, KnowledgeBase, Section, default_knowledge
from imnm.engine.recommendation import Item, Recommendation
from imnm.render.common import (
    EVIDENCE_WORDS,
    LIST_SECTIONS,
    PATIENT_HEADINGS,
    SAFETY_NOTICE,
    SECTION_HEADINGS,
    STEP_SECTIONS,
    URGENT_HEADING,
    CitationNumbers,
    describe_facts,
    dose_line,
    plain_step,
    step_mark,
    teaching_points,
)

PATIENT_INTRO = (
    "This is a plain guide to the usual plan for this muscle illness. "
    "It is not a set of orders. Talk to your care team before you change any medicine."
)
PATIENT_CLOSING = "Your care team knows you best. Ask them about anything here."


@lru_cache(maxsize=512)
def _evidence_words(evidence: Evidence, caveat: str | None, trainee: bool) -> str:
    """Same words for every patient: the knowledge entry's evidence status and caveat."""
    notes = []
    if trainee:
        notes.append(f"Evidence: {EVIDENCE_WORDS[evidence]}.")
    elif evidence is not Evidence.PRIMARY:
        notes.append(f"Evidence: {evidence.value}.")
    if caveat:
        notes.append(f"Caveat: {caveat}")
    return " ".join(notes)


def _by_section(recommendation: Recommendation) -> dict[Section, list[Item]]:
    grouped: dict[Section, list[Item]] = {}
    for item in recommendation.items:
        grouped.setdefault(item.section, []).append(item)
    return grouped


def _step_text(item: Item, numbers: CitationNumbers, trainee: bool) -> list[str]:
    return [_first_line(item, numbers), *_tail(item.evidence, item.caveat, item.rationale, trainee)[0]]


def _first_line(item: Item, numbers: CitationNumbers) -> str:
    """Dose (this patient's) and statement, with citation numbers in order of first use."""
    dose = dose_line(item) if item.dose is not None else ""
    body = f"{dose}. {item.statement}" if dose else item.statement
    return f"{body}{step_mark(item)} {numbers.cite(item.citations)}"


@lru_cache(maxsize=2048)
def _tail(evidence: Evidence, caveat: str | None, rationale: str, trainee: bool
          ) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The lines after the first, as written and indented: the same for every patient."""
    lines = []
    note = _evidence_words(evidence, caveat, trainee)
    if note:
        lines.append(f"_{note}_")
    if trainee:
        lines.append(f"Why: {rationale}")
    return tuple(lines), tuple(f"   {line}" for line in lines)


def _professional(recommendation: Recommendation, trainee: bool, kb: KnowledgeBase) -> str:
    numbers = CitationNumbers()
    out = [f"**IMNM treatment plan** ({describe_facts(recommendation.facts)})"]
    for warning in recommendation.warnings:
        out.append(f"**Check dose:** {warning}")
    for assumption in recommendation.assumptions:
        out.append(f"_Note: {assumption}_")
    step = 0
    previous_heading = None
    lists: dict[Section, list[Item]] = {}
    for item in recommendation.items:
        if item.section in LIST_SECTIONS:
            lists.setdefault(item.section, []).append(item)
            continue
        heading = URGENT_HEADING if item.urgent else SECTION_HEADINGS[item.section]
        if heading != previous_heading:
            out.append("")
            previous_heading = heading
        first = _first_line(item, numbers)
        tail, indented = _tail(item.evidence, item.caveat, item.rationale, trainee)
        if item.alternative:
            out.append(f"   - _Or_ - **{item.title}**: " + " ".join((first, *tail)))
            continue
        step += 1
        out.append(f"**{step}. {heading}: {item.title}**")
        out.append(f"   {first}")
        out.extend(indented)
    for section in LIST_SECTIONS:
        items = lists.get(section)
        if not items:
            continue
        out.append("")
        out.append(f"**{SECTION_HEADINGS[section]}**")
        for item in items:
            first = _first_line(item, numbers)
            tail = _tail(item.evidence, item.caveat, item.rationale, trainee)[0]
            out.append(f"- {first} {' '.join(tail)}" if tail else f"- {first}")
    if trainee:
        points = teaching_points(recommendation, kb)
        if points:
            out.append("")
            out.append("**Teaching points**")
            for entry in points:
                out.append(f"- {entry.statement_for()} {numbers.cite(entry.citations)}")
                if entry.evidence is not Evidence.PRIMARY:
                    out.append(f"  _Evidence: {EVIDENCE_WORDS[entry.evidence]}. {entry.caveat or ''}_")
    out.append("")
    refs = numbers.listing()
    out.append(f"**Sources:** {refs}")
    out.append(
        f"_Knowledge base {recommendation.knowledge_version}. Ask \"why?\" for the reasoning or "
        f"\"sources?\" for full references. {SAFETY_NOTICE}_"
    )
    return "\n".join(out)


def render_for_clinician(recommendation: Recommendation, kb: KnowledgeBase | None = None) -> str:
    """Compact and scannable: doses with arithmetic, numbered citations, caveats, then lists."""
    return _professional(recommendation, trainee=False, kb=kb or default_knowledge())


def render_for_trainee(recommendation: Recommendation, kb: KnowledgeBase | None = None) -> str:
    """Clinician content plus the reasoning, evidence strength in words and teaching points."""
    return _professional(recommendation, trainee=True, kb=kb or default_knowledge())


def render_for_patient(recommendation: Recommendation, kb: KnowledgeBase | None = None) -> str:
    """Plain language, no doses; every sentence is an entry's `plain` text."""
    out = ["**Your treatment: what to expect**", PATIENT_INTRO]
    seen_headings: set[str] = set()
    grouped = _by_section(recommendation)
    for section in (*STEP_SECTIONS, *LIST_SECTIONS):
        items = grouped.get(section)
        if not items:
            continue
        heading = PATIENT_HEADINGS[section]
        if heading not in seen_headings:
            out.append("")
            out.append(f"**{heading}**")
            seen_headings.add(heading)
        for item in items:
            out.append(f"- {plain_step(item)}")
    out.append("")
    out.append(PATIENT_CLOSING)
    return "\n".join(out)


def render_missing(recommendation: Recommendation) -> str:
    """The one question to ask next; the engine orders missing facts by importance."""
    blocking = [fact for fact in recommendation.missing if fact.blocking]
    return blocking[0].question if blocking else ""


def render_sources(recommendation: Recommendation, kb: KnowledgeBase | None = None) -> str:
    kb = kb or default_knowledge()
    out = ["**Sources for this plan** (references, with the evidence status of each step)"]
    for n, ref in enumerate(recommendation.citations, start=1):
        out.append(f"[{n}] {kb.reference_text(ref)}")
    out.append("")
    out.append("**Evidence status by step**")
    for item in recommendation.items:
        caveat = f" - {item.caveat}" if item.caveat else ""
        out.append(f"- {item.title}: {item.evidence.value}{caveat}")
    return "\n".join(out)


def render_trace(recommendation: Recommendation) -> str:
    out = [
        f"**Why this plan** (facts used: {describe_facts(recommendation.facts)}; "
        f"knowledge base {recommendation.knowledge_version})"
    ]
    out.extend(f"_{a}_" for a in recommendation.assumptions)
    for item in recommendation.items:
        out.append(f"- {item.title}: {item.rationale} (rule {item.trace})")
    return "\n".join(out)


def render_section(recommendation: Recommendation, sections: tuple[Section, ...]) -> str:
    numbers = CitationNumbers()
    out = []
    for item in recommendation.items:
        if item.section in sections:
            out.append("- " + " ".join(_step_text(item, numbers, trainee=False)))
    refs = numbers.listing()
    return "\n".join([*out, f"**Sources:** {refs}"]) if out else ""
