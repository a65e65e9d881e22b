"""Answers to follow-up and guideline questions, retrieved from knowledge entries (not hand-typed)."""

from __future__ import annotations

import re

from imnm.facts import Audience
from imnm.knowledge import Entry, Evidence, KnowledgeBase, Section, default_knowledge
from imnm.recommendation import Recommendation
from imnm.render.common import EVIDENCE_WORDS, CitationNumbers
from imnm.render.markdown import render_section, render_sources, render_trace

#: Words in a question that point at a knowledge topic. Several words may share one topic.
TOPIC_WORDS: dict[str, tuple[str, ...]] = {
    "steroids": ("steroid", "prednisone", "prednisolone", "pred", "corticosteroid", "glucocorticoid"),
    "methylprednisolone": ("methylprednisolone", "methylpred", "solumedrol", "pulse", "iv steroid"),
    "methotrexate": ("methotrexate", "mtx"),
    "azathioprine": ("azathioprine", "aza", "imuran"),
    "mycophenolate": ("mycophenolate", "mmf", "cellcept"),
    "steroid-sparing": ("steroid-sparing", "steroid sparing", "second agent", "immunosuppressant"),
    "ivig": ("ivig", "immunoglobulin", "igiv"),
    "rituximab": ("rituximab", "ritux", "rtx", "b-cell", "b cell"),
    "tacrolimus": ("tacrolimus", "tacro", "calcineurin", "ciclosporin", "cyclosporine"),
    "cyclophosphamide": ("cyclophosphamide", "cytoxan"),
    "plasma-exchange": ("plasma exchange", "plasmapheresis", "plex"),
    "relapse": ("relapse", "flare", "taper"),
    "refractory": ("refractory", "resistant", "not responding", "fail"),
    "predictors": ("predictor", "prognos", "outcome", "predict"),
    "monitoring": ("monitor", "follow-up", "follow up", "ck", "mmt8", "mmt-8", "strength", "damage index", "mdi"),
    "prophylaxis": ("prophylaxis", "pneumocystis", "pcp", "pjp", "septrin", "bactrim", "co-trimoxazole", "infection"),
    "bone": ("bone", "osteoporosis", "dxa", "dexa", "calcium", "vitamin d", "bisphosphonate"),
    "checkpoint": ("checkpoint", "ici", "immunotherapy", "pembrolizumab", "nivolumab", "ipilimumab", "pd-1", "irae"),
    "screening": ("screen", "cancer", "malignan", "ild", "interstitial", "lung", "ct "),
    "juvenile": ("juvenile", "child", "children", "paediatric", "pediatric", "adolescent", "kid", "under 18"),
    "statin": ("statin",),
    "hmgcr": ("hmgcr", "hmg-coa"),
    "srp": ("srp", "signal recognition"),
    "seronegative": ("seronegative", "antibody negative", "antibody-negative"),
    "pitfalls": ("pitfall", "mistake", "avoid", "caveat"),
    "admission": ("admit", "admission", "hospital"),
    "dosing": ("dose", "dosing", "how much", "mg"),
}
#: Questions about the current plan rather than about a topic.
FOLLOW_UPS = {
    "why": re.compile(r"\bwhy\b|\breason|\brationale|\bexplain|\bjustif|\btrace\b|\bbasis\b", re.I),
    "sources": re.compile(r"\bsource|\breferenc|\bcitation|\bevidence\b|\bcite", re.I),
    "alternative": re.compile(
        r"(?:can'?t|cannot|unable to|won'?t|doesn'?t|does not)\s+(?:take|tolerate|have|use)|"
        r"intoleran|contraindicat|alternative|instead of|allerg|other than", re.I),
    "monitoring": re.compile(r"\bmonitor|\bfollow[- ]?up\b|\bwatch\b|\bcheck\b", re.I),
    "pitfalls": re.compile(r"\bpitfall|\bmistake|\bavoid\b|\bwatch out|\bcaveat|\bwarning", re.I),
}
MAX_ENTRIES = 4


_WORDS_LONGEST_FIRST = sorted(
    ((word, topic) for topic, words in TOPIC_WORDS.items() for word in words),
    key=lambda pair: -len(pair[0]),
)


def topics_in(text: str) -> list[str]:
    """Topics named in a question; a longer phrase hides the shorter ones inside it."""
    lowered = f" {text.lower()} "
    found: list[str] = []
    for word, topic in _WORDS_LONGEST_FIRST:
        if word in lowered:
            lowered = lowered.replace(word, " ")
            if topic not in found:
                found.append(topic)
    return found


def _score(entry: Entry, topics: list[str]) -> int:
    score = sum(3 for topic in topics if topic in entry.topics)
    if "dosing" in topics and entry.dose is not None:
        score += 2
    return score


def retrieve(text: str, kb: KnowledgeBase, limit: int = MAX_ENTRIES) -> list[Entry]:
    """Entries best matching the question's topics, most specific first; empty if none match."""
    topics = topics_in(text)
    if not topics:
        return []
    scored = [(entry, _score(entry, topics)) for entry in kb.entries]
    best = max(score for _, score in scored)
    if best == 0:
        return []
    ranked = [entry for entry, score in scored if score >= max(3, best - 2)]
    ranked.sort(key=lambda entry: -_score(entry, topics))
    return ranked[:limit]


