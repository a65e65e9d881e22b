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
#: Two clinicians' chat pasted in ("Dr A: ...", "Dr B: any statin?", "Dr A: never") has its speakers named too.
TURN = re.compile(r"^[ \t]*(?:\[[\d:.]{3,8}\][ \t]*)?(?P<speaker>(?:dr|doctor)\.?[ \t]+[A-Z][a-z]{0,12}|dr|doctor|"
                  r"consultant|nurse|rn|cns|pt|patient|mum|mom|dad|parent|carer|wife|husband|son|daughter|me|[A-Z][a-z]{1,12})"
                  r"\.?[ \t]*[:\-–][ \t]*(?P<said>.*)$", re.I | re.M)
CLINICIAN = re.compile(r"^(?:dr|doctor|consultant|nurse|rn|cns)\b", re.I)
ANSWERED_NO = re.compile(r"^\W*(?:no|nope|nah|none|never|nil|neg(?:ative)?|-ve|"
                         r"not\s+(?:really|at\s+all|that\s+i\s+know)|nothing|fine|all\s+(?:good|fine)|normal|"
                         r"ok(?:ay)?)\b", re.I)
#: A question after something ("any dysphagia, SOB?", "any statin?", "statins ever?"): answered no, it is written
#: "no <thing>" so that the denial is read, not only the question dropped.
ASKED_FOR_A_THING = re.compile(r"^\s*(?:and\s+)?(?:any|ever\s+(?:on|had|taken)\s+(?:a|any)?)\s*"
                               r"(?P<thing>[^?]{1,60}?)\s*\?|^\s*(?P<thing2>[a-z][\w\s/,-]{0,40}?)\s+ever\s*\?", re.I)
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
        same_speaker = turn["speaker"].lower() == reply["speaker"].lower()
        # A clinician asks; anyone else answers (the patient, a relative, or the other clinician of a chat).
        if "?" not in said or not CLINICIAN.match(turn["speaker"]) or same_speaker or (
                CLINICIAN.match(reply["speaker"]) and turn["speaker"].lower() in ("dr", "doctor")
                and reply["speaker"].lower() in ("dr", "doctor")):
            continue
        # Only the asking sentence: "Your HMGCR came back positive. Any swallowing problems?" keeps its statement.
        statement_end = max(said.rfind(mark, 0, said.find("?")) for mark in ".!")
        start, end = turn.start("said") + statement_end + 1, turn.end("said")
        said = text[start:end]
        thing = ASKED_FOR_A_THING.match(said)
        if ANSWERED_NO.match(reply["said"]) and thing:
            denial = f"no {thing['thing'] or thing['thing2']}."
            chars[start:end] = denial.ljust(end - start) if len(denial) <= end - start else " " * (end - start)
        elif ANSWERED_NO.match(reply["said"]) or ANSWERED_UNKNOWN.match(reply["said"]):
            chars[start:end] = " " * (end - start)
        elif ANSWERED_YES.match(reply["said"]):
            chars[start:end] = said.replace("?", ".")
    return "".join(chars)
