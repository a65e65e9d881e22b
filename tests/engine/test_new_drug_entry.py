"""Adding a drug is a data change: a new entry (and its words under `agents:`) in a copy of the
knowledge base is planned, dosed and answered with no code change (issue 21)."""

from __future__ import annotations

import shutil

import pytest
import yaml

from imnm.dialogue.frames import answer_frame
from imnm.dialogue.questions import answer
from imnm.engine.facts import Audience, build_facts
from imnm.engine.knowledge import KNOWLEDGE_DIR, load_knowledge
from imnm.engine.rules import recommend
from imnm.render.first_screen import render_first_screen

NEW_ENTRY = {
    "id": "addon.examplimab", "section": "antibody_specific", "agent": "examplimab",
    "title": "Examplimab for anti-SRP disease", "brief": "examplimab", "drug": "examplimab", "route": "intravenous",
    "dose": {"basis": "per_kg", "low": 5, "unit": "mg", "per": "dose", "text": "5 mg/kg per dose"},
    "statement": "Consider examplimab in anti-SRP disease.",
    "rationale": "Examplimab is a made-up agent that exercises the knowledge layer.",
    "plain": "A made-up medicine.", "citations": ["S000"], "evidence": "summary-only", "caveat": "Invented for a test.",
    "when": {"antibody": ["SRP"]}, "topics": ["dosing"],
}


@pytest.fixture(scope="module")
def knowledge(tmp_path_factory):
    copy = tmp_path_factory.mktemp("kb") / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, copy)
    data = yaml.safe_load((copy / "entries.yml").read_text())
    data["agents"]["examplimab"] = ["examplimab", "exmab"]
    data["entries"].append(NEW_ENTRY)
    (copy / "entries.yml").write_text(yaml.safe_dump(data, sort_keys=False))
    return load_knowledge(copy)


@pytest.fixture(scope="module")
def plan(knowledge):
    facts = build_facts(antibody="SRP", severity="moderate", weight_kg=70, statin="never", age_years=50)
    return recommend(facts, knowledge)


def test_the_new_drug_is_in_the_plan_with_this_patients_dose(plan):
    dosed = [item for item in plan.items if item.agent == "examplimab"]
    assert len(dosed) == 1 and dosed[0].dose.amount_text == "350 mg per dose"
    assert "examplimab" in render_first_screen(plan)


def test_not_for_patients_the_entry_does_not_apply_to(knowledge):
    other = recommend(build_facts(antibody="HMGCR", severity="moderate", weight_kg=70, statin="never"), knowledge)
    assert not any(item.agent == "examplimab" for item in other.items)


@pytest.mark.parametrize("question", ["what's the examplimab dose?", "exmab dose for her?"])
def test_a_dose_question_about_it_is_answered_with_the_worked_dose(knowledge, plan, question):
    reply = answer(question, plan, Audience.CLINICIAN, knowledge)
    assert "5 mg/kg x 70 kg = 350 mg" in reply


def test_a_why_question_about_it_gets_its_rationale(knowledge, plan):
    reply = answer_frame("why examplimab?", [], plan, knowledge, Audience.CLINICIAN)
    assert "made-up agent that exercises the knowledge layer" in reply
