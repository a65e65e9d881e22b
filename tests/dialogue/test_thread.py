"""The thread of a conversation (issue 17): follow-ups that refer back, the course of the disease,
general questions, relatives, openers, questions that go unanswered, focused answers."""

from __future__ import annotations

import pytest

from imnm.dialogue.conversation import respond
from imnm.language.extract import extract

SRP_ADULT = {"antibody": "SRP", "severity": "moderate", "weight_kg": 70.0, "statin_status": "never",
             "statin_exposure": False, "age_years": 36.0}


def ask(text, slots, history=(), intent="ask_question", found=False, done=True):
    return respond(text=text, intent=intent, slots=dict(slots), found_facts=found, problems=[], changes={},
                   already_recommended=done, history=history)


@pytest.mark.parametrize(("history", "text", "expected"), [
    (("whats the preferred steroid sparing agent",), "what dose of that", "methotrexate **15-25 mg/week**"),
    (("deranged LFTs so not keen on MTX, planning azathioprine instead",), "what dose of that for her?",
     "**140-210 mg/day**"),
    (("could rituximab be an option for her?",), "how much would she get", "**1000 mg per dose**"),
    (("ok. rituximab for her - dose?",), "over how many days?", "two weeks apart"),
])
def test_a_follow_up_that_says_that_or_nothing_finds_its_subject(history, text, expected):
    assert expected in ask(text, SRP_ADULT, history).text


def test_the_maximum_and_the_taper_of_the_juvenile_steroid():
    child = {"antibody": "HMGCR", "severity": "moderate", "weight_kg": 52.0, "statin_status": "never",
             "age_years": 15.0}
    assert "cap prednisone at 60 mg/day" in ask("is that the max then? seems low for his weight", child,
                                                 ("pred dose?",)).text
    assert "2-4 weeks" in ask("and when do we start weaning it", child, ("pred dose for him?",)).text


def test_what_if_it_fails_shows_the_refractory_options_without_making_the_patient_refractory():
    reply = ask("what would u add if she doesnt respond to that?", SRP_ADULT)
    assert "Rituximab for refractory disease" in reply.text and "not marked refractory" in reply.text
    assert reply.slot_updates.get("refractory") is None


@pytest.mark.parametrize("text", ["what now?", "next step?", "so what changes?", "does that change anything?",
                                  "how does that change management?", "what would you do now?"])
def test_asking_for_the_plan_again_gets_the_current_plan(text):
    reply = ask(text, {**SRP_ADULT, "refractory": True})
    assert reply.recommended and "**If refractory, add one:**" in reply.text


@pytest.mark.parametrize(("text", "refractory"), [
    ("not getting better after 3 months on pred and MTX", True),
    ("on pred 60 mg for 4 wks now and if anything he's weaker", True),
    ("update at 4 months: CK back up to 5000 and she's weaker again, she was down to pred 7.5 mg", True),
    ("she's been on the steroids and methotrexate for 4 months and she's still really weak, CK still in the thousands",
     True),
    ("Despite IVIG his strength continued to decline", True),
    ("6 wks in on pred 86 + MTX 20, improving nicely, CK 12,400 -> 2,100", None),  # a good course sets nothing
    ("I'm feeling much better and my CK is normal now", None),
    ("much stronger on pred and MTX at 6 weeks. now at 4 months she is weaker again on pred 7.5 mg", True),
    ("thanks. out of interest how often do IMNM pts relapse on taper generally?", None),
    ("they're lowering his steroids now. will it come back when they lower them?", None),
])
def test_the_course_is_read_from_how_clinicians_tell_it(text, refractory):
    assert extract(text).slots().get("refractory") == refractory


@pytest.mark.parametrize(("text", "slots"), [
    ("my son is 11 and they think he has IMNM, the antibody test isn't back yet", {"age_years": 11.0}),
    ("my mum is 79 and on nivolumab for lung cancer, now she can't lift her arms and the CK is huge",
     {"age_years": 79.0, "ici_exposure": True}),
    ("hi my dad has been diagnosed with HMGCR myopathy. hes still taking his atorvastatin, should he stop it?",
     {"antibody": "HMGCR", "statin_status": "current"}),
])
def test_a_relative_writing_about_the_one_who_is_ill_gives_the_patients_facts(text, slots):
    found = extract(text).slots()
    assert {name: found.get(name) for name in slots} == slots and found["audience"] == "patient"


