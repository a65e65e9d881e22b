"""The REST channel checks a token's signature once and its expiry on every call (channels/identity.py)."""

from __future__ import annotations

import time

import jwt
import pytest

from channels import identity
from channels.identity import NotAllowed, rest_owner

KEY = "k" * 32


def token(subject: str, expires_in: float, key: str = KEY) -> str:
    return jwt.encode({"sub": subject, "exp": time.time() + expires_in}, key, algorithm="HS256")


def test_a_verified_token_is_accepted_again_without_a_new_signature_check(monkeypatch):
    issued = token("dr-lee", 60)
    assert rest_owner(f"Bearer {issued}", None, KEY) == "dr-lee"
    monkeypatch.setattr(identity.jwt, "decode", lambda *a, **k: pytest.fail("verified again"))
    assert rest_owner(f"Bearer {issued}", "dr-lee", KEY) == "dr-lee"


def test_a_kept_token_still_expires(monkeypatch):
    issued = token("dr-lee", 60)
    rest_owner(f"Bearer {issued}", None, KEY)
    later = time.time() + 120
    monkeypatch.setattr(identity.time, "time", lambda: later)
    with pytest.raises(NotAllowed, match="expired"):
        rest_owner(f"Bearer {issued}", None, KEY)


def test_a_kept_token_does_not_stand_for_another_key_or_another_sender():
    issued = token("dr-lee", 60)
    rest_owner(f"Bearer {issued}", None, KEY)
    with pytest.raises(NotAllowed, match="not valid"):
        rest_owner(f"Bearer {issued}", None, "another-key-" + "x" * 20)
    with pytest.raises(NotAllowed, match="differs"):
        rest_owner(f"Bearer {issued}", "someone-else", KEY)


def test_a_refused_token_is_never_kept():
    forged = token("dr-lee", 60, key="wrong-key-" + "y" * 22)
    for _ in range(2):
        with pytest.raises(NotAllowed, match="not valid"):
            rest_owner(f"Bearer {forged}", None, KEY)
    assert not any(kept == forged for kept, _ in identity._verified)


def test_the_cache_is_bounded(monkeypatch):
    monkeypatch.setattr(identity, "VERIFIED_TOKENS_KEPT", 3)
    for number in range(5):
        rest_owner(f"Bearer {token(f'c{number}', 60)}", None, KEY)
    assert len(identity._verified) == 3
