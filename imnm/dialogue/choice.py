"""A choice among the drugs just discussed: "which of those is dosed by weight?".

The drugs are the ones the bot's last answer named (or, without one, the user's last list), in order;
the property is read from each drug's own entry (its dose basis, its route, its frequency), so the
answer follows the knowledge base rather than a word list of drugs. Each drug is cited.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from imnm.dialogue.frames import agents_named, ruled_out, ruled_out_lately
from imnm.engine.dosing import compute_dose
from imnm.engine.facts import Audience
from imnm.engine.knowledge import Entry, KnowledgeBase
from imnm.engine.recommendation import Recommendation
from imnm.render.common import CitationNumbers

WHICH_OF_THOSE = re.compile(r"\bwhich\s+(?:one\s+)?of\s+(?:those|these|them|the\s+(?:two|three|options|drugs|agents))"
                            r"\b|\bwhich\s+one\s+(?:is|are|can|should|do|would)\b", re.I)


def _by_weight(entry: Entry) -> bool:
    return entry.dose is not None and entry.dose.basis == "per_kg"


def _intravenous(entry: Entry) -> bool:
    said = " ".join(part for part in (entry.route, entry.title, entry.dose.text if entry.dose else "") if part)
    return bool(re.search(r"\bintravenous\w*|\bIV\b|\bIVIG\b", said))


def _weekly(entry: Entry) -> bool:
    return "week" in (entry.frequency or "") or bool(entry.dose and "week" in entry.dose.text)


#: (how the question names the property, how the answer names it, the entry's test).
PROPERTIES: tuple[tuple[re.Pattern[str], str, Callable[[Entry], bool]], ...] = (
    (re.compile(r"\b(?:by|per|on|for|according\s+to)\s+(?:body\s+)?weight\b|\bweight[-\s]based\b|\bper\s+kg\b|"
                r"\b(?:mg|g)/kg\b", re.I), "dosed by weight", _by_weight),
    (re.compile(r"\b(?:iv|intravenous\w*|drip|infusion|infused|into\s+a\s+vein)\b", re.I), "given intravenously",
     _intravenous),
    (re.compile(r"\b(?:weekly|once\s+a\s+week|each\s+week|every\s+week)\b", re.I), "given weekly", _weekly),
)


def _entry_for(agent: str, kb: KnowledgeBase, plan: Recommendation | None) -> Entry | None:
    in_plan = {item.entry_id for item in plan.items} if plan is not None else set()
    dosed = [entry for entry in kb.entries if entry.agent == agent and entry.dose is not None]
    return next((entry for entry in dosed if entry.id in in_plan), dosed[0] if dosed else None)


#: A drug picked by a property rather than by name or place: "let's go with the weight-based one", "the IV one",
#: "the one dosed by weight".
ONE_BY_ITS_PROPERTY = re.compile(
    r"\bthe\s+(?:(?:weight[-\s]based|(?:mg|g)/kg|per[-\s]kg|iv|intravenous|infusion|drip|weekly|once[-\s]a[-\s]week)\s+"
    r"(?:one|option|drug|agent)|one\s+(?:that'?s\s+|which\s+is\s+|that\s+is\s+)?(?:dosed\s+|given\s+)?(?:by|per|on|according\s+to)\s+"
    r"(?:body\s+)?weight|one\s+(?:that'?s\s+|which\s+is\s+|that\s+is\s+)?(?:given\s+)?(?:iv|intravenously|weekly|by\s+infusion))\b",
    re.I)


def _choices(last_reply: str, history: Sequence[str], kb: KnowledgeBase, plan: Recommendation | None) -> list[Entry]:
    """The drugs a choice is among: those of the bot's last answer (else the user's last list), less any ruled out."""
    candidates = list(dict.fromkeys(agents_named(last_reply, kb))) or next(
        (list(dict.fromkeys(agents)) for agents in (agents_named(message, kb) for message in reversed(history[-2:]))
         if len(agents) > 1), [])
    # "If methotrexate cannot be used, the sources give ...": methotrexate is not one of the choices.
    out = ruled_out(last_reply, kb) | ruled_out_lately(history, kb)
    return [entry for entry in (_entry_for(agent, kb, plan) for agent in candidates if agent not in out)
            if entry is not None]


def picked_by_property(text: str, last_reply: str, history: Sequence[str], kb: KnowledgeBase,
                       plan: Recommendation | None) -> str | None:
    """The one drug of the choices just given that has the property the message picks it by, else None."""
    picked = ONE_BY_ITS_PROPERTY.search(text)
    if picked is None:
        return None
    test = next((test for pattern, _, test in PROPERTIES if pattern.search(picked[0])), None)
    if test is None:
        return None
    having = [entry.agent for entry in _choices(last_reply, history, kb, plan) if test(entry)]
    return having[0] if len(having) == 1 else None


def which_of_those(text: str, last_reply: str, history: Sequence[str], kb: KnowledgeBase,
                   plan: Recommendation | None, audience: Audience) -> str | None:
    """The answer to a choice among the drugs just discussed, or None when the message asks no such choice."""
    if not WHICH_OF_THOSE.search(text):
        return None
    asked = next(((name, test) for pattern, name, test in PROPERTIES if pattern.search(text)), None)
    if asked is None:
        return None
    entries = _choices(last_reply, history, kb, plan)
    if len(entries) < 2:
        return None
    name, test = asked
    numbers = CitationNumbers()
    weight = plan.facts.weight_kg if plan is not None else None
    juvenile = plan.facts.is_juvenile if plan is not None else None

    def described(entry: Entry) -> str:
        dose = f" ({entry.dose.text}" if entry.dose is not None else " ("
        if weight is not None and entry.dose is not None and entry.dose.basis == "per_kg" and audience is not (
                Audience.PATIENT):
            worked = compute_dose(entry.dose, weight, juvenile)
            if worked.low is not None:
                dose += f"; for {weight:g} kg: **{worked.amount_text}**"
        return f"**{entry.drug or entry.agent}**{dose}) {numbers.cite(entry.citations)}"

    yes = [described(entry) for entry in entries if test(entry)]
    no = [described(entry) for entry in entries if not test(entry)]
    lines = [f"Of {', '.join(entry.drug or entry.agent or '' for entry in entries)}:",
             f"- {name}: {'; '.join(yes) if yes else 'none of them'}",
             f"- not {name}: {'; '.join(no) if no else 'none of them'}",
             f"**Sources:** {numbers.listing()}"]
    return "\n".join(lines)
