"""Round 31's classes, each on sentences written for this test (not the set's own).

A child's taper question answered by the entry written for children; what goes alongside the steroid; the plan asked
for as an instruction ("remind me what the options are"); a rituximab schedule asked as "how is it scheduled?".
"""

from __future__ import annotations

from imnm.dialogue.conversation import asks_what_to_do, respond


def reply(text: str, state: dict, history=(), found_facts=False) -> str:
    return respond(text, "ask_question", state, found_facts, [], {}, bool(state.get("recommended")), frozenset(),
                   list(history), "").text


CHILD = {"antibody": "HMGCR", "weight_kg": 35.0, "age_years": 11, "age_band": "juvenile"}
ADULT = {"antibody": "SRP", "weight_kg": 70.0, "age_years": 50, "age_band": "adult"}


def test_a_childs_taper_is_answered_by_the_entry_for_children():
    answer = reply("when can we start weaning it?", CHILD, ["11 yo girl, HMGCR, 35 kg - pred dose?"])
    assert "2-4 weeks" in answer
    assert "2-4 weeks" not in reply("when can we start weaning it?", ADULT, ["50F SRP 70kg pred dose?"])


def test_what_goes_alongside_the_steroid():
    answer = reply("what else should be prescribed along with the prednisolone?", ADULT)
    assert "Methotrexate" in answer and "Pneumocystis" in answer and "calcium" in answer
    child = reply("and what goes alongside the steroid", CHILD)
    assert "no paediatric doses" in child and "15-25 mg" not in child


def test_the_plan_asked_for_as_an_instruction():
    assert asks_what_to_do("remind me what the options are from here")
    assert asks_what_to_do("tell me the plan")


def test_a_schedule_asked_of_the_drug_the_message_names():
    answer = reply("booked for rituximab next week. how is it scheduled?", ADULT)
    assert "two weeks apart" in answer
