"""Severity read clause by clause: what the patient does, and how (alone, only with effort, with an aid, only with
another person, or not at all).

The phrase readers in `function` recognise whole phrasings ("walks with a frame", "cannot stand without two
carers"); a phrasing they do not know gives no severity at all. Clinicians and families tell function in endless
wordings, but each clause names an everyday task (or a sport), and says how it goes. This reader decides from those
two things, so a new wording of a known task is read ("Mob: indep w frame", "his wife has to help him stand from the
armchair", "stairs are a real struggle, some days I go up on my bum", "manages school and stairs but can't do PE").

Grades (the label sheet's): another person needed for an everyday move, or unable to walk or stand, is severe; an
aid, falls, or an everyday task told as hard is moderate; a limit told only of sport or exertion (hills, running, PE)
with everyday life told as done, or weakness with every everyday task told as done, is mild.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from imnm.language.extract.course import TEXTS_REMEMBERED, asks_rather_than_tells, sentences
from imnm.language.extract.lexicon import HELPERS, MONTH, STAND_DISLIKED, YEAR

#: Where one clause ends and the next begins: punctuation, a dash, a bracket, and the words that turn a sentence.
CLAUSE_END = re.compile(r"[.;,:()\n]|\s[-–—]\s|\b(?:but|though|although|except|whereas|however|yet)\b", re.I)

#: A field's label at the start of a sentence ("Transfers: assist x2 with slide sheet", "Mob: indep w frame"): the
#: label names the task its value tells of, so the two are read as one clause.
FIELD_LABEL = re.compile(r"^(\s*[A-Za-z][\w/-]*(?:\s+[A-Za-z][\w/-]*)?)\s*:(?!\d)")
#: "I can't stand hospitals": a dislike, not standing.
DISLIKE = re.compile(r"\b(?:can'?t|cannot|can\s+not)\s+stand" + STAND_DISLIKED, re.I)


#: The everyday tasks weakness takes from, beyond walking itself: a limit told of one is more than a sporting one.
TASK = re.compile(
    r"\b(?:stairs?|steps?|upstairs|toilet|loo|commode|floor|kerbs?|curbs?|dress\w*|hair|shopping|housework|"
    # Rising from somewhere, not a level rising ("CK rising and weaker again").
    r"stand\w*|ris(?:e|es|ing)(?=\s+(?:from|up|out|off|to\s+stand))|get(?:s|ting)?\s+(?:up|out|off)|transfer\w*|"
    r"gowers\w*)\b|"
    # A place moved into or out of, not the noun alone ("difficult to get a bed on the ward", "the car parked").
    r"\b(?:in(?:to)?|out\s+of|off|on(?:to)?|from|up\s+(?:from|off))\s+(?:the\s+|a\s+|her\s+|his\s+|my\s+|their\s+)?"
    r"(?:low\s+|school\s+|his\s+|her\s+|the\s+)?(?:bed|car|bus|bath|shower|(?:arm)?chair|sofa|couch|settee|cab|van)\b",
    re.I)
#: Walking, and the places of everyday life it is told in: "weak walking up hills" is a limit of the hills.
WALKING_OR_DAILY_LIFE = re.compile(
    r"\b(?:walk\w*|get(?:s|ting)?\s+(?:about|around)|mob(?:ility|ilis\w*|iliz\w*)?|ambula\w*|school|work|home|house|"
    r"outside|outdoors|"
    r"everything|day[-\s]to[-\s]day|daily\s+(?:life|activities))\b", re.I)
#: Exertion beyond everyday life: weakness takes these first, so a limit told only of them is mild.
SPORT = re.compile(
    r"\b(?:run(?:s|ning)?|jog\w*|sprint\w*|gym|sports?|p\.?e\.?|games\s+lessons?|football|soccer|"
    r"rugby|netball|hockey|tennis|badminton|squash|golf|exercis\w*|training|work[-\s]?outs?|hills?|uphill|inclines?|"
    r"slopes?|hiking|hikes?|marathons?|climbing\s+gym)\b", re.I)
PERSON = re.compile(
    rf"\b(?:{HELPERS}|staff|family|"
    r"someone|somebody|two\s+of\s+us|(?:one|two|1|2)\s+(?:people|persons?|carers?|staff|nurses?)|"
    r"(?:help|assist\w*)\s+(?:of|x)\s*(?:one|two|1|2))\b|"
    # A carer writing "I have to lift him" (not a patient writing "I need to hold the rail").
    r"\b(?:i|we)\s+(?:have\s+to|must|need\s+to|always)\s+(?:help|lift|pull|carry|hoist|hold)\w*\s+(?:her|him|them)\b|"
    r"\bwithout\s+(?:me|us|him|her)\b|\b(?:lifted|hoist\w*)\b|\bunless\s+(?:i|we|someone|somebody)\b", re.I)
HELPS = re.compile(r"\b(?:help\w*|lift\w*|(?:\w+'s|her|his|their|my)\s+arm|assist\w*|hoist\w*|"
                   r"walks?\s+(?:her|him|them|me)|"
                   r"pull\w*\s+(?:her|him|them|me)\s+up|(?:supporting|holding)\s+(?:her|him|them|me)|"
                   r"without\s+(?:me|us))\b", re.I)
STAIRS = re.compile(r"\b(?:stairs?|steps?|upstairs|downstairs|kerbs?|curbs?|hills?)\b", re.I)
#: The moves of basic self-care that another person's help makes severe (help with the housework does not).
SELF_CARE_MOVE = re.compile(
    r"\b(?:stand\w*|ris(?:e|es|ing)|mobility|mobilis\w*|mobiliz\w*|get(?:s|ting)?\s+(?:up|out|off|in|into|on)|out\s+of\s+(?:bed|(?:the\s+|a\s+|his\s+|"
    r"her\s+)?(?:arm)?chair)|on\s+and\s+off|toilet\w*|loo|commode|transfer\w*|walk\w*|wash\w*|dress\w*|shower\w*|"
    r"bath\w*|bed|(?:arm)?chair)\b", re.I)
AID = re.compile(
    r"\b(?:(?:walking\s+)?sticks?|canes?|walkers?|(?:walking\s+|zimmer\s+)?(?<!time\s)frame(?!\s+of\b)|zimmer|rollator|crutch(?:es)?|"
    r"walking\s+aids?|wheel\s?chair|scooter|4ww|fww|(?:hand\s*)?rails?|banisters?|bannisters?|railings?|"
    r"stair[-\s]?lift|on\s+(?:my|his|her|their)\s+(?:bum|bottom|backside|hands\s+and\s+knees))\b|"
    r"\bw/?\s*(?:frame|stick|rollator|walker)\b", re.I)
GOWERS = re.compile(r"\bgowers\W*(?:sign|manoeuvre|maneuver)?\s*(?:is\s+)?(?:positive|present|\+)|\bpositive\s+gowers",
                    re.I)
#: Not walking or standing at all, or confined.
UNABLE = re.compile(
    r"\b(?:can'?t|cannot|can\s+not|unable\s+to|not\s+able\s+to|no\s+longer\s+able\s+to|no\s+longer)\s+"
    r"(?:\w+\s+){0,2}?(?:walk|stand|weight[-\s]?bear)\w*\b(?![^.;,]{0,30}\b(?:far|long|more\s+than|without\s+(?:a|her|"
    r"his|the)\s+(?:stick|frame|walker|cane)|very|fast|quickly)\b)|"
    r"\b(?:bed|chair|wheel\s?chair)[-\s]?(?:bound|dependent|fast)\b|\bnon[-\s]?ambula\w*\b|\bbedridden\b|"
    r"\b(?:wheel\s?chair|hoist)\s+(?:full[-\s]time|for\s+(?:all|everything))\b", re.I)
#: Denials of difficulty and of aids, read as the task done ("no problems with stairs", "no longer needs the stick").
NOTHING_WRONG = re.compile(
    r"\b(?:no|without|nil|denies|never)\s+(?:\w+\s+)?(?:difficult\w*|trouble|problems?|issues?|struggl\w*|"
    r"limitations?|restrictions?)\b|"
    r"\b(?:no\s+longer\s+(?:needs?|uses?|using)|doesn'?t\s+(?:need|use)|not\s+(?:needing|using)|without|no|nil|off)\s+"
    r"(?:a\s+|an\s+|the\s+|her\s+|his\s+|their\s+|my\s+|any\s+)?(?:walking\s+)?(?:aids?|sticks?|canes?|frame|walker|"
    r"rollator|wheel\s?chair|crutch(?:es)?|(?:hand\s*)?rails?|banisters?)\b", re.I)
HARD = re.compile(
    r"\b(?:difficult\w*|struggl\w*|trouble|hard(?:er)?|effort\w*|weak\w*|slow(?:er|ly)?|tough|tir(?:es|ing|ed)|exhaust\w*|"
    r"can'?t|cannot|unable|no\s+longer|not\s+able|barely|hardly|only\s+just|problems?|issues?|a\s+(?:real\s+)?battle|"
    r"(?:had\s+to\s+)?(?:stop(?:ped)?|give\s+up|gave\s+up|given\s+up|dropped\s+out\s+of))\b",
    re.I)
FALLS = re.compile(r"(?<!no\s)(?<!any\s)(?<!never\s)(?<!denies\s)(?<!not\s)(?<!zero\s)(?<!risk\s\w\w\s)\b"
                   r"(?:falls(?!\s+(?:alarm|risk|clinic|assessment|prevention|team|service|pendant|asleep))|"
                   r"(?:fell|fallen)(?!\s+(?:asleep|pregnant|ill|through|on|apart|short|behind|into\s+place))|"
                   r"falling(?!\s+(?:behind|asleep|apart))|tripping|trips|stumbl\w*|"
                   r"knees?\s+(?:give|gave|giving)\s+way)\b", re.I)
#: A level or a device that falls or trips ("CK 1800 and falling", "the pump keeps tripping"), not the patient.
A_LEVEL = re.compile(r"\b(?:ck|cpk|trop\w*|fvc|fev1|sats?|saturations?|pressure|bp|hb|egfr|levels?|titres?|titers?|"
                     r"alt|ast|ldh|weight|mood|spirits|referral|appointment|counts?|\d[\d,.]*|pumps?|alarms?|machines?|drips?|lines?|breakers?|fuses?)\b"
                     r"[^,;]{0,25}$", re.I)
#: Weakness told somewhere in the text: a task told as done is mild only beside it.
WEAKNESS = re.compile(r"\bweak\w*|\b[0-4][+-]?/5\b|\bparesis\b", re.I)
FINE = re.compile(
    r"\b(?:fine|normal(?:ly)?|ok(?:ay)?|well|easily|cop(?:e|es|ing)|unaided|unassisted|independent(?:ly)?|indep|alone|by\s+"
    r"(?:him|her|my|them)sel(?:f|ves)|on\s+(?:my|his|her|their)\s+own|manag(?:e|es|ing)|still\s+(?:walk\w*|work\w*|"
    r"doing|goes|going|gets|getting)|doing\s+everything|does\s+everything|without\s+(?:help|aids?|difficulty|problems?|"
    r"trouble))\b", re.I)
NOT_NOW = re.compile(
    r"\b(?:on|at)\s+(?:admission|presentation|diagnosis|onset|referral|arrival)\b|\binitially\b|\bat\s+first\b|"
    r"\bat\s+(?:its|her|his|their)\s+worst\b|\bpreviously\b|\bused\s+to\b|\bbefore\s+(?:treatment|steroids|"
    r"the\s+\w+)\b|\b(?:not\s+)?assessed\b|\bif\b|\bwhen\s+(?:she|he|they|i)\s+(?:was|were)\b", re.I)


@dataclass(frozen=True)
class ClauseFunction:
    """One clause's task and how it goes."""

    text: str
    task: bool  # an everyday task beyond walking: stairs, a chair, the toilet, dressing
    everyday: bool  # the task, or walking and daily life
    sport: bool
    how: str | None  # "person", "unable", "help", "aid", "falls", "hard", "fine" or None

    @property
    def grade(self) -> str | None:
        if self.how == "person" or self.how == "unable" and self.everyday:
            return "severe"
        if self.how in ("aid", "falls") or self.how in ("help", "hard") and self.everyday and not self.sport_only:
            return "moderate"
        return None

    @property
    def sport_only(self) -> bool:
        """The clause's limit is of sport or exertion: no everyday task beyond walking named beside it."""
        return self.sport and not self.task


