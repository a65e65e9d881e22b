"""The course read from the patient's state after months of treatment (imnm/language/extract/course_state.py),
on sentences written for this test: no word about the response, only what the patient can do now and how long
the treatment has run. Weeks are too early to judge, an earlier state is not today's, a response told as good
outweighs the state, and the same reading holds when the treatment was told in an earlier message."""

from __future__ import annotations

import pytest

from imnm.language.context_answers import facts_from_context
from imnm.language.extract import extract
from imnm.language.extract.course_state import limited_after_treatment, months_of_treatment


@pytest.mark.parametrize("text", [
    "On prednisolone and azathioprine for 5 months. Walks with a frame now.",
    "Five months of pred + MMF; she needs two people to transfer.",
    "IVIG monthly for half a year, she uses a rollator to walk.",
    "Tacrolimus and pred since the spring, so 7 months in: cannot walk, in a wheelchair.",
    "After 4 cycles of IVIG he still has to push off his thighs to stand up.",
])
def test_a_limitation_after_months_of_treatment_is_refractory(text):
    assert limited_after_treatment(text) is True
    assert extract(text).slots()["refractory"] is True


@pytest.mark.parametrize("text", [
    # Too early to judge.
    "Pred 60 + MTX 15 for 5 weeks. Walks with a stick.",
    "Started prednisolone yesterday; he uses a frame.",
    # An earlier state, not today's.
    "At presentation she walked with a stick. After 4 months of pred + MTX she walks unaided.",
    # Getting better, however weak today.
    "Pred + MTX for 6 months; strength improving, still uses a stick.",
    # Treated, but no time told.
    "On pred and MTX. Walks with a stick.",
    # An age is not a time on treatment.
    "Sam, 9 yrs, on prednisolone, walks with a stick.",
    # About patients in general.
    "How often do patients on pred + MTX for 6 months still need a walking aid?",
])
def test_no_verdict_without_months_of_treatment_and_a_present_limit(text):
    assert limited_after_treatment(text) is False


@pytest.mark.parametrize("text, months", [
    ("MTX for a few months", 3.0),
    ("pred x 10 wks", 10 * 12 / 52),
    ("after 4 cycles of IVIG", 4.0),
    ("on azathioprine for 2 years", 24.0),
    ("Leo, 9 yrs, on pred", 0.0),
])
def test_months_of_treatment(text, months):
    assert months_of_treatment(text) == pytest.approx(months)


def test_the_treatment_told_in_an_earlier_message():
    earlier = ["58M anti-HMGCR, 80 kg, started on pred and methotrexate 4 months ago."]
    found = facts_from_context("He still can't get out of a chair without his arms.", None, earlier)
    assert found.slots.get("refractory") is True
    found = facts_from_context("He can't get out of a chair without his arms.", None,
                               ["58M anti-HMGCR, 80 kg, new diagnosis, starting pred."])
    assert "refractory" not in found.slots
