"""The hazard log names only tests that exist, and has at least 12 hazards each with a test."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOG = ROOT / "docs" / "safety" / "hazard-log.md"
TEST_ID = re.compile(r"`(tests/[\w/]+\.py)::(test_\w+)`")


def hazard_rows() -> list[str]:
    return [line for line in LOG.read_text().splitlines() if re.match(r"\| H\d+ \|", line)]


def test_hazard_log_has_at_least_12_hazards_each_with_a_test():
    rows = hazard_rows()
    assert len(rows) >= 12
    for row in rows:
        assert TEST_ID.search(row), f"hazard without a test: {row[:60]}"


def test_every_test_named_in_the_hazard_log_exists():
    for row in hazard_rows():
        for path, name in TEST_ID.findall(row):
            source = ROOT / path
            assert source.exists(), f"{row[:6]} names missing file {path}"
            found = re.search(rf"^def {name}\(", source.read_text(), re.M)
            assert found, f"{row[:6]} names missing test {path}::{name}"