@lru_cache(maxsize=TEXTS_REMEMBERED)
def read_clauses(text: str) -> tuple[ClauseFunction, ...]:
    """Every told clause (not asked, not of an earlier time) that names a task, with how it goes. Kept by text: one
    message is graded, judged for exertion-only limits and, sentence by sentence, for a course, from the same read."""
    found = []
    for _, sentence in sentences(text):
        if asks_rather_than_tells(sentence):
            continue
        before = None  # how the clause before went: a list shares it ("difficulty running, climbing stairs and ...")
        for piece in CLAUSE_END.split(FIELD_LABEL.sub(r"\1 ", DISLIKE.sub(" ", sentence))):
            clause = piece.strip()
            if not clause or NOT_NOW.search(clause):
                before = None
                continue
            task = bool(TASK.search(clause))
            everyday, sport = task or bool(WALKING_OR_DAILY_LIFE.search(clause)), bool(SPORT.search(clause))
            how = _how(clause) or (before if before == "hard" else None)
            named = everyday or sport
            if named or how in ("aid", "falls", "unable", "person", "help"):
                found.append(ClauseFunction(clause, task, everyday, sport, how))
            before = how if named else None
    return tuple(found)


#: Another person named as the help itself: "stands with one person", "with the assistance of two".
WITH_A_PERSON = re.compile(r"\bwith\s+(?:the\s+)?(?:(?:help|assistance|assist)\s+of\s+)?(?:one|two|1|2)\s+"
                           r"(?:person|people|carers?|staff|nurses?|helpers?)\b|"
                           # Ward shorthand in a field: "Mobility: 2 staff + zimmer", "Toileting: full assist".
                           r"\b(?:1|2|one|two)\s+(?:staff|people|persons|carers|nurses|helpers)\b|"
                           r"\b(?:full(?:y)?|total(?:ly)?|max(?:imal|imum)?)\s+(?:assist\w*|help|dependen\w*)\b", re.I)
