"""Slack channel: Rasa's SlackInput, hardened for the Events API.

Adds what Rasa 3.6 leaves out: deduplication by `event_id` (Slack retries, and a channel mention
arriving both as `app_mention` and `message`), ignoring bot messages and edits, a size cap, clear
4xx answers for bad input, secrets from the environment, and a configurable Web API base URL so
tests can talk to a local fake Slack. Replies stay in the asking thread.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qs

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.slack import SlackBot, SlackInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from slack_sdk.web.async_client import AsyncWebClient

from channels.user_text import user_text_only
from imnm.render.channels import slack_payload
from imnm.render.slack import DETAILS_BLOCK

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 1_000_000
SEEN_TTL_S = 3600
SEEN_MAX = 10_000
IGNORED_SUBTYPES = {"bot_message", "message_changed", "message_deleted", "message_replied", "channel_join",
                    "channel_leave", "thread_broadcast"}


class RecentlySeen:
    """Bounded memory of event keys, so a retried or doubled event is handled once."""

    def __init__(self, ttl_s: float = SEEN_TTL_S, limit: int = SEEN_MAX) -> None:
        self.ttl_s, self.limit = ttl_s, limit
        self._seen: OrderedDict[str, float] = OrderedDict()

    async def first_time(self, *keys: str) -> bool:
        now = time.monotonic()
        while self._seen and (len(self._seen) > self.limit or next(iter(self._seen.values())) < now - self.ttl_s):
            self._seen.popitem(last=False)
        keys = tuple(k for k in keys if k)
        if any(k in self._seen for k in keys):
            return False
        for key in keys:
            self._seen[key] = now
        return True


class SharedSeen:
    """The same memory in Redis, shared by every Rasa replica: Slack retries to whichever replica the
    load balancer picks, so a per-process memory would let a retried event be handled twice."""

    PREFIX = "imnm:slack:seen:"

    def __init__(self, client: Any, ttl_s: float = SEEN_TTL_S) -> None:
        self.client, self.ttl_s = client, int(ttl_s)

    @classmethod
    def from_environment(cls) -> SharedSeen | None:
        host = os.environ.get("REDIS_HOST")
        if not host:
            return None
        import redis.asyncio

        return cls(redis.asyncio.Redis(host=host, port=int(os.environ.get("REDIS_PORT", 6379)),
                                       password=os.environ.get("REDIS_PASSWORD") or None))

    async def first_time(self, *keys: str) -> bool:
        fresh = True
        for key in (k for k in keys if k):  # SET NX: atomic across replicas
            fresh = bool(await self.client.set(self.PREFIX + key, 1, nx=True, ex=self.ttl_s)) and fresh
        return fresh


class ImnmSlackBot(SlackBot):
    """Posts replies, optionally to another Web API base URL (a local fake in tests)."""

    def __init__(self, token: str, slack_channel: str | None = None, thread_id: str | None = None,
                 proxy: str | None = None, base_url: str | None = None) -> None:
        super().__init__(token, slack_channel, thread_id, proxy)
        if base_url:
            self.client = AsyncWebClient(token, proxy=proxy, base_url=base_url)

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        """A reply's markdown, detail buttons and picture as one Block Kit message (imnm.render.channels)."""
        if not message.get("text"):
            await super().send_response(recipient_id, message)
            return
        await self.send_custom_json(recipient_id, slack_payload(message["text"], message.get("buttons") or (),
                                                                message.get("image")))
        rest = {key: message[key] for key in ("custom", "attachment", "elements") if message.get(key)}
        if rest:  # anything else the reply carries goes out as Rasa would send it
            await super().send_response(recipient_id, rest)

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        # Block Kit payload from imnm.render.slack; `as_user` is not valid for granular bot tokens.
        payload = dict(json_message)
        channel = payload.pop("channel", self.slack_channel or recipient_id)
        await self._post_message(channel=channel, **payload)


