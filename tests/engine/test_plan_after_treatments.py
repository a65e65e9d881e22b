"""A plan for a patient who has had a treatment: the treatment is named as given, never the lead of a choice."""

from __future__ import annotations

import pytest

from imnm.engine.coherence import check_coherence
from imnm.engine.facts import Treatment, build_facts
from imnm.engine.knowledge import default_knowledge
from imnm.engine.rules import recommend
from imnm.render.first_screen import render_first_screen


def refractory(antibody: str, tried: set[str]):
    return recommend(build_facts(antibody=antibody, severity="moderate", weight_kg=70, age_years=50,
                                 statin="never", refractory=True, treatments_tried=frozenset(tried)))


def options_lead(plan) -> str:
    return next(item.agent for item in plan.items if item.entry_id.startswith("refractory.") and item.agent
                and not item.alternative)


@pytest.mark.parametrize(("antibody", "tried", "lead"), [
    ("HMGCR", set(), "ivig"), ("HMGCR", {"ivig"}, "rituximab"), ("SRP", set(), "rituximab"),
    ("SRP", {"rituximab"}, "ivig"), ("SRP", {"rituximab", "ivig"}, "tacrolimus"),
])
def test_the_first_option_not_yet_given_leads(antibody, tried, lead):
    assert options_lead(refractory(antibody, tried)) == lead


def test_a_given_treatment_is_marked_and_kept_as_an_option():
    plan = refractory("HMGCR", {"ivig", "methotrexate"})
    given = {item.agent for item in plan.items if item.given}
    assert given == {"ivig", "methotrexate"}
    screen = render_first_screen(plan)
    assert "IVIG **140 g/course** (2 g/kg x 70 kg) (already given)" in screen
    assert "had IVIG, methotrexate" in screen.splitlines()[0]


def test_the_invariant_fails_a_plan_led_by_a_given_option():
    plan = refractory("HMGCR", {"ivig"})
    kb = default_knowledge()
    assert check_coherence(plan, kb) == []
    items = tuple(item.model_copy(update={"alternative": item.agent != "ivig"})
                  if item.entry_id.startswith("refractory.") and item.agent else item for item in plan.items)
    broken = plan.model_copy(update={"items": items})
    assert any("already given" in problem for problem in check_coherence(broken, kb))


def test_every_treatment_is_an_agent_of_the_knowledge_base():
    agents = {entry.agent for entry in default_knowledge().entries if entry.agent}
    assert {treatment.value for treatment in Treatment} <= agents
