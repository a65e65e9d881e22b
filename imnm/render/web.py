"""The web widget renders Markdown, where "[1,3]" would be read as link syntax and lose its brackets."""

from __future__ import annotations

import re

CITATION = re.compile(r"\[(\d+(?:,\d+)*)\]")


def for_web_widget(markdown: str) -> str:
    """Escape citation brackets so the widget shows [1,3] as written."""
    return CITATION.sub(r"\\[\1\\]", markdown)
