"""The first reply: what to do now, on one screen; everything else on request.

A clinician between patients needs the regimen, not the reasoning: one line per part of the plan
(urgent actions, the steroid course, the steroid-sparing choice with its alternatives as "or", the
add-ons, the refractory options, prophylaxis, screening), each dose written once with its
arithmetic, each line with its citation and evidence marker, and the warnings that change what is
prescribed above it all. The full plan, the reasoning, monitoring, pitfalls, prognosis, sources,
the timeline and the other audiences' versions are the `DETAILS`, one word or tap away.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from imnm.engine.knowledge import Evidence, Section
from imnm.engine.recommendation import Item, Recommendation
from imnm.render.common import (
    SAFETY_NOTICE,
    CitationNumbers,
    plain_step,
    step_mark,
    treatments_had,
    treatments_ruled_out,
)


class Detail(NamedTuple):
    """A follow-up offered under the first reply: a button's title and the words it sends."""

    title: str
    says: str


DETAILS = (
    Detail("Why", "why?"), Detail("Monitoring", "monitoring"), Detail("Pitfalls", "pitfalls"),
    Detail("Sources", "sources?"), Detail("Full plan", "full plan"), Detail("Timeline", "timeline"),
    Detail("Patient version", "patient version"), Detail("Teaching version", "teaching version"),
)
PATIENT_DETAILS = (
    Detail("Tests and visits", "what tests will I have?"), Detail("Side effects", "what should I report?"),
    Detail("Timeline", "timeline"), Detail("Everything", "full plan"),
)
MARKS = {Evidence.PRIMARY: "", Evidence.SUMMARY_ONLY: "\u2020", Evidence.DISPUTED: "\u2021"}
WEAKNESS = {Evidence.PRIMARY: 0, Evidence.SUMMARY_ONLY: 1, Evidence.DISPUTED: 2}
LEGEND = "\u2020 summary-only, \u2021 disputed (details: \"sources?\")"


#: The first line of a plan's one-screen answer (the dialogue knows a plan was its last answer by it).
PLAN_HEADER = "**IMNM plan**"
#: Frequencies the unit already says ("/day", "/week").
IMPLIED = frozenset({"once daily", "daily", "once weekly"})


def _dose(item: Item, alternative: bool = False) -> str:
    """'prednisone oral **70 mg/day** (1 mg/kg x 70 kg)': the one place this dose is written."""
    return _dose_only(item, alternative) + step_mark(item)


def _dose_only(item: Item, alternative: bool) -> str:
    name = item.short_name
    route = {"intravenous": "IV", "oral": "oral"}.get(item.route or "", "")
    name = f"{name} {route}".strip()
    dose = item.dose
    if dose is None:
        return item.brief_or(name)
    if dose.withheld:
        return f"{name}: no paediatric dose in the sources"
    if dose.low is None:
        return item.brief or f"{name} ({dose.rule.removeprefix('dose ')})"
    text = f"{name} **{dose.amount_text}**"
    if "/kg x" in dose.working:
        text += f" ({dose.working.split(' = ')[0]}{', capped' if dose.capped else ''})"
    if item.frequency and item.frequency not in IMPLIED and not alternative and "(" not in item.frequency \
            and "sources" not in item.frequency:
        text += f", {item.frequency}"
    return text


def _cited(text: str, items: list[Item], numbers: CitationNumbers) -> str:
    refs: dict[str, None] = {}
    for item in items:
        refs.update(dict.fromkeys(item.citations))
    weakest = max((item.evidence for item in items), key=WEAKNESS.__getitem__)
    return f"{text} {numbers.cite(tuple(refs))}{MARKS[weakest]}"


def _line(label: str, parts: list[str]) -> str | None:
    return f"**{label}:** " + "; ".join(parts) if parts else None


def _short_warning(item: Item) -> str:
    """'prednisone 70 mg/day is above the usual 40-60 mg/day (BSR ...)': the full text is in the plan."""
    name = item.short_name
    above = item.dose.warning.split(";")[0].split(" is above ", 1)[-1]
    return f"the {name} dose below is above the {above.removeprefix('the ')}; the sources give no maximum."


def _leads_with_alternatives(items: tuple[Item, ...]) -> list[tuple[Item, list[Item]]]:
    """Each step with the "or" alternatives that belong to it (a note between them is skipped)."""
    leads: list[tuple[Item, list[Item]]] = []
    for item in items:
        if item.alternative and not item.urgent and leads and _group(item) == _group(leads[-1][0]) is not None:
            leads[-1][1].append(item)
        elif _group(item) is not None:
            leads.append((item, []))
    return leads


