"""Treatments the patient has had or is on, read from what a message tells, not from what it plans or asks.

A plan for a refractory patient offered "add IVIG" to a patient whose three IVIG cycles had not worked:
each statement was true, the plan was not one for this patient. What has been given is a fact like the
antibody, and it has to be read with the same care: "had IVIG x3", "on pred + MTX for 6 months", "failed
azathioprine", "despite rituximab", "MMF stopped for cytopenias", "Medications: prednisolone 30 mg" tell
it; "plan: start IVIG", "should we try rituximab?", "IVIG-naive", "never had MMF", "if the IVIG fails"
and "patients usually get IVIG" do not. A drug counts only when a word that tells of it being given sits
next to it in the same clause (or a heading of past or current treatment stands above it), and no word
of a plan, a question, a condition or a negation does: a missed treatment leaves the plan as it was, a
wrong one would demote a good option, so doubt reads as "not given".

The drug names come from the question words of the treatment topics (`question_words.TOPIC_WORDS`), the
one place they are kept, less the few that are not names of a drug ("pulse", "b cell").
"""

from __future__ import annotations

import re
from functools import lru_cache

from imnm.language.extract.course import asks_rather_than_tells, said_in_general, sentences
from imnm.language.extract.lexicon import MONTH, YEAR
from imnm.language.extract.pipeline import NOT_THE_PATIENT, about_someone_else_at
from imnm.language.question_words import TOPIC_WORDS

#: Question topic -> the knowledge base's agent (`engine.facts.Treatment`).
TOPIC_AGENTS = {
    "steroids": "prednisone", "methylprednisolone": "methylprednisolone", "methotrexate": "methotrexate",
    "azathioprine": "azathioprine", "mycophenolate": "mycophenolate", "ivig": "ivig", "rituximab": "rituximab",
    "tacrolimus": "tacrolimus", "cyclophosphamide": "cyclophosphamide", "plasma-exchange": "plasma_exchange",
}
#: Topic words that do not name a drug given ("pulse 88", "b cell depletion", "tac" in other senses).
NOT_A_DRUG_NAME = frozenset({"pulse", "b-cell", "b cell", "tac", "calcineurin"})
#: Words of this length or shorter must stand alone ("aza" is not in "azalea"); longer ones take endings.
SHORT_WORD = 4

#: Told as given: before the drug, in the same clause ("had", "on", "failed", "despite", "3 cycles of").
GIVEN_BEFORE = re.compile(
    r"\b(?:had|has\s+had|have\s+had|received|receiving|receives|given|got|gotten|getting|tried|trialled|trialed|"
    r"gave|gives|failed|failing|despite|after|following|post|s/p|status\s+post|completed|on|onto|off|been\s+on|taking|takes?|"
    r"took|uses|using|used|treated|treatment\s+with|started|commenced|began|begun|initiated|escalated|switched|changed|added|"
    rf"{YEAR}|"
    r"maintained|continued|continuing|weaned|tapered|tapering|weaning|refractory\s+to|resistant\s+to|"
    r"unresponsive\s+to|respon\w*\s+(?:\w+\s+)?to|intoleran\w*\s+(?:of|to)|stopped|discontinued|"
    r"(?:day|week|dose|cycle|course|infusion)\s*#?\d+\s+of|(?:courses?|cycles?|doses?|"
    r"infusions?|rounds?|trial|months?|weeks?|years?)\s+of|x\s*\d+|\d+\s*x)\b", re.I)
