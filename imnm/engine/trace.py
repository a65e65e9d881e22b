"""Counts of the expensive steps, so a test can show each is done once per message (issue 21)."""

from __future__ import annotations

from collections import Counter

counts: Counter[str] = Counter()


def count(step: str) -> None:
    counts[step] += 1


def reset() -> None:
    counts.clear()
