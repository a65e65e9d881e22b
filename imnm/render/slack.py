"""Slack rendering: the markdown reply as Block Kit sections in Slack's mrkdwn dialect."""

from __future__ import annotations

import re

SECTION_LIMIT = 2900  # Slack rejects section text over 3000 characters
MAX_BLOCKS = 48  # Slack allows 50 blocks per message


def to_mrkdwn(markdown: str) -> str:
    """Slack bold is *x*, italics _x_; escape &, <, > as Slack asks."""
    text = markdown.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"\*\*(.+?)\*\*", r"*\1*", text)


def render_slack(markdown: str) -> dict:
    """A chat.postMessage payload: `text` fallback plus one section block per paragraph."""
    blocks = []
    for paragraph in re.split(r"\n\s*\n", to_mrkdwn(markdown).strip()):
        while paragraph:
            chunk, paragraph = paragraph[:SECTION_LIMIT], paragraph[SECTION_LIMIT:]
            blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": chunk}})
    if len(blocks) > MAX_BLOCKS:
        blocks = blocks[: MAX_BLOCKS - 1] + [
            {"type": "context", "elements": [{"type": "mrkdwn", "text": "(reply shortened for Slack)"}]}
        ]
    first_line = markdown.strip().splitlines()[0] if markdown.strip() else ""
    return {"text": to_mrkdwn(first_line)[:300], "blocks": blocks}
