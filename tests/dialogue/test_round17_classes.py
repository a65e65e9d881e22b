"""Round 17's classes, each on sentences written for this test (not the set's own): whose finding a "she" or
"he" carries after a relative, a relative's other disease, forms read field by field, statements about patients in
general, findings queried rather than found, the weight of today among earlier ones, results not yet back, and
function told as help from another person or as a limit only outdoors."""

from __future__ import annotations

import pytest

from imnm.dialogue.conversation import respond
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


@pytest.mark.parametrize("text, age", [("IMNM, anti-SRP. 48 y woman, 65 kg.", 48),
                                       ("Clinical details: 61 y male, CK 9,000", 61)])
def test_a_bare_y_before_the_person_is_an_age(text, age):
    assert slots(text)["age_years"] == age


def test_a_limit_told_as_limiting_is_moderate():
    assert slots("anti-HMGCR, 68 kg, weakness limits him on the stairs")["severity"] == "moderate"


def test_the_patients_weight_after_a_helper_relative():
    assert slots("44F, SRP +ve, can't stand from the toilet w/o her partner helping her, wt 58kg")["weight_kg"] == 58


def test_back_to_struggling_after_a_taper_is_a_relapse_and_a_level_that_came_back_is_not():
    assert slots("Pred weaned to 5 mg and he's back to struggling with the stairs.")["refractory"] is True
    assert "refractory" not in slots("Tacrolimus level came back 11 today.")


def test_a_listed_antibody_stays_the_patients_beside_a_question():
    assert slots("For him - 63 y, anti-SRP, 70 kg - how often is the damage index repeated?")["antibody"] == "SRP"


CASE = {"antibody": "SRP", "weight_kg": 70.0, "severity": "moderate", "age_years": 61.0, "age_band": "adult",
        "audience": "clinician", "recommended": True}


def ask(text: str, slots_: dict, history: list[str], last_reply: str = "") -> str:
    return respond(text, "ask_question", slots_, False, [], {}, True, history=history, last_reply=last_reply).text


def test_the_other_one_after_ruling_one_out_in_the_same_message():
    reply = ask("He reacted badly to MTX last year, so the other one. Dose for him?", CASE,
                ["70 kg, anti-SRP, moderate: methotrexate or azathioprine alongside the pred?"])
    assert reply.startswith("azathioprine") and "140-210 mg/day" in reply


def test_what_the_sources_say_about_a_topic_is_that_topic_not_the_reference_list():
    history = ["62 y, anti-HMGCR, 70 kg, moderate.", "Pred tapered to 7.5 mg and she is back to struggling on stairs."]
    reply = ask("What's the sources' view on how often this happens?", {**CASE, "refractory": True}, history)
    assert "55%" in reply and "Sources in the knowledge base" not in reply
    reply = ask("Do the guidelines warn about stopping treatment?", {**CASE, "refractory": True}, history)
    assert "prematurely" in reply
    reply = ask("Is a slowly progressive course over years in keeping with how the sources describe IMNM?", CASE, [])
    assert "atypical" in reply.lower()


def test_the_treatment_of_another_myopathy_is_not_addressed():
    reply = ask("What do the sources say about treating inclusion body myositis?", CASE, ["71M, 82 kg"])
    assert "do not address" in reply


def test_one_line_after_a_plan():
    reply = ask("Too long - one line please.", CASE, ["First-line regimen for a 70 kg woman, 61, SRP+, moderate?"],
                last_reply="**IMNM plan** (anti-SRP, moderate, 70 kg)\n**Steroid:** ...")
    assert len(reply.splitlines()) == 1 and "70 mg/day" in reply and "S000" in reply


PLAN_SLOTS = {"antibody": "HMGCR", "weight_kg": 70.0, "severity": "moderate", "statin_exposure": True,
              "statin_status": "current", "audience": "clinician", "recommended": True}
PLAN_HISTORY = ["70 kg, anti-HMGCR positive, moderate weakness, on atorvastatin"]


@pytest.mark.parametrize("question, words", [
    ("my husband takes metotrexate for his myositis, is it really only once a week?", ["methotrexate"]),
    ("Mum is on Prograf for her myositis - what blood level are they aiming for?", ["tacrolimus"]),
    ("He's had two doses of MabThera. What is it for?", ["rituximab"]),
])
def test_a_misspelt_or_brand_name_is_the_drug(question, words):
    reply = ask(question, {"audience": "patient"}, []).lower()
    assert all(word in reply for word in words) and "checkpoint" not in reply


@pytest.mark.parametrize("question", ["How common is IMNM - what's the incidence per million?",
                                      "Is muscle ultrasound useful for following IMNM?",
                                      "Her brother carries the same antibody but is well - should he be tested?"])
def test_more_gaps_are_said_to_be_gaps(question):
    assert "do not address" in ask(question, PLAN_SLOTS, PLAN_HISTORY)


def test_why_not_daily_asks_the_schedule():
    assert "once weekly" in ask("and the methotrexate - why isn't it daily?", PLAN_SLOTS, PLAN_HISTORY)


def test_whether_it_is_working_is_monitoring_not_the_drug_named_last():
    reply = ask("How will we know it's working for him?", PLAN_SLOTS, PLAN_HISTORY)
    assert "MMT8" in reply and "statin" not in reply.split("\n")[0].lower()


def test_an_examination_sign_that_points_to_a_subtype():
    assert "Facial weakness" in ask("What sign on examination points towards SRP rather than HMGCR?",
                                    {"audience": "clinician"}, [])