#: The patient helping someone else ("he still helps his wife up the stairs"): not the patient's own limit.
HELPS_SOMEONE = re.compile(rf"\b(?:help\w*|lift\w*|carr\w*|support\w*|look\w*\s+after|car(?:es|ing)\s+for)\s+"
                           rf"(?:his|her|their|my|our)\s+{HELPERS}\b", re.I)


_NEED = r"(?:needs?|needed|needing|requires?|required|requiring)"
#: Another person needed for the task: "still needs one person to get off the toilet".
NEEDS = re.compile(rf"\b(?:{_NEED}|relies\s+on|relying\s+on|dependent\s+on)\b", re.I)
#: Help needed, whoever gives it: "needs a bit of support going up steps", "needs help getting out of bed".
HELP_NEEDED = re.compile(rf"\b{_NEED}\s+(?:some\s+|a\s+little\s+|a\s+bit\s+of\s+|physical\s+)?"
                         r"(?:support|help|assistance|a\s+hand)\b", re.I)
#: A task done only by working round the weakness: pushing up on the chair's arms, pulling on the furniture, hands
#: on the thighs to climb.
COMPENSATING = re.compile(
    r"\b(?:push\w*|lever\w*|heav\w*|haul\w*)\s+(?:\w+\s+){0,3}?(?:up|off|on)\b|"
    r"\bpull\w*\s+(?:\w+\s+){0,2}?(?:up|on)\s+(?:the\s+|a\s+)?(?:furniture|rails?|banisters?|table|sink|arms?|door)|"
    r"(?<!without\s)(?<!no\s)(?<!not\s)\b(?:using|uses?|with)\s+(?:both\s+|her\s+|his\s+|my\s+|their\s+)?(?:arms|hands)\b|"
    r"\bhands\s+on\s+(?:her\s+|his\s+|my\s+|their\s+)?(?:knees|thighs)\b|"
    # "I pull myself up using the kitchen table", "walking his hands up his thighs".
    r"\bpull\w*\s+(?:myself|herself|himself|themselves)\s+up\b|\bhands\s+up\s+(?:her|his|my|their)\s+(?:legs|thighs)\b|"
    r"\busing\s+(?:the\s+|a\s+)?(?:\w+\s+)?(?:table|furniture|sink|worktop|counter|bannister|banister)\b", re.I)


