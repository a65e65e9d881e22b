"""Turn the pipeline's marked-up concepts into slot values, refusing anything ambiguous."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from imnm.engine import trace
from imnm.engine.facts import MIN_ADULT_WEIGHT_KG
from imnm.language.extract import lexicon
from imnm.language.extract.clause_severity import (
    NOTHING_WRONG,
    clause_severity,
    only_exertion_limited,
    todays_part,
)
from imnm.language.extract.course import (
    a_yes_no_question,
    course_refractory,
    in_a_question,
    said_of_a_cancer,
    sentence_around,
    sentence_at,
    sentences,
)
from imnm.language.extract.course_state import limited_after_treatment
from imnm.language.extract.escalation import EXPLICITLY_NOT_REFRACTORY, escalation_told
from imnm.language.extract.focus import patient_in_focus, several_patients
from imnm.language.extract.form import form_answers_as_sentences
from imnm.language.extract.function import (
    functional_severity,
    independent_despite_weakness,
    limitation_denied,
    needs_another_person,
    only_sport_is_hard,
    walks_unaided_only,
    with_spelled_out,
)
from imnm.language.extract.measures import (
    an_earlier_weight,
    an_event_age,
    decimal_fractions,
    marked_as_todays,
)
from imnm.language.extract.pipeline import (
    SPAN_KEY,
    build_pipeline,
    dictation_as_punctuation,
    extent,
    general_question_at,
    nursing_titles,
    relative_before_age,
    relatives_in_focus_masked,
    writers_own_dropped,
)
from imnm.language.extract.transcript import answers_applied
from imnm.language.extract.treatments import treatments_given, treatments_ruled_out
from imnm.language.spoken import written_forms

SEVERITY_RANK = {"mild": 1, "moderate": 2, "severe": 3}
SEVERE_FLAGS = {"dysphagia", "respiratory", "cardiac", "myocarditis"}
MAX_CHARS = 5000
#: Soft hyphen, zero-width space / non-joiner / joiner, word joiner, BOM, Mongolian vowel separator.
INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e]")
WEIGHT_TOLERANCE_KG = 1.0


@dataclass
class Extraction:
    """Slot values found in one message. None means "not stated"; `problems` explain refusals."""

    antibody: str | None = None
    antibody_pending: bool = False
    weight_kg: float | None = None
    severity: str | None = None
    statin_exposure: bool | None = None
    statin_status: str | None = None
    age_years: float | None = None
    age_band: str | None = None
    refractory: bool | None = None
    ici_exposure: bool | None = None
    red_flags: list[str] = field(default_factory=list)
    #: Treatments told as given (the knowledge base's agent names): merged with earlier turns', never undone.
    treatments_tried: list[str] = field(default_factory=list)
    #: Treatments told as not usable for this patient ("can't tolerate MTX"): merged with earlier turns', never undone.
    treatments_ruled_out: list[str] = field(default_factory=list)
    #: Red flags this message says are absent ("swallowing is fine now"): a flag from an earlier turn
    #: is dropped only by these, never by a message that does not mention it.
    absent_flags: list[str] = field(default_factory=list)
    #: Slots this message takes back without a value of its own ("scrap the statin - that was a different patient"):
    #: an earlier turn's value is unset (`antibody`, `weight_kg`, `age_years`, `statin_exposure`, `ici_exposure`).
    taken_back: list[str] = field(default_factory=list)
    audience: str | None = None
    problems: list[str] = field(default_factory=list)

    def slots(self) -> dict[str, object]:
        """The slot-contract values that were found (unset facts are left out)."""
        names = ("antibody", "weight_kg", "severity", "statin_exposure", "statin_status",
                 "age_years", "age_band", "refractory", "ici_exposure", "audience")
        found = {name: getattr(self, name) for name in names if getattr(self, name) is not None}
        if self.red_flags:
            found["red_flags"] = list(self.red_flags)
        if self.treatments_tried:
            found["treatments_tried"] = list(self.treatments_tried)
        if self.treatments_ruled_out:
            found["treatments_ruled_out"] = list(self.treatments_ruled_out)
        return found


STATIN_UNCERTAIN = re.compile(lexicon.STATIN_UNCERTAIN, re.I)

#: A question comparing the subtypes ("what's the difference in treatment between the SRP type and the HMGCR
#: type?", "HMGCR vs SRP - which relapses more?") names both as kinds of disease, not as this patient's results.
COMPARES_THE_KINDS = re.compile(
    r"^(?=[^?]*\?)(?=.*(?:\b(?:differ\w*|difference|compar\w*|versus|vs\.?|between|contrast|unlike)\b|"
    # "does it do better in SRP or in HMGCR disease?": the two offered as alternatives.
    r"\b(?:anti-?)?(?:srp|hmgcr)\w*\s+(?:\w+\s+)?or\s+(?:in\s+|with\s+|for\s+)?(?:the\s+|an?\s+)?(?:anti-?)?(?:srp|hmgcr)))"
    r"(?=.*hmg)(?=.*srp)", re.I | re.S)


def _antibody(doc: Doc, result: Extraction) -> None:
    text = doc.text  # spaCy joins the tokens again on every read
    # "do all anti-HMGCR patients have statin exposure?" is about a kind of patient, not this one.
    spans = [s for s in doc.spans[SPAN_KEY] if s.label_ == "ANTIBODY"
             and not general_question_at(text, s.start_char)
             and not COMPARES_THE_KINDS.search(sentence_at(text, s.start_char))]
    spans = _latest_results(spans, text)
    # "Her myositis panel, including HMGCR and SRP, is negative": every antibody named inside is negative.
    panels = [m.span() for m in PANEL_INCLUDING_NEGATIVE.finditer(text)]
    inside_a_negative_panel = {id(s) for s in spans if any(a <= s.start_char < b for a, b in panels)}
    positive = {s._.value for s in spans if s._.polarity == "positive" and id(s) not in inside_a_negative_panel}
    negative = ({s._.value for s in spans if s._.polarity == "negative" or id(s) in inside_a_negative_panel}
                - positive)
    pending = {s._.value for s in spans if s._.polarity == "pending"}
    # "SRP antibodies negative" is that one antibody's result, not seronegativity.
    seronegatives = [s for s in doc.spans[SPAN_KEY] if s.label_ == "SERONEGATIVE" and not _negated_seroneg(s)
                     and not _names_one_antibody(s, spans, text)
                     and not OTHER_ANTIBODIES_BEFORE.search(text, max(0, s.start_char - 40), s.start_char)
                     and not EMPTY_BOX_AFTER.match(text, s.end_char)]
    # "labelled seronegative in 2019 ... a repeat anti-HMGCR ELISA was now positive": the later result stands.
    later_positive = [s for s in spans if s._.polarity == "positive" and seronegatives
                      and s.start_char > max(seroneg.end_char for seroneg in seronegatives)
                      and LATER_RESULT.search(sentence_at(text, s.start_char))]
    if later_positive:
        seronegatives = []
    # A negative panel is seronegativity only when it names both antibodies (else the named one is negative).
    both_named = any(re.search(r"hmg", text[a:b], re.I) and re.search(r"srp", text[a:b], re.I)
                     for a, b in panels)
    seronegative = both_named or bool(seronegatives)
    contradicted = {s._.value for s in spans if s._.polarity == "negative"} & positive
    if contradicted:
        names = " and ".join(sorted(contradicted))
        result.problems.append(
            f"You wrote {names} as both positive and negative, so I have not recorded the antibody. "
            "Which is it?"
        )
    elif len(positive) > 1:
        result.problems.append(
            "Both anti-HMGCR and anti-SRP are written as positive; double positivity is unusual, so I "
            "have not recorded either. Please confirm the antibody result."
        )
    elif positive:
        if seronegative:
            result.problems.append(
                f"The message says both {positive.pop()} positive and seronegative; which is right?"
            )
        else:
            result.antibody = positive.pop()
    elif seronegative or negative == {"HMGCR", "SRP"}:
        result.antibody = "seronegative"
    elif pending:
        result.antibody_pending = True


#: A result told as later than another of the same antibody ("repeat testing was now positive").
LATER_RESULT = re.compile(r"\b(?:repeat(?:ed)?|re-?test\w*|now|later|subsequently|however|confirm\w*|"
                          r"re-?present\w*|on\s+a\s+(?:second|repeat|new)\s+sample)\b", re.I)


def _latest_results(spans: list, text: str) -> list:
    """One antibody written negative and then positive (or the reverse) over time: when the later
    result is told as later ("repeat", "now", "however"), it replaces the earlier one; otherwise both
    stay and the contradiction is asked about."""
    superseded: set[int] = set()
    for value in {span._.value for span in spans}:
        results = [span for span in spans if span._.value == value and span._.polarity in ("positive", "negative")]
        if len({span._.polarity for span in results}) < 2:
            continue
        last = max(results, key=lambda span: span.start_char)
        if LATER_RESULT.search(sentence_at(text, last.start_char)):
            superseded |= {id(span) for span in results if span._.polarity != last._.polarity}
    return [span for span in spans if id(span) not in superseded]


PANEL_INCLUDING_NEGATIVE = re.compile(
    r"\b(?:panel|screen|antibodies|antibody\s+(?:panel|screen|testing))\s*,?\s*\(?\s*(?:including|incl\.?|with)\s+"
    r"[^.;()]{0,60}?(?:hmg\w*|srp)[^.;()]{0,40}?\)?\s*,?\s*(?:was|were|is|are|came\s+back|returned)\s+"
    r"(?:all\s+|entirely\s+|completely\s+)?(?:negative|neg)\b|"
    # The verdict first: "Myositis panel negative, including anti-HMGCR (ELISA) and anti-SRP."
    r"\b(?:panel|screen|antibodies|antibody\s+(?:panel|screen|testing))\s+(?:was\s+|were\s+|is\s+|are\s+|came\s+back\s+)?"
    r"(?:all\s+|entirely\s+|completely\s+)?(?:negative|neg)\s*,?\s*\(?\s*(?:including|incl\.?|inc\.?)\s+"
    r"[^.;]{0,80}?(?:hmg\w*|srp)[^.;]{0,60}", re.I)
#: "anti-SRP, anti-Jo-1 and further myositis-specific antibodies negative": the other antibodies, not all of them.
OTHER_ANTIBODIES_BEFORE = re.compile(r"\b(?:further|other|remaining|additional|rest\s+of\s+the)\s+(?:[\w-]+\s+){0,2}$",
                                     re.I)
#: A form's box left empty after the words ("Ab-negative [ ]"): not ticked, so not said.
EMPTY_BOX_AFTER = re.compile(r"\s*[:\-]?\s*(?:\[\s*\]|\(\s*\)|☐)")


def _names_one_antibody(seroneg, antibodies, text: str) -> bool:
    """A seronegative phrase right after one antibody's name ("SRP antibodies negative")."""
    return any(0 <= seroneg.start_char - a.end_char <= 3 and not text[a.end_char:seroneg.start_char].strip(" -")
               for a in antibodies)


