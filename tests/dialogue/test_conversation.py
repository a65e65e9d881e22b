"""Dialogue decisions without a server: ask one question at a time, recommend, revise, answer."""

from __future__ import annotations

import pytest

from imnm.dialogue.conversation import respond

COMPLETE = {"antibody": "HMGCR", "weight_kg": 70.0, "severity": "moderate", "statin_status": "current",
            "statin_exposure": True, "audience": "clinician"}


def turn(text="", slots=None, intent="give_facts", found=True, problems=None, changes=None, done=False,
         found_names=frozenset()):
    return respond(text=text, intent=intent, slots=slots or {}, found_facts=found,
                   problems=problems or [], changes=changes or {}, already_recommended=done,
                   found_names=found_names)


def test_asks_for_antibody_first_and_gives_no_dose():
    reply = turn("70 kg", {"weight_kg": 70.0})
    assert "antibody" in reply.text.lower() and "mg/day" not in reply.text and not reply.recommended


def test_asks_one_question_at_a_time_in_order():
    reply = turn("HMGCR+", {"antibody": "HMGCR"})
    assert "severe" in reply.text and "weigh" not in reply.text


def test_complete_facts_give_a_cited_plan_with_computed_dose():
    reply = turn("...", COMPLETE)
    assert reply.recommended and "70 mg/day" in reply.text and "methotrexate" in reply.text
    assert "[1" in reply.text and "S000" in reply.text


def test_correction_says_what_changed():
    slots = {**COMPLETE, "weight_kg": 80.0}
    reply = turn("sorry, 80 kg", slots, changes={"weight_kg": (70.0, 80.0)}, done=True)
    assert "weight 80 kg (was 70 kg)" in reply.text and "80 mg/day" in reply.text


def test_problem_is_reported_and_nothing_guessed():
    reply = turn("wt 7000 kg", {}, found=False, problems=["I did not use the weight '7000 kg'"])
    assert "7000" in reply.text and "mg/day" not in reply.text


def test_patient_audience_gets_no_doses():
    reply = turn("...", {**COMPLETE, "audience": "patient"})
    assert reply.recommended and "mg" not in reply.text and "care team" in reply.text


def test_unknown_audience_falls_back_to_clinician_and_says_so():
    reply = turn("...", {**COMPLETE, "audience": "astronaut"})
    assert "answering for a clinician" in reply.text and "70 mg/day" in reply.text


def test_follow_up_why_explains_with_trace():
    reply = turn("why?", COMPLETE, intent="ask_question", found=False, done=True)
    assert "Why this plan" in reply.text and "induction.prednisone.adult" in reply.text


def test_follow_up_sources_lists_full_citations_with_status():
    reply = turn("sources?", COMPLETE, intent="ask_question", found=False, done=True)
    assert "Mammen AL" in reply.text and "summary-only" in reply.text


def test_cannot_take_methotrexate_gives_computed_alternatives():
    reply = turn("what if she can't take methotrexate?", COMPLETE, intent="ask_question", found=False)
    assert "140-210 mg/day" in reply.text and "ycophenolate" in reply.text


def test_guideline_question_without_patient_is_answered_with_citations():
    reply = turn("what is the preferred steroid-sparing agent?", {}, intent="ask_question", found=False)
    assert "ethotrexate" in reply.text and "Sources" in reply.text


def test_out_of_scope_is_declined_with_suggestions():
    reply = turn("what's the weather like?", {}, intent="out_of_scope", found=False)
    assert "outside what I cover" in reply.text and "do not address" in reply.text


def test_patient_asking_for_a_dose_gets_the_usual_dose_and_who_sets_theirs():
    """Patients and relatives ask for doses (every independent set's authors expected them): the dose the
    sources give, never a number of their own to act on without their team."""
    reply = turn("what dose of prednisone should I take?", {"audience": "patient"}, intent="ask_question", found=False)
    assert "care team" in reply.text and "prednisone" in reply.text
    assert "1 mg/kg/day" in reply.text and "mg/day (" not in reply.text  # no weight: nothing worked out


def test_patient_with_a_known_weight_gets_the_dose_worked_out_for_it():
    slots = {"audience": "patient", "antibody": "HMGCR", "weight_kg": 88, "age_years": 74}
    reply = turn("the doctor mentioned steroids, what dose would that be for him?", slots, intent="ask_question",
                 found=False)
    assert "88 mg/day" in reply.text and "1 mg/kg x 88 kg" in reply.text
    assert "Do not change a dose yourself" in reply.text


def test_a_child_gets_the_juvenile_dose_not_the_adult_one_worked_out():
    slots = {"audience": "patient", "antibody": "SRP", "weight_kg": 30, "age_years": 10}
    reply = turn("how much prednisolone would she be on?", slots, intent="ask_question", found=False)
    assert "60 mg/day" in reply.text and "30 mg/day" not in reply.text