#: Told as given: right after the drug ("IVIG x3", "MTX 20 mg weekly", "MMF - stopped", "RTX in March").
GIVEN_AFTER = re.compile(
    # "IVIG monthly x6": how often it was given may stand between the drug and the count.
    r"^\s*(?:pulses?|infusions?|courses?|tablets?|iv|po|oral)?\s*(?:(?:monthly|weekly|daily|fortnightly)\s+)?[,:-]?\s*(?:x\s*\d|×\s*\d|\d+(?:\.\d+)?\s*(?:mg|g|gm|grams?|cycles?|courses?|infusions?|"
    r"doses?|rounds?|months?|weeks?|years?)\b|(?:was|were|has\s+been|had\s+been|is|are)?\s*(?:given|started|"
    r"commenced|tried|trialled|failed|stopped|discontinued|held|added|used|weaned|tapered|completed|ineffective|"
    rf"withdrawn|continued|since|from|until|in\s+(?:{MONTH[3:-1]}|19|20)|"
    r"for\s+(?:\d+|a|an|one|two|three|four|five|six|several|few|many)\s+(?:\w+\s+)?(?:days?|wks?|weeks?|mo|mths?|months?|"
    rf"yrs?|years?|cycles?|courses?|doses?|rounds?|infusions?|while)\b)|{YEAR}\b|did\s*n[o']?t\s+(?:work|help)|"
    # "steroids and methotrexate havent done much": a drug whose effect is judged was given.
    r"(?:have|has|had)\s*(?:n['’]?t|not)\s+(?:really\s+)?(?:done|worked|helped|made\s+(?:much|any))\b|"
    r"(?:with(?:out)?|no|little|minimal|partial|some|good)\s+(?:\w+\s+)?(?:benefit|effect|response|improvement)|"
    r"only\s+(?:partial|transient|modest))", re.I)
#: A plan, an offer, a condition or a question word in the clause before the drug: not given (yet).
PLANNED_BEFORE = re.compile(
    r"\b(?:plan\w*|will|shall|going\s+to|to\s+(?:start|begin|give|add|try|commence|receive|have|get)|start|begin|"
    r"commence|consider\w*|recommend\w*|suggest\w*|advis\w*|would|should|could|might|if|unless|whether|"
    r"propos\w*|discuss\w*|options?|arrang\w*|book\w*|schedul\w*|due\s+(?:for|to\s+(?:start|have|get|receive))|next|await\w*|pending|request\w*|apply\w*|"
    r"application|candidate|offer\w*|add|try|trial\s+of\s+(?=\w+\s+(?:next|soon))|escalate\s+to|switch\s+to|move\s+to|"
    r"(?:are|is|'re|am)\s+starting|needs?|needing|wants?|wanting|hoping|think\w*|prefer\w*|instead|rather|what|which|how|can|potentially|"
    r"possibl\w*|worth|keen|eligible|funding|justify|justif\w+|warrant\w*|referr?(?:ed|al)?\s+for|before\s+(?:starting|giving)|prior\s+to|"
    r"alternatives?|vs\.?|versus)\b|\b(?-i:may)\b",
    re.I)
#: Not given: a negation or refusal before the drug in its clause ("no IVIG", "never had MMF", "declined RTX").
NOT_GIVEN_BEFORE = re.compile(
    r"\b(?:no|not|never|nor|without|none|declined|refused|yet\s+to|contraindicat\w*|avoid\w*|unable\s+to|"
    r"instead\s+of|rather\s+than|"
    # "was worried about MTX at her age", "reluctant to use azathioprine": a drug held back by a concern.
    r"worri\w*|concern\w*|wary|nervous|reluctan\w*|hesitan\w*|apprehensive|afraid|scared|fear\w*)\b|n't\b|n['’]t\b",
    re.I)
#: ...unless the negation is of the response, not of the drug ("no response to IVIG", "did not respond to MTX").
RESPONSE_NEGATED = re.compile(
    # "isn't getting better after 4 months of pred": a contracted "not" is joined to its verb (no word boundary).
    r"(?:\b(?:no|not|never|without)|n['’]t)\s+(?:\w+\s+){0,2}?(?:respon\w*|improv\w*|benefit\w*|better|stronger|change|effect|controll?\w*|settl\w*)\b"
    r"[^,;]*$|\bnot\s+(?:tolerat\w*|work\w*|help\w*)\b", re.I)
#: Not given: said right after the drug ("IVIG-naive", "RTX planned", "MMF not tried", "IVIG booked").
NOT_GIVEN_AFTER = re.compile(
    r"^\s*(?:[-–]?\s*naive|(?:is|was|has\s+been|to\s+be|will\s+be)?\s*(?:planned|booked|scheduled|requested|"
    r"recommended|suggested|considered|proposed|pending|awaited|next|tomorrow|to\s+start|to\s+follow|not|never|"
    # "MTX to be added next week".
    r"(?<=to\sbe\s)(?:added|started|given|commenced)|"
    r"declined|refused|contraindicated|applied\s+for)\b|\?)", re.I)
