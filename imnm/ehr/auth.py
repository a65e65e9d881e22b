"""The EHR's signed JWT, checked as CDS Hooks 2.0 asks: a trusted issuer's key, audience = the
service URL being called, not expired, a `jti`; anything else is refused (the caller answers 401)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jwt

#: CDS Hooks recommends ES384 and RS384; the RSA and EC families at other strengths are accepted too.
ALGORITHMS = ["ES256", "ES384", "ES512", "RS256", "RS384", "RS512"]
REQUIRED_CLAIMS = ["iss", "aud", "exp", "iat", "jti"]
LEEWAY_S = 30


class Unauthorized(Exception):
    """Why a request's token was refused (said to the caller; contains no token material)."""


@dataclass(frozen=True)
class TrustedClients:
    """Issuer -> its public keys (a JWK Set per issuer), configured out of band as the spec allows."""

    keys: Mapping[str, tuple[jwt.PyJWK, ...]]

    @classmethod
    def from_file(cls, path: Path | str) -> TrustedClients:
        """`{"<iss>": {"keys": [<JWK>, ...]}, ...}`: one JWK Set per EHR allowed to call."""
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls.from_mapping(data)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> TrustedClients:
        return cls({issuer: tuple(jwt.PyJWK(key) for key in jwks.get("keys", ()))
                    for issuer, jwks in data.items()})


def verify(authorization: str | None, audience: str, clients: TrustedClients) -> dict[str, Any]:
    """The token's claims, or `Unauthorized` saying why not."""
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("a bearer token from the EHR is required (Authorization: Bearer <JWT>)")
    token = token.strip()
    try:
        header = jwt.get_unverified_header(token)
        issuer = jwt.decode(token, options={"verify_signature": False}).get("iss")
    except jwt.PyJWTError:
        raise Unauthorized("the token is not a JWT") from None
    keys = clients.keys.get(issuer) if isinstance(issuer, str) else None
    if not keys:
        raise Unauthorized("the token's issuer is not a trusted EHR")
    candidates = [key for key in keys if header.get("kid") in (None, key.key_id)] or list(keys)
    problem = "the token's signature does not verify"
    for key in candidates:
        try:
            return jwt.decode(token, key=key.key, algorithms=ALGORITHMS, audience=audience, issuer=issuer,
                              leeway=LEEWAY_S, options={"require": REQUIRED_CLAIMS})
        except jwt.ExpiredSignatureError:
            raise Unauthorized("the token has expired") from None
        except jwt.InvalidAudienceError:
            raise Unauthorized(f"the token's audience is not this service ({audience})") from None
        except jwt.MissingRequiredClaimError as error:
            raise Unauthorized(f"the token lacks the '{error.claim}' claim") from None
        except jwt.InvalidSignatureError:
            continue
        except jwt.PyJWTError as error:
            problem = f"the token is not valid ({type(error).__name__})"
    raise Unauthorized(problem)
