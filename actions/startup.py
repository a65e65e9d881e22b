"""Ready the action server before its first message and keep its start-up heap out of full
garbage collections (a full pass over it took about 90 ms here, a pause for every waiting message;
the Rasa server does the same, see rasa_tuning/gc_freeze.py)."""

from __future__ import annotations

import gc

from imnm.dialogue.similarity import entry_index
from imnm.engine.knowledge import default_knowledge
from imnm.language.extract import extract


def warm_up_and_freeze() -> int:
    """Build the extractor pipeline, load the knowledge base and index its words for questions now
    (scikit-learn's import and the index took about a second on the first question), then freeze what
    exists. Returns the number of frozen objects."""
    extract("70 kg, anti-HMGCR positive")
    entry_index(default_knowledge())
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
