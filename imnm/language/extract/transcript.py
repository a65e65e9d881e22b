"""A consultation transcript read as what it tells: a clinician's question and the answer to it.

Telehealth and phone notes are pasted as turns ("Dr: Any trouble swallowing, coughing on drinks?" /
"Pt: No, none at all."). A finding named in a question is asked about, not found: the answer says
whether it is there. A question answered "no" (or "fine", "none", "don't know") is blanked, so its
findings are not read; one answered "yes" is read as a statement (its "?" becomes "."). Offsets and lines are kept.
Text that is not a transcript (fewer than two speaker turns) is left as it is.
"""

from __future__ import annotations

import re

#: "Dr:", "Pt:", "Mum:", "Patient -", "Nurse:": a speaker's turn at the start of a line.
TURN = re.compile(r"^[ \t]*(?P<speaker>dr|doctor|consultant|nurse|rn|cns|pt|patient|mum|mom|dad|parent|carer|wife|"
                  r"husband|son|daughter|me|[A-Z][a-z]{1,12})\.?[ \t]*[:\-–][ \t]*(?P<said>.*)$", re.I | re.M)
CLINICIAN = re.compile(r"^(?:dr|doctor|consultant|nurse|rn|cns)$", re.I)
ANSWERED_NO = re.compile(r"^\W*(?:no|nope|nah|none|never|not\s+(?:really|at\s+all|that\s+i\s+know)|nothing|fine|"
                         r"all\s+(?:good|fine)|normal|ok(?:ay)?)\b", re.I)
#: "I honestly don't know", "not sure": the question stays open, so nothing in it is told.
ANSWERED_UNKNOWN = re.compile(r"^\W*(?:i\s+)?(?:honestly\s+)?(?:don'?t|do\s+not|dunno)\s+know\b|"
                              r"^\W*(?:not\s+sure|unsure|no\s+idea|can'?t\s+remember)\b", re.I)
ANSWERED_YES = re.compile(r"^\W*(?:yes|yeah|yep|yup|aye|a\s+(?:bit|little)|sometimes|definitely)\b|"
                          r"^[^.?!]{0,20}\byes\b", re.I)


def answers_applied(text: str) -> str:
    """The transcript with each clinician question replaced by what its answer says."""
    turns = list(TURN.finditer(text))
    if len(turns) < 2:
        return text
    chars = list(text)
    for turn, reply in zip(turns, turns[1:], strict=False):
        said = turn["said"]
        if "?" not in said or not CLINICIAN.match(turn["speaker"]) or CLINICIAN.match(reply["speaker"]):
            continue
        # Only the asking sentence: "Your HMGCR came back positive. Any swallowing problems?" keeps its statement.
        statement_end = max(said.rfind(mark, 0, said.find("?")) for mark in ".!")
        start, end = turn.start("said") + statement_end + 1, turn.end("said")
        said = text[start:end]
        if ANSWERED_NO.match(reply["said"]) or ANSWERED_UNKNOWN.match(reply["said"]):
            chars[start:end] = " " * (end - start)
        elif ANSWERED_YES.match(reply["said"]):
            chars[start:end] = said.replace("?", ".")
    return "".join(chars)