def test_greeting_alone_gets_the_greeting_and_intended_use():
    reply = turn("hello", {}, intent="greet", found=False)
    assert "IMNM" in reply.text and "does not replace" in reply.text and not reply.recommended


def test_greeting_that_carries_all_facts_gets_the_plan():
    reply = turn("hi! 70 kg, HMGCR+, moderate, on atorvastatin", COMPLETE, intent="greet")
    assert reply.recommended and "70 mg/day" in reply.text


def test_thanks_with_a_correction_is_a_correction():
    slots = {**COMPLETE, "weight_kg": 80.0}
    reply = turn("thanks - actually 80 kg", slots, intent="thank", changes={"weight_kg": (70.0, 80.0)}, done=True)
    assert "80 mg/day" in reply.text


def test_the_words_not_the_classifier_decide_a_reset():
    from imnm.dialogue.conversation import StartOver, start_over_kind

    assert start_over_kind("start over", "start_over", found_facts=False) is StartOver.RESET
    assert start_over_kind("reset please", "start_over", found_facts=False) is StartOver.RESET
    new = start_over_kind("new patient: 62 kg, SRP+, severe", "give_facts", found_facts=True)
    assert new is StartOver.RESET_WITH_NEW_FACTS
    assert start_over_kind("next pt - HMGCR pos, 80 kg", "start_over", True) is StartOver.RESET_WITH_NEW_FACTS
    # The classifier may call a description or a bare "ok" "start over": nothing may be wiped.
    assert start_over_kind("patient requiring BiPAP overnight, HMGCR+", "start_over", True) is StartOver.NOT_A_RESET
    assert start_over_kind("ok", "start_over", found_facts=False) is StartOver.NOT_A_RESET
    assert start_over_kind("sorry, 80 kg", "give_facts", found_facts=True) is StartOver.NOT_A_RESET


def test_a_question_with_some_facts_is_answered_then_the_missing_fact_is_asked():
    reply = turn("aza dosing pls, 70kg woman", {"weight_kg": 70.0}, found_names=frozenset({"weight_kg"}))
    assert "azathioprine" in reply.text.lower() and "2-3 mg/kg/day" in reply.text
    assert reply.text.rstrip().endswith("seronegative?"), "then the next missing fact (antibody)"
    assert not reply.recommended


def test_the_asking_sentence_decides_the_topic():
    reply = turn("new dx anti-HMGCR IMNM 58M, started pred 1mg/kg. which steroid sparer do u add first line?",
                 {"antibody": "HMGCR", "age_years": 58.0}, found_names=frozenset({"antibody", "age_years"}))
    first_answer = reply.text.split("\n")[0].lower()
    assert "methotrexate" in first_answer


def test_an_off_topic_message_with_only_an_age_keeps_nothing():
    reply = turn("amoxicillin dose for otitis media in a 3 yo", {"age_years": 3.0}, intent="out_of_scope",
                 found_names=frozenset({"age_years"}))
    assert "IMNM" in reply.text and reply.discard_facts and not reply.recommended


def test_a_question_the_classifier_took_for_facts_is_still_answered():
    reply = turn("does he need pcp prophylaxis on pred 60 + mtx?", {}, found=False)
    assert "pneumocystis" in reply.text.lower()


def test_a_checkpoint_question_about_weakness_keeps_its_facts():
    reply = turn("pt is on immunotherapy for metastatic melanoma, new myalgia and weakness",
                 {"ici_exposure": True, "red_flags": ["malignancy"]}, intent="out_of_scope",
                 found_names=frozenset({"ici_exposure", "red_flags"}))
    assert not reply.discard_facts


def test_a_short_answer_to_the_bots_question_keeps_its_fact_whatever_the_classifier_says():
    reply = turn("no immunotherapy", {"ici_exposure": False}, intent="out_of_scope",
                 found_names=frozenset({"ici_exposure"}))
    assert not reply.discard_facts


def test_a_question_the_sources_do_not_address_is_told_so_before_the_related_entries():
    reply = turn("do we need to check TPMT before starting azathioprine?", {}, intent="ask_question", found=False)
    assert reply.text.startswith("The five source texts do not address TPMT")
    assert "zathioprine" in reply.text.split("What they do say", 1)[1]


def test_a_silent_topic_is_told_so_even_when_the_classifier_calls_it_off_topic():
    reply = turn("any role for tofacitinib in refractory imnm?", {}, intent="out_of_scope", found=False)
    assert "do not address JAK inhibitors" in reply.text


def test_a_patient_asking_about_a_silent_topic_is_sent_to_the_care_team():
    reply = turn("can I breastfeed on these tablets?", {"audience": "patient"}, intent="ask_question", found=False)
    assert "do not address pregnancy" in reply.text and "care team" in reply.text


