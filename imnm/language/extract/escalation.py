"""The course read from what was done, not from words about the response.

Clinicians often tell a refractory course as the treatments given one after another ("pred + MTX -> pred + MMF ->
added IVIG -> rituximab", "then rituximab last year and she has been good since", "after 3 months we increased the
MTX to 25") and leave the verdict unsaid: an agent the sources keep for an inadequate response or a relapse, given
after an earlier line, or an earlier line's dose raised after months, *is* that verdict. Reading the sequence covers
every way of wording the response at once, which the response lexicon (`course.NO_RESPONSE`) never could.

A switch for intolerance ("changed to MMF because of her LFTs"), a plan not yet carried out ("will add IVIG if"),
and agents given together at the start ("IVMP and IVIG on admission", "pred, MTX and IVIG upfront") tell no
inadequate response, and neither does an escalation agent named without an earlier line.
"""

from __future__ import annotations

import re

from imnm.language.extract.course import (
    CONDITIONAL,
    NO_RESPONSE,
    TREATMENT_OR_TIME,
    asks_rather_than_tells,
    sentences,
)
from imnm.language.extract.course_state import MONTHS_TO_JUDGE, months_of_treatment
from imnm.language.extract.lexicon import PRED, STEROID, YEAR

#: A line of immunotherapy the sources give first (steroids and the steroid-sparing agents).
FIRST_LINE = re.compile(rf"\b(?:{PRED}|{STEROID}|ivmp|methylpred\w*|mtx|methotrexate|aza\w*|imuran|mmf|"
                        r"mycophenol\w*|cellcept)\b", re.I)
#: Agents the sources add for an inadequate response or a relapse (IVIG also first-line in anti-HMGCR and severe
#: disease, hence the checks for a start together below).
ESCALATION_AGENT = (r"(?:ivig|immunoglobulins?|ritux\w*|rtx|mabthera|rituxan|tacro\w*|prograf|advagraf|"
                    r"ciclosporin|cyclosporin\w*|cyclophosphamide|plex|plasma\s*(?:exchange|pheresis)|plasmapheresis)")
#: A later step: an arrow, "then", "added", "switched to", "escalated to", "followed by", "went on to".
THEN = (r"(?:(?<=[a-z\d)])\s*(?:->|→|=>|-->|>)\s*|\bthen\b|\bthereafter\b|\bsubsequently\b|\blater\b|\badded\b|"
        r"\badd(?:ing|ed)?\s+on\b|\bswitched\s+(?:to|over\s+to)\b|\bchanged\s+to\b|\bescalated\s+(?:to|with)\b|"
        r"\bstepped\s+up\s+to\b|\bfollowed\s+by\b|\bwent\s+on\s+to\b|\bmoved\s+(?:on\s+)?to\b)")
#: The agent right after the step, not an item of a list that follows it ("then prednisolone 60 mg, IVIG 2 g/kg").
LATER_AGENT = re.compile(rf"{THEN}\s*(?:(?:on|with|to|in|a|an|the|her|his|course\s+of|monthly|weekly|added|"
                         rf"started|gave|given|had)\s+){{0,3}}{ESCALATION_AGENT}\b|"
                         # "rituximab was added in July": the passive.
                         rf"\b{ESCALATION_AGENT}\b(?:\([^()]*\)|[^.;,()]){{0,60}}?\b(?:was|were)\s+(?:then\s+|later\s+|subsequently\s+)*"
                         rf"(?:added|given|started|commenced|tried)\b|"
                         # "tacrolimus added in the autumn".
                         rf"\b{ESCALATION_AGENT}\s+(?:(?:then|later|subsequently)\s+)?added\b", re.I)
#: "He was treated with IVIG 2 g/kg and plasma exchange": a step only after a sentence that tells the earlier line
#: failing ("Despite three weeks of steroids he continued to deteriorate"); otherwise how treatment began ("because of
#: steroid-induced psychosis, she was treated with IVIG monotherapy").
TREATED_WITH_AGENT = re.compile(
    r"\b(?:was|were)\s+(?:then\s+|later\s+|subsequently\s+)*(?:treated|started|commenced|escalated|switched)\s+"
    rf"(?:with|on|onto|to)\s+(?:(?:a|an|the|monthly|iv|high[-\s]dose|course\s+of)\s+)*{ESCALATION_AGENT}\b", re.I)
#: A pulse of methylprednisolone is the start of the first line, not a line that failed ("IVMP x3 then IVIG").
PULSE_BEFORE = re.compile(r"(?:ivmp|methylpred\w*|pulse\w*|x\s*[35]|for\s+(?:3|5|three|five)\s+days|"
                          r"\d+\s*(?:g|mg/kg)\b[^,;]{0,20})\s*[,;]?\s*$", re.I)
