"""What each channel shows for one structured reply (markdown text, detail buttons, a picture).

The one owner of a channel's format: the channels' OutputChannel subclasses call it to send
(`channels/slack.py`, `channels/socketio.py`; REST sends the markdown as it is), and the action calls
it only to audit the hash of exactly what that channel shows. Adding a channel adds a line here and
its OutputChannel; the action does not change.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from imnm.render.slack import render_slack
from imnm.render.web import for_web_widget


def slack_payload(text: str, buttons: Sequence[dict] = (), image: str | None = None) -> dict:
    """Block Kit for Slack: the detail buttons as Slack buttons, the picture when Slack can fetch it."""
    details = [(button["title"], button["payload"]) for button in buttons]
    return render_slack(text, details, image=image)


def shown_in(channel: str | None, text: str, buttons: Sequence[dict] = (), image: str | None = None) -> str:
    """The text a channel puts in front of its reader for this reply (what the audit hashes)."""
    if channel == "slack":
        return json.dumps(slack_payload(text, buttons, image), sort_keys=True)
    if channel == "socketio":
        return for_web_widget(text)
    return text
