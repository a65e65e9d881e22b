"""The dialogue policy answers each intent with its rule's action, Rasa's default intents with
their default actions, anything else with the fallback, and listens after every action."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rasa.core.agent import Agent
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from policies.intent_rules import IntentRulePolicy, UnsupportedRule, intent_actions

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models" / "imnm.tar.gz"
RULES = yaml.safe_load((ROOT / "data" / "rules.yml").read_text())["rules"]


@pytest.fixture(scope="module")
def processor():
    if not MODEL.exists():
        pytest.skip("no trained model (make train)")
    return Agent.load(str(MODEL)).processor


def after_user(intent: str, domain: Domain) -> DialogueStateTracker:
    return DialogueStateTracker.from_events(
        "t", [ActionExecuted("action_listen"), UserUttered("some text", {"name": intent, "confidence": 0.9})],
        slots=domain.slots)


def predicted(processor, tracker: DialogueStateTracker) -> str:
    prediction = processor._predict_next_with_tracker(tracker)
    return processor.domain.action_names_or_texts[prediction.max_confidence_index]


@pytest.mark.parametrize("rule", RULES, ids=[r["rule"][:40] for r in RULES])
def test_every_rule_is_followed_then_the_bot_listens(processor, rule):
    intent, action = rule["steps"][0]["intent"], rule["steps"][1]["action"]
    tracker = after_user(intent, processor.domain)
    assert predicted(processor, tracker) == action
    tracker.update(ActionExecuted(action))
    assert predicted(processor, tracker) == "action_listen"


@pytest.mark.parametrize(("intent", "action"), [("restart", "action_restart"), ("back", "action_back"),
                                                ("session_start", "action_session_start")])
def test_default_intents_keep_their_default_actions(processor, intent, action):
    assert predicted(processor, after_user(intent, processor.domain)) == action


def test_an_intent_without_a_rule_gets_the_fallback_action(processor):
    assert predicted(processor, after_user("affirm", processor.domain)) == "action_respond"


def rule_tracker(name: str, *events) -> TrackerWithCachedStates:
    return TrackerWithCachedStates.from_events(name, list(events), is_rule_tracker=True)


def test_the_table_is_read_from_rule_trackers_only():
    rules = [rule_tracker("a", ActionExecuted("action_listen"), UserUttered(intent={"name": "greet"}),
                          ActionExecuted("action_respond"), ActionExecuted("action_listen"))]
    story = TrackerWithCachedStates.from_events("s", [UserUttered(intent={"name": "thank"}), ActionExecuted("x")])
    assert intent_actions([*rules, story]) == {"greet": "action_respond"}


def test_a_rule_of_another_shape_fails_training_with_its_name():
    two_steps = rule_tracker("two steps", UserUttered(intent={"name": "greet"}), ActionExecuted("a"),
                             ActionExecuted("b"))
    with pytest.raises(UnsupportedRule, match="two steps"):
        intent_actions([two_steps])


def test_a_rule_with_a_condition_fails_training_instead_of_being_followed_without_it():
    conditional = rule_tracker("only if severe", SlotSet("severity", "severe"), ActionExecuted("action_listen"),
                               UserUttered(intent={"name": "greet"}), ActionExecuted("a"))
    with pytest.raises(UnsupportedRule, match="only if severe.*conditions"):
        intent_actions([conditional])


def test_one_intent_with_two_actions_fails_training():
    first = rule_tracker("first", UserUttered(intent={"name": "greet"}), ActionExecuted("a"))
    second = rule_tracker("second", UserUttered(intent={"name": "greet"}), ActionExecuted("b"))
    with pytest.raises(UnsupportedRule, match="second.*already leads to 'a'"):
        intent_actions([first, second])


def test_the_shipped_model_predicts_with_this_policy_alone(processor):
    policies = [node.uses for node in processor.model_metadata.predict_schema.nodes.values()
                if node.uses.__module__.startswith(("policies", "rasa.core.policies"))
                and not node.uses.__name__.endswith("Ensemble")]
    assert policies == [IntentRulePolicy]
