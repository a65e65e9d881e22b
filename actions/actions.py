"""Rasa custom actions: thin adapters from the tracker to imnm.dialogue.conversation and back."""

from __future__ import annotations

import logging
import re
import time
from datetime import datetime, timezone
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import AllSlotsReset, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import timeline_files
from actions.startup import warm_up_and_freeze
from imnm import audit, delivery
from imnm.dialogue.conversation import (
    FACT_SLOTS,
    StartOver,
    carried_over,
    next_fact_asked,
    respond,
    slots_taken_back,
    start_over_kind,
)
from imnm.language.context_answers import ContextFacts, facts_from_context
from imnm.language.entities import ABSENT_FLAG_ENTITY, PROBLEM_ENTITY, TAKEN_BACK_ENTITY
from imnm.render.channels import shown_in
from imnm.render.timeline import draw_png

logger = logging.getLogger(__name__)
TRACKED_SLOTS = (*FACT_SLOTS, "audience")
#: The dialogue's own memory (which question is pending, what was set aside); not patient facts.
DIALOGUE_SLOTS = ("asked", "set_aside")


def slots_before_last_message(tracker: Tracker) -> dict[str, Any]:
    """Slot values as they were before the latest user message, to say what a correction changed."""
    events = tracker.events
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=len(events))
    values: dict[str, Any] = {}
    for event in events[:last_user]:
        if event.get("event") == "slot":
            values[event["name"]] = event.get("value")
        elif event.get("event") in {"reset_slots", "restart"}:
            values.clear()
    return values


def _message_facts(tracker: Tracker) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    message = tracker.latest_message or {}
    return message, message.get("entities") or []


def _values_of(entities: list[dict[str, Any]], name: str) -> list[Any]:
    """The values of one kind of entity in this message, in order (red flags said, absent, facts taken back...)."""
    return [e.get("value") for e in entities if e.get("entity") == name]


def _fact_names(entities: list[dict[str, Any]]) -> frozenset[str]:
    """The slot-contract facts this message itself supplied."""
    return frozenset(e.get("entity") for e in entities if e.get("entity") in FACT_SLOTS)


def earlier_user_messages(tracker: Tracker) -> list[str]:
    """The user's messages before the latest one, oldest first, since the last restart."""
    texts: list[str] = []
    for event in tracker.events:
        if event.get("event") == "user":
            texts.append(event.get("text") or "")
        elif event.get("event") == "restart":
            texts.clear()
        elif event.get("event") == "reset_slots":  # "new patient: ..." keeps only that message
            texts = texts[-1:]
    return texts[:-1]


def last_bot_reply(tracker: Tracker) -> str:
    """The bot's last answer before the latest user message ("" if none since the last restart)."""
    reply, before_this_message = "", ""
    for event in tracker.events:
        if event.get("event") == "bot":
            reply = event.get("text") or ""
        elif event.get("event") == "restart":
            reply = ""
        elif event.get("event") == "user":
            before_this_message = reply
    return before_this_message


def _context_facts(tracker: Tracker, slots: dict[str, Any]) -> ContextFacts:
    """Facts a reply with none of its own gives in context ("70" when asked the weight)."""
    message, entities = _message_facts(tracker)
    own = _fact_names(entities) | ({"problem"} if _values_of(entities, PROBLEM_ENTITY) else set())
    context = facts_from_context(message.get("text") or "", next_fact_asked(slots), earlier_user_messages(tracker),
                                 own_facts=frozenset(own), current=slots)
    if slots.get("refractory") is True and (context.slots.get("refractory") is True
                                            or slots_before_last_message(tracker).get("refractory") is True):
        # Already known: not a change to report; and a course told refractory before stays so (`carried_refractory`).
        context.slots.pop("refractory", None)
    return context


