"""Round 17's classes, each on sentences written for this test (not the set's own): whose finding a "she" or
"he" carries after a relative, a relative's other disease, forms read field by field, statements about patients in
general, findings queried rather than found, the weight of today among earlier ones, results not yet back, and
function told as help from another person or as a limit only outdoors."""

from __future__ import annotations

import pytest

from imnm.language.extract import extract


def slots(text: str) -> dict:
    return extract(text).slots()


@pytest.mark.parametrize("text", [
    "Mrs K, 61, anti-SRP IMNM, 64 kg. Her mother had polymyositis; she needed a ventilator at the end.",
    "62M, anti-HMGCR, walks with a stick. His brother had IMNM and he couldn't swallow.",
    "I'm 54, anti-HMGCR positive. My sister had dermatomyositis and she had trouble swallowing.",
])
def test_a_pronoun_after_a_relative_of_its_gender_is_the_relative(text):
    assert slots(text).get("red_flags", []) == []


@pytest.mark.parametrize("text", [
    "Mrs K, 61, anti-SRP IMNM. Her brother had polymyositis; she has dysphagia now.",
    "His wife has breast cancer and he can't swallow solids. Anti-HMGCR positive.",
])
def test_a_pronoun_of_the_other_gender_is_the_patient_again(text):
    assert "dysphagia" in slots(text).get("red_flags", [])


def test_a_relatives_dermatomyositis_does_not_make_the_relative_the_patient():
    facts = slots("Our son is 15, SRP positive, 52 kg. My sister had dermatomyositis and she had trouble "
                  "swallowing, that's why I worry.")
    assert facts.get("red_flags", []) == [] and facts["weight_kg"] == 52
    assert "dysphagia" in slots("My mum has necrotising myositis and can't swallow.")["red_flags"]
