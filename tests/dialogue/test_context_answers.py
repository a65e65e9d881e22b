"""Short replies that carry a fact only in the light of the conversation ("70", "that was lbs")."""

from __future__ import annotations

import pytest

from imnm.language.context_answers import facts_from_context


@pytest.mark.parametrize("text", ["70", "sorry 70", "it's 70", "~70", "70.", "oops, 70"])
def test_a_bare_number_answers_the_weight_the_bot_asked_for(text):
    assert facts_from_context(text, "weight_kg", []).slots == {"weight_kg": 70.0}


def test_a_bare_number_sets_nothing_when_the_bot_asked_for_something_else():
    found = facts_from_context("70", "antibody", [])
    assert found.slots == {} and found.problems == []


def test_an_impossible_bare_weight_is_refused_with_the_reason():
    found = facts_from_context("7000", "weight_kg", ["weight 7000"])
    assert found.slots == {} and "outside the plausible range" in found.problems[0]


@pytest.mark.parametrize("text,earlier,kg", [
    ("sorry that was lbs", ["SRP+", "wt 141 kg"], 64.0),
    ("I meant pounds", ["she weighs 150"], 68.0),
    ("in lbs, not kg", ["150 kg, HMGCR+"], 68.0),
    ("that was stone", ["weight 11"], 69.9),
])
def test_a_unit_correction_rereads_the_last_weight_written(text, earlier, kg):
    assert facts_from_context(text, None, earlier).slots == {"weight_kg": kg}


def test_a_unit_correction_with_no_earlier_weight_sets_nothing():
    assert facts_from_context("that was lbs", None, ["HMGCR positive"]).slots == {}