def _negated_seroneg(span) -> bool:
    return span._.negated and not span.text.lower().startswith(("no ", "negative", "neg"))


def _statin_status(exposed: list[Span], text: str) -> str | None:
    """"Still on" wins, unless a later mention tells it stopped just now ("still taking simvastatin ...
    Simvastatin STOPPED on admission"); then, of "on" and a past cue, the one told last ("started on
    atorvastatin in 2021 ... I stopped the atorvastatin" is past; "stopped simvastatin, now on rosuvastatin" is
    current); a mention with no cue at all means current."""
    timings = {s._.temporal for s in exposed}
    if "current" in timings:
        last_still = max(s.start_char for s in exposed if s._.temporal == "current")
        if not any(s._.temporal == "past" and s.start_char > last_still
                   and STOPPED_JUST_NOW.search(text, s.start_char, s.end_char + 60) for s in exposed):
            return "current"
        return "past"
    told = [s for s in sorted(exposed, key=lambda s: s.start_char) if s._.temporal in ("now", "past")]
    if told:
        return "current" if told[-1]._.temporal == "now" else "past"
    return "current" if "default" in timings else None


#: A message that says it describes no real person, however many sentences its vignette runs to.
DECLARED_NOT_REAL = re.compile(r"\bnot\s+(?:about\s+)?(?:a\s+)?real\s+(?:patient|case|person)\b|"
                               # "This handout describes patients in general and is not about any individual patient."
                               r"\bnot\s+about\s+any\s+(?:individual|particular|specific|one)\s+(?:patient|person|case)\b|"
                               r"\bmade[-\s]up\s+(?:practice\s+|exam\s+|quiz\s+)?(?:question|vignette|case)\b", re.I)
#: ... unless a real patient is named beside it ("a made-up case first; my actual patient is 60").
A_REAL_PATIENT_TOO = re.compile(r"\b(?:my|our|the)\s+(?:actual|real)\s+(?:patient|pt|case)\b", re.I)
#: "Her sister had muscle problems with statins, but my mother never took one": "one" is a statin.
STATIN_AS_ONE = re.compile(
    r"(?<=statin)(?P<between>[^.!?\n]{0,80}?)\b(never\s+(?:took|taken|had|used|been\s+on))\s+one\b", re.I)
#: A stop told as done at this encounter ("STOPPED on admission", "stopped today", "discontinued at this visit").
STOPPED_JUST_NOW = re.compile(
    r"\b(?:stopped|discontinued|withdrawn|held|ceased|d/c'?d?)\b[^.;\n]{0,25}?\b(?:on\s+admission|today|now|at\s+(?:this|"
    r"today'?s)\s+(?:visit|review|appointment)|this\s+(?:admission|visit|week)|yesterday)\b", re.I)
#: "she's no longer on simvastatin": taken before.
NO_LONGER_BEFORE = re.compile(r"\bno\s+longer\s+(?:on|taking|takes|using|uses|prescribed|having)\s+"
                              r"(?:the\s+|her\s+|his\s+|their\s+|my\s+|a\s+|any\s+)?$", re.I)
