"""The classes round 12's first sight showed (GP referrals, follow-up letters, oncology and infusion-unit
notes, telephone notes, families' summaries; busy clinicians, nurses and relatives in conversation): whose
fact it is (a relative in clinical shorthand, the relative a note is about, a question about a drug in
general), what a finding's words really say (a troponin put down to muscle, a severity word about another
finding, a statin started then stopped), and in conversation the plan asked for in words no list holds."""

from __future__ import annotations

import pytest

from imnm.dialogue.conversation import StartOver, asks_what_to_do, respond, start_over_kind
from imnm.dialogue.frames import ruled_out
from imnm.engine.knowledge import default_knowledge
from imnm.language.extract import extract

KB = default_knowledge()
PATIENT = {"antibody": "HMGCR", "weight_kg": 70.0, "severity": "moderate", "statin_exposure": True,
           "statin_status": "current", "age_years": 60.0, "age_band": "adult"}


@pytest.mark.parametrize("text", [
    "FHx: wife dx breast ca 2022 (not pt). Father d. MI at 71. Anti-HMGCR positive.",
    "PMH: T2DM. Father d. colon cancer at 68. Anti-HMGCR antibody positive.",
    "Never took statins. Wife (51) recently dx breast cancer, undergoing chemo; pt is her carer.",
    "FHx: mother (45) hypothyroid; grandfather d. lung cancer. Wt 55 kg.",
])
def test_a_relatives_illness_in_clinical_shorthand_is_not_the_patients(text):
    assert "malignancy" not in (extract(text).slots().get("red_flags") or [])


@pytest.mark.parametrize("text", [
    "Myositis antibodies: HMGCR positive | AChR antibodies | Negative | <0.25 nmol/L",
    "ANA: positive 1:160 speckled. AChR antibody: negative. HBsAg: negative.",
])
def test_a_negative_result_in_the_next_cell_negates_the_finding(text):
    assert "myasthenic" not in (extract(text).slots().get("red_flags") or [])


@pytest.mark.parametrize("text, cardiac", [
    ("CK 890 U/L (ref 25-200), troponin I 6 ng/L (normal), TSH 2.2", False),
    ("Labs: CK 7,340 U/L. Troponin 11 (ref <14).", False),
    ("Troponin T 48 ng/L (ref <14) - likely skeletal muscle source; bedside echo LVEF ~60%.", False),
    ("Troponin T 22 ng/L (ref <14) with normal ECG and a normal echo.", False),
    ("hs-troponin I 2,310 ng/L (ref <34). ECG: new RBBB.", True),
])
def test_a_troponin_is_cardiac_only_when_raised_and_not_put_down_to_muscle(text, cardiac):
    assert ("cardiac" in (extract(text).slots().get("red_flags") or [])) is cardiac


@pytest.mark.parametrize("text, severity", [
    ("Today: walks independently, no aid; needs hands on knees to stand from a chair; manages stairs w/ rail. "
     "Mild exertional dyspnea, attributed to ILD.", "moderate"),
    ("Reports no functional limitation - gardens, walks daily. Hip flexors 4+/5.", "mild"),
    ("Walking unaided, climbing two flights of stairs at work and getting up from the floor without help. "
     "Power 5/5 throughout except neck flexion 4+/5.", "mild"),
    ("Today she walks indoors with a rollator and uses a wheelchair for anything outside the house.", "moderate"),
    ("On arrival required assistance of one person for sit-to-stand and to transfer to the commode.", "severe"),
    ("thighs a bit weak but walks fine, still gardening", "mild"),
    ("Patient ambulant, says he has no difficulty with stairs now; just notices mild weakness lifting his arms. "
     "Advised to call the nurse line if headache severe.", "mild"),
])
def test_severity_is_what_the_patient_can_do_not_a_word_about_another_finding(text, severity):
    assert extract(text).slots().get("severity") == severity


@pytest.mark.parametrize("text, status", [
    ("She was started on atorvastatin 40 mg in 2021. In September I stopped the atorvastatin.", "past"),
    ("Allergies/intolerances: atorvastatin - muscle disease (anti-HMGCR myopathy 2024)", "past"),
    ("STOPPED: Atorvastatin 40 mg - DO NOT RESTART (cause of myopathy)", "past"),
    ("She was never treated with statins.", "never"),
    ("She is not on any lipid-lowering treatment and never has been (cholesterol 4.6).", "never"),
    ("stopped simvastatin in 2019, now on rosuvastatin 10 mg", "current"),
])
def test_the_statin_timing_the_document_ends_on(text, status):
    assert extract(text).slots().get("statin_status") == status


