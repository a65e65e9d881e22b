"""The thread of a conversation over REST (issue 17), one test per finding of the new-user trial."""

from __future__ import annotations

import uuid

import pytest

pytestmark = pytest.mark.e2e


def talk(servers, *turns: str) -> tuple[str, dict]:
    sender = f"thread-{uuid.uuid4().hex[:10]}"
    reply = ""
    for text in turns:
        reply = servers.send(sender, text)
    return reply, servers.tracker(sender)["slots"]


def test_a_follow_up_that_refers_back_gets_the_dose_of_that(servers):
    reply, _ = talk(servers, "seronegative IMNM, moderate, 70kg, 66 y/o, no statins ever",
                    "whats the preferred steroid sparing agent", "what dose of that")
    assert "methotrexate" in reply and "15-25 mg/week" in reply and "can't help" not in reply


def test_the_course_moves_the_plan_to_the_refractory_options(servers):
    reply, slots = talk(servers, "59M with HMGCR IMNM, moderate, 84kg, ex-atorvastatin",
                        "not getting better after 3 months on pred and MTX", "next step?")
    assert slots["refractory"] is True and "If refractory, add one" in reply and "IVIG" in reply


def test_a_general_question_sets_no_patient_facts(servers):
    _, slots = talk(servers, "35F SRP+ IMNM, 70 kg, moderate, no statin",
                    "thanks. out of interest how often do IMNM pts relapse on taper generally?")
    assert slots["refractory"] is None and slots["antibody"] == "SRP"
    _, general = talk(servers, "do all anti-HMGCR patients have statin exposure?")
    assert general["antibody"] is None and general["statin_status"] is None


def test_a_relative_is_answered_in_plain_words(servers):
    reply, slots = talk(servers, "my mum has just been told she has necrotizing myopathy, what is it?")
    assert "immune system attacks the muscles" in reply and "Describe the patient" not in reply
    assert slots["audience"] == "patient"


def test_an_opener_without_facts_is_invited_to_describe_the_patient(servers):
    reply, _ = talk(servers, "Can you help me treat a patient with necrotizing myopathy?")
    assert reply.startswith("Yes. Describe the patient") and "do not address" not in reply


def test_an_unanswered_question_does_not_loop_and_the_urgent_plan_is_not_held_back(servers):
    sender = f"thread-{uuid.uuid4().hex[:10]}"
    first = servers.send(sender, "anti-SRP, 60 kg, severe weakness with respiratory compromise")
    assert "Consider admission" in first and "statin" in first.splitlines()[-1]
    second = servers.send(sender, "yes")
    third = servers.send(sender, "yes")
    assert "For example" in second and not third.rstrip().endswith("?")
    assert servers.tracker(sender)["slots"]["set_aside"] == ["statin_exposure"]


def test_a_focused_question_gets_a_focused_answer(servers):
    reply, _ = talk(servers, "58 kg, SRP positive, moderate, never on a statin, 40 years old",
                    "What's the IVIG dose for him?")
    assert "not part of this patient's current plan" in reply and "116 g/course" in reply
    assert "monotherapy" not in reply


def test_pasted_clinical_text_is_read_sentence_by_sentence(servers):
    letter = ("Dear Dr Patel, Thank you for seeing Mrs J, aged 61, with anti-3-hydroxy-3-methylglutaryl "
              "coenzyme A reductase antibody positive necrotising myopathy. She weighs 64 kg. She did not take "
              "statins. Despite three months of prednisolone and methotrexate her CK remains 8,000 and she "
              "still cannot rise from a chair. Her mother had breast cancer.")
    _, slots = talk(servers, letter)
    assert slots["antibody"] == "HMGCR" and slots["weight_kg"] == 64.0 and slots["age_years"] == 61.0
    assert slots["statin_status"] == "never" and slots["refractory"] is True
    assert not slots["red_flags"]


def test_which_of_those_chooses_among_the_drugs_of_the_bots_last_answer(servers):
    reply, _ = talk(servers, "62F anti-HMGCR, moderate, 60 kg, never on a statin",
                    "what if she can't tolerate methotrexate?", "which of those is dosed by weight?")
    chosen = next(line for line in reply.splitlines() if line.startswith("- dosed by weight"))
    assert "azathioprine" in chosen and "120-180 mg/day" in chosen and "methotrexate" not in reply


def test_two_patients_in_one_message_are_not_merged_into_one(servers):
    reply, slots = talk(servers, "Pt 1: 54F anti-SRP, 60 kg, severe. Pt 2: 70M anti-HMGCR, 80 kg, on atorvastatin. "
                                 "IVIG dose?")
    assert "2 patients" in reply and "Which one" in reply
    assert slots["antibody"] is None and slots["weight_kg"] is None and slots["statin_status"] is None


def test_the_patient_picked_after_two_gets_that_patients_facts(servers):
    reply, slots = talk(servers, "Pt 1: 54F anti-SRP, 60 kg, severe. Pt 2: 70M anti-HMGCR, 80 kg, on atorvastatin.",
                        "For patient 2, what IVIG dose?")
    assert slots["antibody"] == "HMGCR" and slots["weight_kg"] == 80 and slots["statin_status"] == "current"
    assert "160 g" in reply


def test_a_treatment_already_given_is_not_offered_as_the_next_step(servers):
    # Told over two turns: the course first, then the treatment that did not work.
    reply, slots = talk(servers, "anti-HMGCR IMNM, 72 kg, 58 y, moderate, stopped atorvastatin last year",
                        "on pred and MTX for 4 months, still needs her arms to get out of a chair",
                        "she also had IVIG x3 with no real improvement - what now?")
    assert slots["refractory"] is True
    assert set(slots["treatments_tried"]) >= {"prednisone", "methotrexate", "ivig"}
    options = next(line for line in reply.splitlines() if line.startswith("**If refractory, add one:**"))
    assert not options.removeprefix("**If refractory, add one:** ").startswith("IVIG")
    assert "IVIG **144 g/course** (2 g/kg x 72 kg) (already given)" in options


def test_a_drug_ruled_out_over_rest_is_kept_and_the_plan_leads_with_the_open_alternative(servers):
    # The slot set by the Rasa server from the extractor's entity, merged by the action, and the plan that follows.
    reply, slots = talk(servers, "anti-HMGCR IMNM, 70 kg, 52 y, moderate, never on a statin",
                        "she has cirrhosis so methotrexate is out", "plan?")
    assert slots["treatments_ruled_out"] == ["methotrexate"]
    assert "**Steroid-sparing:** azathioprine **140-210 mg/day**" in reply
    assert "methotrexate (ruled out for this patient)" in reply


def test_a_light_patient_without_an_age_is_asked_the_age_that_changes_the_dose(servers):
    reply, slots = talk(servers, "HMGCR IMNM, moderate, 45 kg, never on a statin")
    assert "still missing: the age" in reply and "How old is the patient?" in reply
    reply, slots = talk(servers, "HMGCR IMNM, moderate, 45 kg, never on a statin", "she's 15")
    assert slots["age_band"] == "juvenile" and "**60 mg/day**" in reply
