"""Per-slot accuracy on the labelled set, scored through the running bot (REST, then the tracker)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import score  # noqa: E402

pytestmark = pytest.mark.e2e
REQUIRED_ACCURACY = 0.98


def test_labelled_set_is_large_and_varied():
    cases = score.load()
    assert len(cases) >= 200
    assert len({case["text"] for case in cases}) == len(cases)


def test_per_slot_accuracy_on_the_labelled_set(servers):
    accuracy, errors = score.score(score.rest_slots(servers.url, servers.token))
    print("\n" + score.report(accuracy, errors, show_errors=True))
    below = {slot: value for slot, value in accuracy.items() if value < REQUIRED_ACCURACY}
    assert not below, below
