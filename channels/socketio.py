"""Rasa's Socket.IO channel (the web widget's transport), with two fixes.

- Long-polling only: Sanic 21.12's WebSocket implementation fails on Python 3.11 ("Passing
  coroutines is forbidden"), so transport upgrades are switched off; the widget stays on polling.
- Origins: Rasa allows any origin to connect; here only the page's own origin is allowed, plus the
  origins listed in WIDGET_ORIGINS (comma-separated) for pages hosted elsewhere.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint

from channels.user_text import user_text_only


class ImnmSocketIOInput(SocketIOInput):
    @classmethod
    def name(cls) -> str:
        return "socketio"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = super().blueprint(user_text_only(on_new_message))
        engine = self.sio.eio
        engine.allow_upgrades = False
        extra = [origin.strip() for origin in os.environ.get("WIDGET_ORIGINS", "").split(",") if origin.strip()]
        # None means same-origin only in python-engineio; a list replaces that check.
        engine.cors_allowed_origins = extra or None
        return webhook
