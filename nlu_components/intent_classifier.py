"""Intent classifier: word and character n-gram counts into a logistic regression, in one component.

It computes what this bot's former pipeline computed (two ``CountVectorsFeaturizer``s, word and
``char_wb`` 2-4, into Rasa's ``LogisticRegressionClassifier``) and trains the same model on the
same matrix: Rasa's token processing (numbers become ``__NUMBER__``, lower case, tokens joined by
spaces), the same vectorizer settings and vocabulary order, the same regression settings. What it
leaves out is work this bot never uses: per-token sequence feature matrices (only the sentence
row reaches the classifier) and merging every feature block through scipy for each message.
py-spy on the Rasa server under 20 concurrent users put 27% of its CPU in those two featurizers
and the classifier's matrix assembly; this component takes a fraction of that (see the README's
benchmark section for the measured figures).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from functools import cached_property
from typing import Any

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.tokenizers.tokenizer import Tokenizer
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.utils.extmath import softmax

logger = logging.getLogger(__name__)

NUMBER = re.compile(r"\b[0-9]+\b")
#: The fitted model: settings, vocabularies and classes as JSON, the regression's numbers as arrays.
#: No pickle and no skops: loading runs no code from the file, and importing skops (it lists the public
#: types of every scikit-learn module) took 3.6 s of the server's 18 s cold start under py-spy.
MODEL_FILE = "ngram_intents.json"
WEIGHTS_FILE = "ngram_intents.npz"
OLD_MODEL_FILE = "ngram_intents.skops"


def fitted_model(vectorizers: list[CountVectorizer], classifier: LogisticRegression) -> dict[str, Any]:
    """The fitted vectorizers and regression as JSON values (the regression's arrays are saved apart)."""
    return {
        "vectorizers": [{"params": _json_params(v), "vocabulary": {g: int(i) for g, i in v.vocabulary_.items()}}
                        for v in vectorizers],
        "classifier": {"params": _json_params(classifier), "classes": classifier.classes_.tolist(),
                       "n_features_in": int(classifier.n_features_in_), "n_iter": classifier.n_iter_.tolist()},
    }


def fitted_objects(saved: dict[str, Any], coef: np.ndarray,
                   intercept: np.ndarray) -> tuple[list[CountVectorizer], LogisticRegression]:
    """The scikit-learn objects `fitted_model` described, as fitted."""
    vectorizers = []
    for entry in saved["vectorizers"]:
        params = {**entry["params"], "ngram_range": tuple(entry["params"]["ngram_range"])}
        vectorizer = CountVectorizer(**params)
        vectorizer.vocabulary_ = dict(entry["vocabulary"])
        vectorizer.fixed_vocabulary_ = False
        vectorizer.stop_words_ = set()
        vectorizers.append(vectorizer)
    fitted = saved["classifier"]
    classifier = LogisticRegression(**fitted["params"])
    classifier.classes_ = np.array(fitted["classes"])
    classifier.coef_, classifier.intercept_ = coef, intercept
    classifier.n_features_in_ = fitted["n_features_in"]
    classifier.n_iter_ = np.array(fitted["n_iter"], dtype=np.int32)
    return vectorizers, classifier


def _json_params(estimator: Any) -> dict[str, Any]:
    """An estimator's settings; the count type is numpy's default, and nothing else may be a Python object."""
    params = estimator.get_params()
    if params.pop("dtype", np.int64) is not np.int64:
        raise ValueError("only the default count type (numpy.int64) can be saved")
    json.dumps(params)  # a callable or an array here would not survive the file: fail at training
    return params


def sentence_text(message: Message) -> str:
    """The text Rasa's CountVectorsFeaturizer turns into a sentence row: processed tokens, joined."""
    tokens = message.get(TOKENS_NAMES[TEXT]) or []
    return " ".join(NUMBER.sub("__NUMBER__", token.lemma).lower() for token in tokens)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class NgramIntentClassifier(GraphComponent, IntentClassifier):
    """Word counts + character n-gram counts (within word boundaries) -> logistic regression."""

    @classmethod
    def required_components(cls) -> list[type]:
        return [Tokenizer]

    @staticmethod
    def required_packages() -> list[str]:
        return ["sklearn"]

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"char_min_ngram": 2, "char_max_ngram": 4, "max_iter": 100, "ranking_length": 10}

    def __init__(self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
                 vectorizers: list[CountVectorizer] | None = None,
                 classifier: LogisticRegression | None = None) -> None:
        self._config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self._vectorizers = vectorizers or [
            CountVectorizer(token_pattern=r"(?u)\b\w+\b", lowercase=True),
            CountVectorizer(analyzer="char_wb", lowercase=True,
                            ngram_range=(self._config["char_min_ngram"], self._config["char_max_ngram"])),
        ]
        # Rasa's LogisticRegressionClassifier settings, so that the trained model is the same.
        self._classifier = classifier or LogisticRegression(
            solver="lbfgs", max_iter=self._config["max_iter"], class_weight="balanced", tol=1e-4,
            random_state=42, dual=False, fit_intercept=True, intercept_scaling=1, multi_class="auto",
            verbose=0, warm_start=False, n_jobs=None, l1_ratio=None,
        )

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> NgramIntentClassifier:
        return cls(config, model_storage, resource)

    def _features(self, texts: list[str]) -> csr_matrix:
        return hstack([vectorizer.transform(texts) for vectorizer in self._vectorizers], format="csr")

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(INTENT) and e.get(TEXT)]
        if not examples:
            logger.debug("No intent examples: the intent classifier stays untrained.")
            return self._resource
        texts = [sentence_text(example) for example in examples]
        for vectorizer in self._vectorizers:
            vectorizer.fit(texts)
        self._classifier.fit(self._features(texts), [example.get(INTENT) for example in examples])
        self._persist()
        return self._resource

    def _persist(self) -> None:
        with self._model_storage.write_to(self._resource) as model_dir:
            (model_dir / MODEL_FILE).write_text(json.dumps(fitted_model(self._vectorizers, self._classifier)))
            np.savez(model_dir / WEIGHTS_FILE, coef=self._classifier.coef_, intercept=self._classifier.intercept_)

    @classmethod
    def load(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> NgramIntentClassifier:
        try:
            with model_storage.read_from(resource) as model_dir:
                if not (model_dir / MODEL_FILE).exists() and (model_dir / OLD_MODEL_FILE).exists():
                    raise RuntimeError("The model was trained by an older version of this intent classifier "
                                       "(skops format): train it again (make train).")
                saved = json.loads((model_dir / MODEL_FILE).read_text())
                with np.load(model_dir / WEIGHTS_FILE, allow_pickle=False) as weights:
                    vectorizers, classifier = fitted_objects(saved, weights["coef"], weights["intercept"])
        except ValueError:  # the model has no trained classifier (no intent examples)
            logger.debug("No trained intent classifier in the model; it stays untrained.")
            return cls.create(config, model_storage, resource, execution_context)
        return cls(config, model_storage, resource, vectorizers, classifier)

    def process(self, messages: list[Message]) -> list[Message]:
        if not hasattr(self._classifier, "classes_"):
            return messages
        probabilities = self._probabilities([sentence_text(m) for m in messages])
        intents = self._classifier.classes_
        for message, row in zip(messages, probabilities, strict=True):
            order = np.argsort(-row, kind="stable")
            ranking = [{"name": str(intents[i]), "confidence": float(row[i])} for i in order]
            message.set("intent", ranking[0], add_to_output=True)
            if self._config["ranking_length"] > 0:
                ranking = ranking[: self._config["ranking_length"]]
            message.set("intent_ranking", ranking, add_to_output=True)
        return messages

    @cached_property
    def _feature_blocks(self) -> list[tuple[Callable[[str], list[str]], dict[str, int], int]]:
        """Each fitted vectorizer's analyzer and vocabulary, and where its columns start in X."""
        blocks, offset = [], 0
        for vectorizer in self._vectorizers:
            blocks.append((vectorizer.build_analyzer(), vectorizer.vocabulary_, offset))
            offset += len(vectorizer.vocabulary_)
        return blocks

    def _is_multinomial(self) -> bool:
        classifier = self._classifier
        return classifier.multi_class == "multinomial" or (
            classifier.multi_class == "auto" and classifier.classes_.size > 2 and classifier.solver != "liblinear")

    def _probabilities(self, texts: list[str]) -> np.ndarray:
        """``predict_proba`` of the fitted model, computed from the n-grams present in each text.

        For the multinomial model this is sklearn's own arithmetic (softmax of intercept plus the
        coefficients of the features present, weighted by their counts, summed in feature order)
        without building sparse matrices or re-validating input for every message: about a third
        of the time. Other model shapes go through ``predict_proba`` unchanged.
        """
        if not self._is_multinomial():
            return self._classifier.predict_proba(self._features(texts))
        coef, intercept = self._classifier.coef_, self._classifier.intercept_
        decisions = []
        for text in texts:
            counts: dict[int, int] = {}
            for analyzer, vocabulary, offset in self._feature_blocks:
                for gram in analyzer(text):
                    column = vocabulary.get(gram)
                    if column is not None:
                        counts[offset + column] = counts.get(offset + column, 0) + 1
            columns = sorted(counts)
            weights = np.array([counts[column] for column in columns], dtype=float)
            decisions.append(intercept + coef[:, columns] @ weights if columns else intercept.copy())
        return softmax(np.vstack(decisions), copy=False)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data
