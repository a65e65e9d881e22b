"""Classes from round 43 and from the twentieth session's review, each on sentences written for this test (not the
set's own).

Function read by how a task goes whatever the wording (help needed without a helper named, working round the weakness
to rise, any relative or partner as the helper); a field's label read with its value; the course told by a CK that has
halved; dislikes, corrections, resolved episodes and cancers clear on surveillance read for what they are; ages and
weights in the forms notes and families write them; and, in a conversation, a fact taken back as another patient's
keeps the rest of this patient's facts.
"""

from __future__ import annotations

import pytest
from test_round23_classes import talk

from imnm.language.extract import extract


def slots(text: str) -> dict:
    return extract(text).slots()


@pytest.mark.parametrize("text, level", [
    # Working round the weakness to rise: an everyday task made hard.
    ("anti-SRP IMNM, levers herself up on the arms of the chair to stand", "moderate"),
    ("seronegative NAM. He has to push off the table to get up from a dining chair.", "moderate"),
    # Help needed with no helper named: help with the stairs is moderate, with the toilet or bed it is severe.
    ("HMGCR+ IMNM, on pred. Needs a bit of support going up steps.", "moderate"),
    ("HMGCR+ IMNM, on pred. Needs help getting out of bed and onto the commode.", "severe"),
    # Any partner or relative as the helper.
    ("SRP myositis, 24. My girlfriend has to lift me out of the bath most days.", "severe"),
    ("Dad (HMGCR) walks with a frame but his neighbour has to help him off the toilet.", "severe"),
])
def test_how_a_task_goes_decides_whatever_the_wording(text, level):
    assert slots(text).get("severity") == level, text


def test_a_fields_label_is_read_with_its_value():
    assert slots("anti-SRP IMNM 58F. Transfers: assist x2, slide sheet.").get("severity") == "severe"


@pytest.mark.parametrize("text", [
    "I can't stand hospitals but I'll come in for the IVIG. HMGCR myopathy, walking fine.",
    "She can't stand being fussed over; anti-SRP IMNM diagnosed in May.",
])
def test_cant_stand_as_a_dislike_is_not_a_limit(text):
    assert slots(text).get("severity") != "severe", text


@pytest.mark.parametrize("text, refractory", [
    ("Pred 60, MTX 20 and IVIG for 3 months. Transfers with one nurse now, CK 3,100 from 15,000.", None),
    ("Pred and MTX for 4 months: CK 6000 -> 5200, still needs the rail on the stairs.", True),
])
def test_a_ck_that_has_halved_is_a_response_unless_a_deficit_remains(text, refractory):
    assert slots(text).get("refractory") == refractory, text


def test_a_cancers_partial_response_after_a_comma_is_the_cancers():
    assert slots("Lung cancer. After 6 cycles of chemo, partial response. HMGCR IMNM.").get("refractory") is None
    # Refractory to a named myositis treatment stays the myopathy's.
    assert slots("on nivolumab, refractory to MTX, anti-HMGCR positive").get("refractory") is True


@pytest.mark.parametrize("text, flag", [
    ("Background: ILD 2019 during a flare, treated and fully recovered - PFTs normal since. SRP IMNM.", "ild"),
    ("Breast carcinoma 2016, surveillance mammograms clear. HMGCR IMNM.", "malignancy"),
])
def test_an_episode_told_with_its_end_is_not_a_red_flag_now(text, flag):
    assert flag not in (slots(text).get("red_flags") or []), text


@pytest.mark.parametrize("text, age", [
    ("ward 4 - Mrs Adebayo 72, HMGCR IMNM, day 2 of IVIG", 72),
    ("notes for clinic\n58, SRP IMNM. Rituximab started in June.", 58),
    ("my mums 67 and has the HMGCR myopathy", 67),
    ("Neuromuscular MDT, Leeds\n59M. Raised CK 2,800 (3 years). Anti-HMGCR positive.", 59),
])
def test_ages_in_the_forms_notes_and_families_write_them(text, age):
    assert slots(text).get("age_years") == age, text


