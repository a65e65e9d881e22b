"""Mint a bearer token for the REST channel: its subject is the conversation the caller may use.

Usage: python -m scripts.rest_token <conversation-id> [--minutes 60]
The key is IMNM_REST_JWT_KEY, else the one `make run` keeps in .run/rest-jwt-key (IMNM_REST_KEY_FILE).
An integrating system does the same with its own JWT library: HS256, `sub` = the conversation id, `exp` required.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import jwt

KEY_FILE = Path(__file__).resolve().parents[1] / ".run" / "rest-jwt-key"


def key_from_environment() -> str | None:
    """IMNM_REST_JWT_KEY, else the key `make run` made (IMNM_REST_KEY_FILE, default .run/rest-jwt-key)."""
    if os.environ.get("IMNM_REST_JWT_KEY"):
        return os.environ["IMNM_REST_JWT_KEY"]
    key_file = Path(os.environ.get("IMNM_REST_KEY_FILE") or KEY_FILE)
    return key_file.read_text().strip() if key_file.exists() else None


def mint(conversation: str, key: str, minutes: float = 60) -> str:
    now = int(time.time())
    return jwt.encode({"sub": conversation, "iat": now, "exp": now + int(minutes * 60)}, key, algorithm="HS256")


def bearer(conversation: str, key: str | None) -> dict[str, str]:
    """The header a REST call for `conversation` needs (none when there is no key)."""
    return {"Authorization": f"Bearer {mint(conversation, key)}"} if key else {}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("conversation")
    parser.add_argument("--minutes", type=float, default=60)
    args = parser.parse_args(argv)
    key = key_from_environment()
    if not key:
        print("rest_token: no key: set IMNM_REST_JWT_KEY or start the servers with 'make run'", file=sys.stderr)
        return 2
    if not args.conversation.strip():
        print("rest_token: the conversation id must not be empty", file=sys.stderr)
        return 2
    print(mint(args.conversation, key, args.minutes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
