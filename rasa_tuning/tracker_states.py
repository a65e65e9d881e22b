"""Work out a tracker's past dialogue states once per prediction, not once per policy pass.

Rasa 3.6's ``RulePolicy`` asks for the tracker's past states twice per prediction (once matching
rules on the user's text, once on the intent), and each time Rasa replays every event of the
conversation into a fresh copy of the tracker to rebuild the states before each action. py-spy
on the Rasa server under 20 concurrent users put about 12% of its CPU there.

The past states depend only on the tracker's events (the replay starts from ``init_copy()``,
whose slots hold their initial values) and on the arguments. So the last answer is kept on the
tracker together with the number of events, the identity of the last event, the domain and the
arguments; any new event, another domain or other arguments compute afresh. Callers change the
returned states in place (``_choose_last_user_input`` deletes keys of a state's sub-dictionaries),
so every caller gets its own copy of the two dictionary levels; the values below them are strings
and tuples, which this module checks when it keeps an answer.
"""

from __future__ import annotations

from typing import Any, Optional

from rasa.shared.core.domain import Domain, State
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_tuning._replace import rasa_original, replace

_KEPT = "_imnm_past_states"
_rasa_past_states = rasa_original(DialogueStateTracker, "past_states")
_IMMUTABLE = (str, int, float, bool, type(None))


def _copy(states: list[State]) -> list[State]:
    return [{name: dict(sub_state) for name, sub_state in state.items()} for state in states]


def _only_immutable_values(states: list[State]) -> bool:
    return all(
        isinstance(value, _IMMUTABLE) or (isinstance(value, tuple) and all(isinstance(v, _IMMUTABLE) for v in value))
        for state in states for sub_state in state.values() for value in sub_state.values()
    )


def past_states(self: DialogueStateTracker, domain: Domain, omit_unset_slots: bool = False,
                ignore_rule_only_turns: bool = False,
                rule_only_data: Optional[dict[str, Any]] = None) -> list[State]:
    """Rasa's ``past_states``; the same answer, computed once per tracker state and arguments."""
    events = self.events
    key = (len(events), id(events[-1]) if events else None, omit_unset_slots, ignore_rule_only_turns,
           repr(rule_only_data))
    kept = self.__dict__.get(_KEPT)
    if kept is not None and kept[0] == key and kept[1] is domain:
        return _copy(kept[2])
    states = _rasa_past_states(self, domain, omit_unset_slots, ignore_rule_only_turns, rule_only_data)
    if _only_immutable_values(states):
        self.__dict__[_KEPT] = (key, domain, _copy(states))
    return states


def install() -> None:
    """Replace ``DialogueStateTracker.past_states`` (idempotent)."""
    replace(DialogueStateTracker, "past_states", past_states)
