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


#: A window outside this range is a typo ("45" for 4.5) or would switch the promise off.
PLAUSIBLE_S = (0.5, 60.0)


def answer_within_s() -> float:
    """Seconds the REST caller waits for an answer (IMNM_ANSWER_WITHIN_S, default 4.5). A value that is not
    a number of seconds in 0.5-60 stops the server at start with a clear message, never a silent default."""
    written = os.environ.get(ENVIRONMENT_NAME) or str(DEFAULT_S)
    try:
        seconds = float(written)
    except ValueError:
        raise ValueError(f"{ENVIRONMENT_NAME}={written!r} is not a number of seconds") from None
    low, high = PLAUSIBLE_S
    if not low <= seconds <= high:  # also refuses nan and inf
        raise ValueError(f"{ENVIRONMENT_NAME}={written!r} is outside {low:g}-{high:g} seconds")
    return seconds