#: How far back a plan reaches: "We will start prednisolone (34 mg) with methotrexate 15 mg weekly" plans both.
PLAN_BREAK = re.compile(r"[;:]|\s[-–—]\s|\b(?:but|however|though|although|whereas|then)\b", re.I)
#: Where a clause ends: what is told of one drug does not carry past it.
CLAUSE_BREAK = re.compile(r"[;:()]|\s[-–—]\s|\b(?:but|however|though|although|whereas|then|so)\b", re.I)
#: Where what is said after a drug stops being about it (a bracket right after it still is: "IVIG (x3)").
AFTER_BREAK = re.compile(r"[;:]|\s[-–—]\s|\b(?:but|however|though|although|whereas|then|so)\b", re.I)
#: Between two drugs of one list ("pred 2 mg/kg capped at 60 + sc MTX", "IVIG x3 and rituximab"): a joining word,
#: few other words, and nothing that plans or negates.
LISTED_WITH = re.compile(r"(?=[^.;:?!]{0,45}$)(?![^.;:]*\b(?:no|not|never|but|plan\w*|will|start|consider\w*|"
                         r"if)\b)[^.;:?!]*(?:\+|&|\band\b|\bplus\b|\bwith\b|\bthen\b|,|/|→|->)[^.;:?!]*", re.I)
#: A lead-in that tells what follows was given: "3 yrs of treatment - pred, then MMF", "Tried: IVIG, RTX".
GIVEN_LEAD = re.compile(r"\b(?:treatments?|therapy|therapies|treated|tried|had|received|immunosuppression|"
                        r"immunotherapy)\s*(?:so\s+far|to\s+date)?\s*$", re.I)
#: A heading over past or current treatment ("Medications:", "Treatment to date:", "Previous immunotherapy:").
GIVEN_HEADING = re.compile(
    r"^\s*(?:current\s+|regular\s+|previous\s+|prior\s+|past\s+)?(?:medications?|meds|drugs?|drug\s+history|dh|"
    r"rx|treatment(?:\s+(?:so\s+far|to\s+date|history|received))?|therapy\s+to\s+date|immunotherapy|"
    r"immunosuppression)\s*(?:history|so\s+far|to\s+date)?\s*:", re.I | re.M)
#: A heading over what is to be done: everything under it until another heading is a plan.
PLAN_HEADING = re.compile(
    r"^\s*(?:[\w/ ]{0,20}\s)?(?:plan|recommendations?|suggestions?|advice|next\s+steps?|to\s+do|management)\s*"
    r"(?:going\s+forward)?\s*[:\-]", re.I | re.M)
#: A timeline's date before its colon: a year, a month's name, "month 2", "wk 6".
DATED_LEAD = re.compile(rf"(?:\b{YEAR}|\b{MONTH}[a-z]*\.?|\b(?:month|mo|week|wk|day)\s*\d+)\s*$", re.I)
ANY_HEADING = re.compile(r"^\s*[A-Za-z][\w /&]{0,40}:", re.M)


#: A harm a drug did: what makes stopping it a reason not to give it again.
_HARM_WORDS = (r"side[-\s]?effects?|toxicit\w*|intoleran\w*|reactions?|nausea|vomit\w*|rash\w*|cytopeni\w*|"
               r"neutropeni\w*|leu[ck]openi\w*|pancytopeni\w*|thrombocytopeni\w*|marrow|hepat\w*|liver|lfts?|alt|ast|"
               r"transamin\w*|pancreatit\w*|diarrh\w*|gi\s+upset|ulcers?|pneumonitis|allerg\w*|deranged|infections?|"
               r"white\s+(?:cell\s+)?count|neutrophils?|hair\s+loss|kidney|renal|creatinine")