#: A drug named just before an arrow: "pred + MTX -> rituximab", not "102 kg -> IVIG 2 g/kg = 204 g".
DRUG_BEFORE_ARROW = re.compile(rf"(?:{FIRST_LINE.pattern}|\b{ESCALATION_AGENT}\b)[^,;:=]{{0,12}}$", re.I)
#: An earlier line's dose raised: "increased MTX to 25", "upped the pred back to 40", "MTX up to 25 mg".
DOSE_RAISED = re.compile(r"\b(?:increased|upped|raised|uptitrated|up-?titrated|escalated)\s+(?:the\s+|her\s+|his\s+)?"
                         rf"(?:dose\s+of\s+)?(?:{PRED}|steroids?|mtx|methotrexate|aza\w*|mmf|mycophenol\w*)\b|"
                         rf"\b(?:{PRED}|mtx|methotrexate|aza\w*|mmf|mycophenol\w*)\s+(?:was\s+|were\s+)?"
                         r"(?:increased|upped|raised|uptitrated|back\s+up|up)\s+to\b", re.I)
#: Days, not months: the first line is still starting ("by day 3", "48 hours later", "the next day").
DAYS_IN = re.compile(r"\b(?:on\s+|by\s+)?day\s*\d+\b|\b\d+\s*(?:hours|hrs|h)\b|\b(?:next|following)\s+day\b|"
                     r"\bwithin\s+(?:\w+\s+)?days\b|\b(?:\d+|a|one|two|three|four|five|few)\s+days?\s+(?:later|after)\b",
                     re.I)
#: An agent named together with a first-line drug right before it: "prednisone and IVIG was started".
JOINED_TO_A_FIRST_LINE = re.compile(rf"{FIRST_LINE.pattern}[^.;,]{{0,25}}?(?:\band\b|\+|&|\bwith\b|\bplus\b)\s*$",
                                    re.I)
#: An agent joined to the one before it ("then tacrolimus + IVIG added"): one step, taken after what came before
#: both, so the IVIG is judged as the tacrolimus is (after a pulse of methylprednisolone, the start of treatment).
JOINED_TO_A_STEP = re.compile(
    rf"(?:{THEN}\s*)?\b{ESCALATION_AGENT}\b[^.;,]{{0,20}}?(?:\band\b|\+|&|\bwith\b|\bplus\b)\s*$", re.I)
#: Why a drug was changed when the reason is not the disease: side effects, a plan of pregnancy, cost.
NOT_FOR_THE_DISEASE = re.compile(
    r"\b(?:intoleran\w*|tolerat\w*|side[-\s]?effects?|adverse|toxicity|lfts?|transaminases?|alt|liver|hepat\w*|"
    r"nausea|vomiting|hair\s+loss|alopecia|rash|mouth\s+ulcers?|cytopeni\w*|neutropeni\w*|leucopeni\w*|"
    r"pneumonitis|pregnan\w*|conception|conceive|cost|funding|supply|shortage|allerg\w*|reaction)\b", re.I)
#: Agents given together at the start, not one after another: "IVMP + IVIG on admission", "upfront", "day 3".
AT_THE_START = re.compile(r"\b(?:on\s+admission|at\s+(?:diagnosis|presentation|onset|the\s+start)|upfront|up\s+front|"
                          r"from\s+the\s+(?:start|outset|beginning)|initial(?:ly)?|induction|first[-\s]line|"
                          r"(?:on\s+)?day\s+\d+|same\s+(?:day|time)|alongside|together\s+with|at\s+the\s+same\s+time|"
                          r"triple\s+therapy|combination\s+from|(?:at|by)\s+(?:week|wk)\s*[1-6]|"
                          r"within\s+(?:\w+\s+)?(?:days|weeks)|"
                          # "IVIG 2 g/kg monthly was given as monotherapy": the only treatment, not one added.
                          r"(?:as|in)\s+monotherapy|monotherapy\s+with)\b", re.I)
#: Told as a plan or a suggestion, not done: "will add IVIG", "plan to start rituximab", "consider tacrolimus".
NOT_DONE = re.compile(r"\b(?:will|going\s+to|gonna|plan\w*|propos\w*|consider\w*|think\w*|thought|suggest\w*|"
                      r"recommend\w*|want\w*|wants|wanted|would|could|should|may(?!\s*[:\-–]|\s+\d)|might|next|awaiting|await|"
                      r"pending|booked|due|refer\w*|discuss\w*|request\w*|apply\w*|application|funding)\b", re.I)
#: Words that say the course is not refractory in so many words, not by a response told ("good response" to the
#: rituximab given for a relapse leaves the course refractory): a correction or a new, untreated patient.
EXPLICITLY_NOT_REFRACTORY = re.compile(
    r"\bnot\s+refractory\b|\bna[iï]ve\b|\buntreated\b|\bnot\s+(?:yet\s+)?treated\b|\bno\s+(?:prior\s+|previous\s+)?treatment\b|"
    r"\bnew(?:ly)?\s+(?:diagnos\w*|dx)|\bnew\s+diagnosis\b|\bfirst\s+presentation\b|\brecent(?:ly)?\s+diagnos\w*", re.I)


