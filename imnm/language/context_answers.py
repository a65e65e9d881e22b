"""Facts that a short reply gives only in the light of the conversation so far.

"70" after the bot asked for the weight (or refused "weight 7000"), and "sorry, that was lbs" after
"wt 141 kg", carry no fact on their own; the extractor reads single messages, so these are read
here, against the conversation's facts and the user's earlier messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from imnm.engine.facts import ADULT_AGE_YEARS, MAX_AGE_YEARS
from imnm.language.extract.course import JUST_STARTED, course_refractory, mentions_treatment
from imnm.language.extract.course_state import limited_after_treatment
from imnm.language.extract.escalation import escalation_told
from imnm.language.extract.facts import STATIN_UNCERTAIN, extract
from imnm.language.extract.focus import BEDS_IN_PROSE, PATIENT_LABEL, several_patients
from imnm.language.extract.lexicon import STATIN_DRUGS, STATIN_WORDS
from imnm.language.extract.measures import UNIT_NAMES, WORD_NUMBERS, find_ages, find_weights, weight_from
from imnm.language.extract.treatments import treatments_named

#: A reply that is only a number, perhaps after "sorry" or "it's": the answer to the question asked.
BARE_NUMBER = re.compile(
    r"^\W*(?:(?:sorry|oops|oh|ok(?:ay)?|no|yes|yeah|it'?s|it\s+is|about|approx\.?|around|i\s+meant|meant|correction|"
    r"make\s+that)"
    r"[\s,:;.!-]*)*~?\s*(?P<value>\d{1,4}(?:\.\d{1,2})?)"
    # "sorry 78 obviously", "72, my bad": a word owning the slip may follow.
    r"(?:[\s,]+(?:obviously|sorry|oops|my\s+bad|typo|lol|haha|apologies|then))*\W*$",
    re.I,
)
_UNIT_WORD = r"(?:lbs?|pounds?|stones?|st|kgs?|kilos?|kilograms?)"
#: "sorry, that was lbs", "I meant pounds", "in lbs not kg": the last weight's number, in another unit.
UNIT_CORRECTION = re.compile(
    rf"\b(?:that|it|this|the\s+weight|weight)(?:'s|’s|\s+(?:was|is|were))\s+(?:in\s+)?(?P<a>{_UNIT_WORD})\b|"
    rf"\b(?:i\s+)?meant\s+(?:in\s+)?(?P<b>{_UNIT_WORD})\b|"
    rf"^\W*(?:sorry\W*)?(?:in\s+)?(?P<c>{_UNIT_WORD})(?:\s*,?\s*not\s+\w+)?\W*$|"
    # "lbs not kg sorry, US transfer": the unit put right anywhere in the message.
    rf"\b(?P<d>{_UNIT_WORD})\s*,?\s*not\s+(?:in\s+)?(?:kg|kgs|kilos?|kilograms?|lbs?|pounds?|stones?|st)\b",
    re.I,
)
#: "16 not 61", "not 61 but 16", "61 should be 16", "61 -> 16": one number put right by another; the slot
#: whose value is the wrong number is the one corrected.
_NUM = r"\d{1,3}(?:\.\d{1,2})?"
NUMBER_CORRECTION = re.compile(
    rf"(?<![\d.])(?P<new>{_NUM})\s*,?\s*(?:not|instead\s+of|rather\s+than)\s+(?P<old>{_NUM})(?![\d.])|"
    rf"\bnot\s+(?P<old2>{_NUM})\s*[,;-]?\s*(?:but\s+|it'?s\s+|it\s+is\s+)?(?P<new2>{_NUM})(?![\d.])|"
    rf"(?<![\d.])(?P<old3>{_NUM})\s+(?:should\s+(?:have\s+)?be(?:en)?|was\s+meant\s+to\s+be|is\s+actually|"
    rf"was\s+(?:a\s+)?typo\s+for|->|→|=>)\s+(?P<new3>{_NUM})(?![\d.])",
    re.I,
)
_NUMBER_WORDS = re.compile(
    r"\b(?:" + "|".join(sorted((w.replace("-", "[-\\s]") for w in WORD_NUMBERS), key=len, reverse=True)) + r")\b", re.I)


def numbers_as_digits(text: str) -> str:
    """'twenty seven not seventeen' -> '27 not 17' (for reading a correction; not for offsets)."""
    return _NUMBER_WORDS.sub(lambda m: str(WORD_NUMBERS[re.sub(r"[-\s]+", "-", m[0].lower())]), text)


#: A value refused before, insisted on: "yes 250", "that's what the chart says", "it really is", "no typo".
_RECORD = r"(?:chart|notes?|scales?|record|form|ehr|system|referral|letter|obs|sheet|weigh[-\s]?in)"
INSISTS = re.compile(
    r"^\W*(?:yes|yep|yeah|yup|correct|confirmed|definitely|really|honestly|it\s+(?:really\s+)?is|(?:i'?m|we'?re)\s+sure)\b|"
    r"\bthat'?s\s+(?:really\s+)?(?:right|correct)\b|\bhonestly\b|\bdefinitely\b|"
    r"\b(?:what|as)\s+(?:the\s+|her\s+|his\s+|our\s+|my\s+)?(?:\w+\s+)?" + _RECORD
    + r"\s+(?:says?|said|shows?|showed|reads?)\b|"
    r"\b(?:figure|number|value|weight|age)\s+(?:on|in)\s+(?:the\s+|her\s+|his\s+)?" + _RECORD + r"\b|"
    r"\b(?:no|not\s+a)\s+(?:typo|mistake|error)\b|\bthat\s+is\s+(?:really\s+)?(?:her|his|their|the)\s+(?:real\s+|actual\s+)?"
    r"(?:weight|age)\b|\b(?:double[-\s])?checked\b|\bas\s+(?:written|stated|i\s+said)\b", re.I)
#: A value put right rather than insisted on: "yes sorry, 31", "I meant 31".
PUT_RIGHT = re.compile(r"\b(?:sorry|oops|meant|typo\s+for|should\s+(?:be|read)|correction)\b", re.I)
#: How a refused value insisted on is answered: the refusal again, as firm as before.
STILL_REFUSED = "Even so, I cannot use "
#: A written weight with one number ("141 kg", "wt 141"), which a unit correction can re-read.
ONE_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


STATIN_WORD = re.compile(r"\b(?:" + "|".join([*STATIN_WORDS, *STATIN_DRUGS]) + r")\b", re.I)
#: "she stopped it", "came off it 18 months ago", "no longer takes it": the drug the pronoun stands for was stopped.
STOPPED_IT = re.compile(r"\b(?:stopped|stoped|came\s+off|discontinued|quit|ceased|d/c'?d|was\s+taken\s+off)\s+"
                        r"(?:taking\s+)?(?:it|that|this|them)\b|\bno\s+longer\s+(?:on|takes?|taking)\s+(?:it|that|them)\b|"
                        r"\b(?:it|that)\s+(?:was|has\s+been|got)\s+(?:stopped|discontinued)\b", re.I)


#: "No sorry, he's still taking it - the GP never stopped it": the statin named before, taken after all.
STILL_ON_IT = re.compile(r"\b(?:still|actually|in\s+fact)\s+(?:on|taking|takes)\s+(?:it|that|them)\b|"
                         r"\bnever\s+(?:actually\s+)?(?:stopped|came\s+off|discontinued)\s+(?:taking\s+)?(?:it|that|them)\b|"
                         r"\b(?:it|that)\s+(?:was|has)\s+never\s+(?:been\s+)?(?:stopped|discontinued)\b", re.I)


def _statin_named_last(earlier_messages: list[str]) -> bool:
    """Whether the latest earlier message that names a drug names a statin (the "it" a stop refers to)."""
    for message in reversed(earlier_messages):
        if STATIN_WORD.search(message):
            return True
        if treatments_named(message):
            return False
    return False


@dataclass
class ContextFacts:
    """Slot values read from the context, and plain-language reasons for any refused value."""

    slots: dict[str, object] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


#: "48 h later troponin still climbing" after "IVMP given": the heart's marker rising on treatment (checkpoint-inhibitor
#: myocarditis), read only after a treatment told earlier in the conversation.
TROPONIN_STILL_RISING = re.compile(
    r"\btrop(?:onin)?(?:\s+[it])?\s+(?:is\s+|has\s+)?(?:still\s+|continu\w+\s+to\s+|keeps?\s+)(?:climb\w*|ris\w*|"
    r"go(?:ing)?\s+up|increas\w*)\b", re.I)
NO_TREATMENT_YET = re.compile(r"\b(?:no|not|nothing)\s+(?:\w+\s+)?(?:treatment|treated|given|started)\b", re.I)


def facts_from_context(text: str, asked_for: str | None, earlier_messages: list[str],
                       own_facts: frozenset[str] = frozenset(),
                       current: dict[str, object] | None = None) -> ContextFacts:
    """`asked_for` is the fact the bot needs next (e.g. "weight_kg"); `earlier_messages` are the
    user's previous messages in this conversation, oldest first; `own_facts` the slots this message
    set by itself (a reply that gives facts of its own is not re-read as an answer); `current` the
    conversation's facts, where a corrected number ("16 not 61") is looked up."""
    found = ContextFacts()
    earlier = "\n".join(earlier_messages)
    # ("Started pred 60 on Monday (4 days ago)" then "the same so far, still on a stick": too early to judge.)
    treated_before = any(mentions_treatment(message) and not JUST_STARTED.search(message)
                         for message in earlier_messages)
    if "refractory" not in own_facts and (course_refractory(text, treated_before=treated_before)
            or limited_after_treatment(text, earlier=earlier)
            or escalation_told(text, earlier=earlier)
            or (TROPONIN_STILL_RISING.search(text) and not NO_TREATMENT_YET.search(text)
                and any(mentions_treatment(message) for message in earlier_messages))):
        # "CK still 5000, no stronger" after "started pred + MTX 3 months ago": the course, told in two turns.
        found.slots["refractory"] = True
    elif ("refractory" in own_facts and earlier_messages and limited_after_treatment(text)
          and not limited_after_treatment(text, earlier=earlier)
          and not course_refractory(text) and not escalation_told(text)):
        # "pred and MTX for 4 months: now walks with a rollator" after "bedbound on admission": the message alone reads
        # as still limited after months, but it is better than told before - a response, not a refractory course.
        found.slots["refractory"] = None
    if STATIN_UNCERTAIN.search(text):
        # "so unknown really": an earlier statin history is taken back (asked again, then assumed).
        found.slots["statin_exposure"] = None
        found.slots["statin_status"] = None
    if ("statin_status" not in own_facts and (current or {}).get("statin_status") == "current"
            and STOPPED_IT.search(text) and _statin_named_last(earlier_messages)):
        # "71F, HMGCR, currently taking atorvastatin." ... "actually she stopped it 18 months ago": "it" is the statin.
        found.slots["statin_exposure"], found.slots["statin_status"] = True, "past"
    elif ("statin_status" not in own_facts and (current or {}).get("statin_status") == "past"
          and STILL_ON_IT.search(text) and _statin_named_last(earlier_messages)):
        # "was on rosuvastatin, stopped in May." ... "No sorry, he's still taking it": the statin goes on.
        found.slots["statin_exposure"], found.slots["statin_status"] = True, "current"
    if own_facts:
        return found
    if earlier_messages and INSISTS.search(text) and len(text.split()) <= 14 and not PUT_RIGHT.search(text):
        # "that's what the chart says" after "weight 7000 kg" was refused: still refused, and said so again. Not "yes
        # sorry, 31": a value put right. A number told again is the refused one only when it is the same number.
        before = earlier_messages[-1]
        refused = [measure.problem for measure in (*find_weights(before), *find_ages(before))
                   if measure.value is None and measure.problem
                   and all(number in measure.problem for number in re.findall(r"\d+", text))]
        if refused:
            found.problems.extend(STILL_REFUSED + problem.removeprefix("I did not use ") for problem in refused)
            return found
    chosen = _one_of_the_patients_before(text, earlier_messages)
    if chosen:
        # "For patient B, what applies?" after a message about two patients (whose facts were not recorded).
        found.slots.update(chosen)
        return found
    correction = UNIT_CORRECTION.search(text)
    if correction:
        unit = next(group for group in correction.groups() if group)
        _reread_last_weight(unit, earlier_messages, found)
        return found
    swap = NUMBER_CORRECTION.search(numbers_as_digits(text))  # "he is twenty seven not seventeen"
    if swap and current:
        _correct_number(float(swap["old"] or swap["old2"] or swap["old3"]),
                        float(swap["new"] or swap["new2"] or swap["new3"]), current, found)
        if found.slots or found.problems:
            return found
    bare = BARE_NUMBER.match(text)
    if bare and asked_for == "weight_kg":
        _take(weight_from(float(bare["value"]), "kg", bare["value"] + " kg"), found)
    elif bare and earlier_messages and any(measure.value is None for measure in find_ages(earlier_messages[-1])):
        # "yes sorry, 31" after "aged 310" was refused: the age put right.
        _take_age(float(bare["value"]), found)
    return found