_A_HARM = rf"\b(?:{_HARM_WORDS})\b"
#: Words that say a drug cannot be used for this patient: "can't tolerate methotrexate", "allergic to aza", "MTX is
#: contraindicated", "MMF stopped for cytopenias", "so MTX is out", "a no-go", "had a bad reaction to it".
NOT_FOR_USE = re.compile(
    r"\b(?:can'?t|cannot|can\s+not|couldn'?t|unable\s+to)\s+(?:have|take|tolerate|use|be\s+(?:given|used))\b|\bintoleran\w*|"
    # Not "a relative contraindication"; not "they gave him rituximab" (only "MMF gave her diarrhoea").
    r"\ballerg\w*|(?<!relative\s)\bcontraindicat\w*|\bgave\s+(?:her|him|them|me)\s+(?=(?:\w+\s+){0,2}?"
    r"(?:bad\s+|terrible\s+|awful\s+)?(?:" + _HARM_WORDS + r"))|\bnot\s+tolerated\b|"
    # "She had a bad reaction to MTX years ago", "reacted badly to aza", "side effects on MMF".
    r"\b(?:bad|severe|serious|adverse|nasty|awful|terrible)\s+(?:reaction|response|time|side[-\s]effects?|gi\s+upset|"
    r"nausea|vomiting|diarrh\w*|rash|hepatitis)\b|"
    r"\breact(?:s|ed)?\s+(?:badly|poorly)\b|\bdidn'?t\s+(?:tolerate|suit|agree\s+with)\b|\banaphyla\w*|"
    # "my neuro said never again", "isn't feasible", a note's imperative at the end ("cystitis previously, avoid.").
    r"\bnever\s+again\b|\b(?:isn'?t|is\s+not|not)\s+feasible\b|^\s*avoid\b(?=\W*$)|"
    # Stopped for a harm ("stopped because of cytopenias"), not for a taper finished, a remission or an operation.
    r"\b(?:stopped|withdrawn|discontinued)\s+(?:for|because|due\s+to|after)\b(?=[^.;]{0,60}?" + _A_HARM + r")|"
    r"\b(?:hepatotox\w*|transaminitis|cytopeni\w*|pancreatitis)\b|-induced\s+" + _A_HARM + r"|"
    # "not to be rechallenged", "MMF off the table", "rituximab not possible", "isn't an option", "had to be stopped".
    r"\bnot\s+to\s+be\s+(?:re-?challenged|re-?started|re-?introduced|given|used)\b|\boff\s+the\s+table\b|"
    r"\b(?:isn'?t|is\s+not|not)\s+(?:an?\s+)?(?:option|possible)\b(?!\s+to\b)|\bhad\s+to\s+be\s+(?:stopped|withdrawn|discontinued)\b|"
    r"\b(?:we(?:'re|\s+are)|are|is)\s+avoiding\b|"
    # "so MTX is out", "aza is not an option", "MMF is off the table".
    r"\b(?:is|are)\s+(?:out|off\s+the\s+table|not\s+(?:an\s+)?options?|not\s+suitable|ruled\s+out)\b|"
    # "ALD with cirrhosis so MTX is a no go".
    r"\b(?:is|are)\s+(?:a\s+)?no[-\s]?go\b|\bno[-\s]go\b", re.I)
#: How far after the words a drug they rule out may be named.
AFTER_REACH = 40
#: Where one drug's exclusion ends: "can't take MTX, so aza?" rules out MTX alone.
EXCLUSION_CLAUSE = re.compile(r"[,.;]|\band\b|\bbut\b|\bso\b", re.I)
#: A supposition, not a fact: "if methotrexate is contraindicated", "what if she can't tolerate it".
SUPPOSED = re.compile(r"\b(?:if|unless|whether|suppos\w*|assuming|in\s+case|were)\b", re.I)


def excluded_in(cue: re.Match[str], agents_at: list[tuple[int, str]], reach: float = AFTER_REACH) -> list[str]:
    """The drugs a clause's words `cue` say cannot be used: those named after the words ("can't take MTX or aza"),
    else the one named right before them ("methotrexate is contraindicated"). One rule for the facts told and for the
    dialogue's questions (`frames.ruled_out`, which reads the drugs by the knowledge base's names)."""
    # Named right after the words ("allergic to azathioprine"), not in a later field ("Allergies: sulfa (rash) ...
    # methotrexate").
    after = [agent for position, agent in agents_at if cue.start() <= position <= cue.end() + reach]
    before = [agent for position, agent in agents_at if position < cue.start()]
    return after or before[-1:]