class ImnmSlackInput(SlackInput):
    """`POST /webhooks/slack/webhook` for the Slack Events API."""

    @classmethod
    def name(cls) -> str:
        return "slack"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        credentials = credentials or {}
        token = credentials.get("slack_token") or os.environ.get("SLACK_BOT_TOKEN", "")
        secret = credentials.get("slack_signing_secret") or os.environ.get("SLACK_SIGNING_SECRET", "")
        channel = cls(
            slack_token=token,
            slack_channel=credentials.get("slack_channel"),
            slack_retry_reason_header="x-slack-retry-reason",
            slack_retry_number_header="x-slack-retry-num",
            use_threads=credentials.get("use_threads", True),
            slack_signing_secret=secret or "unset",
            conversation_granularity=credentials.get("conversation_granularity", "thread"),
        )
        channel.configured = bool(token and secret)
        channel.base_url = os.environ.get("SLACK_API_BASE_URL") or None
        if not channel.configured:
            logger.warning("slack: SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are not set; Slack is disabled")
        return channel

    configured = True
    base_url: str | None = None
    _seen: RecentlySeen | SharedSeen | None = None

    def get_output_channel(self, channel: str | None = None, thread_id: str | None = None) -> OutputChannel:
        return ImnmSlackBot(self.slack_token, channel or self.slack_channel, thread_id, self.proxy, self.base_url)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        on_new_message = user_text_only(on_new_message)
        webhook = Blueprint("slack_webhook_imnm", "slack")
        self._seen = SharedSeen.from_environment() or RecentlySeen()

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.configured else "not configured"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            return await self._receive(request, on_new_message)

        @webhook.route("/interactive", methods=["POST"])
        async def interactive(request: Request) -> HTTPResponse:
            return await self._interactive(request, on_new_message)

        return webhook

    def _refused(self, request: Request) -> HTTPResponse | None:
        """The answer to a request this server must not process (events and clicks alike)."""
        if not self.configured:
            return response.text("Slack is not configured on this server", status=HTTPStatus.SERVICE_UNAVAILABLE)
        if len(request.body or b"") > MAX_BODY_BYTES:
            return response.text("payload too large", status=HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
        if not self.is_request_from_slack_authentic(request):
            return response.text("invalid or stale Slack signature", status=HTTPStatus.UNAUTHORIZED)
        return None

    async def _interactive(self, request: Request,
                           on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> HTTPResponse:
        """A click on a detail button (Slack's interactivity request URL): signed like an event; the
        button's words continue the conversation of the thread it was posted in."""
        refused = self._refused(request)
        if refused is not None:
            return refused
        try:
            form = parse_qs((request.body or b"").decode("utf-8"), strict_parsing=False)
            payload = json.loads(form.get("payload", [""])[0])
        except (ValueError, UnicodeDecodeError):
            return response.text("body is not a form with a JSON payload", status=HTTPStatus.BAD_REQUEST)
        click = _button_click(payload)
        if click is None:
            return response.text("ignored")
        user, channel, thread, words, key = click
        if not await self._seen.first_time(key):
            return response.text("duplicate")
        sender = self._get_conversation_id(user, channel, thread)
        metadata = {"out_channel": channel, "thread_id": thread, "users": []}
        return await self.process_message(request, on_new_message, text=words, sender_id=sender, metadata=metadata)

    async def _receive(self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> HTTPResponse:
        refused = self._refused(request)
        if refused is not None:
            return refused
        try:
            payload = json.loads(request.body or b"")
        except (ValueError, UnicodeDecodeError):
            return response.text("body is not JSON", status=HTTPStatus.BAD_REQUEST)
        if not isinstance(payload, dict):
            return response.text("body is not a JSON object", status=HTTPStatus.BAD_REQUEST)
        if payload.get("type") == "url_verification":
            return response.json({"challenge": payload.get("challenge", "")})
        event = payload.get("event")
        if payload.get("type") != "event_callback" or not isinstance(event, dict):
            return response.text("ignored")
        if event.get("bot_id") or event.get("subtype") in IGNORED_SUBTYPES or event.get("subtype"):
            return response.text("ignored")
        if event.get("type") not in {"message", "app_mention"} or not event.get("text") or not event.get("user"):
            return response.text("ignored")
        message_key = f"{event.get('channel')}:{event.get('ts')}"
        if not await self._seen.first_time(str(payload.get("event_id") or ""), message_key):
            logger.info("slack: duplicate event ignored (retry %s)", request.headers.get("X-Slack-Retry-Num", "-"))
            return response.text("duplicate", headers={"X-Slack-No-Retry": "1"})
        metadata = _metadata(payload, event)
        is_direct = event.get("channel_type") == "im"
        if not (is_direct or event.get("type") == "app_mention" or metadata.get("out_channel") == self.slack_channel):
            return response.text("ignored")
        sender = self._get_conversation_id(event.get("user"), metadata.get("out_channel"), metadata.get("thread_id"))
        text = self._sanitize_user_message(event.get("text", ""), metadata.get("users") or [])
        return await self.process_message(request, on_new_message, text=text, sender_id=sender, metadata=metadata)


def _button_click(payload: Any) -> tuple[str, str, str, str, str] | None:
    """(user, channel, thread, words, dedup key) of a block_actions click on one of our buttons."""
    if not isinstance(payload, dict) or payload.get("type") != "block_actions":
        return None
    actions = payload.get("actions") or []
    action = actions[0] if actions and isinstance(actions[0], dict) else {}
    user = (payload.get("user") or {}).get("id")
    channel = (payload.get("channel") or {}).get("id")
    message = payload.get("message") or {}
    thread = message.get("thread_ts") or (payload.get("container") or {}).get("thread_ts") or message.get("ts")
    words = action.get("value")
    if action.get("block_id") != DETAILS_BLOCK or not (user and channel and thread and isinstance(words, str)):
        return None
    return user, channel, thread, words[:200], f"click:{action.get('action_ts')}:{payload.get('trigger_id')}"


def _metadata(payload: dict[str, Any], event: dict[str, Any]) -> dict[str, Any]:
    """Rasa's Slack metadata, read from the parsed body (Rasa's own reader needs an exact content type)."""
    users = payload.get("authed_users") or [
        a.get("user_id") for a in (payload.get("authorizations") or [])[:1] if isinstance(a, dict)
    ]
    return {"out_channel": event.get("channel"), "thread_id": event.get("thread_ts", event.get("ts")),
            "users": [u for u in users if u]}
