"""Severity told by what the patient can do, when no severity word is used.

Letters and case reports rarely say "moderate"; they say "walks with a stick", "remained
ambulant", "power is full". The reader composes two observations instead of listing phrasings:
how the patient walks (with an aid; unaided) and whether weakness is described at all. Walking
with an aid, or walking unaided with weakness, is moderate; full power with no weakness is mild.
Not walking is severe, but that is read by the lexicon's severe descriptors, which always win: this
reader is consulted only when nothing else in the message gives the severity.
"""

from __future__ import annotations

import re

from imnm.language.extract.course import asks_rather_than_tells, sentences

_AID = (r"(?:(?:walking\s+)?stick|cane|walker|(?:walking\s+|zimmer\s+)?frame|zimmer|rollator|crutch(?:es)?|"
        r"walking\s+aids?)")
_WALK = r"(?:walk\w*|ambula\w*|mobilis\w*|mobiliz\w*|gets?\s+(?:about|around)|getting\s+(?:about|around))"
WALKS_WITH_AID = re.compile(
    rf"\b{_WALK}\b[^.;]{{0,40}}?\b(?:with|using|on)\s+(?:the\s+help\s+of\s+)?(?:a|an|her|his|their|one|1|two|2)?\s*{_AID}|"
    rf"\b(?:uses?|using|needs?|needed|requires?|required)\s+(?:a|an|her|his|their|one|1|two|2)?\s*{_AID}\b|"
    rf"\b{_AID}\s+(?:for|to)\s+(?:walk\w*|mobilis\w*|longer\s+distances)", re.I)
WALKS_UNAIDED = re.compile(
    rf"\b{_WALK}\s+(?:\w+\s+){{0,2}}?(?:independently|unaided|unassisted|alone|without\s+(?:any\s+)?(?:aids?|help|"
    rf"assistance|a\s+stick))\b|"
    r"\b(?:remain\w*|still|fully|is|was|independently)\s+(?:fully\s+)?ambula(?:nt|tory)\b|"
    r"\b(?:able\s+to|could\s+(?:still\s+)?|can\s+(?:still\s+)?)walk\b|\bstill\s+walking\b", re.I)
WEAKNESS = re.compile(r"\bweak\w*|\bmrc\s*(?:grade\s*)?[0-4]|\b[0-4][+-]?/5\b|\bparesis\b", re.I)
#: Power examined and found normal ("no weakness" alone is a symptom denied, not an examination).
NORMAL_POWER = re.compile(
    r"\b(?:power|strength)\s+(?:is\s+|was\s+)?(?:full|normal|5/5)\b|\b5/5\s+throughout\b|"
    r"\bfull\s+(?:power|strength)\b|\bwalking\s+normally\b|\bnormal\s+(?:power|strength)\b", re.I)
DENIED_WEAKNESS = re.compile(r"\b(?:denies|denied|no)\s+(?:(?:muscle|any)\s+)?weakness\b", re.I)


def functional_severity(text: str) -> str | None:
    """'moderate', 'mild', or None when the message does not describe what the patient can do."""
    told = " ".join(sentence for _, sentence in sentences(text) if not asks_rather_than_tells(sentence))
    if WALKS_WITH_AID.search(told):
        return "moderate"
    weakness = WEAKNESS.search(DENIED_WEAKNESS.sub(" ", NORMAL_POWER.sub(" ", told)))
    if WALKS_UNAIDED.search(told) and weakness:
        return "moderate"
    if NORMAL_POWER.search(told) and not weakness:
        return "mild"
    return None