#: A drug dated by its year, the year after it ("MTX 2019", "IVIG (2020)") or before it ("2021: rituximab").
_ANY_AGENT = rf"(?:{FIRST_LINE.pattern}|\b{ESCALATION_AGENT}\b)"
DATED_AGENT = re.compile(rf"(?P<agent>{_ANY_AGENT})[^.;,\d]{{0,12}}?\(?(?:in\s+|from\s+|since\s+)?(?P<year>{YEAR})\b|"
                         rf"\b(?P<year_first>{YEAR})\s*[:\-–)]?\s*(?P<agents>(?:{_ANY_AGENT}[\s+/&,]*(?:and\s+)?)+)",
                         re.I)


def _dated_years(text: str) -> tuple[list[int], list[int]]:
    """The years a timeline dates a first line and an escalation agent by ("pred+MTX 2019, +IVIG 2020")."""
    first_line_years: list[int] = []
    escalation_years: list[int] = []
    for step in _steps(text):
        for match in DATED_AGENT.finditer(step):
            year = int(match["year"] or match["year_first"])
            named = match["agent"] or match["agents"]
            if re.search(rf"\b{ESCALATION_AGENT}\b", named, re.I) and not NOT_DONE.search(
                    step[max(0, match.start() - 40):match.end()]):
                escalation_years.append(year)
            if FIRST_LINE.search(named):
                first_line_years.append(year)
    return first_line_years, escalation_years


def _escalated_by_date(first_line_years: list[int], escalation_years: list[int]) -> bool:
    """An escalation agent dated after a first line."""
    return bool(first_line_years and escalation_years and max(escalation_years) > min(first_line_years))


def _steps(text: str) -> list[str]:
    """Sentences that tell, with their clauses ("..., then rituximab") kept together."""
    return [sentence for _, sentence in sentences(text) if not asks_rather_than_tells(sentence)]


def escalation_told(text: str, earlier: str = "") -> bool:
    """Whether `text` tells an escalation agent given after an earlier line of treatment (told before it in the
    text or in `earlier`, the user's earlier messages), or an earlier line's dose raised after months on it."""
    # A timeline by years, told by this message with the earlier ones: earlier messages are read once.
    earlier_first, earlier_escalation = _dated_years(earlier)
    first, escalation = _dated_years(text)
    if (_escalated_by_date(earlier_first + first, earlier_escalation + escalation)
            and not _escalated_by_date(earlier_first, earlier_escalation)):
        return True
    treated_before = bool(FIRST_LINE.search(earlier) or re.search(rf"\b{ESCALATION_AGENT}\b", earlier, re.I))
    seen, previous = earlier, ""
    for sentence in _steps(text):
        if DAYS_IN.search(previous + " " + sentence):
            previous, seen = sentence, f"{seen} {sentence}"
            continue  # "By day 3 ... IVIG was added": the start of treatment, too early to judge a response
        for later in LATER_AGENT.finditer(sentence):
            before = JOINED_TO_A_STEP.sub("", sentence[:later.start()])
            if JOINED_TO_A_FIRST_LINE.search(before):
                continue  # "prednisone and IVIG was started": started together
            told_before = treated_before or FIRST_LINE.search(before) or FIRST_LINE.search(seen[-400:])
            arrow = later[0].lstrip()[:1] in "-→=>"
            if PULSE_BEFORE.search(before) or arrow and not DRUG_BEFORE_ARROW.search(before):
                continue
            if told_before and _a_step_taken(sentence, later.start(), later.end()):
                return True
        treated = TREATED_WITH_AGENT.search(sentence)
        if (treated and NO_RESPONSE.search(previous) and (treated_before or TREATMENT_OR_TIME.search(previous))
                and _a_step_taken(sentence, treated.start(), treated.end())):
            return True
        raised = DOSE_RAISED.search(sentence)
        if (raised and months_of_treatment(f"{seen} {sentence}") >= MONTHS_TO_JUDGE
                and _a_step_taken(sentence, raised.start(), raised.end())):
            return True
        previous, seen = sentence, f"{seen} {sentence}"
    return False


def _a_step_taken(sentence: str, start: int, end: int) -> bool:
    """The step at [start, end) was carried out for the disease, after the earlier line (not with it)."""
    clause_start = max(sentence.rfind(";", 0, start), sentence.rfind(",", 0, start), 0)
    clause = sentence[clause_start:min(len(sentence), end + 60)]
    return not (NOT_FOR_THE_DISEASE.search(clause) or AT_THE_START.search(sentence)
                or NOT_DONE.search(sentence[max(0, start - 40):end]) or CONDITIONAL.search(sentence[:end]))