@pytest.mark.parametrize("text, key, value", [
    ("Re: Mrs Janet HOLLOWAY  DOB 14/02/1958 (66)  NHS no. 9", "age_years", 66),
    ("Re: Mr Jonathan BAPTISTE, 59 - metastatic clear cell renal cell carcinoma", "age_years", 59),
    ("GP here. Lady of 47 in my practice, just diagnosed with anti-SRP myopathy", "age_years", 47),
    ("Wt 64.9 kg (66.1 kg on 11/12). Obs stable.", "weight_kg", 64.9),
    ("Weight: 63.5 kg on the home's chair scales last week (68 kg in June).", "weight_kg", 63.5),
    ("Patient: Mrs Gwen Ashworth | Age 77 | Wt: 65.0 kg (pre-ICI 71 kg)", "weight_kg", 65.0),
])
def test_measures_in_headers_and_beside_earlier_ones(text, key, value):
    assert extract(text).slots().get(key) == value


def test_the_relative_a_note_is_about_is_the_patient():
    slots = extract("Caller: daughter re: her mother Mrs Doreen Platt, 82, anti-SRP necrotising myopathy. "
                    "Daughter reports since Tuesday mum has been choking on food.").slots()
    assert slots["age_years"] == 82 and slots["red_flags"] == ["dysphagia"]


def test_a_relative_told_of_as_a_patient_by_a_writer_who_is_not_ill():
    assert extract("my husband is 6 foot and 210 lbs, he's on nivolumab for lung cancer").slots()["weight_kg"] == 95.3
    assert "statin_status" not in extract("I have IMNM and my husband is on atorvastatin").slots()


def test_a_question_about_a_drug_in_general_sets_nothing():
    assert extract("what's the standard dose of pembrolizumab for melanoma?").slots() == {}
    assert extract("anti-SRP 70 kg FVC 60% - what dose of IVIG?").slots()["red_flags"] == ["respiratory"]


def test_a_checkpoint_inhibitor_discussed_or_declined_was_not_given():
    text = ("We discussed pembrolizumab at length. We have recommended chemoradiotherapy rather than "
            "immunotherapy; she has not received any checkpoint inhibitor.")
    assert not extract(text).slots().get("ici_exposure")


@pytest.mark.parametrize("text", [
    "what's left?",
    "so what should actually be started?",
    "she struggles to get up from a chair. what is the treatment normaly",
    "what can we start now?",
])
def test_the_plan_asked_for_in_words_no_list_holds(text):
    assert asks_what_to_do(text)


@pytest.mark.parametrize("text", [
    "what dose of IVIG?",
    "how should I be monitoring response",
    "what's the evidence for rituximab?",
])
def test_a_question_with_a_topic_or_an_aspect_is_not_the_plan(text):
    assert not asks_what_to_do(text)


def test_if_it_fails_is_answered_before_the_first_line_plan_is_complete():
    slots = {"antibody": "HMGCR", "weight_kg": 95.0, "age_years": 44.0, "age_band": "adult"}
    reply = respond("and if he doesn't respond adequately what gets added?", "ask_question", slots, False, [], {},
                    False, history=["44M HMGCR IMNM 95kg. started pred 95 + MTX 20 wkly 6 wks ago"])
    assert "IVIG" in reply.text and "do not address" not in reply.text and "Provisional plan" in reply.text


def test_an_opener_about_the_disease_is_never_told_cant_help():
    reply = respond("pt with IMNM, want to start treatment today", "out_of_scope", {}, False, [], {}, False)
    assert "can't help" not in reply.text and "Describe the patient" in reply.text


def test_a_different_patient_talked_about_in_passing_does_not_clear_this_one():
    text = ("random one - an EMG report on a different patient mentioned myotonic discharges. in general which "
            "IMNM group is that associated with?")
    assert start_over_kind(text, "ask_question", False) is StartOver.NOT_A_RESET
    assert start_over_kind("different patient now: 60 kg, SRP+", "give_facts", True) is StartOver.RESET_WITH_NEW_FACTS


def test_a_drug_said_to_be_out_is_ruled_out():
    assert ruled_out("we planned pred + MTX but heavy alcohol hx so MTX is out", KB) == {"methotrexate"}


