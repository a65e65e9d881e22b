"""`rasa_tuning.action_copy` is Rasa's `_run_action` without the tracker copy a read-only action never
needed: the same code otherwise, the same request to the action server, the same tracker afterwards."""

from __future__ import annotations

import ast
import asyncio
import inspect
import logging
import textwrap
from pathlib import Path

import pytest
from aiohttp import web
from rasa.core.actions.action import ActionListen, RemoteAction
from rasa.core.agent import Agent
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.policies.policy import PolicyPrediction
from rasa.core.processor import MessageProcessor
from rasa.shared.core.events import ActionExecuted, DefinePrevUserUtteredFeaturization, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity
from rasa.utils.endpoints import EndpointConfig
from rasa.utils.log_utils import configure_structlog

import rasa_tuning
from rasa_tuning import action_copy
from rasa_tuning._replace import rasa_original
from tests.servers import free_port, serve_webhook

rasa_tuning.install()

MODEL = Path(__file__).resolve().parents[2] / "models" / "imnm.tar.gz"
RASAS = rasa_original(MessageProcessor, "_run_action")


class _ShortNames(ast.NodeTransformer):
    """`rasa.core.actions.action.ActionExecutionRejection` and an imported `ActionExecutionRejection` are one name."""

    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        root = node
        while isinstance(root, ast.Attribute):
            root = root.value
        return ast.Name(node.attr, node.ctx) if isinstance(root, ast.Name) and root.id == "rasa" else node


def _body(function) -> list[ast.stmt]:
    """The function's statements without its docstring, names written short."""
    body = _ShortNames().visit(ast.parse(textwrap.dedent(inspect.getsource(function)))).body[0].body
    return body[1:] if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) else body


def test_the_replacement_is_rasas_code_with_only_the_copy_moved_into_tracker_for():
    assert MessageProcessor._run_action is action_copy._run_action
    rasas, ours = _body(RASAS), _body(action_copy._run_action)
    copy_and_update = ast.parse("temporary_tracker = tracker.copy()\n"
                                "temporary_tracker.update_with_events(prediction.events, self.domain)").body
    assert ast.dump(ast.Module(rasas[0].body[:2], [])) == ast.dump(ast.Module(copy_and_update, []))
    rasas[0].body[:2] = ast.parse("temporary_tracker = tracker_for(action, tracker, prediction, self.domain)").body
    assert ast.dump(ast.Module(ours, [])) == ast.dump(ast.Module(rasas, []))


async def _action_server(port: int, bodies: list) -> web.AppRunner:
    async def webhook(request: web.Request) -> web.Response:
        body = await request.json()
        bodies.append(body)
        if body["tracker"]["slots"].get("audience") == "reject":
            return web.json_response({"action_name": body["next_action"], "error": "not now"}, status=400)
        return web.json_response({"events": [{"event": "slot", "name": "antibody", "value": "HMGCR"}],
                                  "responses": [{"text": "anti-HMGCR noted"}]})

    return await serve_webhook(port, webhook)


@pytest.fixture(scope="module")
def processor() -> MessageProcessor:
    if not MODEL.exists():
        pytest.skip("no trained model (make train)")
    return Agent.load(str(MODEL)).processor


def _conversation(processor: MessageProcessor, audience: str | None) -> DialogueStateTracker:
    events = [ActionExecuted("action_listen", timestamp=1.0),
              UserUttered("anti-HMGCR positive, 70 kg", {"name": "give_facts", "confidence": 0.9}, timestamp=2.0),
              SlotSet("weight_kg", 70.0, timestamp=3.0), SlotSet("audience", audience, timestamp=4.0)]
    return DialogueStateTracker.from_events("copy-test", events, processor.domain.slots)


def _timeless(value):
    """The value without the clock times Rasa stamps on events as they are applied."""
    if isinstance(value, dict):
        return {k: _timeless(v) for k, v in value.items() if k not in {"timestamp", "latest_event_time"}}
    return [_timeless(v) for v in value] if isinstance(value, list) else value


def _without_times(tracker: DialogueStateTracker) -> list[dict]:
    return [_timeless(event.as_dict()) for event in tracker.events]


CASES = [  # (action, prediction events, audience slot): copies our code makes
    ("remote", [], None, 0),
    ("remote", [SlotSet("asked", "weight")], None, 1),  # policy events: Rasa's copy, as before
    ("remote", [], "reject", 0),
    ("remote", [SlotSet("asked", "weight")], "reject", 1),  # rejected: the policy's events are dropped
    ("listen", [], None, 0),
    # Rasa's ensemble marks the user message's featurisation on nearly every prediction: a view, no copy.
    ("remote", [DefinePrevUserUtteredFeaturization(False)], None, 0),
    ("remote", [DefinePrevUserUtteredFeaturization(True)], None, 0),
    ("remote", [DefinePrevUserUtteredFeaturization(True)], "reject", 0),
    ("remote", [DefinePrevUserUtteredFeaturization(True), SlotSet("asked", "weight")], None, 1),
    ("listen", [DefinePrevUserUtteredFeaturization(True)], None, 0),
]