#: A denial bounded in time: "not on any statin since 2023", "isn't taking it anymore" (taken before).
NOT_SINCE = re.compile(r"[\s,]*(?:\w+\s+)?since\s+(?:(?:19|20)\d\d|"
                       r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*|(?:the\s+)?diagnosis|"
                       r"last\s+(?:year|month)|\d+\s+(?:years?|months?)\s+ago|"
                       # "I haven't taken any statin since Lipitor was stopped in 2024".
                       r"[^.;!?\n]{0,40}?\b(?:was|were|got|had\s+been|has\s+been)\s+(?:stopped|discontinued|ceased|"
                       r"withdrawn|switched))\b|"
                       # "She definitely isn't taking the simvastatin anymore": no longer, so taken before.
                       r"[^.;!?\n]{0,25}?\b(?:any\s?more|any\s+longer)\b", re.I)


def _statin(doc: Doc, result: Extraction) -> None:
    text = doc.text  # spaCy joins the tokens again on every read
    if STATIN_UNCERTAIN.search(text):  # "not sure he ever took one": no statin fact either way
        return
    spans = doc.spans[SPAN_KEY]
    never = [s for s in spans if s.label_ == "STATIN_NEVER"]
    # "not statin-naive", "isn't statin naive": the never itself is denied (other negations, as in
    # "without any statin exposure - never", do not turn a never into an exposure).
    denied = [s for s in never if NEVER_DENIED.search(text, max(0, s.start_char - 12), s.start_char)]
    named = any(s.label_ == "STATIN" for s in spans)
    if (any(s not in denied for s in never) or (not never and STATIN_NEVER_AFTER_OTHERS.search(text))
            or not named and NEVER_ANY_MEDICATION.search(text)):
        result.statin_exposure, result.statin_status = False, "never"
        return
    statins = [s for s in spans if s.label_ == "STATIN" and not _inside_antibody_phrase(s, spans)
               and not STATIN_AS_A_NAME.match(text, s.end_char)]
    # "can I go back on a statin?", "statin hx? not sure", "GP wants to restart her statin": asked
    # about or planned, not taken.
    # Asking whether to stop or keep it presupposes the patient takes it ("do I need to stop atorvastatin?").
    statins = [s for s in statins
               if (not in_a_question(text, s.start_char)
                   or STOP_PRESUPPOSES.search(text, max(0, s.start_char - 30), s.start_char))
               and not STATIN_PLANNED.search(text, max(0, s.start_char - 40), s.start_char)
               and not _the_topic_asked_about(text, s)]
    exposed = [s for s in statins if not s._.negated]
    if not exposed and any(NOT_SINCE.match(text, s.end_char)
                           or NO_LONGER_BEFORE.search(text, max(0, s.start_char - 40), s.start_char)
                           for s in statins if s._.negated):
        # "has not been on any statin since 2023": taken until then.
        result.statin_exposure, result.statin_status = True, "past"
        return
    if denied and not exposed:  # "not statin-naive": exposed, timing not said
        result.statin_exposure = True
        return
    if exposed:
        result.statin_exposure = True
        result.statin_status = _statin_status(exposed, text)
    elif statins:
        clause = text.lower()
        if STATIN_NEVER_WORDS.search(clause) and not NEVER_AGAIN.search(clause):
            result.statin_exposure, result.statin_status = False, "never"


#: "Neurology advised her never to take a statin again": advice that presupposes one was taken, not "never taken".
NEVER_AGAIN = re.compile(r"\bnever\s+(?:to\s+)?(?:take|have|use|restart|go\s+back\s+on)\s+(?:a\s+|any\s+)?(?:statins?|"
                         r"[a-z]*vastatin)\s+(?:\w+\s+)?again\b")


#: "anything to say about statins for her going forward?", "what about the statin?": the statin is what the question is
#: about, not a drug she is told to take ("about her simvastatin" says it is hers, so a possessive is not here) ...
ABOUT_BEFORE = re.compile(r"\b(?:about|regarding|concerning|re:?)\s+(?:the\s+|any\s+|future\s+|"
                          r"a\s+)?$", re.I)
#: ... unless the question tells it too ("what about the atorvastatin she's on?").
TAKEN_AFTER = re.compile(r"\s*(?:\w+\s+)?(?:(?:she|he|they|i)(?:'s|'re|'m|\s+is|\s+are|\s+am|\s+was|\s+were)\s+"
                         r"(?:still\s+)?(?:on|taking)|(?:she|he|they|i)\s+(?:still\s+)?(?:takes?|took))\b", re.I)


#: "which statin has the fewest side effects?", "what's the safest statin for ...?": statins compared, none taken.
CHOICE_BEFORE = re.compile(r"\b(?:which\s+|what(?:'s|\s+is|\s+are)?\s+(?:the\s+)?(?:\w+est\s+|best\s+|preferred\s+)?)$",
                           re.I)


def _the_topic_asked_about(text: str, statin: Span) -> bool:
    """Whether the statin is the subject a question asks about rather than a drug the patient is said to take."""
    before = max(0, statin.start_char - 30)
    return (sentence_at(text, statin.start_char).rstrip().endswith("?")
            and bool(ABOUT_BEFORE.search(text, before, statin.start_char)
                     or CHOICE_BEFORE.search(text, before, statin.start_char))
            and not TAKEN_AFTER.match(text, statin.end_char))


#: "how can he have the statin antibody?", "it's the statin type": the antibody's or the disease's lay name, not a
#: statin taken.
STATIN_AS_A_NAME = re.compile(r"[-\s]?(?:antibody|antibodies)\b(?!\s+(?:test\w*|came|come|were|was|are|is|"
                                       r"result\w*|back|positive|negative))|[-\s]ab\b(?!\s+(?:test|positive|negative))|"
                                       # "the doctor said it's still the statin type one": a kind of the disease.
                                       r"[-\s]?(?:type|kind|form|sort|variety|variant|subtype)\b(?!\s+(?:of\s+)?(?:drugs?|"
                                       r"medicines?|medications?|meds?|tablets?|pills?|cholesterol))", re.I)


def _inside_antibody_phrase(span, spans) -> bool:
    return any(
        other.label_ == "ANTIBODY" and other.start_char <= span.start_char and span.end_char <= other.end_char
        for other in spans
    )


#: A sentence told of an earlier time ("Admission to rehab (28/02): required hoist for all transfers", "during
#: his 2022 admission he was wheelchair-dependent", "initially bed-bound"): its severity gives way to today's.
EARLIER_TIME = re.compile(
    r"\b(?:on|at)\s+(?:admission|presentation|diagnosis|onset|referral|arrival)\b|\badmission\s+to\b|\binitially\b|"
    r"\bat\s+first\b|\bat\s+(?:its|her|his|their)\s+worst\b|\bduring\s+(?:his|her|their|the)\s+(?:\d{4}\s+)?admission\b|"
    r"\bin\s+(?:19|20)\d\d\b|\blast\s+(?:year|month|winter|summer|spring|autumn)\b|\bpreviously\b|\bbefore\s+(?:treatment|"
    r"steroids|ivig|rituximab)\b|\bat\s+the\s+start\b|\bused\s+to\b|"
    # "Admitted 3 weeks ago with dysphagia and rapidly progressive weakness ... On discharge she walks with a frame".
    r"\b\d+\s+(?:weeks?|months?)\s+ago\b", re.I)