@pytest.mark.parametrize("text", ["her husband is on atorvastatin", "my dad takes simvastatin for his heart"])
def test_a_relative_who_is_not_the_patient_stays_someone_else(text):
    assert "statin_status" not in extract(text).slots()


@pytest.mark.parametrize("text", ["can i go back on a different statin?", "statin hx? not sure tbh",
                                  "her GP wants to restart her statin since she's better - ok?",
                                  "do all anti-HMGCR patients have statin exposure?"])
def test_questions_and_plans_about_a_statin_are_not_statin_exposure(text):
    assert "statin_status" not in extract(text).slots()


def test_asking_whether_to_stop_a_statin_means_the_patient_takes_one():
    assert extract("do I need to stop atorvastatin in her?").slots()["statin_status"] == "current"


def test_an_opener_without_facts_is_invited_to_describe_the_patient():
    reply = ask("Can you help me treat a patient with necrotizing myopathy?", {}, done=False)
    assert reply.text.startswith("Yes. Describe the patient") and "do not address" not in reply.text


def test_a_question_is_asked_once_rephrased_once_then_set_aside():
    slots = {"antibody": "SRP"}
    first = ask("hi", slots, intent="give_facts", done=False)
    slots.update(first.slot_updates)
    second = ask("yes", slots, intent="give_facts", done=False)
    slots.update(second.slot_updates)
    third = ask("yes", slots, intent="give_facts", done=False)
    slots.update(third.slot_updates)
    assert "How severe" in first.text and "For example" in second.text and "How severe" not in second.text
    assert "severity" in slots["set_aside"] and "weigh" in third.text.lower()


def test_a_severe_patient_gets_the_plan_while_the_statin_question_is_open_and_never_loops():
    slots = {"antibody": "SRP", "severity": "severe", "weight_kg": 60.0, "red_flags": ["respiratory"]}
    texts = []
    for _ in range(3):
        reply = ask("yes", slots, intent="give_facts", done=False)
        slots.update(reply.slot_updates)
        texts.append(reply.text)
    assert all("Consider admission" in text for text in texts)  # the urgent part is never held back
    assert texts[0].rstrip().endswith("never?") and "For example" in texts[1]
    assert not texts[2].rstrip().endswith("?")  # no third asking
    assert slots["set_aside"] == ["statin_exposure"]


def test_a_dose_question_about_a_drug_outside_the_plan_is_focused():
    reply = ask("What's the IVIG dose for him?", {**SRP_ADULT, "weight_kg": 80.0}).text
    assert "not part of this patient's current plan" in reply and "**160 g/course**" in reply
    assert "monotherapy" not in reply  # not the anti-HMGCR entry read out


def test_why_an_add_on_is_answered_with_its_reason_not_its_alternatives():
    reply = ask("why methotrexate on top of prednisone?", SRP_ADULT).text
    assert reply.startswith("Why methotrexate") and "two or more" in reply and "azathioprine" not in reply


def test_a_correction_that_mentions_another_patient_does_not_start_a_new_patient():
    from imnm.dialogue.conversation import StartOver, start_over_kind

    text = "actually scratch that, she's never been on a statin - was thinking of another pt"
    assert start_over_kind(text, "give_facts", True) is StartOver.NOT_A_RESET
    assert start_over_kind("next patient: 60 kg, anti-SRP", "give_facts", True) is StartOver.RESET_WITH_NEW_FACTS


def test_asking_whether_the_paediatric_dose_applies_does_not_make_the_patient_a_child():
    assert "age_band" not in extract("does the paeds dosing apply to her?").slots()
    assert extract("paediatric pt, 30kg, SRP+, what dose?").slots()["age_band"] == "juvenile"


def test_a_question_in_a_conversation_about_a_patient_is_never_declined_as_off_topic():
    reply = ask("is there anything else they can try?", {"antibody": "HMGCR", "audience": "patient"},
                intent="out_of_scope", done=False)
    assert "can't help" not in reply.text and "care team" in reply.text


@pytest.mark.parametrize("text", ["what is the plan?", "what's the plan for her", "please try again",
                                  "show me the plan again"])
def test_asking_for_the_plan_after_an_interruption_gets_it(text):
    reply = ask(text, SRP_ADULT, intent="out_of_scope", done=False)
    assert reply.recommended and "**Steroid:**" in reply.text
