"""Dictated and spoken forms written as clinicians type them, keeping every character offset.

Speech recognition spells acronyms out and splits drug names ("anti H M G C R", "I V I G", "pred nisolone");
both the fact extractor and the question reader should see "HMGCR", "IVIG", "prednisolone". Each change keeps
the text's length (the joined word is padded with spaces after it), so the offsets of everything else hold.
"""

from __future__ import annotations

import re

#: Two or more single letters in a row, spelled out ("H M G C R", "I V I G", "C K", "I V").
SPELLED_OUT = re.compile(r"(?<![\w-])(?:[A-Za-z] ){1,5}[A-Za-z](?![\w-])")
#: Letters with full stops ("anti S.R.P. positive", "I.V.I.G."), as dictation and older letters write acronyms.
DOTTED = re.compile(r"(?<![\w.])(?:[A-Za-z]\.){2,5}[A-Za-z]?\.?(?![\w])")
#: Drug names split by dictation ("pred nisolone", "methyl pred nisolone", "rita ximab"), joined.
SPLIT_WORDS = re.compile(
    r"\b(?:methyl\s+pred\s*nisolone|methyl\s+prednisolone|pred\s+nisolone|pred\s+nisone|rit[ua]\s+ximab|"
    r"myco\s+phenolate|aza\s+thioprine|metho\s+trexate|tacro\s+limus|cyclo\s+phosphamide)\b", re.I)
_JOINED = {"ritaximab": "rituximab"}


def _joined(match: re.Match[str]) -> str:
    letters = match[0].replace(" ", "")
    if not (match[0].isupper() or letters.lower() in {"ivig", "hmgcr", "srp", "ck", "iv", "mtx", "mmf", "pjp"}):
        return match[0]
    return letters.ljust(len(match[0]))


def _word(match: re.Match[str]) -> str:
    word = re.sub(r"\s+", "", match[0])
    return _JOINED.get(word.lower(), word).ljust(len(match[0]))


#: The acronyms a dictation may spell with letters heard as words ("anti H M G C are", "eye v i g", "ess are pee").
SPELLED_ACRONYMS = ("hmgcr", "srp", "ivig", "iv", "mtx", "mmf", "ck")
LETTER_WORDS = {"r": "are", "i": "eye", "c": "see", "g": "gee", "v": "vee", "p": "pee", "s": "ess", "m": "em",
                "k": "kay", "x": "ex"}
ACRONYM_HEARD = re.compile("|".join(
    r"(?<![\w-])" + r"\s+".join(f"(?:{letter}|{LETTER_WORDS[letter]})" if letter in LETTER_WORDS else letter
                                for letter in acronym) + r"(?![\w-])"
    for acronym in SPELLED_ACRONYMS), re.I)


def _acronym(match: re.Match[str]) -> str:
    """The acronym, when at least one of its letters was heard as a word (pure letters are SPELLED_OUT's)."""
    letters = "".join(word[0] if len(word) == 1 else next(k for k, v in LETTER_WORDS.items() if v == word.lower())
                      for word in match[0].split())
    if all(len(word) == 1 for word in match[0].split()):
        return match[0]
    return letters.upper().ljust(len(match[0]))


#: A number dictated in words with hundreds or a decimal point ("one hundred and forty three pounds",
#: "sixty point five kilos"): written in digits, right-aligned in the same width.
_SMALL = {word: value for value, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())}
_TENS = {word: 10 * (index + 2) for index, word in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split())}
_NUMBER_WORD = "|".join(sorted([*_SMALL, *_TENS, "hundred", "point", "and", "a"], key=len, reverse=True))
SPOKEN_NUMBER = re.compile(rf"\b(?:{_NUMBER_WORD})(?:[\s-]+(?:{_NUMBER_WORD}))*\b", re.I)


def _spoken_number(match: re.Match[str]) -> str:
    words = [word.lower() for word in re.split(r"[\s-]+", match[0])]
    if not ({"hundred", "point"} & set(words)) or words[0] in ("and", "a", "point"):
        return match[0]
    whole, part, fraction, seen_point = 0, 0, "", False
    for word in words:
        if seen_point:
            if word not in _SMALL or _SMALL[word] > 9:
                return match[0]
            fraction += str(_SMALL[word])
        elif word == "point":
            seen_point = True
        elif word == "hundred":
            part = (part or 1) * 100
        elif word in _TENS:
            part += _TENS[word]
        elif word in _SMALL:
            part += _SMALL[word]
        elif word not in ("and", "a"):
            return match[0]
    whole += part
    if seen_point and not fraction:
        return match[0]
    digits = f"{whole}.{fraction}" if fraction else str(whole)
    trailing = len(match[0]) - len(match[0].rstrip())
    return digits.rjust(len(match[0]) - trailing) + " " * trailing


def _undotted(match: re.Match[str]) -> str:
    letters = match[0].replace(".", "")
    if letters.lower() not in {"ivig", "hmgcr", "srp", "ck", "iv", "mtx", "mmf", "pjp"}:
        return match[0]  # "e.g.", "i.e.", "a.m." stay as they are
    return letters.ljust(len(match[0]))


#: The word families type when they mean "antibodies" ("no antibodys found", "antibodie's", "anitbodies"): read as
#: "antibody", padded to the same length.
ANTIBODY_TYPED = re.compile(r"\b(?:antibod(?:ie['’]s|y['’]s|ys|ie|eis|is)|anitbod(?:y|ies)|antibdy|antbod(?:y|ies))\b",
                            re.I)


def written_forms(text: str) -> str:
    """'anti H M G C R', 'I V I G', 'pred nisolone' as 'anti HMGCR    ', 'IVIG   ', 'prednisolone '; 'anti H M G C
    are' and 'eye v i g' as spelled letters; 'one hundred and forty three' and 'sixty point five' in digits."""
    text = DOTTED.sub(_undotted, ACRONYM_HEARD.sub(_acronym, text))
    text = SPOKEN_NUMBER.sub(_spoken_number, text)
    text = ANTIBODY_TYPED.sub(lambda match: "antibody".ljust(len(match[0])), text)
    return SPLIT_WORDS.sub(_word, SPELLED_OUT.sub(_joined, text))
