"""The one-component intent classifier trains and predicts what Rasa's featurizers + logistic regression did.

Both pipelines are trained here on the project's NLU data (Rasa's training API, a temporary
folder each) and must give the same intent, the same ranking and the same confidences for every
labelled and independent message and every training example.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
import yaml
from rasa.core.agent import Agent
from rasa.model_training import train_nlu
from rasa.shared.nlu.training_data.loading import load_data

ROOT = Path(__file__).resolve().parents[2]
RASA_PIPELINE = [
    {"name": "WhitespaceTokenizer"},
    {"name": "CountVectorsFeaturizer"},
    {"name": "CountVectorsFeaturizer", "analyzer": "char_wb", "min_ngram": 2, "max_ngram": 4},
    {"name": "LogisticRegressionClassifier", "max_iter": 200},
]


def _messages() -> list[str]:
    texts = ["", "hi", "??", "12345", "7000 kg", "what is the weather like", "START OVER"]
    for name in ("labelled_messages.jsonl", "independent_messages.jsonl"):
        texts += [json.loads(line)["text"] for line in (ROOT / "tests" / "nlu" / name).open()]
    return texts + [example.get("text") for example in load_data(str(ROOT / "data" / "nlu")).intent_examples]


def _intent_config(tmp_path: Path, pipeline: list[dict]) -> str:
    """The project's config with its intent part replaced by `pipeline` (nothing else changes)."""
    config = yaml.safe_load((ROOT / "config.yml").read_text())
    config["pipeline"] = pipeline + [c for c in config["pipeline"] if c["name"] == "FallbackClassifier"]
    config.pop("policies")
    path = tmp_path / f"config-{len(pipeline)}.yml"
    path.write_text(yaml.safe_dump(config))
    return str(path)


@pytest.fixture(scope="module")
def parsers(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("intents")
    ours = [c for c in yaml.safe_load((ROOT / "config.yml").read_text())["pipeline"]
            if c["name"] in ("WhitespaceTokenizer", "nlu_components.intent_classifier.NgramIntentClassifier")]
    assert len(ours) == 2, "config.yml no longer uses the n-gram intent classifier"
    models = [train_nlu(_intent_config(tmp, pipeline), str(ROOT / "data"), str(tmp / "models"), fixed_model_name=name)
              for pipeline, name in ((ours, "ours"), (RASA_PIPELINE, "rasa"))]
    return [Agent.load(model) for model in models]


def _intents(agent: Agent, text: str) -> dict:
    parsed = asyncio.run(agent.parse_message(text))
    return {"intent": parsed["intent"], "ranking": parsed["intent_ranking"]}


def test_same_intents_rankings_and_confidences_as_rasas_components(parsers):
    ours, rasas = parsers
    texts = _messages()
    assert len(texts) > 600
    for text in texts:
        mine, theirs = _intents(ours, text), _intents(rasas, text)
        assert mine["intent"]["name"] == theirs["intent"]["name"], text
        assert [r["name"] for r in mine["ranking"]] == [r["name"] for r in theirs["ranking"]], text
        assert [r["confidence"] for r in mine["ranking"]] == pytest.approx(
            [r["confidence"] for r in theirs["ranking"]], abs=1e-9), text


def test_the_fitted_model_survives_its_file_format_exactly(tmp_path):
    """Settings, vocabularies and classes through JSON, the regression through npz without pickle."""
    import numpy as np
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    from nlu_components.intent_classifier import fitted_model, fitted_objects

    texts = ["anti-hmgcr positive 70 kg", "what dose of ivig", "hello there", "thanks a lot", "srp myopathy severe",
             "how is ck monitored", "bye", "start over please"]
    labels = ["give_facts", "ask", "greet", "thank", "give_facts", "ask", "greet", "restart"]
    vectorizers = [CountVectorizer(token_pattern=r"(?u)\b\w+\b"),
                   CountVectorizer(analyzer="char_wb", ngram_range=(2, 4))]
    features = [v.fit_transform(texts) for v in vectorizers]

    classifier = LogisticRegression(class_weight="balanced", random_state=42).fit(hstack(features), labels)
    (tmp_path / "m.json").write_text(json.dumps(fitted_model(vectorizers, classifier)))
    np.savez(tmp_path / "m.npz", coef=classifier.coef_, intercept=classifier.intercept_)
    with np.load(tmp_path / "m.npz", allow_pickle=False) as weights:
        loaded_vectorizers, loaded = fitted_objects(json.loads((tmp_path / "m.json").read_text()), weights["coef"],
                                                    weights["intercept"])
    unseen = ["anti-SRP and 80 kg", "what dose", "zzz", ""]
    for ours, theirs in zip(loaded_vectorizers, vectorizers, strict=True):
        assert (ours.transform(unseen) != theirs.transform(unseen)).nnz == 0
        assert ours.build_analyzer()("IVIg dose") == theirs.build_analyzer()("IVIg dose")
    matrix = hstack([v.transform(unseen) for v in vectorizers])
    assert loaded.predict_proba(matrix).tolist() == classifier.predict_proba(matrix).tolist()
    assert loaded.classes_.tolist() == classifier.classes_.tolist()


def test_loading_the_trained_model_does_not_import_skops():
    """skops' import listed every scikit-learn type (3.6 s of the server's cold start); the model no longer needs it."""
    import subprocess
    import sys

    model = ROOT / "models" / "imnm.tar.gz"
    if not model.exists():
        pytest.skip("no trained model (make train)")
    probe = ("import sys, asyncio; from rasa.core.agent import Agent; agent = Agent.load(sys.argv[1]); "
             "parsed = asyncio.run(agent.parse_message('hello')); "
             "print(parsed['intent']['name'], 'skops' in sys.modules, 'skops.io' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", probe, str(model)], capture_output=True, text=True, cwd=ROOT,
                            timeout=300, check=True)
    intent, skops_loaded, skops_io_loaded = result.stdout.split()[-3:]
    assert intent != "None" and skops_io_loaded == "False", result.stdout