def test_a_covered_question_gets_no_silence_notice():
    reply = turn("how much IVIG do we give?", {}, intent="ask_question", found=False)
    assert "do not address" not in reply.text and "2 g/kg" in reply.text


def test_treatments_already_tried_are_not_offered_as_the_next_step():
    reply = turn("still weak despite pred, MTX and IVIG for 6 months - what next?", {}, intent="ask_question",
                 found=False)
    first_entry = next(line for line in reply.text.splitlines() if line.startswith("- **"))
    assert "ituximab" in reply.text
    assert "IVIG" not in first_entry and "ethotrexate" not in first_entry


def test_a_question_naming_a_checkpoint_drug_by_its_short_name_gets_the_checkpoint_entries():
    reply = turn("nivo-associated myositis, how do we manage it?", {}, intent="ask_question", found=False)
    assert "checkpoint" in reply.text.lower()


def test_silence_names_the_words_that_showed_it():
    reply = turn("is ezetimibe ok for his lipids now the statin is stopped?", {}, intent="ask_question", found=False)
    assert "do not address" in reply.text and "ezetimibe" in reply.text


def test_a_question_that_also_switches_to_the_patient_view_is_answered_in_that_view():
    reply = turn("my neurologist says I need IVIG, what is it?", {"audience": "patient"}, intent="ask_question",
                 found=False, changes={"audience": ("clinician", "patient")})
    assert reply.text.startswith("Switched to the patient") and "IVIG" in reply.text and "mg" not in reply.text


def test_asking_what_the_sources_recommend_gets_the_regimen_not_the_reference_list():
    reply = turn("severe disease on the ward. which regimen do the sources recommend?", {}, intent="ask_question",
                 found=False)
    assert "Sources in the knowledge base" not in reply.text and "IVIG" in reply.text


def test_a_question_asked_mid_sentence_without_a_question_mark_is_answered():
    reply = turn("new dysphagia in a known SRP pt on pred+mtx, how do we escalate", {"antibody": "SRP"},
                 intent="give_facts", found=True, found_names=frozenset({"antibody", "red_flags"}))
    assert "IVIG" in reply.text


def test_a_relapse_on_taper_asking_what_next_gets_the_added_treatments_not_the_taper():
    reply = turn("CK went back up when pred got down to 7.5 mg; he's on MTX 20 weekly. What now?", {},
                 intent="ask_question", found=False)
    first_entry = next(line for line in reply.text.splitlines() if line.startswith("- **"))
    assert "IVIG" in first_entry or "ituximab" in first_entry


def test_an_imnm_question_nothing_answers_is_told_the_sources_do_not_address_it():
    reply = turn("is IMNM more common in people who live near the sea?", {}, intent="ask_question", found=False)
    assert "the five source texts do not address this question" in reply.text
    assert "near the sea" in reply.text


def test_an_off_topic_question_is_declined_as_outside_what_the_bot_covers():
    reply = turn("inclusion body myositis treatment options?", {}, intent="out_of_scope", found=False)
    assert reply.text.startswith("That is outside what I cover") and "can't help" not in reply.text


def test_a_follow_up_on_a_plan_dose_gives_this_patients_worked_dose():
    slots = {"antibody": "HMGCR", "weight_kg": 70.0, "severity": "moderate", "statin_exposure": True,
             "statin_status": "current"}
    reply = turn("whats the actual pred dose for him then, in mg/day", slots, intent="ask_question", found=False,
                 done=True)
    assert "70 mg/day" in reply.text and "1 mg/kg" in reply.text


def test_every_topic_asked_about_is_reached_even_when_another_topic_ties():
    reply = turn("Should I start a second agent at diagnosis or wait on prednisolone alone?", {},
                 intent="ask_question", found=False)
    assert "ethotrexate" in reply.text and "rednisone" in reply.text


def test_a_result_that_comes_back_is_not_a_relapse_and_swallowing_ok_is_not_a_red_flag():
    reply = turn("any clinical clues to SRP vs HMGCR before the antibody panel comes back?", {},
                 intent="ask_question", found=False)
    assert "acial weakness" in reply.text and "taper" not in reply.text.lower()
    reply = turn("still walking and swallowing ok. What do we start him on?", {}, intent="ask_question", found=False)
    assert "acrolimus" not in reply.text


def test_a_patient_asking_to_have_the_plan_explained_gets_plain_words_not_the_rule_trace():
    slots = {"antibody": "HMGCR", "weight_kg": 72.0, "severity": "moderate", "statin_exposure": True,
             "statin_status": "current", "audience": "patient"}
    reply = turn("can you explain it for the patient?", slots, intent="ask_question", found=False, done=True,
                 changes={"audience": ("clinician", "patient")})
    assert "mg" not in reply.text and "rule " not in reply.text and "prednisone" in reply.text.lower()


