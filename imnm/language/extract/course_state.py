"""The course read from the patient's state, not from words about the response.

Round after round, the course was missed because a clinician told it as a state rather than as a
verdict: "after 4 cycles she's still needing her arms to get up", "three months on, still on the
stick", "on pred + MTX for 6 months ... uses the rail on stairs". Each was a new phrasing for
`course.NO_RESPONSE`, which can never list them all. Here the verdict is composed from two facts the
extractor already reads: how long immunotherapy has run (`months_of_treatment`, three months or more) and
what the patient can do *now*, read by the same function reader that gives the severity
(`function.functional_severity`, walking, dependence). A functional limitation present after months
of treatment is an inadequate response to it, which is what `refractory` records. A response told
as good anywhere after the treatment ("improving", "CK normalised") outweighs the state: a patient
who is getting better on treatment is not refractory yet, however weak today.
"""

from __future__ import annotations

import re

from imnm.language.extract.clause_severity import UNABLE, clause_severity
from imnm.language.extract.course import (
    _DRUGS,
    DID_THAT,
    JUST_STARTED,
    TIME_ON_TREATMENT,
    TOO_EARLY,
    asks_rather_than_tells,
    mentions_treatment,
    responding,
    said_in_general,
    sentences,
)
from imnm.language.extract.function import NOT_WALKING, functional_severity, needs_another_person
from imnm.language.extract.lexicon import MONTH, MONTH_ABBREVIATIONS

#: A state told of an earlier time ("at presentation she walked with a stick", "initially wheelchair-bound"):
#: not what the patient can do now.
EARLIER_STATE = re.compile(
    r"\b(?:at|on|before|prior\s+to|pre-?)\s*(?:presentation|diagnosis|onset|admission|referral|baseline|the\s+start|"
    r"first\s+(?:visit|review|presentation)|treatment|starting|initiation)\b|\b(?:initially|originally|previously|"
    r"formerly|at\s+first|back\s+then|used\s+to|had\s+been|was\s+(?:walking|using|needing)|were\s+(?:walking|using))\b|"
    r"\b(?:19|20)\d\d\b|\b(?:\d+|one|two|three|four|five|six)\s+(?:weeks?|months?|years?)\s+ago\b",
    re.I)
STILL = re.compile(r"\bstill\b", re.I)
#: Bound to a wheelchair, or in one now (not a chair kept for long distances by someone who walks).
IN_A_WHEELCHAIR = re.compile(r"\bwheel\s?chair(?:[-\s](?:bound|dependent|user))?\b(?!\s+(?:for|when)\b)|"
                             # "still in the chair" after a wheelchair told: the same chair, still needed.
                             r"\b(?:still|now|confined)\s+(?:in|to)\s+(?:the|her|his|their|a|my)\s+chair\b", re.I)


_COUNT_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "many": 3, "a": 1, "an": 1,
                "half a": 0.5, "half an": 0.5, "a few": 3, "few": 3, "a couple of": 2, "couple of": 2}
#: A length of time or a number of monthly cycles.
DURATION = re.compile(r"\b(?P<count>\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|many|"
                      r"half\s+an?|an?\s+few|few|an?\s+couple\s+of|couple\s+of|an?)\s*"
                      r"(?P<unit>weeks?|wks?|months?|mo|mths?|/12|years?|yrs?|cycles?|courses?|rounds?|infusions?)\b",
                      re.I)
#: Words that make a number of weeks, months or years a length of time ("for 6 months", "3 months in").
TIME_BEFORE = re.compile(r"\b(?:for|after|over|at|by|past|last|nearly|almost|about|around|approx\w*|x|within|"
                         r"than|first)\s+(?:the\s+)?(?:last\s+|past\s+|first\s+)?$|[>~]\s*$", re.I)
TIME_AFTER = re.compile(r"\s*(?:of|on|in|later|ago|now|since|into|down|so\s+far|and\s+counting)\b", re.I)
_MONTHS_PER_UNIT = {"w": 12 / 52, "m": 1.0, "/": 1.0, "y": 12.0, "c": 1.0, "r": 1.0, "i": 1.0}
#: The response to immunotherapy is judged after months, not weeks (the labelled sets' convention: "still
#: weak after months of steroid and a steroid-sparing agent"); a patient still limited at 5 weeks is early.
MONTHS_TO_JUDGE = 3.0


