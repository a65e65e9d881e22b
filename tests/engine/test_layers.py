"""The layers of imnm/ are a contract (pyproject.toml, [tool.importlinter]): the engine imports no
Rasa, spaCy or layer above it, and an upward import anywhere fails `make lint` and this test."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT = Path(sys.executable).parent / "lint-imports"


def lint(where: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT), "--no-cache"], cwd=where, capture_output=True, text=True, timeout=300)


def test_the_layers_hold():
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout[-2000:]
    assert "4 kept, 0 broken" in result.stdout


def test_an_upward_import_breaks_the_contract(tmp_path):
    shutil.copytree(ROOT / "imnm", tmp_path / "imnm", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    dosing = tmp_path / "imnm" / "engine" / "dosing.py"
    dosing.write_text(dosing.read_text() + "\nfrom imnm.dialogue import conversation  # noqa: E402,F401\n")
    result = lint(tmp_path)
    assert result.returncode != 0 and "BROKEN" in result.stdout
    assert "imnm.engine.dosing -> imnm.dialogue.conversation" in result.stdout
