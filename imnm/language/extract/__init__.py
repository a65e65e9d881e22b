"""Clinical fact extraction: a rule-based spaCy pipeline usable without Rasa."""

from imnm.language.extract.facts import Extraction, extract
from imnm.language.extract.pipeline import build_pipeline

__all__ = ["Extraction", "build_pipeline", "extract"]
