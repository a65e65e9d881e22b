"""Every labelled question keeps the knowledge entries that answer it, unless a change means to move it.

Question words share weights (a rarer topic counts for more), so a word added for one topic can move the answer to
an unrelated question: "just wait" and "outpatient", added for one question each, moved three others in the twentieth
session, and only the REST run over every set (minutes) showed it. This test shows it at unit speed: it compares the
entries `retrieve` chooses for each of the ~2,700 questions of `tests/e2e/independent_questions*.jsonl` with
`golden/question_entries.json`. When a change moves answers on purpose, check the moved questions (the failure lists
them), run the question sets over REST, and accept with `UPDATE_GOLDEN=1 python -m pytest -q
tests/dialogue/test_question_entries_kept.py`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from imnm.dialogue.questions import retrieve
from imnm.engine.knowledge import default_knowledge

QUESTION_SETS = sorted((Path(__file__).parents[1] / "e2e").glob("independent_questions*.jsonl"))
GOLDEN = Path(__file__).with_name("golden") / "question_entries.json"


def _questions() -> list[str]:
    texts = (json.loads(line)["text"] for path in QUESTION_SETS for line in path.read_text().splitlines()
             if line.strip())
    return list(dict.fromkeys(texts))


def _entries_now() -> dict[str, list[str]]:
    kb = default_knowledge()
    return {text: [entry.id for entry in retrieve(text, kb)] for text in _questions()}


def test_every_labelled_question_keeps_its_entries():
    now = _entries_now()
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps({"kb": default_knowledge().version, "entries": now}, indent=0, sort_keys=True))
    kept = json.loads(GOLDEN.read_text())
    moved = {text: (kept["entries"].get(text), entries) for text, entries in now.items()
             if kept["entries"].get(text) != entries}
    assert not moved, (
        f"{len(moved)} questions are now answered from other entries (knowledge base {kept['kb']} when kept):\n"
        + "\n".join(f"- {text!r}: {before} -> {after}" for text, (before, after) in list(moved.items())[:25])
        + "\nIf this is meant, check them over REST and accept with UPDATE_GOLDEN=1 (see this file's docstring).")


def test_the_kept_entries_are_of_this_knowledge_base():
    assert json.loads(GOLDEN.read_text())["kb"] == default_knowledge().version, (
        "the knowledge base changed since the question entries were kept: check and accept with UPDATE_GOLDEN=1")
