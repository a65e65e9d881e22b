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


def test_a_form_is_read_field_by_field():
    facts = slots("STUDY CRF - baseline\nQ1 Age at visit (years): 47\nQ2 Weight (kg): 81.5\nQ3 Anti-SRP antibody: "
                  "Positive\nQ4 Statin exposure ever (Y/N): N\nQ5 Dysphagia (Y/N): N\nQ6 Malignancy (Y/N): N\n"
                  "Q7 Checkpoint inhibitor exposure (Y/N): N\nQ8 Function: walks unaided, cannot climb stairs")
    assert facts["age_years"] == 47 and facts["weight_kg"] == 81.5 and facts["antibody"] == "SRP"
    assert facts["statin_exposure"] is False and facts.get("red_flags", []) == [] and facts["severity"] == "moderate"


def test_several_fields_on_one_line_and_a_yes_with_its_detail():
    facts = slots("Anti-HMGCR positive. Dysphagia: N   Myocarditis: N   Respiratory: FVC 92% predicted\n"
                  "Relapse on taper (Y/N): Y - at prednisolone 10 mg")
    assert facts.get("red_flags", []) == [] and facts["refractory"] is True


def test_a_transcripts_speaker_is_not_a_field():
    facts = slots("Dr: Any trouble swallowing?\nPt: No.\nDr: And the stairs?\nPt: Can't manage them. "
                  "Anti-SRP positive.")
    assert facts.get("red_flags", []) == []