#: The grade said in so many words ("Moderate proximal weakness, otherwise fully independent"): the writer's grade.
MODERATE_WORD = re.compile(r"\bmoderate(?:ly)?\b", re.I)


def _severity(doc: Doc, result: Extraction) -> None:
    text = doc.text  # spaCy joins the tokens again on every read
    spans = [s for s in doc.spans[SPAN_KEY] if s.label_ == "SEVERITY" and not s._.negated]
    told = sentences(text)
    earlier = [(start, start + len(sentence)) for start, sentence in told if EARLIER_TIME.search(sentence)]
    now = [s for s in spans if not any(start <= s.start_char < end for start, end in earlier)]
    today = None
    if spans and not now:  # every severity word is of an earlier time: today's function, if told, decides
        today = functional_severity(" ".join(sentence for _, sentence in told if not EARLIER_TIME.search(sentence)))
    levels = [today] if today else [s._.value for s in (now or spans)]
    turn = todays_part(text)
    if turn:  # "bedbound on admission ... now walking with a frame": today's state, told after the earlier one
        start, part = turn
        told_today = [s._.value for s in spans if s.start_char >= start and part[s.start_char - start] != " "]
        today_read = NOTHING_WRONG.sub(" fine ", part)  # "now he no longer needs the banister"
        # ("At the 12-month follow-up he walked unaided without difficulty": walking told as whole is today's too.)
        readings = [*told_today, "severe" if needs_another_person(today_read) else None,
                    functional_severity(today_read), clause_severity(today_read),
                    "mild" if walks_unaided_only(today_read) else None]
        level_today = max(filter(None, readings), key=SEVERITY_RANK.__getitem__, default=None)
        if level_today:
            levels, text = [level_today], part
    if any(flag in SEVERE_FLAGS for flag in result.red_flags):
        levels.append("severe")
    if needs_another_person(text):
        levels.append("severe")
    if levels:
        result.severity = max(levels, key=SEVERITY_RANK.__getitem__)
        if result.severity == "moderate" and (limitation_denied(text) or (independent_despite_weakness(text)
                                                                          or only_sport_is_hard(text)
                                                                          or only_exertion_limited(text))
                                              and not MODERATE_WORD.search(text)):
            result.severity = "mild"
    else:  # "walks with a stick", "power is full": severity told by function
        result.severity = (functional_severity(text) or ("mild" if walks_unaided_only(text) else None)
                           or clause_severity(text))  # a wording no phrase reader knows, read clause by clause
        if result.severity in (None, "moderate") and (independent_despite_weakness(text)
                                                      or only_exertion_limited(text)):
            result.severity = "mild"


#: "62 kg, not 26 kg": the weight right after "not" is the one taken back (a negation further off, as in "never been
#: on a statin ever weight is 70 kilos", says nothing about the weight).
NOT_JUST_BEFORE = re.compile(r"\bnot\s+$|"
                             # "ignore the 200 lb, that was the wrong chart", "disregard that 90 kg".
                             # Not "don't forget the 85 kg when you work out the IVIG".
                             r"\b" + lexicon.TAKE_BACK_VERB + r"\s+(?:the|that|this|my)?\s*"
                             r"(?:weight\s+(?:of\s+)?)?$", re.I)
#: Right after a weight: it is said to be wrong ("(?) - clearly wrong, scale error", "- typo", "is incorrect").
SAID_TO_BE_WRONG = re.compile(r"\s*(?:\(\s*\?\s*\)\s*)?[-–—,:;]?\s*(?:is\s+|was\s+|seems\s+|looks\s+)?"
                              r"(?:clearly\s+|obviously\s+|surely\s+|probably\s+)?(?:the\s+)?(?:wrong|incorrect|an?\s+error|"
                              r"erroneous|a\s+typo|typo|"
                              r"implausible|not\s+right|scale\s+error)\b", re.I)


#: Right before a weight: it corrects what was written before ("corrected: 78 kg", "amended to 70 kg", "should read").
CORRECTS_BEFORE = re.compile(r"\b(?:amended|corrected|correction|revised|should\s+(?:read|be|have\s+been))\s*"
                             r"(?:to\s*)?[:\-–=]?\s*(?:weight|wt)?\s*[:\-–=]?\s*$", re.I)


def _measures(doc: Doc, result: Extraction) -> None:
    text = doc.text  # spaCy joins the tokens again on every read
    spans = doc.spans[SPAN_KEY]
    weighed = [s for s in spans if s.label_ == "WEIGHT" and s._.value is not None]
    # A weight said to be wrong anywhere ("weight is 62 kg, not 26 kg as dictated", "wt 8.5 kg (?) - clearly
    # wrong") is not used wherever it is written.
    placed = [(s._.value, *extent(s)) for s in weighed]
    disowned = {value for value, start, end in placed
                if NOT_JUST_BEFORE.search(text, max(0, start - 20), start) or SAID_TO_BE_WRONG.match(text, end)}
    # "Weight 82 kg -- corrected: 78 kg": a weight written as the correction of those before it replaces them.
    correction = next((start for value, start, end in reversed(placed) if value not in disowned
                       and CORRECTS_BEFORE.search(text, max(0, start - 30), start)), None)
    if correction is not None:
        disowned |= {value for value, start, end in placed if start < correction}
    weighed = [s for s in weighed if s._.value not in disowned]
    weights = [s._.value for s in weighed]
    marked = [s._.value for s in weighed if marked_as_todays(text, *extent(s))]
    if weights and max(weights) - min(weights) > WEIGHT_TOLERANCE_KG:
        # "Wt 198 lbs (212 lbs in 2023)", "Weight 84.5 kg (admission weight 86.0 kg)": today's weight is the
        # one not dated to before.
        today = [s._.value for s in weighed
                 if not an_earlier_weight(text, *extent(s))]
        if today and max(today) - min(today) <= WEIGHT_TOLERANCE_KG:
            weights = today
        elif marked and max(marked) - min(marked) <= WEIGHT_TOLERANCE_KG:
            weights = marked  # "2 years ago 88 kg; at diagnosis 80 kg; today 74.6 kg": the one marked as today's
    if weights:
        if max(weights) - min(weights) <= WEIGHT_TOLERANCE_KG:
            # "13 st 2 lb on the old chart but weighed today at 84 kg": the one marked as today's, if any.
            result.weight_kg = ([weight for weight in marked if weight in weights] or weights)[0]
        else:
            shown = ", ".join(f"{w:g} kg" for w in weights)
            result.problems.append(f"I found different weights ({shown}); which one is current?")
    aged = [s for s in spans if s.label_ == "AGE" and s._.value is not None]
    ages = sorted({s._.value for s in aged})
    if len(ages) > 1:
        # "Re: Maya, aged 11 ... glue ear with grommets aged 4": an age an event happened at is not her age now.
        now = sorted({s._.value for s in aged
                      if not an_event_age(text, *extent(s))})
        ages = now if len(now) == 1 else ages
    if len(ages) == 1:
        result.age_years = ages[0]
        result.age_band = "juvenile" if ages[0] < 18 else "adult"
    elif len(ages) > 1:
        result.problems.append(f"I found more than one age ({', '.join(f'{a:g}' for a in ages)}); which is it?")
    else:
        # "does the paeds dosing apply to her?" asks about the band, it does not give it.
        bands = {s._.value for s in spans if s.label_ == "AGE_BAND" and not s._.negated
                 and not a_yes_no_question(text, s.start_char)}
        if len(bands) == 1:
            result.age_band = bands.pop()
    if result.weight_kg is not None and result.weight_kg < MIN_ADULT_WEIGHT_KG and result.age_band == "adult":
        # "adult IMNM patient, chart says weight 7 kg": a typo or a wrong unit, refused like "7000 kg".
        result.problems.append(f"A weight of {result.weight_kg:g} kg is not plausible for an adult, so I have not "
                               "recorded it. Please check the number and its unit.")
        result.weight_kg = None