@pytest.mark.parametrize("text, weight", [
    ("Weight 82 kg -- corrected: 78 kg (wrong patient's chart). HMGCR IMNM.", 78.0),
    ("She weighs nine stone six. Anti-SRP.", 59.9),
])
def test_weights_corrected_or_told_in_words(text, weight):
    assert slots(text).get("weight_kg") == weight, text


def test_a_fact_taken_back_as_another_patients_keeps_this_patients_facts():
    _, state = talk(["53M anti-HMGCR IMNM 81 kg, ex-statin, choking on fluids",
                     "ignore the choking - that was the other patient. He swallows fine, uses a stick."])
    assert state.get("antibody") == "HMGCR" and state.get("weight_kg") == 81.0
    assert "dysphagia" not in (state.get("red_flags") or [])


def test_a_drug_asked_for_then_explained_by_what_was_tried_is_answered_again():
    reply, _ = talk(["mmf dose for my IMNM patient?", "she's been on azathioprine but her LFTs went up, so changing"])
    assert "mycophenolate" in reply.lower() and "g/day" in reply


def test_a_drug_of_another_condition_is_declined_without_touching_the_patient():
    reply, state = talk(["anti-SRP IMNM, 38F, 64 kg", "unrelated but what clarithromycin dose for her sinusitis?"])
    assert "IMNM" in reply and "do not address" in reply
    assert state.get("antibody") == "SRP" and state.get("weight_kg") == 64.0


def test_the_first_thing_to_do_is_the_plan():
    reply, _ = talk(["HMGCR+ IMNM 59M, 90 kg, still taking rosuvastatin, can't manage stairs",
                     "so what's the priority?"])
    assert "statin" in reply.lower() and "90 mg/day" in reply


def test_function_better_than_told_before_is_a_response_not_a_refractory_course():
    _, better = talk(["58M anti-SRP IMNM, 75 kg, never a statin, bedbound on admission",
                      "pred and MTX for 4 months: now he walks the ward with a rollator"])
    assert better.get("refractory") is not True
    _, same = talk(["58M anti-SRP IMNM, 75 kg, never a statin, walks with a rollator",
                    "pred and MTX for 4 months, still on the rollator"])
    assert same.get("refractory") is True


@pytest.mark.parametrize("text", [
    "Our daughter was tested for both antibodies and nothing came back; she is 15.",
    "They checked him for the antibodies, neither was positive.",
])
def test_both_antibodies_tested_with_nothing_found_is_seronegative(text):
    assert slots(text).get("antibody") == "seronegative", text


def test_antibodies_still_to_come_are_not_seronegative():
    assert slots("tested for both antibodies, nothing came back yet").get("antibody") is None


def test_breathlessness_beside_a_worse_lung_is_the_lungs():
    told = slots("anti-SRP IMNM with ILD. The CT is worse and he is more breathless on the stairs.")
    assert "respiratory" not in (told.get("red_flags") or [])
    assert "respiratory" in (slots("ILD stable; breathless lying flat, weak diaphragm").get("red_flags") or [])


@pytest.mark.parametrize("question, wanted", [
    ("How is IMNM subclassified?", "srp"),
    ("when can he come off the pred?", "improvement"),
    ("how much longer will she need the azathioprine?", "prematurely"),
    ("will my arms get strong again?", "irreversible"),
])
def test_questions_in_other_words_reach_their_entries(question, wanted):
    reply, _ = talk([question])
    assert wanted in reply.lower(), reply


def test_a_treatment_for_the_muscle_and_the_lung_is_the_lung_diseases_own():
    reply, _ = talk(["anti-SRP IMNM 47F, 58 kg, NSIP on HRCT, never a statin, walks with a stick",
                     "which treatment has helped both the muscle and the lungs?"])
    assert "tacrolimus" in reply.lower(), reply


