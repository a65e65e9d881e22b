"""The plain-loop graph runner gives the trained model's exact dask results: parses and predictions."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from rasa.core.agent import Agent
from rasa.core.channels.channel import UserMessage
from rasa.engine import loader
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.shared.core.events import ActionExecuted, UserUttered

import rasa_tuning
from rasa_tuning.graph_runner import SequentialGraphRunner

rasa_tuning.install()

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models" / "imnm.tar.gz"
MESSAGES = [json.loads(line)["text"] for line in (ROOT / "tests" / "nlu" / "labelled_messages.jsonl").open()]
MESSAGES += ["hello", "thanks", "start over", "why?", "how do we monitor?", "what is the capital of France", ""]


@pytest.fixture(scope="module")
def processors(tmp_path_factory):
    """The same model twice: as the server loads it (our runner) and with Rasa's dask runner."""
    if not MODEL.exists():
        pytest.skip("no trained model (make train)")
    ours = Agent.load(str(MODEL)).processor
    dask_processor = Agent.load(str(MODEL)).processor
    _, dask_processor.graph_runner = loader.load_predict_graph_runner(
        tmp_path_factory.mktemp("dask"), MODEL, LocalModelStorage, DaskGraphRunner
    )
    return ours, dask_processor


def test_the_server_loads_the_model_with_the_sequential_runner(processors):
    ours, theirs = processors
    assert isinstance(ours.graph_runner, SequentialGraphRunner)
    assert isinstance(theirs.graph_runner, DaskGraphRunner)


def _parse(processor, text: str) -> dict:
    return asyncio.run(processor.parse_message(UserMessage(text, sender_id="runner-test")))


def test_parses_are_identical(processors):
    ours, theirs = processors
    for text in MESSAGES:
        assert _parse(ours, text) == _parse(theirs, text), text


def test_next_action_predictions_are_identical(processors):
    ours, theirs = processors
    for index, text in enumerate(MESSAGES[:60]):
        tracker = asyncio.run(ours.fetch_tracker_with_initial_session(f"runner-{index}"))
        tracker.update(UserUttered(text, parse_data=_parse(ours, text)))
        for _ in range(2):  # after the user's message, then after the predicted action
            mine = ours._predict_next_with_tracker(tracker)
            assert mine == theirs._predict_next_with_tracker(tracker), text
            tracker.update(ActionExecuted(ours.domain.action_names_or_texts[mine.max_confidence_index]))
