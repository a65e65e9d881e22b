"""The engine's command line, as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "imnm", *args], capture_output=True, text=True, check=False)


def test_cli_prints_a_plan_with_the_computed_dose():
    result = run("--antibody", "HMGCR", "--severity", "moderate", "--weight-kg", "70", "--statin", "current")
    assert result.returncode == 0 and "70 mg/day" in result.stdout


def test_cli_json_and_schema():
    plan = json.loads(run("--antibody", "SRP", "--severity", "severe", "--weight-kg", "55",
                          "--statin", "never", "--json").stdout)
    assert plan["knowledge_version"] and plan["items"][0]["citations"]
    schema = json.loads(run("--schema").stdout)
    assert {"input", "output"} <= set(schema)


def test_cli_refuses_implausible_weight_with_a_clear_error():
    result = run("--antibody", "SRP", "--weight-kg", "7000")
    assert result.returncode == 2 and "plausible range" in result.stderr
