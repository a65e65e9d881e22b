"""Clinical fact extraction: a rule-based spaCy pipeline usable without Rasa."""

from imnm.extract.facts import Extraction, extract
from imnm.extract.pipeline import build_pipeline

__all__ = ["Extraction", "build_pipeline", "extract"]
