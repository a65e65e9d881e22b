"""How long the REST channel waits for an answer before it sends the "try again" notice instead.

One setting, read by both processes that depend on it: the REST channel (`channels/rest.py`, which
waits this long) and the action server (`actions/actions.py`, which does not audit a plan finished
after the notice, because the caller never saw it). It lives in the environment, not in
`credentials.yml`, because the action server never reads that file.
"""

from __future__ import annotations

import os

ENVIRONMENT_NAME = "IMNM_ANSWER_WITHIN_S"
DEFAULT_S = 4.5


def answer_within_s() -> float:
    """Seconds the REST caller waits for an answer (IMNM_ANSWER_WITHIN_S, default 4.5)."""
    return float(os.environ.get(ENVIRONMENT_NAME) or DEFAULT_S)
