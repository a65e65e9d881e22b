"""Rasa's Socket.IO channel (the web widget's transport), with two fixes.

- Long-polling only: Sanic 21.12's WebSocket implementation fails on Python 3.11 ("Passing
  coroutines is forbidden"), so transport upgrades are switched off; the widget stays on polling.
- Origins: Rasa allows any origin to connect; here only the page's own origin is allowed, plus the
  origins listed in WIDGET_ORIGINS (comma-separated) for pages hosted elsewhere.
- Sessions the client cannot choose: Rasa takes the `session_id` a client sends, so anyone who sent a
  victim's id received every reply and could write into that conversation. Here the server issues
  signed ids (`channels/identity.py`); an id it did not issue gets a new one, and a connection may
  send messages only to the session it was confirmed for.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint

from channels import identity
from channels.user_text import user_text_only
from imnm.render.channels import shown_in

logger = logging.getLogger(__name__)


class ImnmSocketIOOutput(SocketIOOutput):
    """The widget renders Markdown: citation brackets are escaped so "[1,3]" shows as written."""

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await super().send_text_message(recipient_id, shown_in("socketio", text), **kwargs)

    async def send_text_with_buttons(self, recipient_id: str, text: str, buttons: list[dict[str, Any]],
                                     **kwargs: Any) -> None:
        await super().send_text_with_buttons(recipient_id, shown_in("socketio", text), buttons, **kwargs)


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
        self._own_sessions(user_text_only(on_new_message))
        return webhook

    def _own_sessions(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        """Replace Rasa's session handlers: server-issued ids, one per connection."""
        sio, owned = self.sio, {}

        async def session_request(sid: str, data: dict | None) -> None:
            asked = (data or {}).get("session_id")
            session = asked if identity.issued_here(asked) else identity.new_session_id()
            owned[sid] = session
            if self.session_persistence:
                sio.enter_room(sid, session, namespace=self.namespace)
            await sio.emit("session_confirm", session, room=sid, namespace=self.namespace)

        async def handle_message(sid: str, data: dict) -> None:
            session = owned.get(sid)
            if session is None or (data or {}).get("session_id") not in (None, session):
                logger.warning("socketio.refused reason=%s", "no session" if session is None else "not its session")
                return
            metadata = data.get(self.metadata_key, {})
            if isinstance(metadata, str):
                metadata = json.loads(metadata)
            await on_new_message(UserMessage(data.get("message", ""), ImnmSocketIOOutput(sio, self.bot_message_evt),
                                             session, input_channel=self.name(), metadata=metadata))

        async def disconnect(sid: str) -> None:
            owned.pop(sid, None)

        sio.on("session_request", session_request, namespace=self.namespace)
        sio.on(self.user_message_evt, handle_message, namespace=self.namespace)
        sio.on("disconnect", disconnect, namespace=self.namespace)
