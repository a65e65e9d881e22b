"""IMNM treatment engine: typed facts in, a cited, traced recommendation out. No Rasa imports."""

from imnm.engine.facts import (
    AgeBand,
    Antibody,
    Audience,
    InvalidFacts,
    PatientFacts,
    RedFlag,
    Severity,
    StatinExposure,
    build_facts,
)
from imnm.engine.knowledge import Evidence, KnowledgeBase, default_knowledge, load_knowledge
from imnm.engine.recommendation import Item, MissingFact, Recommendation
from imnm.engine.rules import recommend

__all__ = [
    "AgeBand", "Antibody", "Audience", "Evidence", "InvalidFacts", "Item", "KnowledgeBase",
    "MissingFact", "PatientFacts", "Recommendation", "RedFlag", "Severity", "StatinExposure",
    "build_facts", "default_knowledge", "load_knowledge", "recommend",
]
