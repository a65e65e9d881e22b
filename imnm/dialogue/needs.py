"""Whether this patient needs a treatment asked about by name.

"Does she still need the triple combo?" after the finding that made her severe was taken back, "does he need
IVIG?", "is pred alone enough for him?": the entries about the treatment say when the sources give it, but the
clinician asked about this patient. The answer says whether the treatment is a step of this patient's plan (with
the step's dose), or that it is not for the patient as described and when the sources do give it, and then what
the plan is instead.
"""

from __future__ import annotations

import re

from imnm.dialogue.frames import agents_named, ruled_out
from imnm.engine.facts import Severity
from imnm.engine.knowledge import Entry, KnowledgeBase, Section
from imnm.engine.recommendation import Item, Recommendation
from imnm.render.common import CitationNumbers, dose_line

#: "does she still need the triple combo?", "will he have to have IVIG?", "should my mum be on rituximab?".
NEEDS_ASKED = re.compile(
    r"\b(?:does|do|will|would|should)\s+(?:she|he|they|(?:the\s+)?(?:patient|pt)|my\s+\w+)\s+"
    r"(?:still\s+|really\s+|actually\s+|definitely\s+|now\s+)?(?:need|require|have\s+to\s+(?:have|get|take|be\s+on)|"
    r"be\s+on|get)\s+(?P<thing>[^?.!]{2,60})", re.I)
#: "is pred alone enough?", "was steroid alone ever going to be enough?": one agent on its own.
ALONE_ENOUGH = re.compile(
    r"\b(?P<thing>[\w+/-]+(?:\s+[\w+/-]+)?)\s+(?:alone|on\s+(?:its|their)\s+own|by\s+itself|monotherapy)\b"
    r"[^?.!]{0,30}?\b(?:enough|sufficient|adequate)\b", re.I)
#: Nothing but a filler word between the sentence's start and the question ("So does she still need ...").
OPENS_ITS_SENTENCE = re.compile(r"(?:^|[.!?\n]\s*)(?:(?:so|and|ok(?:ay)?|but|then|hmm+|right)\W*)*$", re.I)
#: The severe-disease combination named as such.
COMBINATION = re.compile(r"\b(?:triple|combo|combination|all\s+three)\b", re.I)
#: The agents "steroids alone are usually not enough" is said of.
STEROIDS = frozenset({"prednisone", "methylprednisolone"})
#: An entry given without a condition of its own.
ANY_PATIENT = "in some patients"
#: Steps of the severe combination are titled so in the knowledge base.
COMBINATION_TITLE = "combination"


def _step(item: Item) -> str:
    return dose_line(item) or item.statement


def _steps(plan: Recommendation, agents: set[str], combination: bool) -> list[Item]:
    return [item for item in plan.items if item.agent in agents and not item.alternative
            and (not combination or COMBINATION_TITLE in item.title.lower())]


def _entries(kb: KnowledgeBase, agents: set[str], combination: bool) -> list[Entry]:
    return [entry for entry in kb.entries if entry.in_plan and entry.agent in agents
            and (not combination or COMBINATION_TITLE in entry.title.lower())]


def _when(entry: Entry) -> str:
    """When the sources give an entry's step, in words."""
    when = entry.when
    parts = []
    if when is not None and when.severity:
        parts.append("for " + " or ".join(level.value for level in when.severity) + " disease")
    if when is not None and when.refractory:
        parts.append("after an inadequate response or a relapse")
    if when is not None and when.antibody:
        parts.append("in " + " or ".join(f"anti-{a.value}" if a.value in ("HMGCR", "SRP") else a.value
                                          for a in when.antibody) + " disease")
    return ", ".join(parts) or ANY_PATIENT


def _described(plan: Recommendation) -> str:
    facts = plan.facts
    words = [f"anti-{facts.antibody.value}" if facts.antibody.value in ("HMGCR", "SRP") else None,
             facts.severity.value if isinstance(facts.severity, Severity) else None,
             "refractory" if facts.refractory else None]
    return ", ".join(word for word in words if word) or "as described"