#: Which of the patients the message before listed: "for patient B", "Pt 2", "the second one".
ONE_OF_THEM = re.compile(r"\b(?:patient|pt|case|bed|mrs|mr|ms|miss)\.?\s*(?P<label>[A-Z]|\d{1,2})\b|"
                         r"\bthe\s+(?P<ordinal>first|second|third|1st|2nd|3rd|former|latter)\s*(?:one|patient|case|pt)?\b",
                         re.I)
ORDINALS = {"first": 0, "1st": 0, "former": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "latter": -1}


def _one_of_the_patients_before(text: str, earlier_messages: list[str]) -> dict[str, object]:
    """The facts of the one patient this message picks from the message before, when that message told of
    several and none was recorded (the bot asked which one)."""
    if not earlier_messages:
        return {}
    before = earlier_messages[-1]
    labels = several_patients(before)
    chosen = ONE_OF_THEM.search(text) if labels else None
    if chosen is None:
        return {}
    if chosen["label"]:
        label = chosen["label"].upper()
    else:
        place = ORDINALS[chosen["ordinal"].lower()]
        label = labels[place] if place < len(labels) else ""
    kind = next((before[:match.start("label")].split()[-1].rstrip(".") if match["title"] is not None
                 else match[0].split()[0]
                 for match in PATIENT_LABEL.finditer(before) if match["label"].upper() == label), None)
    if kind is None and any(match["label"] == label for match in BEDS_IN_PROSE.finditer(before)):
        kind = "bed"
    if kind is None:
        return {}
    facts = extract(f"{before}\nI'm asking about {kind} {label}.").slots()
    return {name: value for name, value in facts.items() if value not in (None, []) and name != "audience"}