def render_first_screen(recommendation: Recommendation, trainee: bool = False) -> str:
    """The clinician's (and trainee's) first reply; see the module docstring."""
    numbers = CitationNumbers()
    groups: dict[str, list[str]] = {key: [] for key in (
        "urgent", "steroid", "sparing", "add", "options", "prophylaxis", "screen")}
    for item, alternatives in _leads_with_alternatives(recommendation.items):
        if item.section is Section.SCREENING:
            text = SCREEN_PREFIX.sub("", PARENTHESES.sub("", item.statement)).rstrip(". ")
        elif item.ruled_out and all(a.ruled_out for a in alternatives):
            # Every option of the step ruled out: none is offered, and the reader is told the sources name no other.
            names = ", ".join(step.short_name for step in (item, *alternatives) if step.agent)
            groups[_group(item)].append(_cited(f"none open: {names} ruled out for this patient; the sources name no "
                                               "other", [item, *alternatives], numbers))
            continue
        else:
            text = _dose(item) if item.agent or item.dose else item.brief_or(item.title)
        text = ("or " if item.alternative and _group(item) != "options" else "") + _cited(text, [item], numbers)
        shown = [a for a in alternatives if a.agent]
        if shown:
            # Alternatives are named; their doses are one question away ("what if she can't take it?").
            text += "; or " + ", ".join(a.short_name + step_mark(a) if _group(item) == "sparing"
                                        else _dose(a, alternative=True) for a in shown)
            if any(set(a.citations) - set(item.citations) for a in shown):
                text = _cited(text, shown, numbers)
        groups[_group(item)].append(text)
    out = [f"{PLAN_HEADER} ({_facts_line(recommendation)})"]
    out += [f"**Check dose:** {_short_warning(item)}" for item in recommendation.items
            if item.dose is not None and item.dose.warning]
    out += [f"_Note: {note}_" for note in recommendation.assumptions]
    labels = {"urgent": "Now", "steroid": "Steroid", "sparing": "Steroid-sparing", "add": "Add",
              "options": "If refractory, add one" if recommendation.facts.refractory else "Consider",
              "prophylaxis": "Prophylaxis", "screen": "Screen for"}
    out += [line for key, label in labels.items() if (line := _line(label, groups[key]))]
    if trainee:
        out.append("_Ask \"why?\" for the reasoning behind each step and \"teaching version\" for the evidence._")
    out.append("")
    refs = numbers.listing()
    out.append(f"**Sources:** {refs}. {LEGEND}")
    out.append(f"_Knowledge base {recommendation.knowledge_version}. {SAFETY_NOTICE}_")
    out.append("More: " + " \u00b7 ".join(detail.says for detail in DETAILS))
    return "\n".join(out)


SCREEN_PREFIX = re.compile(r"^Screen for\s+", re.I)
PARENTHESES = re.compile(r"\s*\([^)]*\)")


def _facts_line(recommendation: Recommendation) -> str:
    """'anti-HMGCR, moderate, 70 kg, 55 y, on a statin': the facts the plan used, briefly."""
    facts = recommendation.facts
    antibody = {"HMGCR": "anti-HMGCR", "SRP": "anti-SRP"}.get(facts.antibody.value, facts.antibody.value)
    parts = [antibody if facts.antibody.value != "unknown" else "antibody pending",
             facts.severity.value if facts.severity else "severity not given",
             f"{facts.weight_kg:g} kg" if facts.weight_kg is not None else "no weight"]
    if facts.age_years is not None:
        parts.append(f"{facts.age_years:g} y")
    elif facts.age_band is not None:
        parts.append(facts.age_band.value)
    parts.append({"current": "on a statin", "past": "past statin", "never": "never a statin",
                  "unknown": "statin unknown"}[facts.statin.value])
    if facts.refractory:
        parts.append("refractory")
    if facts.ici_exposure:
        parts.append("checkpoint inhibitor")
    parts += sorted(flag.value for flag in facts.red_flags)
    if facts.treatments_tried:
        parts.append(treatments_had(facts))
    if facts.treatments_ruled_out:
        parts.append(treatments_ruled_out(facts))
    return ", ".join(parts)


def _group(item: Item) -> str | None:
    """Where a plan step goes on the first screen; None: a detail, shown on request."""
    if item.urgent:
        return "urgent"
    if item.section is Section.INDUCTION:
        return "steroid" if item.agent or item.brief else None
    if item.section is Section.STEROID_SPARING:
        return "sparing"
    if item.section in (Section.ANTIBODY_SPECIFIC, Section.ESCALATION) and item.agent:
        return "options" if item.alternative or _is_option(item) else "add"
    if item.section is Section.PROPHYLAXIS:
        return "prophylaxis"
    if item.section is Section.SCREENING and item.entry_id == "screening.associated":
        return "screen"
    return None


def _is_option(item: Item) -> bool:
    return item.entry_id.startswith("refractory.") or item.alternative


PATIENT_INTRO = "Here is the usual plan, in short. It is not a set of orders."


PATIENT_STEPS = 4


def render_patient_first_screen(recommendation: Recommendation) -> str:
    """The patient's first reply: the main steps in plain words (at most four), the rest on request."""
    out = ["**Your treatment, in short**", PATIENT_INTRO]
    steps = [item for item in recommendation.items if not item.alternative and item.agent is not None
             or item.urgent]
    steps = [item for item in steps if _group(item) in ("urgent", "steroid", "sparing", "add")]
    steroid_said = False
    for item in steps:
        if item.section is Section.INDUCTION:
            if steroid_said:
                continue  # one plain sentence for the steroid course
            steroid_said = True
        out.append(f"- {plain_step(item)}")
        if len(out) - 2 >= PATIENT_STEPS:
            break
    out.append("")
    out.append("Talk to your care team before you change any medicine. Ask me about tests and visits, "
               "side effects, or say \"full plan\" to see everything.")
    return "\n".join(out)
