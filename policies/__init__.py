"""Custom Rasa dialogue policies. Importing this package also applies the Rasa fixes in `rasa_tuning`."""

import warnings

import rasa_tuning

rasa_tuning.install()

# Rasa warns at training that without RulePolicy the default intents ('restart', 'back') trigger no
# action; IntentRulePolicy maps them to their default actions itself (tests/dialogue/test_intent_rules.py).
warnings.filterwarnings("ignore", message="'RulePolicy' is not included", category=UserWarning)
