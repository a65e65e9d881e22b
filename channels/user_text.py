"""User text is text: Rasa's "/intent{json}" shortcut is for tests and tools, never for users.

A message from a user-facing channel that starts with "/" ("/restart", '/give_facts{"age_years": 0.01}')
would otherwise be parsed by Rasa's RegexMessageHandler as an intent with injected entities,
bypassing the extractor's validation and wiping or corrupting the conversation. A word joiner
(U+2060, invisible; `strip()` keeps it; the extractor removes it) in front keeps it plain text.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage

from imnm import log_privacy

WORD_JOINER = "\u2060"
#: A lone surrogate ("weight 8\udc00 0 kg", valid in JSON, not in UTF-8) cannot be stored: the tracker store failed
#: to save such a message and the user was told it was lost. It becomes U+FFFD, the replacement character.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def as_user_text(text: str | None) -> str | None:
    if text:
        text = LONE_SURROGATE.sub("\ufffd", text)
    log_privacy.remember(text)  # never written to a log from here on (imnm/log_privacy.py)
    if text and text.lstrip().startswith("/"):
        return WORD_JOINER + text.lstrip()
    return text


def user_text_only(on_new_message: Callable[[UserMessage], Awaitable[Any]]
                   ) -> Callable[[UserMessage], Awaitable[Any]]:
    """The channel's message handler, with every message's text made plain user text first."""

    async def handle(message: UserMessage) -> Any:
        message.text = as_user_text(message.text)
        return await on_new_message(message)

    return handle