@pytest.mark.parametrize(("kind", "prediction_events", "audience", "our_copies"), CASES)
def test_same_request_same_tracker_and_fewer_copies_than_rasa(processor, monkeypatch, kind, prediction_events,
                                                              audience, our_copies):
    port, bodies = free_port(), []
    copies = []
    rasas_copy = DialogueStateTracker.copy
    monkeypatch.setattr(DialogueStateTracker, "copy", lambda tracker: copies.append(1) or rasas_copy(tracker))

    async def run(run_action) -> tuple:
        endpoint = EndpointConfig(f"http://127.0.0.1:{port}/webhook")
        action = RemoteAction("action_respond", endpoint) if kind == "remote" else ActionListen()
        tracker = _conversation(processor, audience)
        copies.clear()
        output = CollectingOutputChannel()
        prediction = PolicyPrediction([1.0], "RulePolicy", events=list(prediction_events))
        again = await run_action(processor, action, tracker, output, processor.nlg, prediction)
        marked = tracker.latest_message.use_text_for_featurization
        return again, _without_times(tracker), output.messages, marked, len(copies)

    async def both() -> tuple:
        runner = await _action_server(port, bodies)
        try:
            return await run(RASAS), await run(action_copy._run_action)
        finally:
            await runner.cleanup()

    theirs, ours = asyncio.run(both())
    assert ours[:4] == theirs[:4]
    assert (theirs[4], ours[4]) == (1, our_copies)
    if kind == "remote":
        assert len(bodies) == 2
        assert _timeless(bodies[0]) == _timeless(bodies[1]), "the action server is sent the same tracker"


def test_a_remote_action_leaves_the_tracker_it_is_given_unchanged(processor):
    """The premise of the fix, checked on Rasa's own RemoteAction.run."""
    port, bodies = free_port(), []

    async def scenario() -> tuple:
        runner = await _action_server(port, bodies)
        try:
            tracker = _conversation(processor, None)
            before = tracker.current_state()
            action = RemoteAction("action_respond", EndpointConfig(f"http://127.0.0.1:{port}/webhook"))
            events = await action.run(CollectingOutputChannel(), processor.nlg, tracker, processor.domain)
            return before, tracker.current_state(), events
        finally:
            await runner.cleanup()

    before, after, events = asyncio.run(scenario())
    assert before == after
    assert [type(event).__name__ for event in events] == ["BotUttered", "SlotSet"]


def test_a_view_with_featurisation_marks_serialises_as_rasas_copy_and_leaves_the_events_alone(processor):
    mark = [DefinePrevUserUtteredFeaturization(True)]
    theirs, ours = _conversation(processor, None), _conversation(processor, None)
    before = ours.current_state(EventVerbosity.ALL)
    rasas = theirs.copy()
    rasas.update_with_events(mark, processor.domain)
    view = action_copy.tracker_for(RemoteAction("action_respond", None), ours,
                                   PolicyPrediction([1.0], "p", events=mark), processor.domain)
    assert view is not ours
    assert _timeless(view.current_state(EventVerbosity.ALL)) == _timeless(rasas.current_state(EventVerbosity.ALL))
    assert len(view.events) == len(ours.events) + 1
    assert ours.current_state(EventVerbosity.ALL) == before
    # Rasa's copy marks the same user message object as the tracker holds; so does the view.
    assert ours.latest_message.use_text_for_featurization is theirs.latest_message.use_text_for_featurization is True


def test_the_log_replacement_is_rasas_code_with_only_the_debug_copies_deferred():
    assert MessageProcessor._log_action_on_tracker is action_copy._log_action_on_tracker
    rasas = ast.dump(ast.Module(_body(rasa_original(MessageProcessor, "_log_action_on_tracker")), []))
    ours = ast.dump(ast.Module(_body(action_copy._log_action_on_tracker), []))
    deep_copy = ast.dump(ast.parse("copy.deepcopy").body[0].value)
    assert rasas.count(deep_copy) == 2
    assert ours == rasas.replace(deep_copy, ast.dump(ast.parse("_debug_copy").body[0].value))


@pytest.mark.parametrize(("level", "copied"), [(logging.INFO, False), (logging.DEBUG, True)])
def test_debug_events_are_copied_only_when_the_debug_line_is_written(level, copied):
    events = [SlotSet("antibody", "HMGCR")]
    configure_structlog(level)
    try:
        assert (action_copy._debug_copy(events) is not events) is copied
    finally:
        configure_structlog(logging.INFO)
