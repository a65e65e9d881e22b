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
"""

from __future__ import annotations

import logging

from rasa.core.actions.action import Action, ActionExecutionRejection, ActionListen, RemoteAction
from rasa.core.channels.channel import OutputChannel
from rasa.core.nlg import NaturalLanguageGenerator
from rasa.core.policies.policy import PolicyPrediction
from rasa.core.processor import MessageProcessor
from rasa.shared.constants import UTTER_PREFIX
from rasa.shared.core.constants import ACTION_EXTRACT_SLOTS, ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecutionRejected, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_tuning._replace import replace

logger = logging.getLogger("rasa.core.processor")

#: Actions whose ``run`` reads the tracker it is given and never changes it.
READ_ONLY_ACTIONS = (RemoteAction, ActionListen)


def tracker_for(action: Action, tracker: DialogueStateTracker, prediction: PolicyPrediction,
                domain: object) -> DialogueStateTracker:
    """The tracker the action runs on: Rasa's copy with the prediction's events, unless that copy
    would equal the tracker and the action cannot change what it is given."""
    if not prediction.events and type(action) in READ_ONLY_ACTIONS:
        return tracker
    temporary_tracker = tracker.copy()
    temporary_tracker.update_with_events(prediction.events, domain)
    return temporary_tracker


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


def install() -> None:
    """Replace ``MessageProcessor._run_action`` (idempotent)."""
    replace(MessageProcessor, "_run_action", _run_action)