async def _respond(dispatcher: CollectingDispatcher, tracker: Tracker, slots: dict[str, Any],
                   before: dict[str, Any], events: list[EventType], already_recommended: bool,
                   context: ContextFacts | None = None) -> list[EventType]:
    """Answer the latest message from `slots`; send it in the channel's format; audit a plan."""
    message, entities = _message_facts(tracker)
    context = context or ContextFacts()
    for name, value in context.slots.items():
        slots[name] = value
        events.append(SlotSet(name, value))
    page_audience = (message.get("metadata") or {}).get("audience")
    user_named_audience = bool(_values_of(entities, "audience"))
    if page_audience and not user_named_audience and slots.get("audience") != page_audience:
        slots["audience"] = page_audience
        events.append(SlotSet("audience", page_audience))
    named = {e.get("entity") for e in entities} | set(context.slots)
    # "her swallowing is fine now" removes a red flag given earlier: a change of fact like any other.
    cleared = set(_values_of(entities, ABSENT_FLAG_ENTITY)) & set(
        before.get("red_flags") or ())
    if cleared:
        named.add("red_flags")
    # "scrap the statin - that was a different patient": a fact taken back is a change like any other.
    taken_back = slots_taken_back(_values_of(entities, TAKEN_BACK_ENTITY)) & {
        name for name in TRACKED_SLOTS if before.get(name) is not None}
    named |= taken_back
    changes = {
        name: (before.get(name), slots.get(name))
        for name in TRACKED_SLOTS
        if name in named and before.get(name) != slots.get(name)
    }
    found = _fact_names(entities) | frozenset(context.slots) | ({"red_flags"} if cleared else set()) | taken_back
    reply = respond(
        text=message.get("text") or "",
        intent=(message.get("intent") or {}).get("name"),
        slots=slots,
        found_facts=bool(found),
        problems=_values_of(entities, PROBLEM_ENTITY) + context.problems,
        changes=changes,
        already_recommended=already_recommended,
        found_names=found,
        history=earlier_user_messages(tracker),
        last_reply=last_bot_reply(tracker),
    )
    if reply.discard_facts:  # not about a patient: put back what the message set
        events.extend(SlotSet(name, before.get(name)) for name in found)
    events.extend(SlotSet(name, value) for name, value in reply.slot_updates.items())
    channel = tracker.get_latest_input_channel()
    buttons = [{"title": detail.title, "payload": detail.says} for detail in reply.buttons]
    image = timeline_files.url_for(timeline_files.store(draw_png(reply.timeline))) if reply.timeline else None
    # One structured reply; each channel's OutputChannel renders it (imnm/render/channels.py), and the
    # audit below hashes exactly what this channel shows.
    dispatcher.utter_message(text=reply.text, buttons=buttons, image=image)
    shown = shown_in(channel, reply.text, buttons, image)
    if reply.recommendation is not None and (reply.recommended or COMPUTED_DOSE.search(reply.text)):
        # A plan, or a follow-up that gives this patient's dose: audited with the hash of what this channel shows.
        if reply.recommended:
            events.append(SlotSet("recommended", True))
        if channel == "rest" and answered_too_late(tracker):
            # The REST caller was already given the outage notice; this reply is never shown to them.
            logger.warning("recommendation not delivered conversation=%s (answer came after the REST notice)",
                           tracker.sender_id)
            return events
        await audit.record_async(reply.recommendation, tracker.sender_id, shown, datetime.now(timezone.utc))
        logger.info("recommendation issued conversation=%s kb=%s kind=%s", tracker.sender_id,
                    reply.recommendation.knowledge_version, "plan" if reply.recommended else "dose answer")
    return events


def answered_too_late(tracker: Tracker) -> bool:
    """Whether the latest user message arrived longer ago than the REST channel waits for an answer."""
    sent = next((event.get("timestamp") for event in reversed(tracker.events) if event.get("event") == "user"), None)
    return sent is not None and time.time() - float(sent) > delivery.answer_within_s()


#: A dose worked out for this patient ("1 mg/kg x 70 kg = 70 mg"), in a follow-up answer.
COMPUTED_DOSE = re.compile(r"x \d+(?:\.\d+)? kg = ")


class ActionRespond(Action):
    """Every user turn except small talk and questions' routing goes here (see data/rules.yml)."""

    def name(self) -> str:
        return "action_respond"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        message, entities = _message_facts(tracker)
        kind = start_over_kind(message.get("text") or "", (message.get("intent") or {}).get("name"),
                               bool(_fact_names(entities)))
        if kind is StartOver.NOT_A_RESET:
            slots = {name: tracker.get_slot(name) for name in (*TRACKED_SLOTS, *DIALOGUE_SLOTS)}
            before = slots_before_last_message(tracker)
            events: list[EventType] = []
            absent = set(_values_of(entities, ABSENT_FLAG_ENTITY))
            said_flags = _values_of(entities, "red_flags")
            earlier = earlier_user_messages(tracker) if absent else []  # read for a flag taken back only
            for name, value in carried_over(slots, before, message.get("text") or "", said_flags, absent,
                                            earlier, _values_of(entities, TAKEN_BACK_ENTITY)).items():
                slots[name] = value
                events.append(SlotSet(name, value))
            return await _respond(dispatcher, tracker, slots, before, events,
                                  bool(tracker.get_slot("recommended")), _context_facts(tracker, slots))
        audience = tracker.get_slot("audience")
        events: list[EventType] = [AllSlotsReset(), SlotSet("audience", audience)]
        if kind is StartOver.RESET:
            dispatcher.utter_message(text="Cleared. Describe the next patient.")
            return events
        # A new patient described in the same breath: keep only this message's facts.
        found = _fact_names(entities)
        slots = {name: tracker.get_slot(name) if name in found else None for name in TRACKED_SLOTS}
        slots["audience"] = audience
        events.extend(SlotSet(name, slots[name]) for name in found)
        dispatcher.utter_message(text="New patient: the previous patient's facts are cleared.")
        return await _respond(dispatcher, tracker, slots, {}, events, already_recommended=False)


class ActionStartOver(ActionRespond):
    """The "start over" intent's action: the same decision, so the words, not the classifier, reset."""

    def name(self) -> str:
        return "action_start_over"


warm_up_and_freeze()
