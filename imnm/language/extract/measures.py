"""Weights and ages written in free text, converted with pint and checked for plausibility."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pint

from imnm.engine.facts import MAX_AGE_YEARS, MAX_WEIGHT_KG, MIN_WEIGHT_KG
from imnm.language.extract.lexicon import PRED

UNIT_NAMES = {
    "kg": "kilogram", "kgs": "kilogram", "kilo": "kilogram", "kilos": "kilogram",
    "kilogram": "kilogram", "kilograms": "kilogram", "kilogrammes": "kilogram",
    "lb": "pound", "lbs": "pound", "pound": "pound", "pounds": "pound",
    "st": "stone", "stone": "stone", "stones": "stone",
}
_UNIT = r"(?P<unit>kilogram(?:me)?s?|kilos?|kgs?|lbs?|pounds?|stones?|st)\.?"
_NUMBER = r"(?P<value>\d{1,3}(?:,\d{3})+|\d{1,4}(?:[.,]\d{1,2})?)(?![\d]|[.,]\d|e[-+]?\d)"

COMPOUND_STONE = re.compile(
    r"(?<![\w.])(?P<stone>\d{1,2})\s*(?:st|stone)s?\s*(?:and\s+)?(?P<pounds>\d{1,2}(?:\.\d)?)"
    # "11 st 4 lb", or British shorthand "11 st 4" where the pounds go unnamed.
    r"(?:\s*(?:lbs?|pounds?)\b|(?!\d|\.\d)(?!\s*(?:kg|kgs|kilos?|%|mg|g\b|cm|y|yo|yrs?|years?|days?|weeks?|wks?|months?|/)))",
    re.I,
)
#: A change in weight ("2 kg weight gain", "lost 5 kg") is not the patient's weight.
WEIGHT_CHANGE_AFTER = re.compile(
    # "a 12 lb unintentional weight loss".
    r"\s*(?:of\s+)?(?:(?:unintentional|unintended|involuntary|recent|significant|rapid|further|total)\s+)?"
    r"(?:weight\s+|wt\s+)?(?:gain|gained|loss|lost|heavier|lighter)\b|"
    # A thing's weight, not the patient's: "lifts 10 kg boxes", "a 5 kg bag of shopping".
    r"\s*(?:of\s+)?(?:boxes?|bags?|sacks?|parcels?|shopping|weights?|dumbbells?|kettlebells?|loads?|crates?|packages?|"
    r"bottles?|cases?|suitcases?|children|child|grandchild\w*|toddlers?)\b", re.I)
WEIGHT_CHANGE_BEFORE = re.compile(
    # "cannot lift more than about 10 kg from floor level": a load, not the patient.
    r"\b(?:lift\w*|carr(?:y|ies|ied|ying)|push\w*|pull\w*|hold\w*)\s+(?:(?:more|less|over|under|up\s+to)\s+(?:than\s+)?)?"
    r"(?:about|around|~|approx\.?)?\s*$|"
    r"(?:\b(?:lost|gained|gain(?:ing)?|losing|loss|put\s+on|took|dropped|down|up)(?:\s+of)?|(?<!\w)[+±])"
    r"\s*(?:about|around|~|approx\.?)?\s*$",
    re.I,
)
WITH_UNIT = re.compile(
    rf"(?<![\w./])(?P<minus>-(?=\d))?{_NUMBER}\s*{_UNIT}(?![\w/])", re.I
)
AFTER_WEIGHT_WORD = re.compile(
    # "weighed today at 86", "weighed in at 86 this morning".
    r"\b(?:wt|weight|weighs|weighing|weighed|body\s*weight|bw)\b\s*(?:(?:is|was|of|now|today|=|:|~|about|approx\.?|around|"
    r"roughly|in(?=\s+at\b)|at|this\s+(?:morning|week))\s*){0,3}"
    rf"(?P<minus>-(?=\d))?{_NUMBER}(?!\s*(?:{_UNIT[8:-4]})\b)(?:\s*(?P<word>[a-z]{{3,}}))?",
    re.I,
)
#: "wt down to 58 from 64": the first number is the weight now.
WEIGHT_NOW_FROM = re.compile(
    r"\b(?:wt|weight)\s+(?:is\s+|has\s+)?(?:down|dropped|fallen|fell|gone\s+down|up|gone\s+up|risen)\s+to\s+"
    r"(?P<value>\d{1,3}(?:\.\d)?)\s*(?P<unit>kg|kgs|kilos?|lbs?|pounds?)?\s+from\s+\d",
    re.I,
)
#: Grams only after a weight word: "IVIG 2 g" is a dose, "wt 16500 g" a small child's weight.
#: Time after a weight word is when the weight was taken, not a unit ("Weight 2 years ago 88 kg").
TIME_WORDS = frozenset({"year", "years", "yr", "yrs", "month", "months", "mo", "mths", "week", "weeks", "wk", "wks",
                        "day", "days", "hour", "hours"})
#: A weight marked as today's among several ("today 74.6 kg", "correct weight on ward scales today: 69 kg").
CURRENT_WEIGHT_BEFORE = re.compile(
    # "today (11/2024) 83.4 kg": a date in brackets after the mark.
    r"\b(?:today|now|current(?:ly)?|correct(?:ed)?|latest|this\s+morning|this\s+week)\b(?:\s*\([^()\n]{0,12}\))?"
    r"[^.;\n\d]{0,30}$", re.I)
CURRENT_WEIGHT_AFTER = re.compile(
    r"\s*(?:\(\s*)?(?:today|now|currently|this\s+(?:morning|week|visit|am)|at\s+(?:discharge|this\s+visit)|"
    r"on\s+discharge|at\s+today'?s\s+visit)\b", re.I)
GRAMS_AFTER_WEIGHT_WORD = re.compile(
    r"\b(?:wt|weight|weighs|weighing|weighed|body\s*weight|bw)\b\s*(?:is|was|of|now|today|=|:|~|about|approx\.?)?\s*"
    r"(?P<value>\d{1,3}(?:,\d{3})+|\d{1,6}(?:\.\d{1,2})?)\s*(?:g|grams?|grammes?)(?![\w/])",
    re.I,
)
AGE_PATTERNS = [
    re.compile(
        r"(?<![\w.])(?P<minus>-(?=\d))?(?P<value>\d{1,3}(?:\.\d)?)\s*(?:-|\s)?\s*(?:y/?o\b|y\.o\.?|yo\b|yrs?\b(?:[-\s]old)?|"
        r"years?\b(?:[-\s]old)?|year[-\s]old|yr[-\s]old|"
        # "52 y woman", "55 y female", "59 y woman": a bare "y" with the person after it.
        r"y\b(?=\s+(?:woman|man|female|male|lady|gentleman|gent|boy|girl|f|m|patient|pt)\b)|"
        # "juvenile IMNM, 16 y, SRP+": a bare "y" ending a listed field.
        r"y\b(?=[ \t]*(?:[,;|)\n]|$))|"
        # "child 12y 36kg SRP+": a bare "y", then the weight.
        r"y\b(?=[ \t]+\d{1,3}(?:\.\d+)?\s*(?:kg|kgs|lbs?|st)\b)|"
        # "Age: 17y 11m": years, then the months.
        r"y\b(?=[ \t]+\d{1,2}\s?m(?:o|os|onths?)?\b)|"
        # Bilingual writers: "63 años", "57 ans", "59 saal", "70 Jahre", "45 anni".
        r"a[ñn]os\b|ans\b|saal\b|jahre\b|anni\b)",
        re.I,
    ),
    re.compile(r"\b(?:aged?|age\s*[:=]|age\s+of)\s*(?P<minus>-(?=\d))?(?P<value>\d{1,3}(?:\.5(?!\d))?)\b", re.I),
    # "Age at admission: 70", "Age on referral - 58" (a coding or referral header).
    re.compile(r"\bage\s+(?:at|on)\s+(?:the\s+)?(?:\w+\s+){0,2}?\w+\s*[:=\-–]?\s*(?P<value>\d{1,3})\b(?![.,]\d)", re.I),
    re.compile(
        # Not months after years ("15 y 4 m").
        r"(?<![\w.])(?<!year\s)(?<!grade\s)(?<!\by\s)(?<!\byrs\s)(?<!\dy\s)(?P<value>\d{1,3})(?:\s?(?:m|f|male|female|man|woman|boy|girl|"
        # "I have HMGCR myositis, 38, female": the sex as its own field after the age.
        r"yom|yof)|,\s?(?:male|female|man|woman))\b"
        r"(?!\s*(?:kg|lb|st\b))",
        re.I,
    ),
    re.compile(
        # Not a doctor's grade ("I'm an F2 seeing ...", "as a F1").
        # Not an area ("BSA 1.35 m2").
        r"(?<!/)(?<!\ban\s)(?<!\ba\s)(?<![\d.]\s)(?<![\d.])\b(?:m|f|male|female|man|woman|lady|gent|boy|girl)\s?,?\s?"
        r"(?P<value>\d{1,3})\b(?![.,]\d)"
        # Not a grade naming its question ("F1 question: ...", "F2 here"), nor a height ("male, 5'10\"") nor a quantity.
        r"(?<!\bf1)(?<!\bf2)(?!\s+(?:question|q\b|here|doctor|trainee|teaching))"
        r"(?!\s*(?:['’′\"]|ft\b|feet|foot|in\b|inch|cm\b|kg|kgs|kilo|lbs?|pounds?|st\b|stone|%|mg|g\b|x\b|doses?|cycles?|"
        # Nor a duration after the person ("13 yo girl, 3 mo progressive weakness").
        r"months?|mos?\b|mths?\b|weeks?|wks?\b|days?|hours?|hrs?\b))",
        re.I,
    ),
    # "Teenager (15)", "boy (9)": a person with the number in brackets.
    # "she (41, anti-SRP IMNM)": the number first in the bracket, then what she has.
    re.compile(r"\b(?:teen(?:ager)?|child|kid|boy|girl|man|woman|male|female|pt|patient|she|he)\s*\(\s*"
               r"(?P<value>\d{1,3})\s*(?:\)|,(?!\s*\d))", re.I),
    # "pt is 67", "he's 72", "the child is 7": a person followed by a bare number is an age.
    re.compile(
        r"(?:\b(?:pt|patient|she|he|they|child|kid|teen(?:ager)?|ours|boy|girl|man|woman|lady|gentleman|this\s+one|"
        r"(?:this|the)\s+(?:guy|chap|gent|bloke|fellow|lady))"
        r"(?:'s|\s+is|\s+was|\s+(?:herself|himself)\s+is)|\bi'?m\b|\bi\s+am\b|\b(?:he|she)s\b|"
        # "the patient I'm actually asking about is 15".
        r"\b(?:pt|patient|one|case|child|kid|boy|girl|man|woman|lady)\s+(?:that\s+|who\s+)?(?:i|we)(?:'m|'re|\s+am|\s+are|"
        r"\s+was|\s+were)?\s+(?:\w+\s+)?(?:asking|talking|writing|calling|enquiring|worried|thinking)\s+(?:about|of)\s+is)"
        r"\s+(?:now\s+|only\s+|just\s+|actually\s+|really\s+|currently\s+)?(?P<value>\d{1,3})\b(?![.,]\d)"
        r"(?!\s*(?:kg|kgs|kilos?|lbs?|pounds?|st\b|stone|%|mg|g\b|cm|ft\b|feet|foot|in\b|inch|['’′\"]|ng|iu|u/l|mmol|"
        r"days?|weeks?|wks?|months?|mo\b|hours?|"
        r"minutes?|times?|x\b|cycles?|doses?|tablets?|kg/))",
        re.I,
    ),
    # "a woman of 63 years", "he has 45 years", "patient with 44 years" (other languages' word order).
    re.compile(
        r"\b(?:(?:woman|man|lady|gentleman|boy|girl|child|patient|pt|male|female|person)\s+of|has|have|having|with|aged?)\s+"
        r"(?P<value>\d{1,3})\s+years?\b(?!\s+(?:of|ago|history|duration|since|before|after|later|earlier))",
        re.I,
    ),
    # "Lady of 47 in my practice": a person "of" a bare number.
    re.compile(
        r"\b(?:woman|man|lady|gentleman|gent|boy|girl|child|patient|pt|male|female|person|chap|fellow)\s+of\s+"
        r"(?P<value>\d{1,3})\b(?![.,]\d)(?!\s*(?:kg|kgs|kilos?|lbs?|pounds?|st\b|stone|%|mg|g\b|cm|months?|weeks?|days?))",
        re.I,
    ),
    # "60 y, 86 kg": a bare "y" followed by a comma or the end of a phrase.
    re.compile(r"(?<![\w.'’])(?P<value>\d{1,3})\s?y\b(?=\s*(?:[,;)]|$|\.(?!\d))|[ \t]{2,}|\t)", re.I),
    # "HMGCR+ IMNM at 66", "Pt 55, NAM": the age after the disease or right after "pt".
    re.compile(r"\b(?:imnm|nam|myopathy|myositis)\s+at\s+(?:age\s+)?(?P<value>\d{1,3})\b(?!\s*(?:mg|kg|%|u\b|iu))",
               re.I),
    # Not a patient's number in a series ("Patient 7, a 23-year-old man").
    re.compile(r"\b(?:pt|patient)\s+(?P<value>\d{1,3})\s*(?=,)(?!,\s*(?:a|an|the)\s)", re.I),
    # "Saoirse is 12 and has anti-HMGCR myositis", "Leo is 7.": a name, "is", and a bare number ending the clause.
    re.compile(r"(?-i:\b[A-Z][a-z]{2,})\s+is\s+(?:now\s+|only\s+|just\s+)?(?P<value>\d{1,3})(?=\s*(?:and\b|,|;|\.(?!\d)|$))"),
    # "Aisha Begum, now 19, who ...", "Ms Y, currently 44,": the age now, set off by commas.
    re.compile(r",\s*(?:now|currently|today)\s+(?:aged\s+)?(?P<value>\d{1,3})\b(?![.,]\d)\s*(?=[,;)])", re.I),
    # "Mr Desmond Hale (58)", "Mrs Patterson (72)": a titled name with the number in brackets.
    re.compile(r"(?-i:\b(?:Mr|Mrs|Ms|Miss|Mx|Master)\.?(?:\s+[A-Z][\w'’-]*\.?){1,3})\s*\(\s*(?:aged?\s+)?"
               r"(?P<value>\d{1,3})\s*(?:y(?:ea)?rs?|y/?o)?\s*\)"),
    # "It's Sue Whitfield (45)", "Karen Doyle (61) has ...": a first name and surname with the number alone in brackets.
    # Not a clinician and a list number ("Seen by Dr Jones (2) today"): two digits or three, no title.
    re.compile(r"(?-i:\b(?!(?:Dr|Prof|Doctor|Nurse|Sister|Matron)\b)[A-Z][a-z]+\s+(?:[A-Z][a-z]*['’-]?)?[A-Z][a-z]+)"
               r"\s*\(\s*(?P<value>\d{2,3})\s*\)"
               r"(?!\s*(?:mg|kg|g\b|%|mcg|units?|iu|u/l|mmol|ng|ml|l\b))"),
    # "my dad, John Ellery, who is 80.": a person's age in a relative clause ending there.
    re.compile(r",\s*who\s+is\s+(?:now\s+|only\s+|just\s+)?(?P<value>\d{1,3})(?=\s*(?:[,;)]|and\b|\.(?!\d)|$))", re.I),
    # "my husband Callum who is 39, he has ...", "the patient who is 39": a person named just before, no comma.
    re.compile(r"(?:\b(?:husband|wife|partner|son|daughter|mum|mom|mother|dad|father|patient|pt|man|woman|lady|boy|"
               r"girl|child)|(?-i:\b[A-Z][a-z]{2,}))\s+who\s+is\s+(?:now\s+|only\s+|just\s+)?(?P<value>\d{1,3})"
               r"(?=\s*(?:[,;)]|and\b|\.(?!\d)|$))", re.I),
    # "Mr Osei is 63", "You are 48" (a letter to the patient): a titled name or "you", "is", and a bare number.
    re.compile(r"(?:(?-i:\b(?:Mr|Mrs|Ms|Miss|Mx|Master|Dr)\.?\s+[A-Z][\w'’-]*)\s+is|\byou\s+are|\byou'?re)\s+"
               r"(?:now\s+|only\s+|just\s+)?(?P<value>\d{1,3})\b(?![.,]\d)"
               r"(?!\s*(?:kg|kgs|kilos?|lbs?|pounds?|st\b|stone|%|mg|g\b|cm|ng|iu|u/l|mmol|days?|weeks?|months?|hours?|"
               r"minutes?|times?|x\b|cycles?|doses?|tablets?))", re.I),
    # "Alex is now 19": a name, "is now", and a bare number.
    re.compile(r"(?-i:\b[A-Z][a-z]+)\s+is\s+now\s+(?P<value>\d{1,3})\b(?![.,]\d)"
               r"(?!\s*(?:kg|kgs|kilos?|lbs?|pounds?|st\b|stone|%|mg|g\b|cm|ng|iu|u/l|mmol|days?|weeks?|months?))"),
    # "DOB 14/02/1958 (66)", "DOB: 1987 (37)": the age a header works out beside the date of birth.
    re.compile(r"\b(?:dob|d\.o\.b\.?|date\s+of\s+birth)\s*[:.]?\s*[\d/.\-]{4,10}\s*\(\s*(?:aged?\s+)?(?P<value>\d{1,3})"
               r"(?:\s*(?:y(?:ea)?rs?|y/?o)|[-\s]years?[-\s]old)?\s*\)", re.I),
    # "- 50, bloke, 19 stone": a list item that opens with the age, then who.
    re.compile(r"(?:^|\n)[ \t]*(?:[-•*][ \t]*)?(?P<value>\d{1,2})\s*,\s*(?:bloke|man|woman|male|female|lady|gent|guy|"
               r"chap|lad|lass|boy|girl|m|f)\b", re.I),
    # "Case: 49/M, IMNM": the age and sex written as a pair (not "4/5", not a date).
    re.compile(r"(?<![\d/.])(?P<value>\d{2,3})\s*/\s*(?:m|f)\b(?!\s*/)", re.I),
    # "Age/Sex: 52/M" (a results header).
    # "Age/Sex: 47 Y/F", "Age/Sex: 61 yrs / M": the age with its unit, then the sex.
    re.compile(r"\bage\s*/\s*(?:sex|gender)\s*[:=]?\s*(?P<value>\d{1,3})\s*(?:y|yrs?|years?)?\s*/\s*(?:m|f|male|female)\b",
               re.I),
    # "just turned 18", "turns 16 next month".
    # Not a nursing chart's "turning 2 hourly", "turned 4-hrly".
    re.compile(r"\bturn(?:ed|s|ing)\s+(?P<value>\d{1,3})\b(?![.,]\d)(?!\s*(?:kg|lbs?|%|mg|units?|[-\s]?(?:hourly|hrly|h\b|hrs?\b|"
               r"hours?|times|x\b|per)))", re.I),
]
#: "turns 18", "turning 16": the age to come, a year more than today's when said of the future.
TURNS_LATER = re.compile(r"turn(?:s|ing)\b", re.I)
WHEN_BEFORE = re.compile(r"\b(?:when|once|until|till|after|before|by\s+the\s+time)\s+(?:he|she|they|the\s+\w+)?\s*$",
                         re.I)
FUTURE_AFTER = re.compile(r"\s+(?:in\s+(?:a|an|one|two|three|four|five|six|\d+|a\s+few|few)\s+(?:days?|weeks?|months?)|"
                          r"next\s+(?:week|month|year|spring|summer|autumn|winter)|soon|later\s+this|this\s+(?:week|month|"
                          r"year|coming))\b", re.I)
#: Ages written in words ("eighty-two", "a nine-year-old"): 1-99.
_UNITS_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS_WORDS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
                "nineteen"]
_TENS_WORDS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
WORD_NUMBERS = {word: index + 1 for index, word in enumerate(_UNITS_WORDS)}
WORD_NUMBERS.update({word: index + 10 for index, word in enumerate(_TEENS_WORDS)})
for _tens_index, _tens in enumerate(_TENS_WORDS):
    WORD_NUMBERS[_tens] = 20 + 10 * _tens_index
    WORD_NUMBERS.update({f"{_tens}-{unit}": 20 + 10 * _tens_index + index + 1
                         for index, unit in enumerate(_UNITS_WORDS)})
_WORD_NUMBER = "|".join(sorted((w.replace("-", "[-\\s]") for w in WORD_NUMBERS), key=len, reverse=True))
_AND_A_HALF = r"(?P<half>\s+and\s+a\s+half)?"
WORD_AGE = re.compile(
    rf"\b(?P<word>{_WORD_NUMBER}){_AND_A_HALF}(?:[-\s]years?[-\s]old|[-\s]year[-\s]old|\s+y/?o)\b"
    rf"|\b(?:woman|man|lady|gentleman|patient|boy|girl|child)\s+of\s+(?P<word4>{_WORD_NUMBER})\b(?![-\s]+(?:kg|kilo|stone|pound))"
    rf"|\baged?(?:\s*/\s*(?:sex|gender))?(?:\s+|\s*[:=]\s*)(?P<word2>{_WORD_NUMBER})"
    rf"{_AND_A_HALF.replace('half>', 'half2>')}\b"
    # "this lady - eighty-two, was on ...", "she's seventy": a person, then the number alone.
    rf"|\b(?:lady|gent|gentleman|man|woman|boy|girl|child|mr\.?(?:\s+[\w'-]+){{1,3}}|mrs\.?(?:\s+[\w'-]+){{1,3}}|"
    rf"ms\.?(?:\s+[\w'-]+){{1,3}}|she'?s|he'?s|she\s+is|he\s+is|"
    rf"i'?m|i\s+am|"
    rf"who\s+is|who'?s|(?-i:[A-Z][a-z]+)\s+is\s+now|(?-i:[A-Z][a-z]{{2,}})\s+is)"
    rf"\s*[-–,:]?\s*(?:now\s+|only\s+|just\s+)?"
    rf"(?P<word3>{_WORD_NUMBER}){_AND_A_HALF.replace('half>', 'half3>')}"
    rf"(?=\s*(?:,|;|\(|$|\.(?!\d)|and\b|today\b|in\s+the\b|full\s+stop|comma))",
    re.I,
)
#: "4½", "4 1/2", "four and a half": a half year or pound written as a fraction becomes ".5" before
#: anything reads numbers (NFKC would turn "4½" into "41⁄2", read as 41 or as 2).
VULGAR_FRACTION = re.compile(r"(?<=\d)\s*(?:(?P<half>½|\s+and\s+a\s+half\b)|(?P<quarter>¼)|(?P<three>¾)|"
                             r"(?P<slash>1\s*[/⁄]\s*2)(?![\d/]))", re.I)


def decimal_fractions(text: str) -> str:
    """'4½' -> '4.5', '11 1/2 st' -> '11.5 st'."""
    return VULGAR_FRACTION.sub(
        lambda m: ".25" if m["quarter"] else ".75" if m["three"] else ".5", text)
#: A weight written in words with its unit ("eleven and a half stone", "seventy kilos").
WORD_WEIGHT = re.compile(rf"\b(?P<word>{_WORD_NUMBER})(?P<half>\s+and\s+a\s+half)?\s+"
                         r"(?P<unit>stones?|st|kilos?|kilograms?|kgs?|pounds?|lbs?)\b"
                         # "fifteen stone two pounds" (dictated): the pounds of the stone.
                         # "She weighs nine stone six.": the pounds of the stone, their unit unsaid.
                         rf"(?:,?\s+(?:and\s+)?(?P<pounds>{_WORD_NUMBER}|\d{{1,2}})(?:\s+(?:pounds?|lbs?)\b|"
                         r"(?<=\w)(?=\s*[.,;)]|\s*$)))?", re.I)
#: A number standing alone between commas right after a person ("Mr K, 72, HMGCR IMNM", "lady, 49,"),
#: or after an antibody result ("HMGCR+, 60."): used only when nothing else gives the age.
BARE_AGE = re.compile(
    # "Mrs Laila Haddad, 45,", "Mr S.F., 71,"
    # "Madam C.W.Y., 75" (Hong Kong), "Mme Dubois, 58", "Herr K., 66": titles in other usages.
    # "Mrs Bríd Ó Súilleabháin, 71", "Encik Muhammad Hafiz bin Razak, 31 tahun": names in any alphabet's capitals,
    # with a particle ("bin", "de", "van") between their parts.
    r"(?:\b(?:mr|mrs|ms|miss|dr|madam|mme|mlle|herr|frau|sr|sra|encik|puan|cik|sig|sig\.ra|señor|señora)\b\.?"
    r"(?:\s+(?:[A-Z]\.){1,3}|\s+(?:(?:bin|binti|bte|de|van|von|der|den|da|di|del|la|le|al|el|ó|o')\s+)?"
    r"[A-ZÀ-ÖØ-Þ][\w'’-]*\.?){1,4}"
    r"|\b(?:lady|gent|gentleman|man|woman|guy|chap|fella|fellow|bloke|lad|lass|female|male|pt|patient|teen(?:ager)?|boy|"
    r"girl|child|kid|"
    r"father|mother|dad|mum|mom|son|daughter|husband|wife|brother|sister)\b"
    r"|\b(?:positive|pos|\+ve|\+|negative|neg|-ve|imnm|myopathy|hmgcr|srp)"
    # "Jacob, 16, anti-HMGCR ...", "I'm Maya, 17."
    # "Re: Anna B., 45", "Caller: patient herself, 77,".
    r"|(?-i:\b[A-Z][a-z]{2,}\s+[A-Z]\.(?=,\s*\d{1,3}\s*(?:[,;\n(]|$|y\b|yrs?\b|years?\b)))"
    r"|\b(?:patient|pt)\s+(?:herself|himself|themselves)\b"
    # "Jacob, 16, anti-HMGCR", "Mum (Joan Farrow, 80) ahead of her clinic".
    r"|(?-i:\b[A-Z][a-z]{2,}(?=,\s*\d{1,2}\s*[,)]))|(?<=\bi'm\s)(?-i:[A-Z][a-z]{2,})(?=,\s*\d{1,2}\s*[.,])"
    # "- Me: Gareth, 62.": the writer, named.
    r"|(?<=\bme:\s)(?-i:[A-Z][a-z]{2,})(?=,\s*\d{1,2}\s*[.,]))"
    r"\s*[,:]\s*(?:now\s+|aged\s+)?"
    # The number, a word for years in any of the letters' languages, then where the phrase ends: punctuation, a
    # bracket, a few words that go on about the person, or a header's column gap ("Mr Callum Fraser, 54   Diagnosis:").
    r"(?P<value>\d{1,3})(?:[ \t]*(?:y|yrs?|years?(?:[ \t]+old)?|y/?o|yo|tahun|ans|jahre|años|anos|jaar)\b\.?)?"
    r"(?:[ \t]*(?=,|;|\)|\(|\r?\n|$|\.(?!\d)|\s+(?:with|and|who|was|is|has|had|on|in)\b|[-–—]\s)|[ \t]{2,}(?=\S)|\t)"
    # "Now 73, 82 kg": a sentence that opens with "now" and the age.
    r"|(?:^|[.!?:\n]\s*)now\s+(?P<now>\d{1,3})\s*(?=,)"
    # Telegraphic: "me 58. srp pos.", "son 17. srp. 60kg", "dad 66 hmgcr. not me."
    # "my dad's 81 and on pembrolizumab", "my mum is 67 with HMGCR".
    # A relative in focus is written "pt" by then ("my dad's 81" reads "      pt 81"; not "pt 2, what dose?").
    r"|(?:^\s*|[.!?:\n]\s*)(?:my\s+)?(?:me|pt(?=\s+\d\d\b)|son|daughter|dad|mum|mom|father|mother|husband|wife)(?:['’]?s|\s+is)?\s+"
    r"(?P<tele>\d{1,2})(?=\s*[.,;]|\s+(?:hmgcr|srp|anti|imnm|with|has|f|m|and|who|on)\b|$)"
    # "Noah (15) has necrotising myopathy", "Year 12 student (17)": a person and the age in brackets.
    # "my husband Tom (61), who has ...", "mother of Callum (16), anti-SRP IMNM".
    r"|(?:(?-i:\b(?!(?:Bed|Ward|Room|Bay|Table|Figure|Fig|Page|Day|Week|Cycle|Dose|Case|Item|Visit|Grade)\b)[A-Z][a-z]{2,})"
    r"(?=\s*\(\s*\d{1,2}\s*\)\s*(?:[.;]|,?\s+(?:has|had|is|was|who|with|got|anti|hmgcr|srp|imnm|known|"
    r"diagnosed|dx|necroti[sz]ing)\b|,))|"
    # "My wife Karen (57) saw you last week": the relative in focus (written "pt" by then), named.
    r"(?<=\bpt\s)(?-i:[A-Z][a-z]{2,})|"
    r"\b(?:student|pupil|boy|girl|son|daughter|child|teen(?:ager)?))\s*\(\s*(?P<bracket>\d{1,2})\s*\)",
    re.I,
)


@dataclass(frozen=True)
class Measure:
    """A value found in text; `problem` is set (and `value` None) when it must not be used."""

    kind: str
    start: int
    end: int
    value: float | None
    problem: str | None = None


@lru_cache(maxsize=1)
def _units() -> pint.UnitRegistry:
    return pint.UnitRegistry()


def _number(text: str) -> float:
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", text):
        return float(text.replace(",", ""))
    return float(text.replace(",", "."))


def _to_kg(value: float, unit: str) -> float:
    return float(_units().Quantity(value, unit).to("kilogram").magnitude)


def _weight(start: int, end: int, kg: float, written: str) -> Measure:
    if not (MIN_WEIGHT_KG <= kg <= MAX_WEIGHT_KG):
        return Measure(
            "weight", start, end, None,
            f"I did not use the weight '{written}': {kg:.1f} kg is outside the plausible range "
            f"{MIN_WEIGHT_KG:g}-{MAX_WEIGHT_KG:g} kg. Please check the number and unit.",
        )
    return Measure("weight", start, end, round(kg, 1))


def weight_from(value: float, unit_word: str, written: str) -> Measure:
    """A weight the user gave as a number and a unit word ("lbs", "stone"), checked for plausibility."""
    return _weight(0, 0, _to_kg(value, UNIT_NAMES[unit_word.lower().rstrip(".")]), written)


#: "1e308 kg", "NaN kg", "weight: inf": written as a weight, but not a number of kilograms anyone means.
NOT_A_WEIGHT_NUMBER = re.compile(
    r"(?:(?<![\w.])(?P<a>\d+(?:\.\d+)?e[-+]?\d+|nan|inf(?:inity)?)\s*(?:kgs?|kilos?|lbs?|pounds?|st|stones?)\b"
    r"|\b(?:wt|weight|weighs|weighing)\b\s*(?:is|of|=|:)?\s*(?P<b>\d+(?:\.\d+)?e[-+]?\d+|nan|inf(?:inity)?)\b)", re.I)


_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
#: Words that date a weight to before today: "(212 lbs in 2023)", "(78 kg in March)", "(admission weight 86 kg)",
#: "(reports 71 kg before steroids)", "I was nearly 12 st at Christmas", "now 91 kg, from 97 kg".
EARLIER_AFTER = re.compile(
    # "79.0 kg (3 months ago)", "84 kg 6 months ago": a count of time before now.
    r"\s*\(?\s*\d+\s*(?:days?|weeks?|wks?|months?|mo|mths?|years?|yrs?)\s+(?:ago|earlier|before|previously)\b|"
    r"[^.;\n(),\d]{0,30}?\b(?:on\s+\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?|on\s+(?:admission|booking)|"
    r"in\s+(?:" + _MONTH + r"\b|(?:19|20)\d\d|the\s+(?:spring|summer|autumn|fall|winter))|"
    r"last\s+(?:year|visit|month|week|time|clinic|review|spring|summer|autumn|winter)|ago|before\b|previously|"
    r"at\s+(?:admission|diagnosis|christmas|the\s+start|baseline|(?:the\s+)?last\s+(?:visit|review|clinic)|onset)|"
    r"during|prior\s+to|pre[-\s]?(?:illness|morbid|steroids?|treatment|admission|diagnosis))", re.I)
EARLIER_BEFORE = re.compile(
    r"\b(?:admission|booking|baseline|usual|previous(?:ly)?|before(?:\s+the\s+(?:disease|illness))?|from|was|were|reports?|"
    r"used\s+to\s+(?:be|weigh)|pre[-\s]?[a-z]+|"
    # "(it had gone up to 92 kg on high-dose steroids)", "peaked at 95 kg".
    r"(?:had\s+)?(?:gone|went|risen|rose|got|crept)\s+up\s+to|peaked\s+at|had\s+been|"
    r"(?:before\s+)?\d+\s+(?:days?|weeks?|months?|years?)(?:\s+(?:ago|before|earlier))?)\s*(?:weight|wt)?\s*[:(]?\s*"
    r"(?:of\s+|nearly\s+|about\s+|around\s+|almost\s+|~\s*)?$", re.I)


def _an_ordinal(match: re.Match[str]) -> bool:
    value = match["value"]
    return (match["unit"].lower() == "st" and match.start("unit") == match.end("value") and value.isdigit()
            and value.endswith("1") and not value.endswith("11"))


#: "tonsillectomy aged 6", "grommets aged 4", "asthma at age 5": "aged" after a thing, not a person or a name.
EVENT_BEFORE_AGED = re.compile(
    r"\b(?!(?:girl|boy|man|woman|lady|child|son|daughter|patient|pt|gentleman|gent|male|female|person|teenager|"
    r"adolescent|infant|toddler)\b)(?:[a-z]{3,}|dx)\s+(?:at\s+)?$")


def an_event_age(text: str, start: int, end: int) -> bool:
    """Whether an age says when something happened; used only to choose among ages that differ."""
    return bool(re.match(r"(?:aged?|age\s+of)\b", text[start:end], re.I)) and bool(
        EVENT_BEFORE_AGED.search(text, max(0, start - 30), start))


#: "Wt 64.9 kg (66.1 kg on 11/12)", "Weight on discharge 73.8 kg (75.2 kg on admission)": a weight in brackets
#: right after another is the one to compare with, so it is the earlier one and the first is today's.
_WEIGHT_WRITTEN = r"\d+(?:\.\d+)?\s*(?:kg|kgs|kilos?|lbs?|pounds?|st(?:one)?(?:\s+\d+\s*(?:lbs?|pounds?))?)\b"
BRACKETED_AFTER_A_WEIGHT = re.compile(_WEIGHT_WRITTEN + r"[^()\n\d]{0,50}\(\s*(?:[\w-]+\s+){0,2}$", re.I)
A_WEIGHT_IN_BRACKETS_NEXT = re.compile(r"[^()\n\d]{0,50}\(\s*(?:[\w-]+\s+){0,2}" + _WEIGHT_WRITTEN, re.I)


A_WEIGHT_JUST_BEFORE = re.compile(_WEIGHT_WRITTEN + r"\s*\(\s*$", re.I)


def marked_as_todays(text: str, start: int, end: int | None = None) -> bool:
    """Whether the words just before a weight mark it as today's ("today 74.6 kg", "correct weight ... 69 kg"), or
    the words just after it ("171 lb today", "61.5 kg at discharge", "198 lb today after diuresis")."""
    before = CURRENT_WEIGHT_BEFORE.search(text, max(0, start - 45), start)
    # Not a bracketed mark that closed on the weight before it ("77.3 kg (today) | 79.0 kg (3 months ago)").
    if before and A_WEIGHT_JUST_BEFORE.search(text, max(0, before.start() - 30), before.start()):
        before = None
    return bool(before) or (
        end is not None and bool(CURRENT_WEIGHT_AFTER.match(text, end)))


def an_earlier_weight(text: str, start: int, end: int) -> bool:
    """Whether the words around a weight date it to before today; used only to choose among weights that differ."""
    if BRACKETED_AFTER_A_WEIGHT.search(text, max(0, start - 80), start):
        return True
    if A_WEIGHT_IN_BRACKETS_NEXT.match(text, end):
        return False
    clause_start = max(text.rfind(mark, 0, start) for mark in ".;\n,") + 1
    return bool(EARLIER_AFTER.match(text, end) or EARLIER_BEFORE.search(text, max(clause_start, start - 40), start))


def find_weights(text: str) -> list[Measure]:
    found: list[Measure] = []
    taken: list[tuple[int, int]] = []
    for match in NOT_A_WEIGHT_NUMBER.finditer(text):
        written = match.group(0).strip()
        found.append(Measure("weight", *match.span(), None,
                             f"I did not use the weight '{written}': it is not a number of kilograms or pounds I can "
                             "use. Please write it in digits, for example 70 kg."))
        taken.append(match.span())

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for match in WEIGHT_NOW_FROM.finditer(text):
        unit = UNIT_NAMES[(match["unit"] or "kg").lower()]
        found.append(_weight(match.start("value"), match.end("value"), _to_kg(float(match["value"]), unit),
                             match.group(0).strip()))
        taken.append(match.span())
    for match in GRAMS_AFTER_WEIGHT_WORD.finditer(text):
        grams = _number(match["value"])
        found.append(_weight(match.start(), match.end(), grams / 1000, match.group(0).strip()))
        taken.append(match.span())
    for match in COMPOUND_STONE.finditer(text):
        if float(match["pounds"]) >= 14:  # not pounds of a stone: leave it to the other patterns
            continue
        kg = _to_kg(float(match["stone"]), "stone") + _to_kg(float(match["pounds"]), "pound")
        found.append(_weight(match.start(), match.end(), kg, match.group(0)))
        taken.append(match.span())
    for match in WORD_WEIGHT.finditer(text):  # "about eleven and a half stone"
        value = WORD_NUMBERS.get(re.sub(r"[-\s]+", "-", match["word"].lower()))
        if value is None or not free(*match.span()):
            continue
        if WEIGHT_CHANGE_AFTER.match(text, match.end()) or WEIGHT_CHANGE_BEFORE.search(
                text[max(0, match.start() - 30):match.start()]):  # "has lost two stone": a change, not a weight
            taken.append(match.span())
            continue
        unit = UNIT_NAMES[match["unit"].lower()]
        amount = value + (0.5 if match["half"] else 0.0)
        kg = _to_kg(amount, unit)
        if match["pounds"] and unit == "stone":
            written = match["pounds"].lower()
            pounds = int(written) if written.isdigit() else WORD_NUMBERS.get(written, 0)
            if pounds < 14:  # "fourteen pounds" would be another stone: not how anyone writes it
                kg += _to_kg(float(pounds), "pound")
        found.append(_weight(match.start(), match.end(), kg, match.group(0).strip()))
        taken.append(match.span())
    for match in WITH_UNIT.finditer(text):
        if not free(*match.span()):
            continue
        if _an_ordinal(match):  # "1st-degree AV block", "21st": an ordinal, not a stone
            continue
        if WEIGHT_CHANGE_AFTER.match(text, match.end()) or WEIGHT_CHANGE_BEFORE.search(
                text[max(0, match.start() - 30):match.start()]):
            taken.append(match.span())
            continue
        written = match.group(0).strip()
        if match["minus"]:
            found.append(Measure("weight", *match.span(), None,
                                 f"I did not use the weight '{written}': a weight cannot be negative."))
        else:
            unit = UNIT_NAMES[match["unit"].lower().rstrip(".")]
            found.append(_weight(match.start(), match.end(), _to_kg(_number(match["value"]), unit), written))
        taken.append(match.span())
    for match in AFTER_WEIGHT_WORD.finditer(text):
        if not free(match.start("value"), match.end("value")):
            continue
        word = (match["word"] or "").lower()
        written = match.group(0).strip()
        if word in TIME_WORDS:
            continue  # "Weight 2 years ago 88 kg": when, not how much
        if word and word not in UNIT_NAMES and _is_unit(word):
            found.append(Measure("weight", *match.span(), None,
                                 f"I did not use the weight '{written}': '{word}' is not a unit of body "
                                 "weight I can use. Please give it in kg, lb or stone."))
            continue
        if match["minus"]:
            found.append(Measure("weight", *match.span(), None,
                                 f"I did not use the weight '{written}': a weight cannot be negative."))
            continue
        found.append(_weight(match.start("value"), match.end("value"), _number(match["value"]), written))
    return sorted(found, key=lambda m: m.start)


def _is_unit(word: str) -> bool:
    try:
        _units().parse_units(word)
    except Exception:  # pint raises several unrelated types for non-units
        return False
    return True


DURATION_BEFORE = re.compile(
    r"\b(?:for|over|past|last|within|after|since|x|in|about|almost|nearly|around|than|of|during|lasting)\s*"
    r"(?:~|approx\.?|about|around|almost|nearly|like|>|<)?\s*$|"
    # "She take atorvastatin 10 years", "on lipitor 8 yrs": a drug, then how long it was taken.
    rf"\b(?:\w*statin\w*|atorva|rosuva|simva|prava|lipitor|crestor|zocor|{PRED}|methotrexate|mtx)\s+(?:\d+\s*mg\s+)?"
    # "MTX SC 1 yr", "pred PO 2 years": the route or frequency between the drug and the time.
    r"(?:(?:sc|s/c|im|iv|po|oral|weekly|daily|inj\w*)\s+)?$|"
    # "Treated 2 yrs with pred + MTX", "took it 3 years": how long a treatment was given.
    r"\b(?:treated|took|taken|taking|used|using)\s+(?:it\s+|them\s+)?$|"
    # "in remission 2 yrs", "stable 3 years", "relapse-free 18 months": how long a state has lasted.
    r"\b(?:remission|stable|relapse[-\s]free|flare[-\s]free|disease[-\s]free|symptom[-\s]free)\s*,?\s*$|"
    # "(>2 years)": a bound on a time ("given time since completing pembrolizumab (>2 years)"); an age is not bounded.
    r"[><≥≤]\s*$",
    re.I
)
#: "anti-SRP IMNM, 3 yrs": the illness, then how long it has lasted.
ILLNESS_BEFORE = re.compile(r"\b(?:imnm|nam|myopathy|myositis|disease|illness|dx|diagnosis|history|hx|symptoms|onset)"
                            r"\s*[,:(-]?\s*$", re.I)
#: "weakness since age 7": the age when something began, not the patient's age now.
#: "diagnosed at the age of 16", "onset at age 5": the age when something happened.
EVENT_AGE_BEFORE = re.compile(r"\b(?:since|from|until|till|at)\s+(?:the\s+)?$", re.I)
#: "diagnosed aged 13", "onset age 5": an event's age, said with "age(d)" after the event word.
EVENT_WORD_BEFORE = re.compile(r"\b(?:diagnosed|diagnosis|onset|presented|presenting|began|started|first\s+seen)\s+$",
                               re.I)
#: "walk 20 m", "manages 50 m": a distance, not "20M" (a 20-year-old man).
DISTANCE_BEFORE = re.compile(r"\b(?:walk\w*|mobilis\w*|mobiliz\w*|ambulat\w*|manage[sd]?|distance|"
                             r"frame|sticks?|rollator|walker|zimmer|crutch\w*|aids?|only|about|"
                             r"over|under|than|up\s+to|for)\s*:?\s+(?:about\s+|only\s+|just\s+|~\s*)?$|~\s*$", re.I)
#: After a number with "m": metres walked, not a man's age.
DISTANCE_AFTER = re.compile(r"\s*(?:before|then|unaided|walk\w*|indoors|outdoors|using|on\s+(?:the|a|flat)\b|"
                            r"with\s+(?:(?:a|an|his|her|one|two|\d[-\w]*)\s+)?(?:[\w-]+\s+)?(?:rollator|frame|sticks?|walker|"
                            r"crutch\w*|aids?|zimmer)|"
                            # "40 m x2 with standing rest": a distance walked twice.
                            r"at\s+a\s+time|max\w*|independently|without|w/o|in\s+\d+\s*(?:s|sec|min)|x\s*\d)", re.I)
#: "a 5-year dispensing history", "a 10-year follow-up": how long something lasted, not an age.
YEARS_OF_SOMETHING = re.compile(r"\d{1,3}\s*-\s*years?$", re.I)
YEARS_OF_SOMETHING_AFTER = re.compile(r",?\s+(?!old\b)[a-z]", re.I)
DURATION_AFTER = re.compile(
    # "5 yrs of atorvastatin", "3 years of steroids": how long something lasted ("60 years of age" is an age).
    # "roughly 4 years after atorvastatin started": a time between two events. "Now 2 years in, CK 3,000", "3 years
    # into treatment": time on treatment ("(78) in a nursing home", "80 in March" stay ages).
    r"^\s*(?:ago|before|later|earlier|prior|previously|back|since|after|of\s+(?!age\b)[a-z]|on\b|in(?:to\b|(?=\s*(?:[,.;:)\-–]|$)))|duration|history)",
    re.I,
)


#: An age written with its marker ("74 yo", "aged 60") or with the sex after it ("63M", "65 female"): never a
#: time span, whatever follows ("63M on nivolumab").
UNAMBIGUOUS_AGE = re.compile(
    r"(?:aged?|age\s*[:=]|age\s+of)|.*(?:y/?o|y\.o|old)\W*$"
    r"|\d{1,3}(?:\s?(?:m|f|male|female|man|woman|boy|girl|yom|yof)|,\s?(?:male|female|man|woman))\W*$", re.I)


SAID_TO_BE = re.compile(r"\bwho\s+is\b", re.I)
TITLED = re.compile(r"(?:Mrs?|Ms|Miss|Mx|Master|Dr)\b\.?\s+[A-Z]")


#: A value (not a year of birth) and then a bracket: the years in it are how long the value has been found.
LEVEL_THEN_BRACKET = re.compile(r"(?<!\b(?:19|20)\d)\d\s*(?:u/l|iu/l|iu|%|mg|ng/l)?\s*\(\s*$", re.I)


def _is_duration(text: str, start: int, end: int) -> bool:
    """'2 years ago', 'for 5 years': a time span, not the patient's age ('74 yo' never is)."""
    if UNAMBIGUOUS_AGE.match(text[start:end]):
        return False
    before = text[max(0, start - 14):start]
    if YEARS_OF_SOMETHING.search(text[start:end]) and YEARS_OF_SOMETHING_AFTER.match(text, end):
        return True
    if ILLNESS_BEFORE.search(before) and text[start:start + 1].isdigit():
        return True
    if LEVEL_THEN_BRACKET.search(before):
        return True  # "Raised CK 2,800 (3 years)": how long the finding has been there
    # "your letter about Mrs Beryl SHAW (71)": a word before a name is not "about 71 years"; nor is "on behalf of"
    # before "pt who is 79" (a person said to be the age is never a time; "for patient 2" is not said to be 2).
    return bool(DURATION_BEFORE.search(before) and not TITLED.match(text, start)
                and not SAID_TO_BE.search(text, start, end)) or bool(
        DURATION_AFTER.match(text[end:end + 30])
    )


