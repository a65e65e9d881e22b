"""What goes alongside the steroid: asked without naming it ("what goes alongside it from day one?", "what should I
prescribe alongside the prednisone from primary care?").

The sources pair the high-dose steroid with three things from the start: a steroid-sparing agent (methotrexate
preferred), Pneumocystis prophylaxis at the doses and durations they name, and bone protection. A question about the
steroid's companions is answered with those three entries, each dose worked out for this patient, not with the
steroid's own dose again.
"""

from __future__ import annotations

import re

from imnm.dialogue.questions import answer_with_entries
from imnm.engine.facts import Audience
from imnm.engine.knowledge import KnowledgeBase
from imnm.engine.recommendation import Recommendation
from imnm.language.extract.lexicon import PRED

ALONGSIDE = re.compile(r"\b(?:alongside|along\s+with|together\s+with|in\s+addition\s+to|goes?\s+with|"
                       r"(?:give|prescribe|start|add)\s+with|co-?prescrib\w*|accompany\w*|"
                       # "will I need something else with it?"
                       r"(?:else|other|another|more)\s+(?:\w+\s+)?with\s+(?:it|that|this|them|the\s+\w+))\b", re.I)
ASKS = re.compile(r"\b(?:what|which|anything|something|else)\b", re.I)
STEROID = re.compile(rf"\b(?:{PRED}|steroids?|corticosteroids?|glucocorticoids?)\b", re.I)
#: Agents that are the steroid, for a question whose "it" was carried from the conversation.
STEROID_AGENTS = frozenset({"prednisone", "methylprednisolone", "steroids"})
COMPANIONS = ("sparing.methotrexate", "prophylaxis.pneumocystis", "prophylaxis.bone")
JUVENILE_COMPANIONS = ("sparing.juvenile_not_given", "prophylaxis.pneumocystis", "prophylaxis.bone")


def alongside_the_steroid(text: str, subject: str | None, current: Recommendation | None, audience: Audience,
                          kb: KnowledgeBase) -> str | None:
    """The steroid's companions, or None when the message does not ask what goes alongside the steroid."""
    along = ALONGSIDE.search(text)
    # What goes alongside is asked ("what ...", "anything else ..."), not whether something else may ("would it be
    # ok to try CBD oil alongside the steroids?").
    if along is None or not ASKS.search(text, 0, along.end()):
        return None
    before = list(STEROID.finditer(text, 0, along.start()))
    if before and not ASKS.search(text, before[-1].end(), along.start()):
        # "and the pred alongside it, how much?": the steroid itself is asked about (not "if they put him on
        # prednisone, what should I prescribe alongside it?").
        return None
    if not (before or STEROID.search(text, along.start()) or subject in STEROID_AGENTS):
        return None
    juvenile = current is not None and current.facts.is_juvenile is True
    return answer_with_entries(JUVENILE_COMPANIONS if juvenile else COMPANIONS, current, audience, kb)
