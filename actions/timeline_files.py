"""Timeline pictures on disk, shared by the action server (writes) and the Rasa server (serves).

A picture is named by a random 128-bit token, so its address reveals nothing and cannot be
guessed; files older than `KEEP_S` are removed as new ones are written. Both servers run from the
same checkout (`make run`), so they meet in `TIMELINE_DIR` (default `var/timelines/`).
"""

from __future__ import annotations

import os
import re
import secrets
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KEEP_S = 24 * 3600
TOKEN = re.compile(r"^[0-9a-f]{32}$")
ROUTE = "/webhooks/web/timeline/{token}.png"


def directory() -> Path:
    return Path(os.environ.get("TIMELINE_DIR") or ROOT / "var" / "timelines")


def store(png: bytes) -> str:
    """Write the picture; return its token."""
    folder = directory()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    _prune(folder)
    token = secrets.token_hex(16)
    path = folder / f"{token}.png"
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(png)
    return token


def path_for(token: str) -> Path | None:
    """The stored picture for a well-formed token, if it exists."""
    if not TOKEN.match(token):
        return None
    path = directory() / f"{token}.png"
    return path if path.is_file() else None


def url_for(token: str) -> str:
    """Relative to the Rasa server (the widget is same-origin); absolute when PUBLIC_URL is set (Slack)."""
    return os.environ.get("PUBLIC_URL", "").rstrip("/") + ROUTE.format(token=token)


def _prune(folder: Path) -> None:
    cutoff = time.time() - KEEP_S
    for old in folder.glob("*.png"):
        try:
            if old.stat().st_mtime < cutoff:
                old.unlink()
        except OSError:
            continue