#: "His older brother, aged 14, weighs 52 kg", "his younger sister (aged 5)", "her 8-year-old sister": an age
#: or weight given to a relative named by a possessive, before it in its clause or right after it.
RELATIVE_NAMED = (r"(?:(?:younger|older|elder|little|big|twin|baby)\s+)?(?:brother|sister|sibling|father|mother|dad|"
                  r"mum|mom|son|daughter|husband|wife|partner|grand\w+|aunt|uncle|cousin)s?\b")
#: "my sister (she's 58)": a relative the writer names is someone else (one who is the patient in focus has been
#: written "pt" by then, pipeline.relatives_in_focus_masked).
RELATIVE_BEFORE_MEASURE = re.compile(
    r"\b(?:his|her|their|my|our|the\s+patient'?s|pt'?s)\s+" + RELATIVE_NAMED + "|"
    # "Caller: daughter (aged 55)"; 'the daughter says "I'm only 70 kg and I can't lift her"': the caller's own.
    r"\bcaller\s*[:\-–]\s*(?:the\s+)?" + RELATIVE_NAMED + r"(?!\s+of\b)|"
    r"\b(?:the\s+)?" + RELATIVE_NAMED + r"\s+(?:says|said|reports|reported|states|stated|adds|added)\s*[:,]?\s*[\"“'‘]",
    re.I)
