"""Classes from round 35's questions, each on sentences written for this test (not the sets' own).

A remedy the sources do not address written with a hyphen inside a word ("co-enzyme Q10", "re-dosing"); what each
antibody is directed against.
"""

from __future__ import annotations

from imnm.dialogue.questions import gaps_in
from imnm.engine.knowledge import load_knowledge
from tests.dialogue.test_round31_classes import reply


def test_a_gap_written_with_a_hyphen_inside_a_word_is_still_a_gap():
    kb = load_knowledge()
    assert [gap.id for gap in gaps_in("would co-enzyme Q10 help my aching legs?", kb)] == ["gap.coq10_diet"]
    assert [gap.id for gap in gaps_in("when is re-dosing of ritux due?", kb)] == ["gap.rituximab_maintenance"]
    # A hyphen between words is not removed ("anti-HMGCR" names no gap).
    assert gaps_in("is the anti-HMGCR result from an out-of-town lab reliable?", kb) == []


def test_what_each_antibody_is_directed_against():
    for question in ("which enzyme is targeted by the HMGCR antibodies?",
                     "what are anti-SRP antibodies directed against?"):
        answer = reply(question, {})
        assert "reductase" in answer and "signal recognition particle" in answer, question
