"""The Rasa speed fixes keep Rasa's results: same module names, same validation outcome."""

from __future__ import annotations

from pathlib import Path

import numpy
import pytest
import rasa.core.agent  # noqa: F401  (many modules loaded, as in a Rasa server)
import scipy.special
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

import rasa_tuning
from rasa_tuning import action_validation, skops_import

rasa_tuning.install()


def _functions_without_module() -> list:
    found = [getattr(module, name) for module in (numpy, scipy.special) for name in dir(module)]
    return [obj for obj in found if isinstance(obj, numpy.ufunc)]


def test_fast_whichmodule_names_the_same_module_as_skops():
    import skops.io._utils as skops_utils

    assert skops_utils.whichmodule is skops_import.whichmodule, "the import hook did not patch skops"
    objects = _functions_without_module()
    assert len(objects) > 100
    for obj in objects:
        assert skops_import.whichmodule(obj, obj.__name__) == skops_utils.skops_whichmodule(obj, obj.__name__)
    assert skops_import.whichmodule(object(), "no.such.<locals>.thing") == "__main__"


def test_skops_still_saves_and_loads_a_classifier(tmp_path):
    import skops.io as sio
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression().fit([[0.0], [1.0], [2.0], [3.0]], [0, 0, 1, 1])
    sio.dump(model, tmp_path / "m.skops")
    loaded = sio.load(tmp_path / "m.skops", trusted=sio.get_untrusted_types(file=tmp_path / "m.skops"))
    assert list(loaded.predict([[0.0], [3.0]])) == [0, 1]


def _action(result: dict) -> bool:
    return RemoteAction("action_respond", EndpointConfig("http://x"))._validate_action_result(result)


def test_valid_action_responses_still_pass_validation():
    assert action_validation._validate_action_result is RemoteAction._validate_action_result
    assert _action({"events": [{"event": "slot", "name": "weight_kg", "value": 70}], "responses": [{"text": "hi"}]})


@pytest.mark.parametrize("bad", [
    {"events": [{"event": "no_such_event"}]},
    {"events": "not a list"},
    {"responses": [42]},
])
def test_invalid_action_responses_are_still_rejected_with_rasas_message(bad):
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        _action(bad)


@pytest.mark.parametrize("result", [
    {"events": [{"event": "slot", "name": "weight_kg", "value": 70}], "responses": [{"text": "hi"}]},
    {"events": [], "responses": []},
    {"events": [{"event": "no_such_event"}]},
    {"events": "not a list"},
    {"responses": [42]},
    {"events": [{"event": "slot", "name": 3}]},
    {"events": [{"event": "slot", "name": "x"}]},
    {"events": [{"event": "slot", "name": "x", "value": None, "timestamp": "soon"}]},
    {"events": [{"event": "bot", "text": "hi", "data": {"buttons": []}, "metadata": {}}, {"event": "action"}]},
    {"events": [{"event": "bot", "text": 3}]},
    {"events": [{"name": "x", "value": 1}]},
    {"events": [{"event": "reset_slots"}, {"event": "slot", "name": "asked", "value": "weight_kg:0"}]},
    {"events": [{"event": "user", "text": "hi", "parse_data": {"entities": [{"entity": "x"}]}}]},
    {"events": [{"event": 7}]},
    {"events": [42]},
    [],
])
def test_validation_answers_exactly_as_rasas_own_code(result):
    """Compared with Rasa's code (kept by rasa_tuning._replace): the same verdict and the same message."""
    from rasa_tuning._replace import rasa_original

    rasas = rasa_original(RemoteAction, "_validate_action_result")
    assert rasas is not RemoteAction._validate_action_result
    action = RemoteAction("action_respond", EndpointConfig("http://x"))

    def verdict(validate):
        try:
            return validate(action, result)
        except ValidationError as error:
            return f"refused: {error.message}"

    assert verdict(RemoteAction._validate_action_result) == verdict(rasas)


def test_event_classes_are_found_as_rasas_walk_finds_them():
    from rasa.shared.core.events import Event, UserUttered
    from rasa.shared.utils.common import all_subclasses

    from rasa_tuning import event_lookup

    assert Event.resolve_by_type is event_lookup.resolve_by_type
    names = {cls.type_name for cls in all_subclasses(Event)}
    assert len(names) > 20
    for name in names:
        for _ in range(2):  # first through Rasa's walk, then from the table
            assert Event.resolve_by_type(name) is event_lookup._rasa_resolve_by_type(name)
    assert Event.resolve_by_type("topic") is None
    assert Event.resolve_by_type("no_such_event", default=UserUttered) is UserUttered
    with pytest.raises(ValueError, match="Unknown event name 'no_such_event'"):
        Event.resolve_by_type("no_such_event")
    read = Event.from_parameters({"event": "user", "text": "hi", "parse_data": {"intent": {"name": "greet"}}})
    assert isinstance(read, UserUttered) and read.intent_name == "greet"


def test_empty_domain_check_gives_rasas_answer():
    from rasa.shared.core.domain import Domain

    from rasa_tuning import empty_domain

    assert Domain.is_empty is empty_domain.is_empty
    rasas = empty_domain.is_empty._imnm_rasa_original  # set by rasa_tuning._replace.replace
    project = Domain.load(str(Path(__file__).resolve().parents[2] / "domain.yml"))
    for domain in (Domain.empty(), project, Domain.from_dict({"intents": ["greet"]})):
        assert domain.is_empty() == rasas(domain)
    assert Domain.empty().is_empty() and not project.is_empty()