RELATIVE_AFTER_AGE = re.compile(r"(?<=[a-z])[\s-]{1,2}" + RELATIVE_NAMED, re.I)


PATIENT_AGAIN = re.compile(r"\b(?:(?:she|he)\s+(?:is|was|has|had|weighs)|the\s+patient|pt|himself|herself)\b|"
                           # A new field of the list ("... her husband lifting her, wt 60kg"), or the relative
                           # acting on the patient ("lifting her", "helps him"): the patient is the subject again.
                           r"[,;]\s*(?:wt|weight|bw)\b|"
                           r"\b(?:lift\w*|help\w*|carr(?:y|ies|ied|ying)|support\w*|hold\w*)\s+(?:her|him)\b", re.I)


#: "Her daughter is my patient: 41", "Gareth is the patient": the relative is the patient in focus.
RELATIVE_IS_THE_PATIENT = re.compile(r"\b(?:is|as)\s+(?:my|the|our)\s+(?:patient|pt)\b", re.I)


#: "the standard IVIG dose for a typical 70 kg adult": a made-up person's weight, not this patient's.
MADE_UP_PERSON_BEFORE = re.compile(
    r"\b(?:a|an|the)\s+(?:typical|average|standard|hypothetical|generic|notional|imaginary|textbook)\s+"
    r"(?:\d+(?:\.\d+)?\s*(?:kg|kgs|kilos?|lbs?)\s+|\d{1,3}[-\s]year[-\s]old\s+)?$", re.I)


