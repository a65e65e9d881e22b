"""Validate action-server responses with a schema validator built once, not once per call.

Rasa 3.6 checks every action-server response with ``jsonschema.validate(result, schema)``, which
first validates the (constant) events schema against the JSON Schema meta-schema and builds a
new validator, on every call. Profiling this bot under 20 concurrent users (py-spy on the Rasa
process) put about half of the server's CPU there. The response is still validated exactly as
before, against the same schema and with the same error message; only the constant work is done
once.

The events schema is a ``oneOf`` over 23 event types told apart by a constant ``event`` name, so
jsonschema tries every branch for every event. A branch whose ``event`` constant differs cannot
match, so an event is valid exactly when it passes the common part and the one branch named by its
``event``: that is what is checked first (one branch per event instead of 23). Anything that fails
the fast check, or names no branch, is validated by the full schema, which gives Rasa's own verdict
and message.
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL

from rasa_tuning._replace import replace


@cache
def _response_validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


@cache
def _fast_validators() -> tuple[Any, dict[str, Any]] | None:
    """(the response without its events' oneOf, {event name: validator for that event's branch}), or None
    when the schema is not the discriminated shape this relies on (then only the full schema is used)."""
    schema = copy.deepcopy(RemoteAction.action_response_format_spec())
    items = schema.get("properties", {}).get("events", {}).get("items", {})
    branches = items.pop("oneOf", None)
    if not branches:
        return None
    names = [branch.get("properties", {}).get("event", {}).get("const") for branch in branches]
    if None in names or len(set(names)) != len(names):
        return None
    validator_class = validator_for(schema)
    by_event = {name: validator_class(branch) for name, branch in zip(names, branches, strict=True)}
    return validator_class(schema), by_event


def _plainly_valid(result: Any) -> bool:
    """True only when the full schema would accept `result` (see the module docstring)."""
    fast = _fast_validators()
    if fast is None or not isinstance(result, dict):
        return False
    common, by_event = fast
    if not common.is_valid(result):
        return False
    for event in result.get("events") or ():
        branch = by_event.get(event.get("event"))
        if branch is None or not branch.is_valid(event):
            return False
    return True


def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    if _plainly_valid(result):
        return True
    error = best_match(_response_validator().iter_errors(result))
    if error is None:
        return True
    error.message += (
        f". Failed to validate Action server response from API, "
        f"make sure your response from the Action endpoint is valid. "
        f"For more information about the format visit "
        f"{DOCS_BASE_URL}/custom-actions"
    )
    raise error


def install() -> None:
    """Replace RemoteAction's validation (idempotent)."""
    replace(RemoteAction, "_validate_action_result", _validate_action_result)

