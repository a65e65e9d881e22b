"""The slot contract in one place: the conversation's fact slots, domain.yml, the extractor and the
scorer must name the same slots, so adding a slot in one place and not the others fails here."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import yaml

from imnm.dialogue.conversation import FACT_SLOTS
from imnm.language.extract.facts import Extraction

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "nlu"))
import score  # noqa: E402

DIALOGUE_SLOTS = {"audience", "recommended", "asked", "set_aside"}


def domain_slots() -> dict:
    return yaml.safe_load((ROOT / "domain.yml").read_text())["slots"]


def test_domain_declares_exactly_the_fact_slots_and_the_dialogue_slots():
    assert set(domain_slots()) == set(FACT_SLOTS) | DIALOGUE_SLOTS


def test_every_fact_slot_is_filled_from_an_entity_of_the_same_name():
    slots = domain_slots()
    entities = set(yaml.safe_load((ROOT / "domain.yml").read_text())["entities"])
    for name in FACT_SLOTS:
        assert slots[name]["mappings"] == [{"type": "from_entity", "entity": name}], name
        assert name in entities


def test_every_fact_taken_back_names_a_fact_slot():
    from imnm.language.extract.pipeline import TAKEN_BACK_SLOT

    assert set(TAKEN_BACK_SLOT.values()) <= set(FACT_SLOTS)


def test_the_extractor_and_the_scorer_speak_the_contract():
    # Not slots: problems to report, a pending antibody, red flags said to be absent and facts taken back (changes to
    # merge).
    not_slots = {"problems", "antibody_pending", "absent_flags", "taken_back"}
    extracted = {field.name for field in dataclasses.fields(Extraction)} - not_slots
    assert extracted == set(FACT_SLOTS) | {"audience"}
    assert set(score.SLOTS) | set(score.UNLABELLED) == set(FACT_SLOTS)
    assert set(Extraction(antibody="SRP", red_flags=["ild"], audience="patient").slots()) <= set(FACT_SLOTS) | {
        "audience"}