@pytest.mark.parametrize("text, severity", [
    ("Anti-SRP. Walks with a frame indoors, wheelchair outdoors.", "moderate"),
    ("Anti-SRP. Wheelchair-bound outside the house.", "severe"),
    ("Anti-HMGCR. Unable to walk more than a few steps.", "severe"),
    ("Anti-HMGCR. Transfers with assistance of one.", "severe"),
    ("Anti-HMGCR. Needs the assistance of one nurse to get from bed to commode.", "severe"),
    ("Anti-SRP. Climbs two flights of stairs without the rail; jogs 5 km.", "mild"),
    ("Anti-SRP. Can no longer manage stairs without the rail.", "moderate"),
    ("SRP positive, nearly back to normal - I can do stairs and walk the dog for an hour.", "mild"),
])
def test_function_outdoors_with_help_and_without_compensating(text, severity):
    assert slots(text)["severity"] == severity


def test_a_general_question_while_i_have_you_sets_nothing():
    assert "antibody" not in slots("General question while I have you: in SRP-positive patients, what feature is "
                                   "more typical?")


def test_a_patient_asking_the_target_level_gets_it_with_its_caveat():
    reply = ask("Dad is on Prograf and they keep checking his blood level - what number are they aiming for?",
                {"audience": "patient"}, [])
    assert "8-10 ng/mL" in reply and "not confirmed" in reply


def test_bone_and_infection_protection_reaches_both_entries():
    reply = ask("What bone and infection protection do the sources recommend?", PLAN_SLOTS, PLAN_HISTORY)
    assert "Pneumocystis" in reply and "vitamin D" in reply


def test_the_antibody_directed_drug_is_the_subtypes_add_on():
    reply = ask("For him, which antibody-directed drug would they favour early?", {**CASE, "severity": "severe"},
                ["39M, anti-SRP, 72 kg, needs two staff to transfer"])
    assert "rituximab" in reply.lower() and "Three serological subtypes" not in reply


def test_findings_held_by_patients_in_general_are_not_this_patients():
    facts = slots("Learning points: patients with dysphagia or respiratory involvement need escalation. Our patient: "
                  "58M, anti-SRP, walks with a stick, swallow normal.")
    assert facts.get("red_flags", []) == [] and facts["severity"] == "moderate"


def test_a_queried_finding_is_not_a_finding():
    facts = slots("Clinical history: 53M, anti-SRP IMNM, ?ILD ?respiratory muscle weakness. Spirometry normal.")
    assert facts.get("red_flags", []) == []


def test_breathlessness_stays_a_respiratory_flag_beside_ild_and_a_low_fvc_written_with_litres_is_one():
    # Calling breathlessness ILD's would lower the severity; two label sets disagree, so the safer reading stays.
    assert "respiratory" in slots("Anti-SRP IMNM with ILD. Breathless walking to the bathroom.")["red_flags"]
    assert "respiratory" in slots("Anti-SRP IMNM. FVC 1.9 L = 62% pred.")["red_flags"]


@pytest.mark.parametrize("text, weight", [
    ("Weight 2 years ago 88 kg; at diagnosis 80 kg; today 74.6 kg.", 74.6),
    ("Weight recorded as 96 kg in error - correct weight on the scales today: 69 kg.", 69),
    ("She asked about her son's leg pains. She mentioned her own weight is now 63 kg.", 63),
])
def test_the_weight_marked_as_todays(text, weight):
    assert slots(text)["weight_kg"] == weight


def test_a_relative_who_must_help_the_patient_stand():
    assert slots("My father has anti-HMGCR. He can not stand up from chair alone, I must help him every time."
                 )["severity"] == "severe"


def test_the_patient_picked_after_two_is_read_from_the_message_before():
    from imnm.language.context_answers import facts_from_context
    before = ["Patient A: 50F, anti-SRP, 60 kg, can't climb stairs. Patient B: 70M, anti-HMGCR, 80 kg, on a statin."]
    assert facts_from_context("For patient B, which points apply?", None, before).slots["weight_kg"] == 80
    assert facts_from_context("the first one please", None, before).slots["antibody"] == "SRP"
    assert facts_from_context("For patient B?", None, ["70 kg, anti-HMGCR"]).slots == {}


def test_worse_despite_steroids_on_a_checkpoint_inhibitor_reaches_its_own_pathway_once():
    slots_ = {"severity": "severe", "age_years": 68.0, "age_band": "adult", "ici_exposure": True,
              "red_flags": ["cardiac", "malignancy", "myocarditis"], "audience": "clinician"}
    reply = ask("if he gets worse despite the high dose steroids what else do the sources suggest?", slots_,
                ["68M, melanoma on ipi/nivo, proximal weakness, CK 9,400, myocarditis on MRI."])
    assert "plasma exchange" in reply and "IVIG" in reply
    # One checkpoint-inhibitor withdrawal entry, the one for severe disease, not its non-severe twin as well.
    assert reply.count("- **Interrupt or stop the checkpoint inhibitor") == 1


def test_which_of_two_drugs_and_why_gives_the_reason_for_each():
    slots_ = {"antibody": "seronegative", "weight_kg": 95.0, "severity": "moderate", "statin_status": "never",
              "statin_exposure": False, "age_band": "adult", "refractory": True, "audience": "clinician",
              "recommended": True}
    reply = ask("consultant mentions rituximab vs IVIG. which would you go with next and why", slots_,
                ["50M, antibody negative IMNM, 95 kg, statin naive.", "pred + MTX for 6 months, only partial response"])
    assert "Why rituximab" in reply and "Why IVIG" in reply
