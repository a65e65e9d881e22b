"""Targeted fixes to Rasa 3.6 internals that this assistant depends on, applied by one call.

`install()` is called by the `channels` package (Rasa builds the channels of `credentials.yml` at
server start) and by `nlu_components` (imported whenever Rasa reads `config.yml`: train, test, run),
so every Rasa process of this project carries them; it first checks the Rasa version. Each fix keeps
Rasa's behaviour and removes repeated work (or, `save_first`, a lost message); each is explained and
tested in its own module.
"""

from __future__ import annotations

import rasa

#: The Rasa version every fix here was read from and is compared with in tests/tuning/.
WRITTEN_FOR = "3.6.21"


class UnsupportedRasa(RuntimeError):
    """The installed Rasa is not the one these fixes were written for."""


def install(version: str | None = None) -> None:
    """Apply every fix, once. Refuses a Rasa version the fixes were not written and tested against:
    each replaces a Rasa internal, and another version may have changed it."""
    found = version or rasa.__version__
    if found != WRITTEN_FOR:
        raise UnsupportedRasa(
            f"rasa_tuning was written for Rasa {WRITTEN_FOR} and tested against its code, but Rasa {found} is "
            f"installed. Install the locked version (make install) or review each fix in rasa_tuning/ first.")
    from rasa_tuning import (
        action_copy,
        action_http,
        action_validation,
        empty_domain,
        event_lookup,
        gc_freeze,
        graph_runner,
        read_ahead,
        save_first,
        skops_import,
        tracker_states,
    )

    for fix in (action_copy, action_http, action_validation, empty_domain, event_lookup, gc_freeze, graph_runner,
                read_ahead, save_first, skops_import, tracker_states):
        fix.install()
