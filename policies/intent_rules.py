"""The dialogue policy: the action each intent's rule names, then listen.

Every rule in `data/rules.yml` is one intent followed by one action, and every message is answered
by exactly one action: that is a lookup table, not a search. Rasa's ``RulePolicy`` reaches the same
answer by rebuilding the conversation's past dialogue states (a replay of every event into a fresh
tracker copy) and matching them against every rule, twice per message. py-spy on the Rasa server
under 20 concurrent users put about 10% of the time it held the GIL there.

This policy learns the table from the same rules at training time and keeps Rasa's behaviour for
everything a rule does not name: Rasa's default intents get their default actions (``restart`` ->
``action_restart``, as ``RulePolicy``'s built-in rules do); an intent without a rule (or none at
all) gets the fallback action (``RulePolicy``'s ``core_fallback_action_name``); after any action
but ``action_listen`` the bot listens. A rule that is not "intent, then action", or two rules
giving one intent different actions, fails training with a message naming the rule.
"""

from __future__ import annotations

import json
from typing import Any

from rasa.core.policies.policy import Policy, PolicyPrediction, SupportedData
from rasa.core.policies.rule_policy import DEFAULT_ACTION_MAPPINGS
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.core.constants import ACTION_LISTEN_NAME, RULE_SNIPPET_ACTION_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.exceptions import RasaException

TABLE_FILE = "intent_actions.json"
#: Actions a rule tracker holds around its steps: the listen that ends it, the snippet marker of a condition.
UNSPOKEN = (ACTION_LISTEN_NAME, RULE_SNIPPET_ACTION_NAME)


class UnsupportedRule(RasaException):
    """A rule this policy cannot follow (it only knows "this intent, then this action")."""


def intent_actions(trackers: list[TrackerWithCachedStates]) -> dict[str, str]:
    """The action each intent's rule names, read from the rule trackers."""
    table: dict[str, str] = {}
    for tracker in trackers:
        if not tracker.is_rule_tracker:
            continue
        name = tracker.sender_id
        if not all(isinstance(e, UserUttered | ActionExecuted) for e in tracker.events):
            raise UnsupportedRule(f"rule '{name}': this policy follows no conditions, slots or loops")
        steps = [e for e in tracker.events if not (isinstance(e, ActionExecuted) and e.action_name in UNSPOKEN)]
        if len(steps) != 2 or not isinstance(steps[0], UserUttered) or not isinstance(steps[1], ActionExecuted):
            raise UnsupportedRule(f"rule '{name}': this policy follows rules of one intent, then one action")
        intent, action = steps[0].intent_name, steps[1].action_name
        if not intent or not action:
            raise UnsupportedRule(f"rule '{name}': the step needs an intent and an action name")
        if table.get(intent, action) != action:
            raise UnsupportedRule(f"rule '{name}': intent '{intent}' already leads to '{table[intent]}'")
        table[intent] = action
    return table


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class IntentRulePolicy(Policy):
    """After a user message: the action its intent's rule names (or the fallback); else listen."""

    @staticmethod
    def supported_data() -> SupportedData:
        return SupportedData.RULE_DATA

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"priority": 6, "fallback_action_name": "action_default_fallback"}

    def __init__(self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
                 execution_context: ExecutionContext, featurizer: Any = None,
                 table: dict[str, str] | None = None) -> None:
        super().__init__(config, model_storage, resource, execution_context, featurizer)
        self._table = dict(table or {})

    def train(self, training_trackers: list[TrackerWithCachedStates], domain: Domain, **kwargs: Any) -> Resource:
        self._table = intent_actions(training_trackers)
        unknown = sorted(set(self._table.values()) - set(domain.action_names_or_texts))
        if unknown:
            raise UnsupportedRule(f"rules name actions that are not in the domain: {', '.join(unknown)}")
        with self._model_storage.write_to(self._resource) as path:
            (path / TABLE_FILE).write_text(json.dumps(self._table, sort_keys=True), encoding="utf-8")
        return self._resource

    @classmethod
    def load(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> IntentRulePolicy:
        with model_storage.read_from(resource) as path:
            table = json.loads((path / TABLE_FILE).read_text(encoding="utf-8"))
        return cls(config, model_storage, resource, execution_context, table=table)

    def next_action(self, tracker: DialogueStateTracker) -> str:
        """The action after this tracker's last event."""
        if tracker.latest_action_name != ACTION_LISTEN_NAME:
            return ACTION_LISTEN_NAME
        intent = tracker.latest_message.intent.get("name") if tracker.latest_message else None
        if intent in DEFAULT_ACTION_MAPPINGS:
            return DEFAULT_ACTION_MAPPINGS[intent]
        return self._table.get(intent or "", self.config["fallback_action_name"])

    def predict_action_probabilities(self, tracker: DialogueStateTracker, domain: Domain,
                                     rule_only_data: dict[str, Any] | None = None, **kwargs: Any) -> PolicyPrediction:
        probabilities = self._default_predictions(domain)
        action = self.next_action(tracker)
        probabilities[domain.index_for_action(action)] = 1.0
        return self._prediction(probabilities, is_no_user_prediction=action == ACTION_LISTEN_NAME)