def treatments_ruled_out(text: str) -> list[str]:
    """Agents this message tells cannot be used for this patient, in the order told; a question or a supposition
    ("is aza better if MTX is contraindicated?") tells none, nor does another person's course."""
    found: list[str] = []
    pattern = _drug_pattern()
    for start, sentence in sentences(text):
        if not pattern.search(sentence) or said_in_general(sentence):
            continue
        # "intolerant to both methotrexate and mycophenolate": a pair of drugs is one list, not two clauses (the same
        # length, so offsets still match).
        told = _pairs_joined(_told_part(sentence), pattern)
        offset = 0
        for clause in EXCLUSION_CLAUSE.split(told):
            at = told.find(clause, offset)
            offset = at + len(clause)
            cue = NOT_FOR_USE.search(clause)
            if cue is None or SUPPOSED.search(clause, 0, cue.start()):
                continue
            if NOT_THE_PATIENT.search(clause, 0, cue.end()):
                continue  # "his brother couldn't tolerate MTX"
            agents_at = [(m.start(), m.lastgroup) for m in pattern.finditer(clause) if m.lastgroup
                         and not about_someone_else_at(text, start + at + m.start(), start + at + m.end())]
            if not agents_at:
                # "Aza: bone marrow suppression in 2021, not to be rechallenged": the drug the sentence is about.
                agents_at = [(-1, m.lastgroup) for m in pattern.finditer(told, 0, at) if m.lastgroup][-1:]
            found += [agent for agent in excluded_in(cue, agents_at) if agent not in found]
    return found


def _pairs_joined(told: str, pattern: re.Pattern[str]) -> str:
    """`told` with an "and" right between two drug names written "+  " (same length), so no clause splits the pair."""
    drugs = list(pattern.finditer(told))
    for first, second in zip(drugs, drugs[1:], strict=False):
        between = told[first.end():second.start()]
        if re.fullmatch(r"\s+and\s+", between, re.I):
            at = first.end() + between.lower().index("and")
            told = told[:at] + "+  " + told[at + 3:]
    return told


@lru_cache(maxsize=1)
def _drug_pattern() -> re.Pattern[str]:
    """One pattern naming every drug, with the agent as the group's name."""
    groups = []
    for topic, agent in TOPIC_AGENTS.items():
        words = sorted((word for word in TOPIC_WORDS[topic] if word not in NOT_A_DRUG_NAME), key=len, reverse=True)
        alternatives = "|".join(
            re.escape(word).replace(r"\ ", r"[\s-]") + ("" if len(word) <= SHORT_WORD else r"[\w-]*")
            for word in words)
        groups.append(rf"(?P<{agent}>(?<![\w-])(?:{alternatives})(?![\w]))")
    return re.compile("|".join(groups), re.I)


def _headings(text: str) -> list[tuple[int, str]]:
    """Every heading of the text as (start, kind), found once per message: "given", "plan" or "other"."""
    return [(m.start(), kind) for pattern, kind in ((GIVEN_HEADING, "given"), (PLAN_HEADING, "plan"),
                                                    (ANY_HEADING, "other"))
            for m in pattern.finditer(text)]


def _under_a_heading(headings: list[tuple[int, str]], position: int) -> str | None:
    """"given" or "plan" when the nearest heading above `position` is one of those, else None."""
    above = [(at, kind) for at, kind in headings if at <= position]
    if not above:
        return None
    # The most specific heading at the nearest start: a given or plan heading is also "any heading".
    start = max(at for at, _ in above)
    kinds = {kind for at, kind in above if at == start}
    return "plan" if "plan" in kinds else "given" if "given" in kinds else None


def _told_part(sentence: str) -> str:
    """The part of a sentence that tells: all of it, or for a question, the clauses before it asks
    ("she's had IVIG x3 with no response, what next?")."""
    if not sentence.rstrip().endswith("?"):
        return sentence
    ask = re.search(r"[,;:]\s*(?:so\s+|and\s+|but\s+)?(?:what|which|how|should|would|could|can|is|are|do|does|any|"
                    r"next|now|where|when|why|shall|will)\b|\s[-–—]\s", sentence, re.I)
    return sentence[:ask.start()] if ask else ""


def _negated(clause_before: str) -> bool:
    """A negation of the drug, not of its response ("no response to IVIG"), and not one that a later comma and
    a new verb of giving leave behind ("did not respond to MTX, had rituximab")."""
    negations = list(NOT_GIVEN_BEFORE.finditer(clause_before))
    # Only the negation nearest the drug says what is negated: "isn't improving and hasn't had rituximab yet" has not
    # had rituximab.
    if not negations or RESPONSE_NEGATED.search(clause_before, negations[-1].start()):
        return False
    rest = clause_before[negations[-1].end():]
    comma = rest.find(",")
    return comma == -1 or not GIVEN_BEFORE.search(rest, comma)