# After the review of the classes above (a helper's own probes): the same classes in more wordings, and their
# near-misses.
@pytest.mark.parametrize("text, level", [
    ("she hauls herself up using the sink to get off the loo", "moderate"),
    ("climbs the stairs walking her hands up her legs", "moderate"),
    ("My stepmum has to lift me out of bed.", "severe"),
    ("the lodger walks him to the toilet at night", "severe"),
    ("Transfers: 2 staff + rotunda.", "severe"),
    ("Washing/dressing: full assist", "severe"),
    ("my neighbour helps me up the steps to the front door", "moderate"),
])
def test_more_wordings_of_how_a_task_goes(text, level):
    assert slots(text).get("severity") == level, text


@pytest.mark.parametrize("text", [
    "He still carries his wife up the stairs at night - she had a stroke.",
    "I can't stand waiting rooms; anti-HMGCR IMNM, walking normally.",
])
def test_the_patient_helping_others_or_disliking_something_is_no_limit(text):
    assert slots(text).get("severity") not in ("moderate", "severe"), text


@pytest.mark.parametrize("text, refractory", [
    ("4 months of pred + MTX. CK 900 today, down from 8,200. Walks with a stick.", None),
    ("6 months on IVIG, uses a frame, CK 1.5k (from 11k)", None),
    ("On pred since March, her arms are loads better, still a stick outdoors", None),
    ("mycophenolate hasn't made any difference to his weakness", True),
    ("pred hasn't done much for his skin but his legs are heaps better", None),
    ("5 months of IVIG hasnt done much for her", True),
])
def test_more_wordings_of_the_course(text, refractory):
    assert slots(text).get("refractory") == refractory, text


@pytest.mark.parametrize("text, flag", [
    ("Dysphagia in 2023, treated with IVIG and made a full recovery. HMGCR IMNM.", "dysphagia"),
    ("colon cancer 2015, clear on surveillance colonoscopy since. SRP IMNM.", "malignancy"),
    ("Her lung scarring has got worse and she is more short of breath on the flat.", "respiratory"),
])
def test_more_wordings_of_a_flag_that_is_over_or_the_lungs(text, flag):
    assert flag not in (slots(text).get("red_flags") or []), text


@pytest.mark.parametrize("text", [
    "tested for anti-HMGCR and anti-SRP - neither detected",
    "MSA panel (HMGCR, SRP): nothing detected",
    "she is not positive for either SRP or HMGCR",
])
def test_more_wordings_of_both_antibodies_negative(text):
    assert slots(text).get("antibody") == "seronegative", text


def test_lay_words_for_lung_fibrosis_are_ild():
    assert "ild" in (slots("my husband has HMGCR myositis and scarring on his lungs").get("red_flags") or [])


@pytest.mark.parametrize("second", [
    "sorry, the ILD belongs to the man in bed 4",
    "the ILD was from another patient's letter",
    "forget the ILD, wrong patient",
    "oh wait, the ILD was my previous patient, not him",
])
def test_a_finding_told_as_another_patients_is_taken_back(second):
    _, state = talk(["64M anti-SRP IMNM 77 kg, never a statin, ILD on HRCT, walks with a stick", second])
    assert "ild" not in (state.get("red_flags") or []) and state.get("antibody") == "SRP"
    assert state.get("weight_kg") == 77.0


def test_better_than_a_past_inability_is_a_response():
    _, state = talk(["59M anti-SRP IMNM, 70 kg, couldn't stand at all in March",
                     "after 4 months of pred and MTX he is walking with a frame"])
    assert state.get("refractory") is not True


def test_whether_stopping_the_statin_is_enough_is_answered_with_the_treatment():
    reply, _ = talk(["my husband is 71, HMGCR myopathy, he was on atorvastatin for years",
                     "now he's stopped it, will that be enough to get him better?"], audience="patient")
    assert "steroid" in reply.lower() or "prednisone" in reply.lower(), reply


def test_three_drugs_given_at_once_is_the_severe_combination():
    reply, _ = talk(["she's on steroids, tacrolimus and IVIG all at once - is that usual?"])
    assert "severe" in reply.lower(), reply
