"""Who owns a conversation, as the server says and the caller cannot forge.

REST: every call needs `Authorization: Bearer <JWT>` (HS256 with `IMNM_REST_JWT_KEY`, a secret shared
with the integrating system; `make run` makes one and keeps it in `.run/rest-jwt-key`) whose `sub` is
the conversation id; a `sender` in the body that differs is refused. `python -m scripts.rest_token <id>`
mints one. Without a key the REST channel refuses every message (503), unless `IMNM_REST_TRUST_SENDER=1`
says that the body's `sender` may be trusted (a closed development machine only; logged at start).
Widget: session ids are issued by the server and signed (`<random>.<HMAC>` with `IMNM_SESSION_SECRET`);
an id the server did not issue is replaced by a new one, so a guessed or chosen id ("dr-lee") never joins
someone else's conversation.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time
from collections import OrderedDict

import jwt

REST_ALGORITHMS = ["HS256"]
REST_KEY_ENV = "IMNM_REST_JWT_KEY"
TRUST_SENDER_ENV = "IMNM_REST_TRUST_SENDER"


def rest_key() -> str | None:
    """The REST channel's token key, from the environment."""
    return os.environ.get(REST_KEY_ENV) or None


def trusts_sender() -> bool:
    """Whether, with no key, the body's `sender` is taken as the conversation (development only)."""
    return os.environ.get(TRUST_SENDER_ENV) == "1"


class NotAllowed(Exception):
    """Why a call may not speak for a conversation (said to the caller)."""


#: Tokens already verified: (token, key) -> (subject, expiry). A client sends the same token with every message,
#: so its signature is checked once, not per message (py-spy put the JWT check at 2.5% of the Rasa process under
#: load); the expiry is still checked on every call. Only verified tokens are kept; at most this many.
VERIFIED_TOKENS_KEPT = 4096
_verified: OrderedDict[tuple[str, str], tuple[str, float]] = OrderedDict()


def rest_owner(authorization: str | None, sender: str | None, key: str) -> str:
    """The conversation a REST call may use: the token's subject."""
    scheme, _, token = (authorization or "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise NotAllowed("a bearer token is required (Authorization: Bearer <JWT>, 'sub' = the conversation id)")
    known = _verified.get((token, key))
    if known is None:
        subject = _verify(token, key)
    elif time.time() >= known[1]:
        del _verified[(token, key)]
        raise NotAllowed("the token has expired")
    else:
        _verified.move_to_end((token, key))
        subject = known[0]
    if sender and sender != subject:
        raise NotAllowed("'sender' differs from the token's subject")
    return subject


def _verify(token: str, key: str) -> str:
    _verified.pop((token, key), None)
    try:
        claims = jwt.decode(token, key, algorithms=REST_ALGORITHMS, options={"require": ["sub", "exp"]})
    except jwt.ExpiredSignatureError:
        raise NotAllowed("the token has expired") from None
    except jwt.PyJWTError:
        raise NotAllowed("the token is not valid") from None
    subject = claims["sub"]
    if not isinstance(subject, str) or not subject.strip():
        raise NotAllowed("the token's 'sub' must name the conversation")
    expiry = claims["exp"]
    if isinstance(expiry, int | float):
        _verified[(token, key)] = (subject, float(expiry))
        while len(_verified) > VERIFIED_TOKENS_KEPT:
            _verified.popitem(last=False)
    return subject


def session_secret() -> bytes:
    """`IMNM_SESSION_SECRET`, else one made for this process (widget sessions then end with a restart)."""
    global _PROCESS_SECRET
    configured = os.environ.get("IMNM_SESSION_SECRET")
    if configured:
        return configured.encode()
    if _PROCESS_SECRET is None:
        _PROCESS_SECRET = secrets.token_bytes(32)
    return _PROCESS_SECRET


_PROCESS_SECRET: bytes | None = None


def _signature(token: str) -> str:
    return hmac.new(session_secret(), token.encode(), hashlib.sha256).hexdigest()[:32]


def new_session_id() -> str:
    token = secrets.token_hex(16)
    return f"{token}.{_signature(token)}"


def issued_here(session_id: object) -> bool:
    if not isinstance(session_id, str) or session_id.count(".") != 1:
        return False
    token, signature = session_id.split(".")
    return len(token) == 32 and hmac.compare_digest(signature, _signature(token))
