"""A question asked under a supposed fact ("and if it comes back SRP, what changes?", "what if she develops
dysphagia?", "say he'd been on a statin - any different?") is answered by the plan for that fact beside this
patient's, as the steps that would be added, dropped or dosed differently.

Any fact the extractor reads can be supposed: the supposition is read by the same extractor, on the conditional
clause alone (the whole message tells no fact, since a condition is not a report). The patient's facts are not
changed. The course ("if she relapses", "if that fails") has its own answer, the options for an inadequate
response (`conversation.IF_IT_FAILS`), and is not supposed here.
"""

from __future__ import annotations

import re

from imnm.dialogue.frames import plan_given
from imnm.engine.facts import Audience, InvalidFacts, facts_from_slots
from imnm.engine.knowledge import Section
from imnm.engine.recommendation import Item, Recommendation
from imnm.engine.rules import recommend
from imnm.language.extract import extract
from imnm.render.common import CitationNumbers, dose_line

#: "if it comes back SRP", "what if she's HMGCR positive", "suppose he weighed 120 kg", "assuming she's a child":
#: the clause up to the question it conditions.
SUPPOSED = re.compile(
    # The condition opens the question (or follows "and", "but", "so", "ok", a dash): not "how is that possible if
    # she never took a statin?", which asks about a fact, not under one.
    r"(?:^|[.?!;:(]\s*|(?:^|\s)(?:and|but|so|ok(?:ay)?|then|now|right)\W+|\s[-–—]\s*)"
    r"(?:what\s+if|if|suppose|supposing|assuming|say|in\s+case)\s+"
    # Of this patient or the result awaited: "it comes back SRP", "she develops dysphagia", "he'd been on a statin".
    r"(?P<clause>(?:it|the\s+(?:antibody|antibodies|ab|result|results|serology|panel|test|myositis\s+panel)|she|he|they|"
    r"the\s+(?:patient|pt)|pt|we|i|my\s+\w+|her|his)\b[^?;,]+?)"
    r"(?=\s*(?:[,;?]|$|\s[-–—]\s|\s+(?:what|how|which|would|does|do|will|is|are|then|should|could|can)\b))",
    re.I)
#: The facts a supposition may change (the course is asked with "if it fails" and answered there).
SUPPOSABLE = ("antibody", "weight_kg", "severity", "red_flags", "statin_exposure", "statin_status", "age_years",
              "age_band", "ici_exposure")
_LABELS = {"antibody": "antibody", "weight_kg": "weight", "severity": "severity", "red_flags": "red flags",
           "statin_status": "statin", "age_years": "age", "age_band": "age group",
           "ici_exposure": "checkpoint inhibitor", "statin_exposure": "statin history"}
#: What a plan does, not what it tells: prognosis and teaching entries are not steps that a fact adds or drops.
STEPS = frozenset(Section) - {Section.PROGNOSIS, Section.TEACHING, Section.PITFALLS}


def supposed_facts(text: str, slots: dict[str, object]) -> dict[str, object]:
    """The facts the question supposes that differ from the patient's (none when it supposes nothing)."""
    if not text.rstrip().endswith("?") and not re.search(r"\b(?:what|how|which|would|does|change)\b", text, re.I):
        return {}
    supposed: dict[str, object] = {}
    for match in SUPPOSED.finditer(text):
        found = extract(match["clause"]).slots()
        for name in SUPPOSABLE:
            value = found.get(name)
            if value in (None, [], ""):
                continue
            if name == "red_flags":
                value = sorted(set(slots.get("red_flags") or ()) | set(value))
            if value != slots.get(name):
                supposed[name] = value
    return supposed


def _key(item: Item) -> str:
    return item.entry_id


def _dose(item: Item) -> str:
    return f" {dose_line(item)}" if item.dose is not None and item.dose.low is not None else ""


def what_if_answer(text: str, slots: dict[str, object], current: Recommendation | None,
                   audience: Audience) -> str | None:
    """The plan's differences under the supposed facts, or None when the question supposes no new fact or there
    is no plan for this patient yet."""
    if not plan_given(current):
        return None  # no plan for this patient yet to set the supposed one beside
    supposed = supposed_facts(text, slots)
    if not supposed:
        return None
    try:
        other = recommend(facts_from_slots({**slots, **supposed}, audience))
    except InvalidFacts as problem:
        return f"That supposition cannot be planned for: {problem}"
    heading = f"**If {_said(supposed)}** (supposed; this patient's facts are unchanged):"
    return differences(current, other, heading, audience)