def a_relatives_measure(text: str, start: int, end: int, label: str) -> bool:
    """Within 40 characters of the same sentence (brackets included), with the patient not named between."""
    if RELATIVE_IS_THE_PATIENT.search(text):
        return False
    sentence = max(text.rfind(mark, 0, start) for mark in ".;!?\n") + 1
    window = max(sentence, start - 40)
    named = [match for match in RELATIVE_BEFORE_MEASURE.finditer(text, window, start)]
    if named and not PATIENT_AGAIN.search(text, named[-1].end(), end):
        return True
    return label == "AGE" and bool(RELATIVE_AFTER_AGE.match(text, end))


def find_ages(text: str) -> list[Measure]:
    found: list[Measure] = []
    taken: list[tuple[int, int]] = []
    for pattern in AGE_PATTERNS:
        for match in pattern.finditer(text):
            if any(not (match.end() <= s or match.start() >= e) for s, e in taken):
                continue
            if _is_duration(text, match.start(), match.end()) or EVENT_AGE_BEFORE.search(
                    text[max(0, match.start() - 12):match.start()]):
                continue
            if match.group(0).lower().startswith("age") and EVENT_WORD_BEFORE.search(
                    text[max(0, match.start() - 14):match.start()]):
                continue
            # "200 m", "50 m with a rollator": metres; "48M" (capital, no space) is the age and sex.
            if re.fullmatch(r"\d{1,3}(?:\s+m|m)", match.group(0).strip()) and (
                    DISTANCE_BEFORE.search(text[max(0, match.start() - 20):match.start()])
                    or DISTANCE_AFTER.match(text, match.end()) or float(match["value"]) > MAX_AGE_YEARS):
                continue  # "walks ~200 m before legs tire", "50 m with a rollator", "10 m walk test": metres
            taken.append(match.span())
            written = match.group(0).strip()
            value = float(match["value"])
            if TURNS_LATER.match(written) and WHEN_BEFORE.search(text, max(0, match.start() - 25), match.start()):
                continue  # "a transition clinic for when he turns 18": an age to come, not the age now
            if TURNS_LATER.match(written) and FUTURE_AFTER.match(text, match.end()):
                value -= 1  # "he turns 18 in two weeks": 17 now
            if match.groupdict().get("minus") or value > MAX_AGE_YEARS:
                found.append(Measure("age", *match.span(), None,
                                     f"I did not use the age '{written}': it is not a possible age in years."))
            else:
                found.append(Measure("age", *match.span(), value))
    if not [measure for measure in found if not a_relatives_measure(text, measure.start, measure.end, "AGE")]:
        # Only a relative's age written with a marker ("her 58-year-old son"): the patient's may be bare, or
        # worked out from the date of birth and the document's own date.
        found.extend(_age_from_date_of_birth(text) or _ages_in_words_or_alone(text))
    return sorted(found, key=lambda m: m.start)