def _how(clause: str) -> str | None:
    clause = HELPS_SOMEONE.sub(" ", NOTHING_WRONG.sub(" fine ", clause))
    helped = PERSON.search(clause) and (HELPS.search(clause) or NEEDS.search(clause)) or WITH_A_PERSON.search(clause)
    if helped:
        return "person" if SELF_CARE_MOVE.search(clause) else "help"  # "outside she needs her husband's arm"
    if HELP_NEEDED.search(clause):  # no helper named: another person for self-care, otherwise help with the task
        return "person" if SELF_CARE_MOVE.search(clause) and not STAIRS.search(clause) else "help"
    if UNABLE.search(clause):
        return "unable"
    if GOWERS.search(clause) or COMPENSATING.search(clause):
        return "hard"  # a sign of weakness rising, whatever else the clause says
    if AID.search(clause):
        return "aid"
    falls = FALLS.search(clause)
    if falls and not A_LEVEL.search(clause, 0, falls.start()):
        return "falls"
    if HARD.search(clause):
        return "hard"
    if FINE.search(clause):
        return "fine"
    return None


def clause_severity(text: str) -> str | None:
    """The grade the clauses tell together, or None when they tell no everyday task's course."""
    clauses = read_clauses(text)
    graded = [grade for grade in (clause.grade for clause in clauses) if grade]
    if graded:
        return "severe" if "severe" in graded else "moderate"
    sport_hard = any(clause.sport_only and clause.how == "hard" for clause in clauses)
    everyday_fine = any(clause.everyday and clause.how == "fine" for clause in clauses)
    limited = sport_hard or bool(WEAKNESS.search(text))
    return "mild" if everyday_fine and limited and not any(
        clause.how == "hard" and not clause.sport_only for clause in clauses) else None


