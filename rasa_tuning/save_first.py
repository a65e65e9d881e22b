"""Save the user's message before the actions run, and mark the message as saved.

Rasa 3.6's ``MessageProcessor.handle_message`` logs the user message on the tracker without saving
it (``should_save_tracker=False``) and saves once, after every action has run. While the action
server hangs, the message exists only in memory: a restart then loses it, although the REST channel
had already told the user "nothing you wrote was lost". Here the tracker is saved as soon as the
message is logged (one more write, ~1 ms with the SQL store) and the ``UserMessage`` is marked, so a
channel can say "saved" only when it is true (``was_saved``). Everything else is Rasa's code, in order.
"""

from __future__ import annotations

from typing import Any

import rasa.shared.utils.io
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.processor import MessageProcessor
from rasa.shared.constants import DOCS_URL_POLICIES
from rasa.shared.data import TrainingType

from rasa_tuning._replace import replace
from tracker_stores.fast_sql import STORED_EVENTS

_SAVED = "_imnm_saved"


def was_saved(message: UserMessage) -> bool:
    """Whether the message is in the tracker store (not only in this process's memory)."""
    return bool(getattr(message, _SAVED, False))


async def handle_message(self: MessageProcessor, message: UserMessage) -> Any:
    """Rasa's ``handle_message`` with the user message saved before the actions run."""
    tracker = await self.log_message(message, should_save_tracker=True)
    setattr(message, _SAVED, True)
    # Every event so far is stored: the save at the end adds only the new ones. (The SQL stores count the
    # stored events of the latest session, which for a session begun in memory is fewer than the events
    # before it, so a second save would write the first message again; this project's store reads this.)
    tracker.__dict__[STORED_EVENTS] = len(tracker.events)

    if self.model_metadata.training_type == TrainingType.NLU:
        await self.save_tracker(tracker)
        rasa.shared.utils.io.raise_warning("No core model. Skipping action prediction and execution.",
                                           docs=DOCS_URL_POLICIES)
        return None

    tracker = await self.run_action_extract_slots(message.output_channel, tracker)
    await self._run_prediction_loop(message.output_channel, tracker)
    await self.run_anonymization_pipeline(tracker)
    await self.save_tracker(tracker)

    if isinstance(message.output_channel, CollectingOutputChannel):
        return message.output_channel.messages
    return None


def install() -> None:
    replace(MessageProcessor, "handle_message", handle_message)
