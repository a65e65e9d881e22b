"""Dictated and spoken forms written as clinicians type them, keeping every character offset.

Speech recognition spells acronyms out and splits drug names ("anti H M G C R", "I V I G", "pred nisolone");
both the fact extractor and the question reader should see "HMGCR", "IVIG", "prednisolone". Each change keeps
the text's length (the joined word is padded with spaces after it), so the offsets of everything else hold.
"""

from __future__ import annotations

import re

#: Two or more single letters in a row, spelled out ("H M G C R", "I V I G", "C K", "I V").
SPELLED_OUT = re.compile(r"(?<![\w-])(?:[A-Za-z] ){1,5}[A-Za-z](?![\w-])")
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


def written_forms(text: str) -> str:
    """'anti H M G C R', 'I V I G', 'pred nisolone' as 'anti HMGCR    ', 'IVIG   ', 'prednisolone '."""
    return SPLIT_WORDS.sub(_word, SPELLED_OUT.sub(_joined, text))