def render_entries(entries: list[Entry], audience: Audience, kb: KnowledgeBase) -> str:
    if audience is Audience.PATIENT:
        lines = [f"- {entry.plain}" for entry in entries]
        lines.append("Your care team can tell you what this means for you.")
        return "\n".join(lines)
    numbers = CitationNumbers()
    lines = []
    for entry in entries:
        dose = f" Dose as the sources give it: {entry.dose.text}." if entry.dose else ""
        line = f"- **{entry.title}**: {entry.statement}{dose} {numbers.cite(entry.citations)}"
        if entry.evidence is not Evidence.PRIMARY or entry.caveat:
            line += f" _Evidence: {entry.evidence.value}. {entry.caveat or ''}_".rstrip()
        lines.append(line)
        if audience is Audience.TRAINEE:
            lines.append(f"  Why: {entry.rationale} ({EVIDENCE_WORDS[entry.evidence]})")
    refs = "; ".join(f"[{n}] {kb.reference_text(ref)}" for n, ref in enumerate(numbers.order, 1))
    lines.append(f"**Sources:** {refs}")
    return "\n".join(lines)


def _alternatives(recommendation: Recommendation | None, kb: KnowledgeBase, audience: Audience) -> str:
    if recommendation is not None:
        text = render_section_items(recommendation, lambda item: item.alternative)
        if text:
            return "If methotrexate cannot be used, the sources give these alternatives:\n" + text
    entries = [e for e in kb.entries if e.alternative]
    return "If methotrexate cannot be used, the sources give these alternatives:\n" + render_entries(
        entries, audience, kb
    )


def render_section_items(recommendation: Recommendation, keep) -> str:
    numbers = CitationNumbers()
    lines = []
    for item in recommendation.items:
        if keep(item):
            from imnm.render.common import dose_line

            dose = dose_line(item)
            lines.append(f"- **{item.title}**: {dose + '. ' if dose else ''}{item.statement} "
                         f"{numbers.cite(item.citations)}")
    if not lines:
        return ""
    lines.append("**Sources:** " + ", ".join(f"[{n}] {r}" for n, r in enumerate(numbers.order, 1)))
    return "\n".join(lines)


PATIENT_DOSE_INTRO = (
    "Your care team sets each dose for you, often by your weight. Here is what the usual plan involves:"
)
PATIENT_DOSE_CLOSING = "Please ask your care team about your own doses. Do not change a dose yourself."


def _patient_dose_answer(kb: KnowledgeBase) -> str:
    """What the plan usually involves, in the entries' plain words, and never a number to act on."""
    plain = [kb.entry(entry_id).plain for entry_id in
             ("induction.prednisone.adult", "sparing.methotrexate", "taper.general")]
    return "\n".join([PATIENT_DOSE_INTRO, *(f"- {line}" for line in plain), PATIENT_DOSE_CLOSING])


def answer(
    text: str,
    recommendation: Recommendation | None,
    audience: Audience = Audience.CLINICIAN,
    kb: KnowledgeBase | None = None,
) -> str | None:
    """A reply to a question, or None when nothing in the knowledge base matches it."""
    kb = kb or default_knowledge()
    has_plan = recommendation is not None and recommendation.complete
    if audience is Audience.PATIENT and "dosing" in topics_in(text):
        return _patient_dose_answer(kb)
    if has_plan and FOLLOW_UPS["why"].search(text) and not topics_in(text):
        return render_trace(recommendation)
    if FOLLOW_UPS["sources"].search(text) and not topics_in(text):
        if has_plan:
            return render_sources(recommendation, kb)
        return "Sources in the knowledge base:\n" + "\n".join(
            kb.reference_text(ref) for ref in sorted(kb.reference_ids)
        )
    if FOLLOW_UPS["alternative"].search(text) and (
        "methotrexate" in topics_in(text) or not topics_in(text)
    ):
        return _alternatives(recommendation if has_plan else None, kb, audience)
    if has_plan and audience is not Audience.PATIENT and not topics_in(text):
        if FOLLOW_UPS["monitoring"].search(text):
            return render_section(recommendation, (Section.MONITORING,))
        if FOLLOW_UPS["pitfalls"].search(text):
            return render_section(recommendation, (Section.PITFALLS, Section.PROGNOSIS))
    if FOLLOW_UPS["monitoring"].search(text) and not topics_in(text):
        text = text + " monitor"
    if FOLLOW_UPS["pitfalls"].search(text) and not topics_in(text):
        text = text + " pitfall"
    entries = retrieve(text, kb)
    if not entries:
        return None
    reply = render_entries(entries, audience, kb)
    if has_plan and audience is not Audience.PATIENT:
        in_plan = {item.entry_id for item in recommendation.items}
        named = [e.title for e in entries if e.id in in_plan]
        if named:
            reply = f"In this patient's plan: {', '.join(named)}.\n" + reply
        else:
            reply = "Not part of this patient's current plan; from the knowledge base:\n" + reply
    return reply
