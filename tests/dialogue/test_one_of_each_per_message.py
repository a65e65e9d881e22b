"""Per message, the facts are read once (by the NLU component in the Rasa process) and the plan is
computed at most once: the dialogue never re-reads the message for facts and never recomputes a plan
it already has (issue 21). A real conversation, turn by turn, with the engine's counters."""

from __future__ import annotations

from imnm.dialogue.conversation import respond
from imnm.engine import trace
from imnm.language.extract import extract

TURNS = [
    "58M anti-HMGCR +ve IMNM, moderate prox weakness, 82kg",
    "was on atorva 40 until march",
    "ok what dose of pred for him then",
    "why?",
    "and if that fails?",
    "what's the IVIG dose for him?",
    "started pred + MTX 3 months ago, CK still 9000 and no stronger",
    "thanks",
    "is there anything about vaccines?",
]


def test_each_turn_reads_the_facts_once_and_computes_at_most_one_plan():
    slots: dict = {}
    history: list[str] = []
    per_turn = []
    for text in TURNS:
        trace.reset()
        found = extract(text).slots()  # what the NLU component does, once, in the Rasa process
        changes = {name: (slots.get(name), value) for name, value in found.items() if slots.get(name) != value}
        slots.update(found)
        reply = respond(text=text, intent=None, slots=slots, found_facts=bool(found), problems=[], changes=changes,
                        already_recommended=bool(slots.get("recommended")), found_names=frozenset(found),
                        history=history)
        slots.update(reply.slot_updates)
        slots["recommended"] = slots.get("recommended") or reply.recommended
        history.append(text)
        per_turn.append((text, trace.counts["extraction"], trace.counts["plan"]))
    assert all(extractions == 1 for _, extractions, _ in per_turn), per_turn
    assert all(plans <= 1 for _, _, plans in per_turn), per_turn
    assert sum(plans for _, _, plans in per_turn) >= 3  # new facts, a what-if and a course change each need one
