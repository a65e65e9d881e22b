"""Each channel formats the one structured reply the action sends, and the audit hashes what it shows:
the action does not know channel formats (issue 21)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

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


def test_the_action_names_no_channel_format():
    source = (Path(__file__).resolve().parents[2] / "actions" / "actions.py").read_text()
    assert "render_slack" not in source and "for_web_widget" not in source and "json_message" not in source