#: "HMGCR just back - positive. does that change anything?": what a fact told in this message changes.
CHANGE_ASKED = re.compile(r"\b(?:does|did|would|will)\s+(?:that|this|it)\s+change\s*(?:\?|$|anything|much|things|"
                          r"(?:the\s+|our\s+|her\s+|his\s+)?(?:plan|management|treatment|approach|regimen)|what\s+we\s+do)|"
                          r"\bwhat\s+changes\b|\bany\s+difference\s+to\s+(?:the\s+)?(?:plan|treatment|management)\b",
                          re.I)


def what_the_new_fact_changes(text: str, slots: dict[str, object], changes: dict[str, tuple[object, object]],
                              current: Recommendation | None, audience: Audience) -> str | None:
    """The plan's differences made by the facts this message changed, when it asks what they change."""
    told = {name: values for name, values in changes.items() if name in SUPPOSABLE}
    if current is None or not told or not CHANGE_ASKED.search(text):
        return None
    # Severity not known yet: the non-severe regimen, as the plan shows it when the severity is set aside.
    assumed = {"severity": "moderate"} if slots.get("severity") is None and "severity" not in told else {}
    try:
        before = recommend(facts_from_slots({**slots, **assumed, **{name: old for name, (old, _) in told.items()}},
                                            audience))
        after = recommend(facts_from_slots({**slots, **assumed}, audience)) if assumed else current
    except InvalidFacts:
        return None
    unless = " (severity not given: the non-severe regimen)" if assumed else ""
    heading = f"**With {_said({name: new for name, (_, new) in told.items()})}**, the plan changes{unless}:"
    return differences(before, after, heading, audience, verb="Adds", by_id=current.complete)


def differences(now_plan: Recommendation, other: Recommendation, heading: str, audience: Audience,
                verb: str = "Would add", by_id: bool = False) -> str | None:
    """The steps `other` adds, doses differently or drops against `now_plan`, cited; None when nothing changes.
    `by_id`: cite by the references' ids, for an answer followed by a plan that numbers its own."""
    now = {_key(item): item for item in now_plan.items if item.section in STEPS}
    then = {_key(item): item for item in other.items if item.section in STEPS}
    numbers = CitationNumbers()
    cite = (lambda ids: f"[{', '.join(ids)}]") if by_id else numbers.cite
    plain = audience is Audience.PATIENT
    added = [item for key, item in then.items() if key not in now]
    dropped = [item for key, item in now.items() if key not in then]
    redosed = [item for key, item in then.items() if key in now and _dose(item) != _dose(now[key])]
    lines = [heading]
    for item in added:
        body = item.plain if plain else f"**{item.title}**{':' if _dose(item) else ''}{_dose(item)}. {item.statement}"
        lines.append(f"- {verb if not plain else 'Added'}: {body} {cite(item.citations)}")
    for item in redosed:
        lines.append(f"- {item.title}: {_dose(item).strip()} (now{_dose(now[item.entry_id])}) "
                     f"{cite(item.citations)}")
    for item in dropped:
        lines.append(f"- No longer: {item.title} {cite(item.citations)}")
    if len(lines) == 1:
        return None  # nothing changes: the question is answered as any other ("if it becomes life-threatening?")
    lines.append("- Everything else in the plan stays as it is.")
    missing = [fact.name for fact in other.missing if fact.blocking]
    if missing:
        lines.append(f"_Still needed for the full plan: {', '.join(_LABELS.get(name, name) for name in missing)}._")
    if numbers.listing():
        lines.append(f"**Sources:** {numbers.listing()}")
    return "\n".join(lines)


def _said(facts: dict[str, object]) -> str:
    """The facts as the heading says them ("antibody anti-HMGCR; past statin")."""
    return "; ".join(_shown(name, value) if name == "statin_status" else f"{_LABELS[name]} {_shown(name, value)}"
                     for name, value in facts.items() if name != "statin_exposure")


def _shown(name: str, value: object) -> str:
    if name == "weight_kg" and isinstance(value, float):
        return f"{value:g} kg"
    if name == "antibody":
        return {"HMGCR": "anti-HMGCR", "SRP": "anti-SRP"}.get(str(value), str(value))
    if name == "statin_status":
        return {"current": "on a statin now", "past": "a statin in the past", "never": "never on a statin"}[str(value)]
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)