def answer_needs(text: str, plan: Recommendation | None, kb: KnowledgeBase) -> str | None:
    """The answer to whether this patient needs the treatment the message names, or None when it names none."""
    if plan is None:
        return None
    asked = NEEDS_ASKED.search(text) or ALONE_ENOUGH.search(text)
    if asked is None or not OPENS_ITS_SENTENCE.search(text[:asked.start()]):
        return None  # "what is his prednisone dose, and should he get an IV pulse first?": two questions
    thing = asked["thing"]
    combination = bool(COMBINATION.search(thing))
    agents = ({entry.agent for entry in kb.entries if entry.agent and COMBINATION_TITLE in entry.title.lower()}
              if combination else set(agents_named(thing, kb)))
    if not agents:
        return None
    numbers = CitationNumbers()
    lines: list[str] = []
    if asked.re is ALONE_ENOUGH:
        if not agents <= STEROIDS:
            return None  # "could IVIG alone be enough?": the entries say where a drug works on its own
        sparing = [item for item in plan.items if item.section is Section.STEROID_SPARING and not item.alternative]
        pitfall = next((e for e in kb.entries if e.id == "pitfall.monotherapy"), None)
        if pitfall is not None:
            lines.append(f"**Usually not**: {pitfall.statement} {numbers.cite(pitfall.citations)}")
        lines += [f"In this patient's plan it goes with **{item.title}**: {_step(item)} {numbers.cite(item.citations)}"
                  for item in sparing[:1]]
        return "\n".join([*lines, f"**Sources:** {numbers.listing()}"]) if lines else None
    steps = _steps(plan, agents, combination)
    if steps:
        lines.append("**Yes**, it is a step of this patient's plan:")
        lines += [f"- **{item.title}**: {_step(item)} {numbers.cite(item.citations)}" for item in steps]
    else:
        entries = _entries(kb, agents, combination)
        if not entries:
            return None
        conditions = list(dict.fromkeys(_when(entry) for entry in entries))
        when = "; ".join([condition for condition in conditions if condition != ANY_PATIENT] or conditions)
        cited = tuple(dict.fromkeys(source for entry in entries for source in entry.citations))
        lines.append(f"**Not for this patient as described** ({_described(plan)}): the sources give it {when}. "
                     f"{numbers.cite(cited)}")
        instead = [item for item in plan.items if item.agent and not item.alternative and not item.given
                   and item.section in (Section.INDUCTION, Section.STEROID_SPARING, Section.ANTIBODY_SPECIFIC,
                                        Section.ESCALATION)]
        if instead:
            lines.append("Her plan instead:" if "she" in text.lower() or "her" in text.lower() else "The plan instead:")
            lines += [f"- **{item.title}**: {_step(item)} {numbers.cite(item.citations)}" for item in instead[:4]]
    return "\n".join([*lines, f"**Sources:** {numbers.listing()}"])


def _mentioned(names: tuple[str, ...], text: str) -> re.Match[str] | None:
    return re.search(r"\b(?:" + "|".join(re.escape(name) for name in names) + r")\b", text, re.I)


def named_but_not_answered(text: str, reply: str, plan: Recommendation | None, kb: KnowledgeBase,
                           given: frozenset[str] = frozenset()) -> str | None:
    """Where each drug the question names stands in this patient's plan, for the drugs the answer left out
    ("escalation? thinking IVIG given HMGCR" answered with the refractory options, IVIG being a step already): a
    question that names a drug is answered about that drug too. Drugs ruled out ("reacted badly to MTX, so the other
    one") or already `given` are not asked about. None when the answer covers every drug named."""
    if plan is None:
        return None
    lines = []
    out = ruled_out(text, kb) | given
    for agent in agents_named(text, kb):
        if agent in out:
            continue
        names = kb.agents.get(agent, (agent,))
        written = _mentioned(names, text)
        if _mentioned(names, reply) or written is None:
            continue
        steps = _steps(plan, {agent}, False)
        if steps:
            item = steps[0]
            lines.append(f"- **{written[0]}** is already a step of this plan (**{item.title}**): {_step(item)} "
                         f"[{', '.join(item.citations)}]")
            continue
        entries = _entries(kb, {agent}, False)
        if entries:
            when = "; ".join(dict.fromkeys(_when(entry) for entry in entries))
            cited = ", ".join(dict.fromkeys(source for entry in entries for source in entry.citations))
            lines.append(f"- **{written[0]}** is not a step of this plan ({_described(plan)}): the sources give it "
                         f"{when}. [{cited}]")
    return "\n".join(lines) or None
