"""Put one of our functions in place of Rasa's, once, remembering Rasa's own."""

from __future__ import annotations

import inspect
from typing import Any

#: Set on each replacement: Rasa's original, and the mark that the replacement is in place.
ORIGINAL = "_imnm_rasa_original"


def rasa_original(owner: Any, name: str) -> Any:
    """Rasa's own `owner.name`, also when ours is already in place (a module imported again)."""
    current = getattr(owner, name)
    return getattr(current, ORIGINAL, current)


def replace(owner: Any, name: str, replacement: Any) -> None:
    """Set `owner.name` to `replacement` unless that was done already; static methods stay static."""
    current = getattr(owner, name)
    if hasattr(current, ORIGINAL):
        return
    setattr(replacement, ORIGINAL, current)
    static = isinstance(inspect.getattr_static(owner, name), staticmethod)
    setattr(owner, name, staticmethod(replacement) if static else replacement)
