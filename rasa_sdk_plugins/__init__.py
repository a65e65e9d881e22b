"""The action server accepts calls from the Rasa server only, and logs no message text.

rasa_sdk loads this package at start (`rasa_sdk.plugin._discover_plugins` imports `rasa_sdk_plugins`
and calls `init_hooks`). It adds a check before every `/webhook` call: the `X-IMNM-Actions-Token`
header must equal `$IMNM_ACTIONS_TOKEN`, the secret the Rasa server sends (endpoints.yml). Without
it anyone who could reach the port could run an action and write an audit row for any conversation.
`/health` stays open. `make run` and the tests always set a token (a random one when none is given);
the action server also binds to 127.0.0.1 unless `ACTIONS_HOST` says otherwise (scripts/run.sh).
The user texts in each call are remembered so that no log line repeats them (`imnm/log_privacy.py`),
and an action error is answered without rasa_sdk's echo of the whole request (the tracker).
"""

from __future__ import annotations

import hmac
import logging
import os

import pluggy
from sanic import Sanic, response
from sanic.request import Request

from imnm import log_privacy

logger = logging.getLogger(__name__)
hookimpl = pluggy.HookimplMarker("rasa_sdk")
HEADER = "X-IMNM-Actions-Token"


def token_refusal(request: Request, expected: str | None) -> response.HTTPResponse | None:
    """None when the call may go on; a 401 when a token is configured and the call lacks it."""
    if request.path != "/webhook" or not expected:
        return None
    given = request.headers.get(HEADER, "")
    if hmac.compare_digest(given.encode(), expected.encode()):
        return None
    logger.warning("actions.refused path=%s reason=%s", request.path, "no token" if not given else "wrong token")
    return response.json({"error": "this action server answers the assistant's Rasa server only"}, status=401)


class ActionServerToken:
    @hookimpl
    def attach_sanic_app_extensions(self, app: Sanic) -> None:
        expected = os.environ.get("IMNM_ACTIONS_TOKEN") or None
        if expected is None:
            logger.warning("actions.token.unset: IMNM_ACTIONS_TOKEN is not set, so any caller that reaches "
                           "this port can run actions; 'make run' sets one")

        log_privacy.install()

        @app.on_request
        async def require_token(request: Request):  # noqa: ANN202 - a Sanic middleware
            refused = token_refusal(request, expected)
            if refused is None and request.path == "/webhook":
                remember_user_texts(request)
            return refused

        @app.exception(Exception)
        async def action_failed(request: Request, exception: Exception) -> response.HTTPResponse:
            # rasa_sdk's own handler sends the request body (the tracker) back, and Rasa logs it.
            logger.error("actions.failure path=%s error=%s", request.path, type(exception).__name__, exc_info=exception)
            return response.json({"error": f"the action failed ({type(exception).__name__})"}, status=500)


def remember_user_texts(request: Request) -> None:
    try:
        tracker = (request.json or {}).get("tracker") or {}
    except Exception:  # not JSON: rasa_sdk answers it; nothing to remember
        return
    log_privacy.remember((tracker.get("latest_message") or {}).get("text"))
    for event in tracker.get("events") or ():
        if isinstance(event, dict) and event.get("event") == "user":
            log_privacy.remember(event.get("text"))


def init_hooks(manager: pluggy.PluginManager) -> None:
    manager.register(ActionServerToken())