#: Immunotherapy, not a statin or "tablets" ("she took his tablets for about a year" is a statin).
_IMMUNOTHERAPY = re.compile(rf"\b{_DRUGS}\b(?<!\btablets)(?<!\bmeds)(?<!\bmedications)(?<!\bmedication)", re.I)
#: "rituximab (last dose 3 months ago)": the time since a dose, not the time on treatment.
SINCE_A_DOSE = re.compile(r"\b(?:last|latest|previous|most\s+recent|final)\s+(?:dose|infusion|cycle|course)\b[^.;]*$",
                          re.I)


#: A dated point of a timeline: a month's name ("Jan:", "in April", "by Sept") or a count from the start ("month 3",
#: "wk 6", "M4"). A lower-case abbreviation counts only as a label ("jan: pred"), and "may" only as one ("May:").
DATED_POINT = re.compile(
    r"\b(?:(?P<name>(?-i:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?|(?-i:May)(?=\s*[:\-–,]|\s+\d)|"
    rf"{MONTH}[a-z]*(?=\s*[:\-–]))|"
    r"(?P<unit>month|mo|m|week|wk|w)\s*(?P<count>\d{1,2})|"
    # A note's numeric month at the start of its line: "03/24 pred 60 + MTX", "09/2024 CK 9,100".
    r"(?<![\d/])(?<=^)(?P<mm>0?[1-9]|1[0-2])/(?P<yy>\d{2}|\d{4})(?![\d/]))\b(?!\s*(?:mg|kg|g)\b)", re.I | re.M)


def _kind(point: re.Match[str]) -> str:
    return "name" if point["name"] else "numeric" if point["mm"] else "count"


def _point_in_months(point: re.Match[str]) -> float:
    if point["mm"]:
        return int(point["yy"][-2:]) * 12.0 + int(point["mm"])
    if point["name"]:
        return float(MONTH_ABBREVIATIONS.index(point["name"][:3].lower()))
    return int(point["count"]) * (_MONTHS_PER_UNIT["w"] if point["unit"][0].lower() == "w" else 1.0)


def _dated_months(told: str) -> float:
    """Months from a dated start of treatment to the last dated point of the same kind after it ("Jan: pred + aza.
    April: still needs a frame" is three months, month names running on into the next year). A count is ordinal from
    the start: "month 1 pred + MTX. month 3 CK 9k" is three months, "month 1" being the first month of treatment."""
    points = list(DATED_POINT.finditer(told))
    for index, point in enumerate(points):
        told_until = points[index + 1].start() if index + 1 < len(points) else len(told)
        if not _IMMUNOTHERAPY.search(told[point.end():told_until]):
            continue
        # "month 1" is the first month of treatment, which began at its start (month 0).
        elapsed, previous = (_point_in_months(point) if point["count"] and int(point["count"]) == 1 else 0.0), point
        for later in points[index + 1:]:
            if _kind(later) != _kind(point):
                continue
            step = _point_in_months(later) - _point_in_months(previous)
            elapsed += step % 12 if point["name"] else max(step, 0.0)
            previous = later
        return elapsed
    return 0.0


def months_of_treatment(told: str) -> float:
    """The longest time on immunotherapy told: a duration in the clause of a treatment ("pred + MTX for 6 months",
    "after 4 cycles of IVIG"), or told as time on the treatment named before ("We did that. 3 months in")."""
    longest, treated = 0.0, False
    for _, sentence in sentences(told):
        for clause in re.split(r"[;()]|,\s*(?:but|and|however|then)\b", sentence):
            named = bool(_IMMUNOTHERAPY.search(clause) or re.search(DID_THAT, clause, re.I))
            for match in DURATION.finditer(clause):
                if "statin" in clause.lower() or SINCE_A_DOSE.search(clause[:match.start()]):
                    continue
                if not (named or treated and TIME_ON_TREATMENT.search(clause, max(0, match.start() - 6))):
                    continue
                if match["unit"][0].lower() in "wmy/" and not (
                        TIME_BEFORE.search(clause[:match.start()]) or TIME_AFTER.match(clause, match.end())):
                    continue  # "Leo, 9 yrs, on prednisolone": an age, not a time on treatment
                count = re.sub(r"\s+", " ", match["count"].lower())
                number = float(count) if count.isdigit() else _COUNT_WORDS.get(count.replace("an ", "a "), 1)
                longest = max(longest, number * _MONTHS_PER_UNIT[match["unit"][0].lower()])
            treated = treated or named
    return max(longest, _dated_months(told))


