"""Rasa's own checks: the training data validates, and every test conversation is predicted right."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RASA = str(Path(sys.executable).with_name("rasa"))
ENV = {**os.environ, "RASA_TELEMETRY_ENABLED": "false"}
pytestmark = pytest.mark.e2e


def test_rasa_data_validate_is_clean():
    result = subprocess.run([RASA, "data", "validate", "--fail-on-warnings"], cwd=ROOT, env=ENV,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_test_conversations_pass(tmp_path):
    stories = ROOT / "tests" / "stories"
    count = sum(line.startswith("- story:") for line in (stories / "test_conversations.yml").read_text().splitlines())
    assert count >= 40
    result = subprocess.run(
        [RASA, "test", "core", "--stories", str(stories), "--model", str(ROOT / "models" / "imnm.tar.gz"),
         "--out", str(tmp_path), "--fail-on-prediction-errors", "--no-plot"],
        cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    report = json.loads((tmp_path / "story_report.json").read_text())
    conversations = report["conversation_accuracy"]
    actions = report.get("weighted avg", {})
    print(f"\nrasa test core: {conversations['correct']}/{conversations['total']} conversations correct, "
          f"action f1 {actions.get('f1-score', 'n/a')} over {actions.get('support', 'n/a')} actions")
    assert conversations["accuracy"] == 1.0
