"""Give an action that only reads the tracker the tracker itself, not a copy made for nothing.

Rasa 3.6's ``MessageProcessor._run_action`` copies the tracker before every action
(``DialogueStateTracker.copy`` replays every event of the conversation into a new tracker) and
applies the policy's prediction events to the copy, so that they can be dropped if the action
rejects its execution. When the prediction carries no events the copy equals the tracker; for the
two kinds of action this bot runs it is also never changed (a ``RemoteAction`` serialises it for the
action server and fills response templates from its slots; ``action_listen`` ignores it), and it is
thrown away afterwards. py-spy put 4.4% of the server's GIL time under 20 users in that copy. Here
those actions get the tracker itself; any other action, or a prediction with events, gets Rasa's
copy. Everything else is Rasa's code, in order (tests/tuning/test_action_copy.py compares them).

Rasa's policy ensemble adds one event to nearly every prediction, ``DefinePrevUserUtteredFeaturization``, which
only marks the latest user message (text or intent featurised); that put the full copy back for every answer
(3.8% of the server under 20 users, py-spy, nineteenth session). For such a prediction the read-only action gets
a view: the tracker's own state with its own event list, so logging the event there leaves the tracker's
events untouched, as on Rasa's copy. `_log_action_on_tracker` deep-copied the events of every
action for a debug log line even when debug logging is off (1.9%); it now copies them only when that line is
written.
"""

from __future__ import annotations

import copy
import logging
from collections import deque
from typing import Any, Optional

import structlog
from rasa.core.actions.action import Action, ActionExecutionRejection, ActionListen, RemoteAction
from rasa.core.channels.channel import OutputChannel
from rasa.core.nlg import NaturalLanguageGenerator
from rasa.core.policies.policy import PolicyPrediction
from rasa.core.processor import MessageProcessor
from rasa.shared.constants import UTTER_PREFIX
from rasa.shared.core.constants import ACTION_EXTRACT_SLOTS, ACTION_LISTEN_NAME
from rasa.shared.core.events import (
    ActionExecutionRejected,
    DefinePrevUserUtteredFeaturization,
    Event,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_tuning._replace import replace

logger = logging.getLogger("rasa.core.processor")
structlogger = structlog.get_logger()

#: Actions whose ``run`` reads the tracker it is given and never changes it.
READ_ONLY_ACTIONS = (RemoteAction, ActionListen)


def tracker_for(action: Action, tracker: DialogueStateTracker, prediction: PolicyPrediction,
                domain: object) -> DialogueStateTracker:
    """The tracker the action runs on: Rasa's copy with the prediction's events, unless that copy
    would equal the tracker and the action cannot change what it is given."""
    if type(action) in READ_ONLY_ACTIONS:
        if not prediction.events:
            return tracker
        if all(type(event) is DefinePrevUserUtteredFeaturization for event in prediction.events):
            return _view_with(tracker, prediction.events, domain)
    temporary_tracker = tracker.copy()
    temporary_tracker.update_with_events(prediction.events, domain)
    return temporary_tracker


def _view_with(tracker: DialogueStateTracker, events: list[Event], domain: Any) -> DialogueStateTracker:
    """The tracker with `events` (featurisation marks only) applied to a view of it: the view has its own event
    list and shares the rest, which those events never change, except the mark on the latest user message: that
    is the same object in Rasa's copy too (a replay applies the same event objects), so it is marked alike."""
    view = copy.copy(tracker)
    view.events = deque(tracker.events, maxlen=tracker.events.maxlen)
    view.update_with_events(events, domain)
    return view


def _debug_copy(value: Any) -> Any:
    """A deep copy for a debug log line that is written; the value itself for one that is not (a no-op call)."""
    return copy.deepcopy(value) if _debug_logged() else value


def _debug_logged() -> bool:
    """False when structlog is configured to drop debug lines (Rasa's filtering logger: its ``debug`` is a no-op)."""
    return structlog.get_config()["wrapper_class"].debug is not getattr(structlog._native, "_nop", None)


async def _run_action(self: MessageProcessor, action: Action, tracker: DialogueStateTracker,
                      output_channel: OutputChannel, nlg: NaturalLanguageGenerator,
                      prediction: PolicyPrediction) -> bool:
    """Rasa's ``_run_action`` with the temporary tracker from `tracker_for`."""
    try:
        temporary_tracker = tracker_for(action, tracker, prediction, self.domain)
        events = await action.run(output_channel, nlg, temporary_tracker, self.domain)
    except ActionExecutionRejection:
        events = [ActionExecutionRejected(action.name(), prediction.policy_name, prediction.max_confidence)]
        tracker.update(events[0])
        return self.should_predict_another_action(action.name())
    except Exception:
        logger.exception(
            f"Encountered an exception while running action '{action.name()}'."
            "Bot will continue, but the actions events are lost. "
            "Please check the logs of your action server for "
            "more information."
        )
        events = []

    self._log_action_on_tracker(tracker, action, events, prediction)

    if any(isinstance(e, UserUttered) for e in events):
        logger.debug(
            f"A `UserUttered` event was returned by executing "
            f"action '{action.name()}'. This will run the default action "
            f"'{ACTION_EXTRACT_SLOTS}'."
        )
        tracker = await self.run_action_extract_slots(output_channel, tracker)

    if action.name() != ACTION_LISTEN_NAME and not action.name().startswith(UTTER_PREFIX):
        self._log_slots(tracker)

    await self.execute_side_effects(events, tracker, output_channel)

    return self.should_predict_another_action(action.name())


def _log_action_on_tracker(self: MessageProcessor, tracker: DialogueStateTracker, action: Action,
                           events: Optional[list[Event]], prediction: PolicyPrediction) -> None:
    """Rasa's ``_log_action_on_tracker`` with the debug lines' copies made by `_debug_copy`."""
    # Ensures that the code still works even if a lazy programmer missed
    # to type `return []` at the end of an action or the run method
    # returns `None` for some other reason.
    if events is None:
        events = []

    action_was_rejected_manually = any(
        isinstance(event, ActionExecutionRejected) for event in events
    )
    if not action_was_rejected_manually:
        structlogger.debug(
            "processor.actions.policy_prediction",
            prediction_events=_debug_copy(prediction.events),
        )
        tracker.update_with_events(prediction.events, self.domain)

        # log the action and its produced events
        tracker.update(action.event_for_successful_execution(prediction))

    structlogger.debug(
        "processor.actions.log",
        action_name=action.name(),
        rasa_events=_debug_copy(events),
    )
    tracker.update_with_events(events, self.domain)


def install() -> None:
    """Replace ``MessageProcessor._run_action`` and ``_log_action_on_tracker`` (idempotent)."""
    replace(MessageProcessor, "_run_action", _run_action)
    replace(MessageProcessor, "_log_action_on_tracker", _log_action_on_tracker)
