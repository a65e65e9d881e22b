"""The facts of one message as Rasa entity dicts: the contract between the extractor and the actions.

Plain data with no Rasa import, so the reading process (`imnm.language.reading_worker`) can produce it
without loading Rasa, and the actions can read the entity names from the one place that defines them.
"""

from __future__ import annotations

from typing import Any

from imnm.language.extract import extract

EXTRACTOR_NAME = "ClinicalFactExtractor"
#: A value the message gave that cannot be right ("7000 kg"); not a slot.
PROBLEM_ENTITY = "fact_problem"
#: A red flag the message says is absent; not a slot (actions merge red flags across turns with it).
ABSENT_FLAG_ENTITY = "red_flag_absent"
#: A slot the message takes back with no value of its own ("scrap the statin, wrong patient"); not a slot.
TAKEN_BACK_ENTITY = "fact_taken_back"


def entities_for(text: str) -> list[dict[str, Any]]:
    """Rasa entity dicts, one per slot value (and one per red flag or problem)."""
    found = extract(text)
    end = len(text)

    def entity(name: str, value: Any) -> dict[str, Any]:
        return {"entity": name, "value": value, "start": 0, "end": end, "confidence": 1.0,
                "extractor": EXTRACTOR_NAME}

    entities = []
    for name, value in found.slots().items():
        entities += [entity(name, item) for item in (value if isinstance(value, list) else [value])]
    entities += [entity(ABSENT_FLAG_ENTITY, flag) for flag in found.absent_flags]
    entities += [entity(TAKEN_BACK_ENTITY, slot) for slot in found.taken_back]
    entities += [entity(PROBLEM_ENTITY, problem) for problem in found.problems]
    return entities