def test_a_dose_asked_before_the_weight_is_worked_out_when_it_comes():
    slots = {"antibody": "HMGCR", "weight_kg": 80.0, "audience": "clinician"}
    reply = respond("lol 80.0 kg sorry", "give_facts", slots, True, [], {"weight_kg": (None, 80.0)}, False,
                    found_names=frozenset({"weight_kg"}), history=["HMGCR pt, 800 kg, pred dose?"])
    assert "80 mg" in reply.text


def test_a_question_asked_with_new_facts_is_answered_first():
    slots = {"antibody": "seronegative", "weight_kg": 58.0, "severity": "moderate", "statin_exposure": False,
             "statin_status": "never", "age_years": 45.0, "age_band": "adult", "refractory": True}
    reply = respond("3 months on: CK 10000 -> 3000, still can't rise from a chair. what's the max daily MMF dose?",
                    "give_facts", slots, True, [], {"severity": (None, "moderate"), "refractory": (None, True)}, True)
    assert "3 g" in reply.text.split("**IMNM plan**")[0]


@pytest.mark.parametrize("text, gap", [
    ("What premedication and infusion rate titration do you use for the first rituximab infusion?",
     "premedication"),
    ("What are the sensitivity and specificity of the anti-HMGCR antibody assay?", "how accurate"),
    ("what specific tacrolimus side effects should we monitor for?", "side effects"),
    ("what's the standard dose of pembrolizumab for melanoma?", "checkpoint inhibitor"),
])
def test_what_the_sources_do_not_address_is_said(text, gap):
    reply = respond(text, "ask_question", dict(PATIENT), False, [], {}, True)
    assert "do not address" in reply.text and gap in reply.text


def test_a_patient_asking_whether_a_dose_told_is_right_gets_the_worked_dose():
    slots = {"antibody": "SRP", "weight_kg": 28.0, "age_years": 9.0, "age_band": "juvenile", "audience": "patient"}
    reply = respond("the hospital put her on prednisolone 56 mg a day. that sounds a LOT for a little girl, is it "
                    "right?", "ask_question", slots, False, [], {}, False)
    assert "56 mg" in reply.text


@pytest.mark.parametrize("text, key, value", [
    ("No bulbar, cardiac or respiratory involvement. Anti-HMGCR positive.", "red_flags", None),
    ("Treated with chemotherapy and radiotherapy but never with immune checkpoint inhibitors.", "ici_exposure", False),
])
def test_cues_medspacys_context_caught_that_these_rules_lacked(text, key, value):
    assert extract(text).slots().get(key) == value


def test_announcing_a_question_about_the_disease_is_an_opener():
    reply = respond("I have a question about myositis dosing", "out_of_scope", {}, False, [], {}, False)
    assert "can't help" not in reply.text and "Describe the patient" in reply.text


def test_what_to_start_with_no_facts_yet_gets_the_first_line_as_the_sources_give_it():
    reply = respond("don't know her weight either yet. what can we start now?", "ask_question", {}, False, [], {},
                    False, history=["pt with IMNM, want to start treatment today"])
    assert "prednisone" in reply.text.lower() and "1 mg/kg" in reply.text


def test_a_drug_named_turns_before_is_what_the_range_is_of_when_facts_come_with_the_question():
    slots = {"weight_kg": 90.0, "age_band": "adult"}
    reply = respond("for my patient, 90 kg adult with IMNM. what's the range?", "give_facts", slots, True, [],
                    {"weight_kg": (None, 90.0), "age_band": (None, "adult")}, False,
                    found_names=frozenset({"weight_kg", "age_band"}),
                    history=["I have a question about myositis dosing", "azathioprine"])
    assert "180-270" in reply.text


def test_a_patient_asking_what_the_treatment_is_gets_the_plain_plan_with_the_facts_just_given():
    slots = {"antibody": "HMGCR", "severity": "moderate", "statin_exposure": True, "statin_status": "past",
             "age_years": 78.0, "age_band": "adult", "audience": "patient"}
    reply = respond("she struggles to get up from a chair, has to push on the arms, and walks with her stick. what "
                    "is the treatment normaly", "ask_question", slots, True, [], {"severity": (None, "moderate")},
                    False, found_names=frozenset({"severity"}))
    assert "steroid" in reply.text.lower() and "what does the patient weigh" not in reply.text.lower()


def test_how_long_one_course_takes_is_not_how_long_treatment_lasts():
    slots = {"antibody": "HMGCR", "age_years": 52.0, "age_band": "adult", "audience": "patient"}
    reply = respond("they said i need IVIG drip every month. what is it for and how long does each go take?",
                    "ask_question", slots, False, [], {}, False)
    assert "days" in reply.text