def limited_now(sentence: str) -> bool:
    """Whether the sentence tells of a functional limitation present now (moderate or worse)."""
    if EARLIER_STATE.search(sentence):
        return False
    return (functional_severity(sentence) == "moderate" or needs_another_person(sentence)
            or bool(NOT_WALKING.search(sentence)) or bool(IN_A_WHEELCHAIR.search(sentence))
            or clause_severity(sentence) == "severe")  # "husband still has to help her out of bed"


def limited_after_treatment(text: str, earlier: str = "") -> bool:
    """Whether `text` tells of a functional limitation now, after a treatment given for a while (told in it or
    in `earlier`, the user's earlier messages), with no good response told after the treatment."""
    told = [(start, sentence) for start, sentence in sentences(text)
            if not asks_rather_than_tells(sentence) and not said_in_general(sentence)]
    if JUST_STARTED.search(text) or TOO_EARLY.search(text):
        return False
    if earlier and JUST_STARTED.search(earlier) and not months_of_treatment(text):
        return False  # "Started pred on Monday (4 days ago)" ... "the same so far, still on a stick": too early
    prefix = f"{earlier}\n" if earlier else ""
    # The first sentence by which the treatment has run for months: what is told from there on is its result. The
    # whole text is measured first, so that a message with no such time is not measured sentence by sentence.
    long_enough = months_of_treatment(prefix + text) >= MONTHS_TO_JUDGE
    treated_at = next((index for index, (start, sentence) in enumerate(told)
                       if months_of_treatment(prefix + text[:start + len(sentence)]) >= MONTHS_TO_JUDGE),
                      None) if long_enough else None
    if treated_at is None:
        # No time told ("pred + MMF since June, RTX in Aug" ... "Nov: still in wheelchair"): a limitation said to
        # go on ("still") after treatment told before it is the treatment's result too.
        return bool(mentions_treatment(earlier)) and any(
            STILL.search(sentence) and limited_now(sentence) and not responding(sentence)
            for _, sentence in told)
    after = [sentence for _, sentence in told[treated_at:]]
    if any(responding(sentence) for sentence in after):
        return False
    limited = [sentence for sentence in after if limited_now(sentence)]
    if limited and earlier and _how_limited(earlier) > max(map(_how_limited, limited)):
        return False  # "wheelchair-bound" told before, "walks 20 m with a frame" now: getting better on treatment
    return bool(limited)


#: An earlier state told in the past tense: "couldn't walk at all in January", "was unable to stand".
UNABLE_THEN = re.compile(r"\b(?:could\s*n['’]?t|could\s+not|was\s+unable\s+to|wasn['’]?t\s+able\s+to|"
                         r"was\s+not\s+able\s+to)\s+"
                         r"(?:\w+\s+){0,2}?(?:walk|stand|get\s+(?:up|out\s+of\s+bed)|weight[-\s]?bear)", re.I)


def _how_limited(text: str) -> int:
    """2 when the text tells dependence or not walking, 1 a lesser limit, 0 none: to compare two times told."""
    if (needs_another_person(text) or NOT_WALKING.search(text) or IN_A_WHEELCHAIR.search(text) or UNABLE.search(text)
            or UNABLE_THEN.search(text) or clause_severity(text) == "severe"):  # "bedbound on admission" is told too
        return 2
    return 1 if "moderate" in (functional_severity(text), clause_severity(text)) else 0