def _correct_number(old: float, new: float, current: dict[str, object], found: ContextFacts) -> None:
    """Put `new` in the one numeric fact that holds `old` (the age or the weight)."""
    holders = [name for name in ("age_years", "weight_kg") if isinstance(current.get(name), int | float)
               and abs(float(current[name]) - old) < 0.05]
    if len(holders) != 1:
        return
    if holders[0] == "weight_kg":
        _take(weight_from(new, "kg", f"{new:g} kg"), found)
    else:
        _take_age(new, found)


def _take_age(years: float, found: ContextFacts) -> None:
    if 0 < years <= MAX_AGE_YEARS:
        found.slots["age_years"] = years
        found.slots["age_band"] = "juvenile" if years < ADULT_AGE_YEARS else "adult"
    else:
        found.problems.append(f"I did not use the age '{years:g}': it is not a possible age in years.")


def _reread_last_weight(unit: str, earlier_messages: list[str], found: ContextFacts) -> None:
    for message in reversed(earlier_messages):
        weights = find_weights(message)
        if not weights:
            continue
        written = message[weights[-1].start:weights[-1].end]
        numbers = ONE_NUMBER.findall(written)
        if len(numbers) == 1 and unit.lower().rstrip(".") in UNIT_NAMES:
            value = float(numbers[0].replace(",", "."))
            _take(weight_from(value, unit, f"{numbers[0]} {unit}"), found)
        return


def _take(measure, found: ContextFacts) -> None:
    if measure.value is None:
        found.problems.append(measure.problem or "I could not use that weight.")
    else:
        found.slots["weight_kg"] = measure.value