#: Flags whose earlier mentions a later "normal" outweighs (a swallow is said to recover; breathing is measured).
OUTWEIGHED_BY_NORMAL = frozenset({"dysphagia"})
RESPIRATORY_MUSCLES_NORMAL = re.compile(
    r"\bno\s+(?:evidence\s+of\s+)?respiratory\s+muscle\s+(?:weakness|involvement)|"
    r"\brespiratory\s+muscle\s+(?:strength|function|power|testing|tests|studies)\s+(?:is\s+|was\s+|were\s+|are\s+)?"
    r"(?:preserved|normal|intact)|"
    r"\bmip\s*/\s*mep\s+(?:(?:are|were|is)\s+)?(?:normal|within\s+normal)", re.I)
#: A flag named as an organ's involvement ("cardiac involvement", "respiratory involvement").
INVOLVEMENT = re.compile(r"\binvolve(?:ment|d)\b", re.I)
#: Said not to be there, as the clause's own verdict ("; no cardiac involvement"): not queried ("?resp muscle
#: involvement"), not "cannot say there is no ...", "no other ...", and not one test's finding ("no cardiac
#: involvement was seen on echo", beside an MRI that showed it).
VERDICT_BEFORE = re.compile(r"(?:^|[;:.,\n(]\s*|\b(?:and|so|thus|therefore)\s+|[-–—]\s*)(?:there\s+(?:is|was)\s+)?"
                            r"(?:no|nil)\s+(?:evidence\s+of\s+|sign\s+of\s+|clinical\s+)?$", re.I)
ONE_TESTS_FINDING = re.compile(
    r"\s*(?:was\s+|is\s+|were\s+)?(?:seen|found|shown|detected|demonstrated)?\s*(?:on|by)\s+\w", re.I)


def _told_from(spans: list[Span], flag: str, position: int) -> bool:
    """Whether a mention that the flag is present starts at or after `position` (a later statement that outweighs an
    earlier normal one)."""
    return any(s.label_ == "RED_FLAG" and s._.value == flag and not s._.negated and s.start_char >= position
               for s in spans)


def _denied(text: str, span: Span) -> bool:
    return bool(VERDICT_BEFORE.search(text[max(0, span.start_char - 40):span.start_char])) and not (
        ONE_TESTS_FINDING.match(text, span.end_char))
#: A flag's function told as normal now.
FUNCTION_NORMAL = {
    "dysphagia": re.compile(
        r"\b(?:swallow(?:ing)?|swallow\s+assessment|salt|slt)\s+(?:(?:is|was|now|remains|totally|completely)\s+){0,2}"
        r"(?:normal|ok(?:ay)?|fine|intact|safe|unaffected)\b|\bnormal\s+(?:swallow|diet)\b|"
        r"\bswallow(?:ing)?\s+(?:\w+\s+){0,2}?(?:back\s+to\s+normal|normali[sz]ed|recovered|resolved)\b|"
        r"\beating\s+(?:and\s+drinking\s+)?(?:normally|fine|a\s+normal\s+diet)\b|"
        # "She swallows fine", "swallows normally without any trouble".
        r"\bswallows\s+(?:\w+\s+)?(?:fine|normally|ok(?:ay)?|well|safely|without\s+(?:any\s+)?(?:difficulty|problems?|trouble))\b",
        re.I),
    "respiratory": re.compile(
        r"\b(?:breathing|resp(?:iratory)?(?:\s+function)?)\s+(?:(?:is|was|now|remains|totally|completely)\s+){0,2}"
        r"(?:fine|normal|ok(?:ay)?|unaffected)\b", re.I),
}
#: Breathing support told as over: it outweighs the respiratory failure told before it, in this message or an earlier
#: one ("ICU in May, intubated ... extubated after PLEX; sats fine on air", "NIV; weaned on day 9 ... no ongoing
#: respiratory support").
RESPIRATORY_SUPPORT_ENDED = re.compile(
    r"\bextubated\b|\bweaned\s+(?:off\s+|from\s+)?(?:the\s+)?(?:niv|bipap|cpap|ventilat\w*|oxygen|o2)\b|"
        r"\bweaned\s+on\s+day\s+\d+|\b(?:off|no\s+longer\s+(?:on|needs?|requires?))\s+(?:the\s+)?(?:niv|bipap|ventilator)\b|"
        r"\bno\s+(?:ongoing|further|current)\s+(?:respiratory|ventilatory|niv)\s+support\b|"
        r"\bsats?\s+(?:are\s+|were\s+)?(?:fine|normal|good|ok(?:ay)?)\s+on\s+(?:room\s+)?air\b", re.I)


