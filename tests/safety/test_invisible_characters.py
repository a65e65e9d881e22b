"""Input that could change a dose unseen (issue 19): invisible and formatting characters never split
or join a number, and an over-long message says what was not read."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from imnm.language.extract import extract

INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e"]
MESSAGES = ["110 kg, anti-HMGCR positive, moderate, on atorvastatin", "wt 105kg SRP+ severe, age 54",
            "12 st 4 lb, seronegative, mild, never on a statin", "62 yo woman, 58.5 kg, HMGCR pos"]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(MESSAGES), st.lists(st.tuples(st.integers(0, 80), st.sampled_from(INVISIBLE)), max_size=4))
def test_no_invisible_character_changes_any_extracted_fact(message, insertions):
    text = message
    for position, char in sorted(insertions, reverse=True):
        position = min(position, len(text))
        text = text[:position] + char + text[position:]
    assert extract(text).slots() == extract(message).slots()


def test_the_reported_cases_are_read_whole():
    assert extract("1\u200b10 kg").slots()["weight_kg"] == 110.0
    assert extract("1\u00ad10 kg").slots()["weight_kg"] == 110.0
    assert extract("1\u200d05 kg").slots()["weight_kg"] == 105.0
    assert extract("\uff17\uff10 kg").slots()["weight_kg"] == 70.0  # full-width digits


def test_an_over_long_message_says_what_was_not_read():
    found = extract("anti-SRP positive. " + "note " * 1200 + " weight 70 kg")
    assert found.slots().get("antibody") == "SRP" and "weight_kg" not in found.slots()
    assert any("read only the first" in problem for problem in found.problems)
