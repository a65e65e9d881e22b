"""Targeted fixes to Rasa 3.6 internals that this assistant depends on, applied at import.

Imported by the `channels` package (Rasa builds the channels of `credentials.yml` at server
start) and by `nlu_components` (imported whenever Rasa reads `config.yml`: train, test, run),
so every Rasa process of this project carries them. Each fix keeps Rasa's behaviour and only
removes repeated work; each is explained, measured and tested in its own module.
"""

from rasa_tuning import (
    action_http,
    action_validation,
    empty_domain,
    event_lookup,
    gc_freeze,
    graph_runner,
    skops_import,
    tracker_states,
)

action_http.install()
action_validation.install()
empty_domain.install()
event_lookup.install()
gc_freeze.install()
graph_runner.install()
skops_import.install()
tracker_states.install()