def _ruled_out(clause_before: str, plan_scope: str, after: str) -> bool:
    """Planned, asked or negated: not given, whatever a neighbour in its list tells."""
    return bool(PLANNED_BEFORE.search(plan_scope) or NOT_GIVEN_AFTER.match(after) or _negated(clause_before))


def _given(clause_before: str, plan_scope: str, after: str, heading: str | None, listed: bool) -> bool:
    if _ruled_out(clause_before, plan_scope, after):
        return False
    return bool(listed or GIVEN_BEFORE.search(clause_before) or GIVEN_AFTER.match(after) or heading == "given"
                or RESPONSE_NEGATED.search(clause_before))


def _scopes(before: str) -> tuple[str, str]:
    """What is said before a drug that can tell of it: its clause (for words of giving and negation), and the
    longer reach of a plan ("We will start prednisolone (34 mg) with methotrexate")."""
    breaks = list(CLAUSE_BREAK.finditer(before))
    clause = before[breaks[-1].end():] if breaks else before
    if breaks and breaks[-1].group().strip() in ("-", "–", ":") and GIVEN_LEAD.search(before[:breaks[-1].start()]):
        clause = "had " + clause  # "3 yrs of treatment - pred": the lead-in's giving carried over its dash
    elif breaks and breaks[-1].group().strip() == ":" and re.search(
            DATED_LEAD, lead := before[:breaks[-1].start()]) and not PLANNED_BEFORE.search(lead):
        clause = "had " + clause  # "2020: IVIG", "Jan: pred + aza": a timeline's dated step
    plan_breaks = list(PLAN_BREAK.finditer(before))
    return clause, before[plan_breaks[-1].end():] if plan_breaks else before


def treatments_named(text: str) -> list[str]:
    """Agents a text names at all, given or not (what "it" may stand for)."""
    return list(dict.fromkeys(match.lastgroup for match in _drug_pattern().finditer(text) if match.lastgroup))


def treatments_given(text: str) -> list[str]:
    """Agents this message tells the patient has had or is on, in the order first told."""
    found: list[str] = []
    pattern = _drug_pattern()
    headings: list[tuple[int, str]] | None = None
    for start, sentence in sentences(text):
        if not pattern.search(sentence):
            continue  # no drug named: nothing to read, and no heading to look up
        headings = _headings(text) if headings is None else headings
        heading = _under_a_heading(headings, start + len(sentence) - len(sentence.lstrip()))
        if heading == "plan" or said_in_general(sentence):
            continue
        if asks_rather_than_tells(sentence) and not sentence.rstrip().endswith("?"):
            continue
        told = _told_part(sentence)
        given_until = -1  # where the last drug told as given ends: "pred 60 mg + sc MTX" lists the MTX as given too
        waiting: list[tuple[str, int]] = []  # drugs named with nothing yet telling them given, and where each ends
        for match in pattern.finditer(told):
            agent = match.lastgroup
            if agent is None:
                continue
            before = told[:match.start()]
            clause_before, plan_scope = _scopes(before)
            after = told[match.end():].lstrip(" (")  # "IVIG (x3)" tells as "IVIG x3" does
            after = after[:m.start()] if (m := AFTER_BREAK.search(after)) and m.start() > 0 else after
            listed = given_until >= 0 and bool(LISTED_WITH.fullmatch(told[given_until:match.start()]))
            if about_someone_else_at(text, start + match.start(), start + match.end()):
                continue
            if _given(clause_before, plan_scope, after, heading, listed):
                # "pred+MTX 2019": what tells the second as given tells the first it is listed with too.
                if waiting and LISTED_WITH.fullmatch(told[waiting[-1][1]:match.start()]):
                    found.extend(name for name, _ in waiting if name not in found)
                waiting = []
                given_until = match.end()
                if agent not in found:
                    found.append(agent)
            elif not _ruled_out(clause_before, plan_scope, after):
                waiting = [*waiting, (agent, match.end())] if waiting and LISTED_WITH.fullmatch(
                    told[waiting[-1][1]:match.start()]) else [(agent, match.end())]
            else:
                waiting = []
    return found
