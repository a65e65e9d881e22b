"""Classes from round 38, each on sentences written for this test (not the set's own).

"It" after a question whose answer named the drug; how well a drug works compared between the subtypes; what the
sources say of young onset asked for an adult, and the age asked about; a contracted "not" before a response;
an age at onset judged; the disease set beside another; a bare "why?" asks of the sentence before it; whether a
finding told is typical for the subtype.
"""

from __future__ import annotations

import pytest
from test_round23_classes import talk

from imnm.dialogue.conversation import asks_what_to_do
from imnm.dialogue.frames import answered_with
from imnm.dialogue.questions import question_focus, retrieve, topics_in
from imnm.engine.knowledge import load_knowledge
from imnm.language.extract import extract

KB = load_knowledge()


def test_it_after_a_question_the_answer_named_a_drug_for_is_that_drug():
    reply = "In this patient's plan: IVIG for refractory disease.\n- **IVIG for refractory disease**: ..."
    history = ["52M HMGCR 80 kg, on prednisolone and azathioprine",
               "and if he stays weak, what would usually come next?"]
    assert answered_with("how is it given?", history, reply, KB) == "ivig"
    # The user's own drug is the subject when the question named one; a plan asked for is not an answer's drug.
    assert answered_with("how is it given?", [*history[:1], "what about azathioprine?"], reply, KB) is None
    assert answered_with("how is it given?", [*history[:1], "what's the plan?"], reply, KB) is None


def test_how_well_a_drug_works_is_its_response_not_its_mechanism():
    for text in ("is rituximab more effective in SRP disease?", "who responds best to IVIG?"):
        topics = topics_in(text)
        assert "response" in topics and "mechanism" not in topics, text
    # Compared between the subtypes, what sets them apart is asked; the question is no antibody result.
    compared = "does it tend to work better in anti-SRP or anti-HMGCR patients?"
    assert "subtypes" in topics_in(compared) and "mechanism" not in topics_in(compared)
    assert not extract(compared).problems and extract(compared).slots().get("antibody") is None
    assert "mechanism" in topics_in("how is IVIG thought to work?")


def test_a_drug_carried_into_a_comparison_of_the_subtypes():
    reply, _ = talk(["anti-SRP, 41F, 68 kg, still weak after pred and MTX, IVIG planned",
                     "how soon should it help?", "is it thought to do better in SRP or in HMGCR disease?"])
    assert "anti-SRP" in reply and "What IMNM is" not in reply and "double positivity" not in reply


def test_young_onset_is_answered_for_an_adult_who_asks_about_youth():
    reply, _ = talk(["HMGCR+ 24F 60 kg, moderate weakness, never took a statin",
                     "does her being this young affect the outlook?"])
    assert "Young onset" in reply
    # Whether the age changes the plan is still the plan.
    assert asks_what_to_do("would her age change anything?")


def test_the_age_asked_for_someone_under_18_reaches_the_doses_for_under_18s():
    ids = [entry.id for entry in retrieve("does his age change anything?", KB, patient_topics=("juvenile", "srp"))]
    assert "prognosis.young_onset" in ids and any("juvenile" in entry_id for entry_id in ids), ids


@pytest.mark.parametrize("text", ["she isn't improving after 3 months of prednisolone",
                                  "he hasn't got any stronger after six weeks of IVIG"])
def test_a_contracted_not_before_the_response_still_tells_the_drug_given(text):
    assert extract(text).slots().get("treatments_tried"), text


def test_a_drug_refused_with_a_contracted_not_is_not_given():
    assert not extract("she doesn't want azathioprine").slots().get("treatments_tried")


def test_an_age_at_onset_judged_asks_what_it_predicts():
    assert "predictors" in topics_in("my son was 15 when it started - is that a bad sign?")
    assert "predictors" in topics_in("onset at 22, does that matter for how he does?")
    assert "predictors" not in topics_in("61F, onset at 59 with proximal weakness, HMGCR+")


def test_the_disease_set_beside_another_asks_what_it_is():
    for text in ("how does NAM differ from inclusion body myositis?", "is IMNM just a kind of polymyositis?",
                 "what's the difference between IMNM and dermatomyositis"):
        assert "definition" in topics_in(text), text
    assert "definition" not in topics_in("is HMGCR IMNM different from SRP IMNM?")


