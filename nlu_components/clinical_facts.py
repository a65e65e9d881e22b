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

from imnm.language.entities import entities_for
from imnm.language.extract import build_pipeline
from rasa_tuning.read_ahead import entities_read_ahead, start_when_serving


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
        start_when_serving()
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        """The facts of each message; read by the reading process already when the server's parse asked it
        first (rasa_tuning/read_ahead.py), otherwise here."""
        for message in messages:
            text = message.get(TEXT)
            if not text:
                continue
            read = entities_read_ahead(text)
            entities = [*message.get(ENTITIES, []), *(entities_for(text) if read is None else read)]
            message.set(ENTITIES, entities, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
