"""Rasa NLU component that sets entities from the project's clinical fact extractor."""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from imnm.language.extract import build_pipeline, extract

EXTRACTOR_NAME = "ClinicalFactExtractor"
PROBLEM_ENTITY = "fact_problem"
#: A red flag the message says is absent; not a slot (actions merge red flags across turns with it).
ABSENT_FLAG_ENTITY = "red_flag_absent"


def entities_for(text: str) -> list[dict[str, Any]]:
    """Rasa entity dicts, one per slot value (and one per red flag or problem)."""
    found = extract(text)
    end = len(text)
    entities = []
    for name, value in found.slots().items():
        values = value if isinstance(value, list) else [value]
        for item in values:
            entities.append({"entity": name, "value": item, "start": 0, "end": end,
                             "confidence": 1.0, "extractor": EXTRACTOR_NAME})
    for flag in found.absent_flags:
        entities.append({"entity": ABSENT_FLAG_ENTITY, "value": flag, "start": 0, "end": end,
                         "confidence": 1.0, "extractor": EXTRACTOR_NAME})
    for problem in found.problems:
        entities.append({"entity": PROBLEM_ENTITY, "value": problem, "start": 0, "end": end,
                         "confidence": 1.0, "extractor": EXTRACTOR_NAME})
    return entities


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class ClinicalFactExtractor(GraphComponent, EntityExtractorMixin):
    """Rule-based: nothing to train; the spaCy pipeline is built in code at load time."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> ClinicalFactExtractor:
        build_pipeline()
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not text:
                continue
            entities = [*message.get(ENTITIES, []), *entities_for(text)]
            message.set(ENTITIES, entities, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