#: The heart's pump told as recovered or normal now: "EF recovered to 55%", "LVEF now 60%", "cardiology discharged
#: her"; or the heart examined and cleared: "cardiac MRI normal", "the troponin was skeletal muscle", "cardiology have
#: excluded myocarditis". A cardiac flag from an earlier time (or message) is taken back.
CARDIAC_RECOVERED = re.compile(
    r"\b(?:lv)?ef\b[^.;\n]{0,15}?\b(?:recovered|normali[sz]ed|back\s+to\s+normal)\b|"
    r"\b(?:lv)?ef\s+(?:has\s+)?(?:now|recovered\s+to|improved\s+to|normali[sz]ed\s+to|back\s+up\s+to)\s*(?:[:=]\s*)?"
    r"(?:[5-7]\d)\s*%|\bcardiology\s+(?:have\s+|has\s+)?discharged\b|"
    r"\b(?:cardiac\s+(?:mri|mr|magnetic\s+resonance)|cmr|echo(?:cardiogram)?)\s*(?:scan\s+)?"
    r"(?:(?:and|&|\+)\s+(?:cardiac\s+(?:mri|mr)|cmr|echo(?:cardiogram)?|ecg)\s+)?"
    r"(?:is\s+|was\s+|are\s+|were\s+|came\s+back\s+|[:\-–]\s*)?(?:both\s+)?"
    r"(?:entirely\s+|completely\s+|totally\s+|also\s+)?(?:normal|clear|unremarkable|nad)\b|"
    # "CMR showed no cardiac involvement" (not "no myocarditis" alone: a heart block is cardiac without it).
    r"\b(?:cardiology|cardiologists?|cmr|cardiac\s+(?:mri|mr)|echo(?:cardiogram)?)\b[^.;?]{0,40}?\bno\s+(?:evidence\s+of\s+|sign\s+"
    r"of\s+)?(?:cardiac|heart|myocardial)\s+involvement\b|"
    r"\btrop(?:onin)?\b[^.;\n?]{0,40}?\b(?:skeletal(?:\s+muscle)?|from\s+(?:the\s+)?(?:muscles?|myositis)|"
    r"muscle\s+(?:origin|source)|non[-\s]?cardiac)\b|"
    r"\bcardiology\s+(?:have\s+|has\s+)?(?:excluded|ruled\s+out)\s+(?:myocarditis|cardiac\s+involvement|"
    r"heart\s+involvement|(?:any\s+)?cardiac\s+(?:cause|disease))\b", re.I)


def _told_as_over(text: str, over: re.Pattern[str], flag: str, spans) -> bool:
    """Whether `text` tells (not asks) that the finding is over ("extubated", "EF recovered to 55%"), and does not
    tell the finding again after that."""
    told = [match for match in over.finditer(text) if not sentence_at(text, match.start()).rstrip().endswith("?")]
    return bool(told) and not any(
        s.label_ == "RED_FLAG" and s._.value == flag and not s._.negated and s.start_char > told[-1].end()
        for s in spans)


def _now_absent(result: Extraction, flag: str) -> None:
    """A flag a later statement takes back: not present, and said to be absent."""
    result.red_flags = [value for value in result.red_flags if value != flag]
    result.absent_flags = sorted({*result.absent_flags, flag})


#: What interstitial lung disease explains as well as weak breathing muscles do.
LUNG_SYMPTOM = re.compile(r"breath|\bsob\b|dyspn|cough|\bfvc\b|\bdlco\b|\btlco\b|desat|exertion|restrict", re.I)
#: The lung disease described by its imaging, which is what lets a letter's breathlessness be put down to it.
LUNG_PATTERN = re.compile(r"\b(?:nsip|uip|op\s+pattern|reticula\w*|ground[-\s]glass|honeycomb\w*|"
                          r"traction\s+bronchiect\w*|fibros\w*|fibrotic)\b", re.I)
#: Breathless at rest or on the least effort ("breathless walking to the bathroom"): compromise, whatever the cause.
AT_REST = re.compile(r"[^.;]{0,25}?\b(?:at\s+rest|minimal\s+(?:exertion|effort)|(?:walking|getting)\s+to\s+the\s+"
                     r"(?:bathroom|toilet|loo)|(?:while|when)\s+talking|mid[-\s]?sentence|lying\s+flat)\b", re.I)
#: What only the breathing muscles explain: ventilation, the diaphragm, hypercapnia, a weak cough, lying flat.
BREATHING_MUSCLE = re.compile(
    r"ventilat|\bniv\b|bipap|cpap|intubat|diaphragm|hypercapn|orthopn\w*|paradoxical|respiratory\s+(?:muscle|failure|"
    r"weakness|insufficiency|compromise)|weak\s+cough|\bmip\b|\bmep\b|sniff|supine\s+fvc|fvc\s+(?:falling|dropping|declin)|"
    # Oxygen needed: respiratory compromise, whichever organ it comes from.
    r"\b\d+\s*l(?:/min)?\s+(?:of\s+)?o2\b|\bon\s+(?:home\s+)?(?:o2|oxygen)\b", re.I)


def _flags(doc: Doc, result: Extraction) -> None:
    text = doc.text  # spaCy joins the tokens again on every read
    # "what's the standard dose of pembrolizumab for melanoma?": a question that names no person asks about
    # the drug or the disease in general, not about this patient.
    spans = [s for s in doc.spans[SPAN_KEY]
             if not (s.label_ in ("ICI", "RED_FLAG") and _asked_in_general(text, s, doc.spans[SPAN_KEY]))]
    result.red_flags = sorted({s._.value for s in spans if s.label_ == "RED_FLAG" and not s._.negated})
    # Absent only when no mention says present ("no NIV yet" does not undo "FVC falling").
    result.absent_flags = sorted({s._.value for s in spans if s.label_ == "RED_FLAG" and s._.negated}
                                 - set(result.red_flags))
    # The breathing muscles themselves found normal: a restriction or breathlessness is then another organ's ("no
    # respiratory muscle weakness (normal MIP/MEP)", "respiratory muscle strength preserved; restriction from ILD").
    # The latest statement wins: "respiratory muscle testing normal but FVC 55% and falling" is respiratory.
    normal = [match for match in RESPIRATORY_MUSCLES_NORMAL.finditer(text)
              if not sentence_at(text, match.start()).rstrip().endswith("?")]
    if "respiratory" in result.red_flags and normal and not _told_from(spans, "respiratory", normal[-1].end()):
        _now_absent(result, "respiratory")
    # Breathlessness, a cough or a low FVC beside interstitial lung disease is the lung's, not the breathing muscles'
    # ("exertional breathlessness ... HRCT: NSIP; FVC 68%"): respiratory only when a muscle word tells it.
    if "respiratory" in result.red_flags and "ild" in result.red_flags:
        told = [s for s in spans if s.label_ == "RED_FLAG" and s._.value == "respiratory" and not s._.negated]
        if told and all(LUNG_SYMPTOM.search(s.text) and not BREATHING_MUSCLE.search(s.text)
                        and not AT_REST.match(text, s.end_char) for s in told) \
                and LUNG_PATTERN.search(text) and not BREATHING_MUSCLE.search(text):
            _now_absent(result, "respiratory")
    # The latest statement wins: a finding said to have resolved, with nothing telling of it after ("coughing with
    # drinks ... Dysphagia resolved.", "myocarditis 12/2024 ... The myocarditis has resolved"); a verdict that the
    # organ is not involved, after what raised the question ("troponin T 60 ... rise attributed to skeletal muscle; no
    # cardiac involvement"), only a verdict ("involvement"), not a detail denied beside another told ("dysphagia to
    # liquids, none to solids").
    for flag in list(result.red_flags):
        mentions = sorted((s for s in spans if s.label_ == "RED_FLAG" and s._.value == flag),
                          key=lambda s: s.start_char)
        last = mentions[-1] if mentions else None
        if last is not None and (last._.temporal == "resolved" or (
                last._.negated and INVOLVEMENT.search(last.text) and _denied(text, last))):
            _now_absent(result, flag)
    # The function a flag is about, said to be normal ("swallowing normal, PEG out", "Dad's breathing is totally
    # fine"): absent, and it outweighs mentions told before it ("dysphagia at presentation ... swallow back to
    # normal by day 10"), not one told after it.
    for flag, normal in FUNCTION_NORMAL.items():
        said = [match for match in normal.finditer(text)  # "is her swallowing normal?" asks, it does not tell
                if not sentence_at(text, match.start()).rstrip().endswith("?")]
        if not said:
            continue
        # Breathing said to be "fine" does not outweigh a measured fall ("FVC 1.2 L and falling ... breathing fine at
        # rest"): for it, any mention of the finding stands.
        if not _told_from(spans, flag, said[-1].start() + 1 if flag in OUTWEIGHED_BY_NORMAL else 0):
            _now_absent(result, flag)
    for over, flag in ((CARDIAC_RECOVERED, "cardiac"), (RESPIRATORY_SUPPORT_ENDED, "respiratory")):
        if _told_as_over(text, over, flag, spans):
            _now_absent(result, flag)
    ici = [s for s in spans if s.label_ == "ICI"]
    if ici:
        told = [s for s in ici if not s._.negated]
        # "She has NOT received any checkpoint inhibitor": an explicit denial outweighs a drug named as planned,
        # deferred or discussed; only one told as given ("on", "received", "cycle 3") stands against it.
        if any(s._.negated for s in ici) and told:
            told = [s for s in told if ICI_GIVEN_NEAR.search(text, max(0, s.start_char - 30), s.end_char + 30)]
        result.ici_exposure = bool(told)
    # A question ("will it come back when they lower them?", "how often do patients relapse?") tells
    # nothing about this patient's course.
    told = [s for s in spans if s.label_ in ("REFRACTORY", "NOT_REFRACTORY")
            and not in_a_question(text, s.start_char) and not said_of_a_cancer(text, s.start_char)]
    refractory = [s for s in told if s.label_ == "REFRACTORY"]
    course = course_refractory(text)
    if course is not None and (not refractory or course is True):
        result.refractory = course  # the course read clause by clause (imnm/language/extract/course.py)
    elif escalation_told(text) and not any(EXPLICITLY_NOT_REFRACTORY.search(s.text) for s in told):
        # An escalation agent given after an earlier line: the verdict, whatever the response to it
        # (imnm/language/extract/escalation.py).
        result.refractory = True
    elif not told and limited_after_treatment(text):
        result.refractory = True  # still limited after months of treatment (imnm/language/extract/course_state.py)
    elif any(not s._.negated for s in refractory):
        result.refractory = True
    elif refractory or any(s.label_ == "NOT_REFRACTORY" for s in told):
        result.refractory = False
    audiences = {s._.value for s in spans if s.label_ == "AUDIENCE" and not s._.negated}
    if len(audiences) == 1:
        result.audience = audiences.pop()


