"""Find an event class by its type name from a table, not by walking every Event subclass.

Rasa 3.6's ``Event.resolve_by_type`` lists all subclasses of ``Event`` (a recursive walk over
about 40 classes) for every event it reads: each stored event of a conversation, on every
message. py-spy on the Rasa server under 20 concurrent users put about 5% of its CPU in that
walk. Found classes are remembered by type name; a name not yet seen is resolved by Rasa's own
walk, so event classes defined later (plugins) are still found and unknown names still fail
with Rasa's error.
"""

from __future__ import annotations

from typing import Optional

from rasa.shared.core.events import Event

from rasa_tuning._replace import rasa_original, replace

_rasa_resolve_by_type = rasa_original(Event, "resolve_by_type")
_found: dict[str, type[Event]] = {}


def resolve_by_type(type_name: str, default: Optional[type[Event]] = None) -> Optional[type[Event]]:
    found = _found.get(type_name)
    if found is not None:
        return found
    resolved = _rasa_resolve_by_type(type_name, None if default is None else _NotFound)
    if resolved is _NotFound:
        return default
    if resolved is not None:
        _found[type_name] = resolved
    return resolved


class _NotFound:
    """Marks "no such class" from Rasa's walk, so that the caller's default is not remembered."""


def install() -> None:
    """Replace ``Event.resolve_by_type`` (idempotent)."""
    replace(Event, "resolve_by_type", resolve_by_type)
