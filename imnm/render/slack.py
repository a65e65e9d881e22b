"""Slack rendering: the markdown reply as Block Kit sections in Slack's mrkdwn dialect."""

from __future__ import annotations

import re
from collections.abc import Sequence

SECTION_LIMIT = 2900  # Slack rejects section text over 3000 characters
MAX_BLOCKS = 48  # Slack allows 50 blocks per message
DETAILS_BLOCK = "imnm_details"


def to_mrkdwn(markdown: str) -> str:
    """Slack bold is *x*, italics _x_; escape &, <, > as Slack asks."""
    text = markdown.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"\*\*(.+?)\*\*", r"*\1*", text)


def detail_buttons(details: Sequence[tuple[str, str]]) -> dict:
    """An actions block: each button sends its words back through Slack's interactivity URL."""
    return {"type": "actions", "block_id": DETAILS_BLOCK, "elements": [
        {"type": "button", "action_id": f"detail_{index}", "text": {"type": "plain_text", "text": title},
         "value": says}
        for index, (title, says) in enumerate(details)]}


def render_slack(markdown: str, details: Sequence[tuple[str, str]] = (), image: str | None = None) -> dict:
    """A chat.postMessage payload: `text` fallback plus one section block per paragraph, the
    follow-ups as buttons under a plan, and a picture (the timeline) when Slack can fetch it (an
    absolute https address of this server; otherwise the text above it stands alone)."""
    blocks = []
    for paragraph in re.split(r"\n\s*\n", to_mrkdwn(markdown).strip()):
        while paragraph:
            chunk, paragraph = paragraph[:SECTION_LIMIT], paragraph[SECTION_LIMIT:]
            blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": chunk}})
    if len(blocks) > MAX_BLOCKS:
        blocks = blocks[: MAX_BLOCKS - 1] + [
            {"type": "context", "elements": [{"type": "mrkdwn", "text": "(reply shortened for Slack)"}]}
        ]
    if image and image.startswith("http"):
        alt = markdown.strip()[:1900]
        blocks = blocks[: MAX_BLOCKS - 1] + [{"type": "image", "image_url": image, "alt_text": alt}]
    if details:
        blocks = blocks[: MAX_BLOCKS - 1] + [detail_buttons(details)]
    first_line = markdown.strip().splitlines()[0] if markdown.strip() else ""
    return {"text": to_mrkdwn(first_line)[:300], "blocks": blocks}
