"""Each channel formats the one structured reply the action sends, and the audit hashes what it shows:
the action does not know channel formats (issue 21)."""

from __future__ import annotations

import asyncio
import json

from channels.slack import ImnmSlackBot
from channels.socketio import ImnmSocketIOOutput
from imnm.render.channels import shown_in

REPLY = {"text": "**IMNM plan** prednisone **70 mg/day** [1,3]\n\nSources: [1] S000",
         "buttons": [{"title": "Why", "payload": "why"}, {"title": "Sources", "payload": "sources"}]}


class FakeSocket:
    def __init__(self) -> None:
        self.sent: list[dict] = []

    async def emit(self, event: str, data: dict, room: str | None = None, **kwargs) -> None:
        self.sent.append(data)


def test_the_widget_channel_escapes_citations_and_shows_what_the_audit_hashes():
    socket = FakeSocket()
    asyncio.run(ImnmSocketIOOutput(socket, "bot_uttered").send_response("s1", dict(REPLY)))
    shown = "\n\n".join(bubble["text"] for bubble in socket.sent)  # Rasa sends one bubble per paragraph
    assert shown == shown_in("socketio", REPLY["text"]) and "\\[1,3\\]" in shown
    assert [reply["title"] for reply in socket.sent[-1]["quick_replies"]] == ["Why", "Sources"]


def test_the_slack_channel_posts_one_block_kit_message_and_shows_what_the_audit_hashes():
    bot = ImnmSlackBot("xoxb-test", "C1")
    posted: list[dict] = []

    async def post(**payload) -> None:
        posted.append(payload)

    bot._post_message = post
    asyncio.run(bot.send_response("U1", dict(REPLY)))
    assert len(posted) == 1 and posted[0]["channel"] == "C1"
    payload = {key: value for key, value in posted[0].items() if key != "channel"}
    assert json.dumps(payload, sort_keys=True) == shown_in("slack", REPLY["text"], REPLY["buttons"])
    assert any(block["type"] == "actions" for block in payload["blocks"])


def test_the_action_sends_the_same_structured_reply_whatever_the_channel(tmp_path, monkeypatch):
    """Formats belong to the channels: the action's reply is markdown text and buttons in every channel."""
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    from actions.actions import ActionRespond

    monkeypatch.setenv("IMNM_AUDIT_DB", str(tmp_path / "audit.db"))
    text = "70 kg, anti-HMGCR positive, moderate weakness, on atorvastatin, 50 years old"
    entities = [{"entity": "weight_kg", "value": 70.0}, {"entity": "antibody", "value": "HMGCR"},
                {"entity": "severity", "value": "moderate"}, {"entity": "statin_exposure", "value": True},
                {"entity": "statin_status", "value": "current"}, {"entity": "age_years", "value": 50.0}]
    slots = {entity["entity"]: entity["value"] for entity in entities}
    sent = {}
    for channel in ("slack", "socketio", "rest"):
        latest = {"text": text, "intent": {"name": "give_facts"}, "entities": entities}
        events = [{"event": "user", "text": text, "parse_data": latest, "input_channel": channel,
                   "timestamp": 1e12}]
        tracker = Tracker(f"c-{channel}", slots, latest, events, False, None, {}, "action_listen")
        dispatcher = CollectingDispatcher()
        asyncio.run(ActionRespond().run(dispatcher, tracker, {}))
        assert all(not message.get("json_message") and not message.get("custom") for message in dispatcher.messages)
        sent[channel] = [(message.get("text"), str(message.get("buttons"))) for message in dispatcher.messages]
    assert sent["slack"] == sent["socketio"] == sent["rest"] and "**70 mg/day**" in sent["rest"][0][0]
