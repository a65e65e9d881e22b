"""The REST channel with a promise: every message gets an answer within a few seconds.

Rasa's own RestInput returns an empty list when the action server is down, and waits as long as
the action server does when it is slow. Here the message is still processed to the end (so it and
any late answer are saved in the tracker), but the caller gets a clear notice instead of silence.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels import identity
from channels.user_text import as_user_text
from imnm import delivery
from rasa_tuning.save_first import was_saved

logger = logging.getLogger(__name__)

UNAVAILABLE = (
    "I cannot compute the recommendation right now. Nothing you wrote was lost: your message is "
    "saved in this conversation. Please try again in a minute."
)
#: Said instead when the message did not reach the conversation store: never claim it was kept.
NOT_SAVED = (
    "I cannot compute the recommendation right now, and your message could not be saved. Please send "
    "it again in a minute."
)
MAX_TEXT_CHARS = 10_000


def notice(message: UserMessage) -> str:
    """What to say when there is no answer: "saved" only when the message is in the store."""
    return UNAVAILABLE if was_saved(message) else NOT_SAVED


class ResilientRestInput(RestInput):
    """`POST /webhooks/rest/webhook`, answered within `answer_within_s` seconds, never with silence."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def __init__(self) -> None:
        super().__init__()
        self.answer_within_s = delivery.answer_within_s()
        self.jwt_key = identity.rest_key()
        self.trust_sender = self.jwt_key is None and identity.trusts_sender()
        if self.trust_sender:
            logger.warning("rest.identity.trusted: IMNM_REST_TRUST_SENDER=1 and no IMNM_REST_JWT_KEY, so a REST "
                           "caller names its own conversation ('sender'); never do this outside a closed machine")
        elif self.jwt_key is None:
            logger.error("rest.identity.missing: IMNM_REST_JWT_KEY is not set, so every REST message is refused "
                         "(make run sets one; README, 'Security')")

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> ResilientRestInput:
        if credentials:
            # The action server must use the same window (it does not audit a plan sent after the notice)
            # and never reads credentials.yml: the window is set once, in the environment.
            raise ValueError(f"channels.rest.ResilientRestInput takes no settings in credentials.yml; set "
                             f"{delivery.ENVIRONMENT_NAME} in the environment instead (got {sorted(credentials)})")
        return cls()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("custom_webhook_ResilientRestInput", "rest")

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if "json" not in (request.content_type or "").lower():
                # A cross-site form or text/plain POST needs no CORS preflight; JSON does, so only JSON is taken.
                return response.json({"error": "send the message as JSON (Content-Type: application/json)"},
                                     status=415)
            try:
                sender_id = await self._extract_sender(request)
                text = self._extract_message(request)
            except Exception:  # malformed body: a clear 400, never a traceback
                return response.json({"error": "expected JSON with 'sender' and 'message'"}, status=400)
            if text is not None and not isinstance(text, str):
                return response.json({"error": "'message' must be a string"}, status=400)
            if sender_id is not None and not isinstance(sender_id, str):
                return response.json({"error": "'sender' must be a string (the conversation id)"}, status=400)
            if self.jwt_key is None and not self.trust_sender:
                return response.json({"error": "this server has no REST token key (IMNM_REST_JWT_KEY), so it "
                                      "cannot tell who owns a conversation; it refuses REST messages"}, status=503)
            if self.jwt_key:
                try:
                    sender_id = identity.rest_owner(request.headers.get("authorization"), sender_id, self.jwt_key)
                except identity.NotAllowed as refused:
                    return response.json({"error": str(refused)}, status=401)
            if not isinstance(sender_id, str) or not sender_id.strip():
                # Without it every such caller would share one conversation ("default").
                return response.json({"error": "'sender' (the conversation id) is required"}, status=400)
            text = as_user_text((text or "")[:MAX_TEXT_CHARS])
            collector = CollectingOutputChannel()
            message = UserMessage(text, collector, sender_id, input_channel=self.name(),
                                  metadata=self.get_metadata(request))
            task = asyncio.ensure_future(on_new_message(message))
            try:
                await asyncio.wait_for(asyncio.shield(task), timeout=self.answer_within_s)
            except asyncio.TimeoutError:
                logger.warning("rest.answer.late conversation=%s saved=%s", sender_id, was_saved(message))
                return response.json([{"recipient_id": sender_id, "text": notice(message)}])
            except Exception:
                logger.exception("rest.message.failure conversation=%s", sender_id)
            if not collector.messages:
                logger.warning("rest.answer.empty conversation=%s saved=%s", sender_id, was_saved(message))
                return response.json([{"recipient_id": sender_id, "text": notice(message)}])
            return response.json(collector.messages)

        return webhook
