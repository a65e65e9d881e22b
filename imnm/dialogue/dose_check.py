"""A dose the user states, held against this patient's dose from the sources.

"They've put her on 60 mg of prednisolone a day. Is that too much for a child?", "switched to AZA 150 mg/d ... is
150 enough for her weight?": the question is neither a dose question (the user has a dose) nor a plan request. It
asks for a comparison, and the answer is the plan's worked dose for that agent with the stated dose placed below,
within or above it. The stated dose is read from the question, or from the user's earlier messages when the
question points back ("is that too much?", "is 150 enough?").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from imnm.engine.dosing import ComputedDose, compute_dose
from imnm.engine.facts import AgeBand, Audience, Severity
from imnm.engine.knowledge import KnowledgeBase, default_knowledge
from imnm.engine.recommendation import Recommendation
from imnm.language.extract.treatments import treatments_named

#: A question that judges an amount: "too much", "enough", "the right dose", "is that ok for his weight".
JUDGES_A_DOSE = re.compile(
    r"\b(?:too\s+(?:much|high|low|little|big|small|many)|(?:a\s+lot|excessive|very\s+high|high)\s+(?:for|in)\b|"
    r"(?:high|big|low)\s+enough|enough|right\s+(?:dose|amount)|"
    r"correct\s+(?:dose|amount)?|appropriate|reasonable|adequate|sufficient|safe\s+dose|"
    r"over\s*dos\w*|under\s*dos\w*|within\s+(?:the\s+)?(?:usual\s+)?range|in\s+range)\b|"
    r"\b(?:that|this|it|\d+(?:\.\d+)?\s*(?:mg|g)?)\s+(?:ok(?:ay)?|alright|right|fine|correct)\b", re.I)
#: An amount with its unit: "60mg", "150 mg/d", "2 g".
AMOUNT = re.compile(r"(?<![\w.])(?P<amount>\d+(?:\.\d+)?)\s*(?P<unit>mg|g|grams?|gm)\b(?!\s*/\s*kg)", re.I)
#: A question typed without its mark: "is that too much", "isn't it a lot".
ASKED_WITHOUT_A_MARK = re.compile(r"\b(?:is|isn'?t|are|was|does)\s+(?:that|this|it)\b", re.I)
#: The question is about the dose: it states one, names the dose, or points at one told before ("is that too much?").
ABOUT_A_DOSE = re.compile(r"\d|\b(?:dose|dosage|amount|that|this|it)\b", re.I)
#: Stopping or tapering is asked about, not an amount ("He wants to come off the MTX. Reasonable?").
STOPPING = re.compile(r"\b(?:stop\w*|come\s+off|coming\s+off|wean\w*|taper\w*|discontinu\w*|withdraw\w*)\b", re.I)
#: A bare number the question points back with: "is 150 enough?".
BARE_NUMBER = re.compile(
    r"(?<![\w.])(?P<amount>\d+(?:\.\d+)?)(?!\s*(?:kg|lb|lbs|st|%|y|yo|years?|months?|weeks?|days?)\b)")


def question_part(text: str) -> str:
    """The last sentence that asks ("They put her on 60 mg. Is that too much?" -> "Is that too much?")."""
    asking = [part for part in re.split(r"(?<=[.!?])\s+", text.strip()) if "?" in part]
    if not asking and (unmarked := ASKED_WITHOUT_A_MARK.search(text)):
        return text[unmarked.start():]  # "they have him on 70mg ... is that too much": from where it asks
    return asking[-1] if asking else text


def _in_mg(amount: float, unit: str) -> float:
    return amount * 1000 if unit.lower().startswith("g") else amount


def _stated(text: str, agent: str | None) -> tuple[str, float] | None:
    """(agent, mg) stated in `text`: an amount next to a drug ("AZA 150mg/d", "60mg of prednisolone")."""
    for match in AMOUNT.finditer(text):
        window = text[max(0, match.start() - 40):match.end() + 30]
        named = treatments_named(window)
        if agent is not None and agent not in named:
            continue
        if named:
            nearest = agent or min(named, key=lambda name: abs(window.lower().find(name[:3]) - 40))
            return nearest, _in_mg(float(match["amount"]), match["unit"])
    return None


def stated_dose(text: str, history: Sequence[str]) -> tuple[str, float] | None:
    """The agent and amount (mg) the question judges: in the question, or told before and pointed back to."""
    named = treatments_named(text)
    found = _stated(text, named[0] if named else None)
    if found is not None:
        return found
    bare = [float(m["amount"]) for m in BARE_NUMBER.finditer(text)]
    for message in reversed(history[-4:]):
        earlier = _stated(message, named[0] if named else None)
        if earlier is not None and (not bare or any(abs(earlier[1] - value) < 1e-9 or abs(earlier[1] - value * 1000)
                                                     < 1e-9 for value in bare)):
            return earlier
    return None


class _Dosed(NamedTuple):
    """A dose for this patient with what the reply says of it."""

    name: str
    dose: ComputedDose
    citations: tuple[str, ...]
    caveat: str | None


def _dose_for(current: Recommendation, agent: str, kb: KnowledgeBase) -> _Dosed | None:
    """The plan's dose of `agent`; before the plan has that step (the severity or the antibody still to come), the
    entry's own dose for this patient's weight and age band, the non-severe one first (the oral steroid, not the IV
    pulse)."""
    item = next((item for item in current.items if item.agent == agent and item.dose is not None
                 and item.dose.low is not None and not item.dose.withheld), None)
    if item is not None:
        return _Dosed(item.short_name, item.dose, item.citations, item.caveat)
    facts = current.facts
    if facts.weight_kg is None or facts.is_juvenile is None:
        return None  # the age band changes the steroid's dose: nothing is compared before it is known
    band = AgeBand.JUVENILE if facts.is_juvenile else AgeBand.ADULT
    fitting = [entry for entry in kb.entries if entry.agent == agent and entry.dose is not None
               and (entry.when is None or not entry.when.age_band or band in entry.when.age_band)]
    fitting.sort(key=lambda entry: (bool(entry.when and entry.when.severity and Severity.SEVERE in entry.when.severity
                                          and len(entry.when.severity) == 1), entry.alternative))
    for entry in fitting:
        dose = compute_dose(entry.dose, facts.weight_kg, facts.is_juvenile)
        if dose.low is not None and not dose.withheld:
            return _Dosed((entry.drug or entry.title).split(" (")[0], dose, entry.citations, entry.caveat)
    return None


def _fmt(value: float) -> str:
    return f"{value:g}"


def dose_check(text: str, history: Sequence[str], current: Recommendation | None, audience: Audience,
               kb: KnowledgeBase | None = None) -> str | None:
    """The stated dose placed against this patient's dose from the sources, or None when the message does not
    judge a stated dose of an agent this plan doses."""
    if (current is None or not ("?" in text or ASKED_WITHOUT_A_MARK.search(text)) or not JUDGES_A_DOSE.search(text)
            or STOPPING.search(text) or not ABOUT_A_DOSE.search(question_part(text))):
        return None
    kb = kb or default_knowledge()
    stated = stated_dose(text, history)
    if stated is None:
        return None
    agent, amount_mg = stated
    item = _dose_for(current, agent, kb)
    if item is None:
        return None
    dose = item.dose
    scale = 1000.0 if (dose.unit or "").lower() == "g" else 1.0
    low, high = dose.low * scale, (dose.high if dose.high is not None else dose.low) * scale
    per = f"/{dose.per}" if dose.per else ""
    ours = f"{_fmt(dose.low)}{'-' + _fmt(dose.high) if dose.high is not None else ''} {dose.unit}{per}"
    said = f"{_fmt(amount_mg / scale)} {dose.unit}{per}"
    if amount_mg < low - 1e-9:
        verdict = f"{said} is below it"
    elif amount_mg > high + 1e-9:
        verdict = (f"{said} is above it: the sources give {ours} as the maximum here" if dose.capped
                   else f"{said} is above it")
    elif dose.capped:
        verdict = f"{said} is that dose, the maximum the sources give"
    else:
        verdict = f"{said} is within it"
    cites = ", ".join(item.citations[:3])
    name = item.name
    if audience is Audience.PATIENT:
        guard = f" Note: {dose.warning}" if dose.warning else ""
        return (f"The usual dose of {name} in the sources for this weight and age is {ours} ({dose.working}); "
                f"{verdict}.{guard} [{cites}]\nYour care team sets the dose and knows the reasons for it: ask them "
                "before changing anything.")
    caveat = (f" **Check dose:** {dose.warning}" if dose.warning else "") + (f" _{item.caveat}_" if item.caveat else "")
    return (f"**{name}** for this patient per the sources: **{ours}** ({dose.working}) [{cites}]. "
            f"Stated: {verdict}.{caveat}")