def only_exertion_limited(text: str) -> bool:
    """Everyday tasks told as done and every limit told of exertion ("walking to work and doing everything myself,
    weak walking up hills"): mild, which a phrase reader's "weak and walking" would make moderate."""
    clauses = read_clauses(text)
    hard = [clause for clause in clauses if clause.how == "hard"]
    return (any(clause.everyday and clause.how == "fine" for clause in clauses) and bool(hard)
            and all(clause.sport_only for clause in hard) and not any(clause.grade for clause in clauses))


#: Where today's state is told after an earlier one: "now", "at discharge", "currently".
TODAY = re.compile(r"\b(?:now(?!\s+that)|currently|at\s+present|(?:at|on|by)\s+discharge|"
                   # A case report's outcome: "At the 6-month follow-up she walked unaided", "After 6 months of
                   # prednisolone, methotrexate and monthly IVIG she regained normal strength".
                   r"(?:at|by)\s+(?:the\s+|her\s+|his\s+)?(?:last\s+|latest\s+|most\s+recent\s+)?"
                   r"(?:(?:\d+|one|two|three|six|nine|twelve)[-\s](?:weeks?|months?|years?)\s+)?"
                   r"(?:follow[-\s]?up|review|clinic\s+visit)|after\s+(?:\d+|one|two|three|four|five|six|nine|twelve)\s+(?:weeks?|months?|years?)\s+of)\b",
                   re.I)
#: Before it, the earlier state's time or a change for the better: "admitted tetraparetic", "much better".
EARLIER_STATE = re.compile(
    # A timeline's earlier date ("March: in a wheelchair. May: walking with a stick now").
    rf"\b{MONTH}[a-z]*\.?\s*(?:{YEAR}\s*)?:|"
    r"\b(?:admitted|admission|presented|presentation|initially|at\s+first|previously|"
    # Not "April: no better", "not any stronger": no change for the better.
    r"(?<!\bno\s)(?<!\bnot\s)(?<!\bany\s)(?:better|improv\w*|stronger)|"
    r"good\s+response|responded|responding|recover\w*)\b", re.I)
#: "now" at the end of its clause ("in a wheelchair now and can't transfer"): today's part is the whole clause.
NOW_ENDS_CLAUSE = re.compile(r"\s*(?:[,.;:!?)]|[-–—]|\band\b|\bbut\b|$)", re.I)
CLAUSE_START = re.compile(r"(?:[.;:!?\n]|\s[-–—]\s|,)\s*")
NOT_TODAY_WORDS = re.compile(r"\b(?:until|till|up\s+to|for|by)\s+$", re.I)
#: An aside of an earlier time inside today's part: "(bedbound on admission)".
EARLIER_ASIDE = re.compile(r"\([^()]*\b(?:admission|admitted|presentation|initially|previously|was|before|diagnosis|"
                           r"onset)\b[^()]*\)", re.I)


def todays_part(text: str) -> tuple[int, str] | None:
    """Where today's state begins, after an earlier state or a change told before it, and today's part with its
    asides of earlier times blanked (the same length, so offsets still match); None when no such turn is told."""
    for match in TODAY.finditer(text):
        if NOT_TODAY_WORDS.search(text, max(0, match.start() - 12), match.start()):
            continue  # "until now", "for now"
        start = match.start()
        if NOW_ENDS_CLAUSE.match(text, match.end()):
            start = max((b.end() for b in CLAUSE_START.finditer(text, 0, start)), default=0)
        part = EARLIER_ASIDE.sub(lambda aside: " " * len(aside[0]), text[start:])
        if EARLIER_STATE.search(text, 0, start) and read_clauses(sentences(part)[0][1]):
            return start, part  # today's state told where "now" is ("now walking with a frame")
        return None
    return None