def test_a_bare_why_asks_of_the_sentence_before_it():
    focus = question_focus("I'm 58 and on prednisolone. The doctor wants me on an antibiotic as well. Why?")
    assert "antibiotic" in focus


def test_whether_a_finding_told_is_typical_for_the_subtype():
    reply, _ = talk(["anti-SRP, 50M, 85 kg, prominent facial weakness", "is that usual for this antibody?"])
    assert "Facial weakness" in reply


def test_a_verdict_that_the_organ_is_not_involved_outweighs_the_marker_before_it():
    assert "cardiac" not in extract("troponin T raised at 70 ng/L on routine bloods. No cardiac involvement.").red_flags
    assert "cardiac" in extract("no cardiac involvement in March; now troponin I 900 and LGE on MRI").red_flags
    assert "dysphagia" in extract("dysphagia to liquids, none to solids").red_flags


def test_breathlessness_with_breathing_muscle_tests_normal_is_not_respiratory():
    assert "respiratory" not in extract("breathless on hills. Respiratory muscle tests were normal.").red_flags


def test_help_on_the_stairs_is_the_stairs_not_dependence():
    assert extract("he can't get up the stairs without his wife behind him").slots()["severity"] == "moderate"
    assert extract("she can't get up off the sofa without her son").slots()["severity"] == "severe"


def test_a_subtype_still_to_be_excluded_or_sent_is_no_result():
    assert extract("anti-SRP disease must be ruled out; please send an SRP").slots().get("antibody") is None
    assert extract("request anti-HMGCR antibody today").slots().get("antibody") is None
    assert extract("Plan: GP to order anti-SRP/HMGCR and review").slots().get("antibody") is None
    assert extract("anti-HMGCR positive (sent last month)").slots()["antibody"] == "HMGCR"


def test_a_history_missing_from_the_record_is_unknown_not_never():
    assert extract("No statin use documented anywhere.").slots().get("statin_status") is None
    assert extract("no statin on record").slots().get("statin_status") is None
    assert extract("No statin ever - checked with her GP.").slots()["statin_status"] == "never"


def test_a_cancer_said_to_be_free_of_it_is_over():
    assert "malignancy" not in extract("bowel ca 2015, resected, cancer-free on surveillance").red_flags
    assert "malignancy" in extract("new lung tumour on CT last week").red_flags


def test_a_relative_named_at_the_opening_with_their_own_medicine_is_the_patient():
    slots = extract("Dad is still taking simvastatin - should he come off it?").slots()
    assert slots["statin_status"] == "current" and slots["audience"] == "patient"
    assert not extract("FHx: mum is on a statin, brother had an MI").slots().get("statin_status")


def test_a_cancer_wondered_about_is_not_found():
    for text in ("Dad has IMNM - might this be linked to a cancer?", "I'm scared it could turn into cancer"):
        assert "malignancy" not in extract(text).red_flags, text
    assert "malignancy" in extract("worried about his prostate cancer spreading").red_flags


def test_a_drug_never_given_beside_a_response_negated_is_not_given():
    assert "rituximab" not in (extract("He isn't responding and hasn't had rituximab").slots().get("treatments_tried")
                               or [])
    assert not extract("hasn't improved enough to justify IVIG").slots().get("treatments_tried")


def test_an_antibody_result_stands_beside_something_else_to_be_excluded():
    slots = extract("anti-SRP positive, cardiac involvement must be ruled out").slots()
    # The antibody stands, and what is to be ruled out is not found.
    assert slots["antibody"] == "SRP" and not slots.get("red_flags")


def test_the_latest_breathing_statement_wins_and_a_verdict_is_not_one_tests_finding():
    assert "respiratory" in extract("respiratory muscle tests normal in May, now FVC 50% and falling").red_flags
    assert "cardiac" in extract("troponin 700 and LGE on CMR; no cardiac involvement on echo").red_flags
    assert "cardiac" in extract("troponin 800 - we cannot say there is no cardiac involvement").red_flags


def test_a_cancer_free_margin_is_not_a_cancer_over():
    assert "malignancy" in extract("new breast cancer, excised with tumour-free margins last week").red_flags


def test_the_stairs_in_a_list_of_rises_needing_another_person_is_dependence():
    assert extract("can't get up the stairs or off the sofa without her son").slots()["severity"] == "severe"
