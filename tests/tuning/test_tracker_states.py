"""Past dialogue states kept per tracker state are Rasa's states, whatever callers do with them."""

from __future__ import annotations

from pathlib import Path

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

import rasa_tuning
from rasa_tuning import tracker_states

rasa_tuning.install()

DOMAIN = Domain.load(str(Path(__file__).resolve().parents[2] / "domain.yml"))
ARGUMENTS = [
    {},
    {"omit_unset_slots": True},
    {"ignore_rule_only_turns": True, "rule_only_data": {"slots": ["antibody"], "loops": []}},
    {"ignore_rule_only_turns": True, "rule_only_data": {"slots": [], "loops": []}},
]
TURNS = [
    [UserUttered("hello", {"name": "greet", "confidence": 1.0}), ActionExecuted("action_respond")],
    [UserUttered("HMGCR+", {"name": "give_facts", "confidence": 1.0},
                 [{"entity": "antibody", "value": "HMGCR"}]),
     SlotSet("antibody", "HMGCR"), ActionExecuted("action_respond", hide_rule_turn=True)],
    [UserUttered("70 kg", {"name": "give_facts", "confidence": 0.9}), SlotSet("weight_kg", 70.0),
     ActionExecuted("action_respond")],
]


def _rasas(tracker: DialogueStateTracker, arguments: dict) -> list:
    return tracker_states._rasa_past_states(tracker, DOMAIN, **arguments)


def test_the_patch_is_installed():
    assert DialogueStateTracker.past_states is tracker_states.past_states


def test_states_equal_rasas_as_the_conversation_grows_and_callers_change_them():
    tracker = DialogueStateTracker.from_events(
        "s", [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")], DOMAIN.slots)
    for turn in TURNS:
        for event in turn:
            tracker.past_states(DOMAIN, **ARGUMENTS[-1])  # kept before the event ...
            tracker.update(event)
            for arguments in reversed(ARGUMENTS):  # ... must not be served after it
                for _ in range(3):  # computed, then kept: each copy is Rasa's answer
                    states = tracker.past_states(DOMAIN, **arguments)
                    assert states == _rasas(tracker, arguments)
                    for state in states:  # a caller deleting keys must not change the next answer
                        for sub_state in state.values():
                            sub_state.clear()
        tracker.update(ActionExecuted("action_listen"))


def test_another_domain_is_not_served_the_kept_states():
    tracker = DialogueStateTracker.from_events("d", [ActionExecuted("action_listen")] + TURNS[0], DOMAIN.slots)
    other = Domain.from_dict({"intents": ["greet"], "actions": ["action_respond"]})
    tracker.past_states(DOMAIN)
    assert tracker.past_states(other) == tracker_states._rasa_past_states(tracker, other)