ICI_GIVEN_NEAR = re.compile(r"\b(?:on|received|receiving|given|cycles?|c\d+|doses?|infusions?|since|after|"
                            r"treated\s+with|course\s+of|associated|induced|related)\b", re.I)
#: Words that put a person in a sentence: a question without any is about the drug or the disease in general.
PERSON_REFERENCE = re.compile(r"\b(?:he|she|they|him|her|his|hers|them|their|pt|patient|my|our|i|me|we|us|you|your|"
                              r"mum|mom|dad|wife|husband|son|daughter|man|woman|lady|gentleman|boy|girl|child)\b|"
                              r"\b\d{1,3}\s*(?:y/?o|yo|[mf])\b", re.I)
WH_QUESTION = re.compile(r"\W*(?:(?:and|so|ok|okay|quick\s+one|q)\W+)?(?:what|what's|whats|which|how|is|are|does|do|"
                         r"can|could|should|would|when|why)\b", re.I)
PATIENT_FACTS = ("ANTIBODY", "SERONEGATIVE", "WEIGHT", "AGE", "AGE_BAND", "SEVERITY", "STATIN", "STATIN_NEVER")


def _asked_in_general(text: str, span: Span, spans: list[Span]) -> bool:
    """A drug or a finding named in a question that names no person and gives no fact of a patient."""
    start, sentence = sentence_around(text, span.start_char)
    if not (sentence.strip().endswith("?") and WH_QUESTION.match(sentence)) or PERSON_REFERENCE.search(sentence):
        return False
    end = start + len(sentence)
    return not any(other.label_ in PATIENT_FACTS and start <= other.start_char < end for other in spans)


NEVER_DENIED = re.compile(r"(?:\bnot|n't|\bisnt)\s+$", re.I)
#: "Wife is on a statin, he isn't and never has been": the patient's own never, after someone else's statin.
STATIN_NEVER_AFTER_OTHERS = re.compile(
    r"statin[^.;]*?\b(?:he|she|they|pt|the\s+patient)\s+(?:is\s*n'?t|is\s+not|isnt)\s*(?:,|and)?\s*"
    r"(?:never\s+(?:has|have)\s+been|has\s+never\s+been)|"
    r"statin[^.]*?\b(?:she|he)\s+(?:herself|himself)\s+has\s+never\s+(?:had|taken|been\s+on)\s+(?:one|it|any)|"
    r"statins?\b[^.]*?\b(?:she|he)(?:'s|\s+has)\s+never\s+(?:been\s+on|had|taken)\s+(?:one|any)\b", re.I)
#: "Never on any regular medication", "has never taken any medicines": no statin ever, told without naming one.
NEVER_ANY_MEDICATION = re.compile(
    # Not someone else's ("her husband has never taken any medication"), nor the myositis treatment not yet begun.
    r"(?:^|(?<=[.;!?]))(?![^.;\n]*\b(?:husband|wife|partner|mother|father|mum|mom|dad|son|daughter|brother|sister)\b)[^.;\n]*?"
    r"\b(?:never|not\s+ever)\s+(?:been\s+)?(?:on|taken|had|used|prescribed)\s+(?:any\s+)?(?:regular\s+|long[-\s]term\s+)?"
    r"(?:medications?|medicines?|meds|tablets|drugs|prescriptions?)\b"
    r"(?!\s+(?:for|yet|until|apart|except|other\s+than|besides|before))", re.I | re.M)
STOP_PRESUPPOSES = re.compile(r"(?<!will\s)(?<!would\s)(?<!does\s)(?<!did\s)(?<!was\s)"
                              # "will stopping the statin be enough?" asks about its effect; it presupposes nothing.
                              r"\b(?:stop|stopping|discontinu\w*|hold|holding|continue|continuing|keep\w*|"
                              r"still\s+on|remain\s+on|come\s+off)\b[^.?!]{0,25}$", re.I)
STATIN_PLANNED = re.compile(
    r"\b(?:wants?|wanted|planning|plans?|going|would\s+like|consider\w*|thinking\s+(?:of|about))\s+"
    # "my GP wants me to take a cholesterol tablet again".
    r"(?:(?:me|him|her|them|us)\s+to\s+(?:take|have|go\s+back\s+on|be\s+on)\b[^.;?!]*$|"
    r"(?:to\s+)?"
    r"(?:restart\w*|re-?start\w*|resum\w*|go(?:ing)?\s+back\s+on(?:to)?|re-?challeng\w*|start\w*|try\w*|giv\w*|"
    # "my GP wants to put me on a different statin".
    r"put\s+(?:me|him|her|them|you)\s+(?:back\s+)?on)"
    r"[^.;?!]*$)", re.I)