_RELATIVE_WORDS = r"(?:father|mother|dad|mum|mom|son|daughter|husband|wife|brother|sister)"
RELATIVE_WORD = re.compile(_RELATIVE_WORDS + r"\b", re.I)


#: "My question is about the father: 46, ...", "Her daughter is my patient": the relative is the one in focus.
FOCUS_ON_A_RELATIVE = re.compile(r"\b(?:about|regarding)\s+the\s+" + _RELATIVE_WORDS +
                                 r"\b|\bis\s+(?:my|the|our)\s+(?:patient|pt)\b", re.I)


#: "DOB: 22/09/1960", "DOB 08/30/1977", "date of birth 3.11.1966", "DOB: 12 April 1958", "DOB: 1952-09-30",
#: "born March 3, 1966": a date of birth, in any of the ways documents write a date.
DATE_OF_BIRTH = re.compile(r"\b(?:dob|d\.o\.b\.?|date\s+of\s+birth|born(?:\s+on)?)\s*[:.]?\s*(?:(?:is|was|=)\s+)?",
                           re.I)
FULL_DATE = re.compile(r"(?<![\d/.\-])(?P<first>\d{1,2})[/.\-](?P<second>\d{1,2})[/.\-](?P<year>(?:19|20)\d\d)\b")
ISO_DATE = re.compile(r"(?<![\d/.\-])(?P<year>(?:19|20)\d\d)-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
#: "14 May 2025", "3rd March 2025", "May 14, 2025": a date with its month in words.
WRITTEN_DATE = re.compile(
    rf"\b(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH})|(?P<month2>{_MONTH})\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?,?)"
    r"\s+(?P<year>(?:19|20)\d\d)\b", re.I)
Day = tuple[int, int, int]


def _dates(text: str) -> list[tuple[int, Day]]:
    """(position, (year, month, day)) of every full date. Numeric dates are day-first unless a date in the text
    shows month-first (08/30/1977)."""
    numeric = list(FULL_DATE.finditer(text))
    month_first = any(int(match["second"]) > 12 for match in numeric) and not any(int(match["first"]) > 12
                                                                                    for match in numeric)
    found: list[tuple[int, Day]] = []
    for match in numeric:
        first, second = int(match["first"]), int(match["second"])
        month, day = (first, second) if month_first else (second, first)
        found.append((match.start(), (int(match["year"]), month, day)))
    found += [(match.start(), (int(match["year"]), int(match["month"]), int(match["day"])))
              for match in ISO_DATE.finditer(text)]
    for match in WRITTEN_DATE.finditer(text):
        month = MONTHS.index((match["month"] or match["month2"])[:3].lower()) + 1
        found.append((match.start(), (int(match["year"]), month, int(match["day"] or match["day2"]))))
    return [(position, day) for position, day in found if 1 <= day[1] <= 12 and 1 <= day[2] <= 31]


def _age_from_date_of_birth(text: str) -> list[Measure]:
    """The age on the document's own date (its latest full date), from a date of birth: "DOB: 22/09/1960" in a
    clinic letter dated 14/05/2024 is 63. Without a date of its own the document gives no age (today's date
    would be a guess)."""
    born = DATE_OF_BIRTH.search(text)
    if born is None:
        return []
    dates = _dates(text)
    birth = next((day for position, day in dates if born.end() <= position <= born.end() + 2), None)
    later = [day for position, day in dates if birth is not None and day > birth]
    if birth is None or not later:
        return []
    on = max(later)
    years = on[0] - birth[0] - ((on[1], on[2]) < (birth[1], birth[2]))
    if not 0 <= years <= MAX_AGE_YEARS:
        return []
    return [Measure("age", born.start(), born.end(), float(years))]


#: "ward 4 - Mrs Adebayo 72, HMGCR IMNM": a title and a name, then the number with no comma between.
TITLED_NAME_AGE = re.compile(r"\b(?:mr|mrs|ms|miss|mx)\b\.?\s+(?-i:[A-Z][\w'’-]+)\s+(?P<value>\d{1,3})"
                             r"(?=\s*[,;)]|\s*$)", re.I)
#: A line that opens with a bare number, then the diagnosis ("58, SRP IMNM. Rituximab started in June"): the writer's
#: own note of the age.
LINE_OPENING_AGE = re.compile(r"(?m)^[ \t]*(?P<value>\d{2})[ \t]*,[ \t]*(?=(?:anti[-\s]?)?(?:srp|hmgcr|imnm|seroneg\w*|"
                              r"necroti[sz]\w*|antibody[-\s]negative)\b)", re.I)


def _ages_in_words_or_alone(text: str) -> list[Measure]:
    """Fallbacks for when no age is written with a unit or a marker."""
    for match in WORD_AGE.finditer(text):
        word = (match["word"] or match["word2"] or match["word3"] or match["word4"]).lower()
        value = WORD_NUMBERS.get(re.sub(r"[-\s]+", "-", word))
        half = 0.5 if match["half"] or match["half2"] or match["half3"] else 0.0
        if value is not None and not _is_duration(text, match.start(), match.end()):
            return [Measure("age", *match.span(), float(value) + half)]
    # "his wife, 79": a relative named by the writer is someone else (a relative who is the patient
    # in focus has been written "pt" by then).
    ages = [(match, next(group for group in ("value", "now", "tele", "bracket") if match[group]))
            for match in BARE_AGE.finditer(text)
            if not RELATIVE_WORD.match(match[0].lstrip(" .!?:\n")) or FOCUS_ON_A_RELATIVE.search(text)
            or match["tele"] and match.start() == 0]
    ages += [(match, "value") for pattern in (TITLED_NAME_AGE, LINE_OPENING_AGE) for match in pattern.finditer(text)]
    ages = [(match, group) for match, group in ages if 0 < int(match[group]) <= MAX_AGE_YEARS]
    if len(ages) != 1:  # two bare numbers after people: not clear which is this patient's age
        return []
    match, group = ages[0]
    return [Measure("age", *match.span(group), float(match[group]))]