def test_a_generic_question_about_a_severe_patient_gets_the_severe_regimen():
    slots = {"antibody": "HMGCR", "weight_kg": 60.0, "severity": "severe", "red_flags": ["dysphagia"]}
    reply = turn("Anti-HMGCR, 60 kg, coughing on fluids. What's the treatment plan?", slots, intent="ask_question",
                 found_names=frozenset({"antibody", "weight_kg", "red_flags"}))
    # Only the statin history is missing, which changes one line: the severe regimen is given now,
    # labelled provisional, and the statin question follows it.
    assert reply.text.startswith("**Provisional plan**") and reply.text.rstrip().endswith("never?")
    assert "acrolimus" in reply.text and "IVIG" in reply.text and "methylprednisolone" in reply.text


def test_escalating_from_the_current_treatments_offers_the_next_ones():
    reply = turn("at what point would you escalate from prednisone plus methotrexate to IVIG or rituximab?", {},
                 intent="ask_question", found=False)
    first_entry = next(line for line in reply.text.splitlines() if line.startswith("- **"))
    assert "IVIG" in first_entry or "ituximab" in first_entry


def test_a_question_whose_subject_is_in_the_sentence_before_is_checked_for_silence():
    reply = turn("since starting prednisone my sugars are through the roof. What should I do?", {},
                 intent="ask_question", found=False)
    assert reply.text.startswith("The five source texts do not address particular side effects")


def test_a_comparison_of_subtypes_reaches_each_subtypes_own_treatment():
    reply = turn("Compare anti-SRP and anti-HMGCR: which add-on would you reach for first in each?", {},
                 intent="ask_question", found=False)
    assert "ituximab" in reply.text and "IVIG" in reply.text


def test_a_question_with_a_plan_in_place_is_answered_not_met_with_the_plan_again():
    slots = {"antibody": "HMGCR", "weight_kg": 70.0, "severity": "moderate", "statin_exposure": True,
             "statin_status": "current"}
    reply = turn("Since we're stopping his atorvastatin, what lipid-lowering should he have instead?", slots,
                 intent="ask_question", found=True, done=True)
    assert "do not address" in reply.text and "the plan stands" not in reply.text


def test_a_follow_up_about_the_plan_prefers_the_plans_own_steps():
    slots = {"antibody": "HMGCR", "weight_kg": 70.0, "severity": "moderate", "statin_exposure": True,
             "statin_status": "current"}
    reply = turn("what is his actual prednisone dose in mg, and should he get an IV pulse first?", slots,
                 intent="ask_question", found=False, done=True)
    assert reply.text.startswith("In this patient's plan") and "70 mg/day" in reply.text
    assert "ethylprednisolone" in reply.text


@pytest.mark.parametrize("text,gap_words", [
    ("What's the risk of thrombosis or aseptic meningitis with 2 g/kg IVIG?", "thrombosis"),
    ("do we routinely give a PPI for gastroprotection when starting pred?", "ppi"),
    ("when would you re-dose rituximab for maintenance, fixed or by CD19 counts?", "re-dose"),
    ("would it be ok to try CBD oil alongside the methotrexate?", "cbd"),
])
def test_more_topics_the_sources_do_not_address_are_told_so(text, gap_words):
    reply = turn(text, {}, intent="ask_question", found=False)
    assert reply.text.startswith("The five source texts do not address") and gap_words in reply.text.lower()


def test_an_indirect_question_is_still_answered():
    reply = turn("I'm wondering whether there's any point giving IVIG early in anti-HMGCR disease", {},
                 intent="give_facts", found=False)
    assert "IVIG" in reply.text and "I did not find any patient facts" not in reply.text


def test_antibody_pending_gives_the_provisional_plan_without_statin_advice():
    slots = {"weight_kg": 70.0, "severity": "moderate", "statin_exposure": False, "statin_status": "never",
             "age_years": 50.0}
    reply = turn("antibody pending, never took a statin. What can we start now?", slots)
    assert reply.text.startswith("**Provisional plan**") and "antibody result" in reply.text
    assert "prednisone" in reply.text and "70 mg/day" in reply.text and "methotrexate" in reply.text
    assert "Stop the statin" not in reply.text and "The patient is on a statin" not in reply.text
    assert reply.text.rstrip().endswith("seronegative?")


def test_a_patient_with_the_antibody_pending_gets_a_plain_provisional_note():
    slots = {"weight_kg": 70.0, "severity": "moderate", "statin_status": "never", "audience": "patient"}
    reply = turn("my results are not back yet", slots)
    assert "before all the test results are back" in reply.text and "mg" not in reply.text.split("?")[0]