STATIN_NEVER_WORDS = re.compile(r"\b(?:never|denies|denied|no\s+(?:prior|previous|history))\b|"
                                r"\b(?:did\s*n[o']?t|has\s*n[o']?t|have\s*n[o']?t)\s+(?:ever\s+)?"
                                r"(?:take|taken|use|used|receive|received|have|had|been\s+on)\b")


def normalised(text: str) -> str:
    """Invisible and formatting characters must never split or join a number ("1\u200b10 kg" is 110 kg, not 10 kg);
    compatibility forms become plain ones (full-width digits, ligatures)."""
    text = unicodedata.normalize("NFKC", decimal_fractions(INVISIBLE.sub("", text)))
    # A results table's dot leaders ("Anti-SRP antibody .......... Not detected") join a name to its value like a
    # colon: written as one, so the value is read as the name's.
    text = DOT_LEADER.sub(lambda match: ": " + " " * (len(match[0]) - 2), text)
    # "never ever been on a statin", "never, ever", "never once": the intensified word read as the word itself.
    text = NEVER_INTENSIFIED.sub(lambda match: match[1] + " " * (len(match[0]) - len(match[1])), text)
    # "he never stopped his simvastatin": still taking it, not never taken (same length, so offsets hold).
    return NEVER_STOPPED.sub(lambda match: "still taking".ljust(len(match[0])), text)


#: "never ever", "never, ever", "never once took", "never, not once,": "never" said with emphasis.
NEVER_INTENSIFIED = re.compile(r"\b(never)(?:[,\s]+(?:ever|once|not\s+once|not\s+ever))+\b,?", re.I)
#: A treatment never stopped is one still taken ("never stopped", "never came off"; not "never stopped being weak").
NEVER_STOPPED = re.compile(r"\bnever\s+(?:stopped|discontinued|came\s+off|quit)(?:\s+(?:taking|using|having))?\b"
                           r"(?!\s+(?:being|feeling|getting|trying|falling|aching|hurting|worrying)\b)", re.I)
#: Three or more dots between a field's name and its value (not "..." ending a sentence or a thought).
DOT_LEADER = re.compile(r"[ \t]*\.{4,}[ \t]*(?=\S)")


def severity_without_flags(text: str) -> str | None:
    """The severity a message tells by its words and function alone, leaving out what its red flags add ("in a
    wheelchair, dysphagia" is severe by the wheelchair; "walks with a stick, dysphagia" is moderate without the
    dysphagia). Read again only when a flag is taken back, to find the severity the patient has without it."""
    if not text or not text.strip():
        return None
    masked, _ = relatives_in_focus_masked(normalised(text)[:MAX_CHARS])
    result = Extraction()
    _severity(build_pipeline()(masked), result)
    return result.severity


#: A fact taken back by its name rather than its value: "strike out the age", "ignore her weight", "disregard the
#: antibody result" (values taken back are found by the pipeline: "scrap the statin").
_FACT_NAMES = (r"(?:(?P<weight_kg>weight|wt)|(?P<age_years>age)|(?P<antibody>(?:antibod(?:y|ies)|serology)"
               r"(?:\s+(?:results?|status|tests?))?|"
               # "the HMGCR-positive result attached to the referral belongs to a different patient".
               r"(?:anti[-\s]?)?(?P<named_antibody>hmgcr|srp)(?:[-\s](?:positive|pos|negative|neg|antibody))?\s+(?:results?|tests?)))")
TAKEN_BACK_BY_NAME = (
    re.compile(r"\b" + lexicon.TAKE_BACK_VERB + r"\s+(?:(?:the|her|his|their|that|this|my)\s+)?" + _FACT_NAMES + r"\b",
               re.I),
    # "the antibody result I gave you was from the wrong patient", "the weight isn't his".
    re.compile(r"\b(?:the|that|her|his)\s+" + _FACT_NAMES + r"\b[^.;?]{0,30}?(?:\b" + lexicon.ANOTHER_PATIENTS
               + r"|\s(?:isn'?t|is\s+not|wasn'?t|was\s+not)\s+(?:his|hers|her|theirs|this\s+patient'?s)\b)", re.I),
)


def extract(text: str) -> Extraction:
    """Facts in one message. Over-long input is truncated, never rejected with an error."""
    trace.count("extraction")
    result = Extraction()
    if not text or not text.strip():
        return result
    text = normalised(text)
    if len(text) > MAX_CHARS:
        result.problems.append(
            f"Your message is {len(text):,} characters long; I read only the first {MAX_CHARS:,}. Anything "
            "after that was not used: please send it in another message.")
    spoken = relative_before_age(nursing_titles(with_spelled_out(written_forms(text[:MAX_CHARS]))))
    read = patient_in_focus(form_answers_as_sentences(answers_applied(dictation_as_punctuation(spoken))))
    several = several_patients(read)
    if several:
        # Two patients' facts merged would make one patient who does not exist: ask which one is meant.
        result.problems.append(
            f"This message describes {len(several)} patients ({', '.join(several)}); I have not recorded any of their "
            "facts, so that two patients are not mixed into one. Which one is this about? Send that patient's "
            "details on their own.")
        return result
    read = STATIN_AS_ONE.sub(lambda match: f"{match['between']}{match[2]} a statin", read)
    if DECLARED_NOT_REAL.search(read) and not A_REAL_PATIENT_TOO.search(read):
        # "this is a made-up practice question from my question bank, NOT a real patient: '...'": nobody's facts.
        return result
    masked, relative_in_focus = relatives_in_focus_masked(read)
    doc = build_pipeline()(masked)
    if relative_in_focus:
        writers_own_dropped(doc)  # "I'm the one on simvastatin, not her", "I weigh 60 kg": the writer's
    result.problems.extend(doc._.problems or [])
    _flags(doc, result)
    result.treatments_tried = treatments_given(masked)
    result.treatments_ruled_out = treatments_ruled_out(masked)
    if relative_in_focus:
        result.audience = "patient"  # a relative or partner writing about the one who is ill
    _antibody(doc, result)
    _statin(doc, result)
    _severity(doc, result)
    _measures(doc, result)
    taken_back_by_name = [match for pattern in TAKEN_BACK_BY_NAME for match in pattern.finditer(read)]
    by_name = {slot for match in taken_back_by_name for slot, word in match.groupdict().items()
               if word and slot != "named_antibody"}
    if any((match["named_antibody"] or "").upper() == result.antibody for match in taken_back_by_name):
        result.antibody = None  # the result named as another patient's is the one this message read
    taken_back = {*(doc._.taken_back or ()), *by_name}
    result.taken_back = sorted(slot for slot in taken_back if getattr(result, slot) is None)
    return result
