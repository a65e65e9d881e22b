"""Classes left over from round 31, each on sentences written for this test (not the sets' own).

The gap between two doses asked as "how long after the first"; a raised CK told as back ("CK 9k again") after a
wean; a question and the plan asked for in one sentence ("how often does that happen, and what now?").
"""

from __future__ import annotations

from imnm.dialogue.conversation import separate_questions
from imnm.language.extract.course import NO_RESPONSE
from tests.dialogue.test_round31_classes import reply

ADULT = {"antibody": "SRP", "weight_kg": 70.0, "age_years": 50, "age_band": "adult"}


def test_the_gap_between_doses_is_their_schedule_not_how_long_treatment_lasts():
    history = ["44M, SRP+, 70 kg, rituximab planned this month"]
    answer = reply("and the next dose goes in how long after the first one?", ADULT, history)
    first = next(line for line in answer.splitlines() if line.startswith("- "))
    assert "two weeks apart" in first
    lasting = reply("how long will he need to stay on it?", ADULT, history)
    assert next(line for line in lasting.splitlines() if line.startswith("- ")).startswith("- **Do not stop too early")


def test_a_raised_ck_told_as_back_is_a_bad_response():
    assert NO_RESPONSE.search("June: CK 11k again and struggling with stairs")
    assert NO_RESPONSE.search("CK of 7,400 back after the wean")
    assert not NO_RESPONSE.search("CK 180 back to normal")
    assert not NO_RESPONSE.search("CK 250 again")


def test_a_question_and_the_plan_asked_for_in_one_sentence_are_two_questions():
    assert separate_questions("how common is that, and what next?") == ["how common is that?", "what next?"]
    assert separate_questions("is this something that happens a lot and what do we do now?") == [
        "is this something that happens a lot?", "what do we do now?"]
    assert separate_questions("what dose, and for how long?") == []
    assert separate_questions("is IVIG or rituximab the next step?") == []


def test_a_count_of_months_is_ordinal_from_the_start_of_treatment():
    from imnm.language.extract.course_state import months_of_treatment
    assert months_of_treatment("month 1: pred 60 + aza. month 3: still needs help off the sofa") == 3.0
    assert months_of_treatment("month 2 pred + MTX. month 4 still weak") == 2.0


# Round 32's classes.

def test_a_question_about_patients_in_general_sets_no_fact_even_without_its_question_mark():
    from imnm.language.extract import extract
    for text in ("separate q - what fraction of anti-SRP patients have never had a statin?",
                 "roughly what percentage of HMGCR pts never took a statin"):
        slots = {k: v for k, v in extract(text).slots().items() if v not in (None, [], "")}
        assert not {"antibody", "statin_exposure"} & set(slots), (text, slots)


def test_function_told_by_an_aid_in_the_plural_or_a_list_after_the_weakness():
    from imnm.language.extract import extract
    assert extract("mobilising with two sticks now").slots()["severity"] == "moderate"
    assert extract("CK up again and weaker again: stairs, the loo").slots()["severity"] == "moderate"


def test_a_drug_given_with_its_frequency_before_the_count_is_a_treatment_tried():
    from imnm.language.extract import extract
    assert "ivig" in extract("then IVIG weekly x4 with little change").slots()["treatments_tried"]


def test_if_no_better_asks_what_comes_if_the_treatment_fails():
    from imnm.dialogue.frames import IF_IT_FAILS
    assert IF_IT_FAILS.search("and if he's still not improving by the spring?")
    assert IF_IT_FAILS.search("what if there's no response after 3 months")
    assert not IF_IT_FAILS.search("if she is stronger can we taper?")


def test_whether_a_symptom_told_is_part_of_the_disease():
    state = {"antibody": "SRP", "age_years": 50, "age_band": "adult", "audience": "patient", "recommended": True,
             "severity": "severe", "red_flags": ["dysphagia"]}
    answer = reply("could this be to do with it, or something else?", state,
                   ["my husband has the SRP muscle illness and now he chokes on his tea"])
    assert "swallow" in answer


def test_weakness_still_present_is_no_statin_still_taken():
    from imnm.language.extract import extract
    assert extract("why is he still weak when he stopped the simvastatin?").slots()["statin_status"] == "past"
    assert extract("still weak, still taking simvastatin").slots()["statin_status"] == "current"


def test_a_weight_corrected_after_a_dose_request_in_the_plural():
    from imnm.dialogue.frames import asks_a_dose
    assert asks_a_dose("SRP 50F 150, steroid and MTX doses pls")


def test_an_illness_told_by_the_writer_in_the_perfect_tense_is_a_patient_writing():
    from imnm.language.extract import extract
    assert extract("I've had HMGCR myopathy since 2021 and the pred is down to 5 mg").slots()["audience"] == "patient"


def test_a_relative_reporting_a_swallowing_problem_is_told_first_to_report_it():
    answer = respond_patient("My mum has IMNM and she keeps choking when she drinks, should we worry?")
    assert answer.startswith("**Tell your team")


def respond_patient(text: str) -> str:
    from imnm.dialogue.conversation import respond
    from imnm.language.extract import extract
    slots = {k: v for k, v in extract(text).slots().items() if v not in (None, [], "")}
    return respond(text, "ask_question", slots, True, [], {k: (None, v) for k, v in slots.items()}, False,
                   frozenset(slots), [], "").text


def test_general_questions_of_a_patient_answered_from_the_sources():
    assert "years" in reply("Will I need treatment for years with this?", {"audience": "patient"})
    assert "creatine kinase" in reply("what does CK stand for and why do they keep checking it",
                                      {"audience": "patient"})
    assert "negative" in reply("my antibody results were negative - so is it not IMNM?", {"audience": "patient"})
    assert "Methotrexate" in reply("is prednisone alone ok for IMNM?", {})


def test_pasted_text_classes_of_round_32():
    from imnm.language.extract import extract

    def slots(text: str) -> dict:
        return {k: v for k, v in extract(text).slots().items() if v not in (None, [], "")}

    assert slots("coughs w/ thin fluids at meals")["red_flags"] == ["dysphagia"]
    assert slots("transfers w/ rollator + 1")["severity"] == "severe"
    assert slots("with her frame and one hand on the rail")["severity"] == "moderate"
    assert slots("Weight 82 kg. Can carry no more than 5 kg shopping, cannot lift over 8 kg.")["weight_kg"] == 82.0
    assert slots("58M. Relapse risk is lower given time since stopping MTX (>3 years).")["age_years"] == 58.0
    assert slots("HMGCR positive. Responds less reliably than in anti-SRP disease.")["antibody"] == "HMGCR"
    assert slots("Atorvastatin 20 mg nocte - withheld on admission")["statin_status"] == "past"
    assert "antibody" not in slots("HMGCR negative. Plan: biopsy; await SRP.")
    assert "red_flags" not in slots("I write for my dad. My uncle, his brother, had bowel cancer.")


def test_round_33_course_and_shorthand_classes():
    from imnm.language.extract import extract

    def slots(text: str) -> dict:
        return {k: v for k, v in extract(text).slots().items() if v not in (None, [], "")}

    relapse = slots("weaned the pred to 7.5 mg in March -> CK 11k, back to pulling himself up the stairs")
    assert relapse["refractory"] is True and relapse["severity"] == "moderate"
    assert slots("MTX tapered, now swallowing worse, CK up to 9,500")["refractory"] is True
    assert slots("June: weakness coming back on the stairs")["severity"] == "moderate"
    assert slots("can't rise without 2 nurses + choking on thin fluids")["red_flags"] == ["dysphagia"]
    assert slots("55M HMGCR, 80 kg, rollator")["severity"] == "moderate"
    assert slots("59F SRP, simva prev")["statin_status"] == "past"
    assert "severity" not in slots("agreed a time frame, 2 weeks")


def test_instead_of_a_drug_ruled_out_is_its_alternatives():
    state = {"antibody": "HMGCR", "weight_kg": 80.0, "age_years": 57, "age_band": "adult"}
    answer = reply("what would you use instead then?", state, ["57M HMGCR, 80 kg, cirrhosis so MTX is a no-go"])
    assert "Azathioprine" in answer and "160-240 mg/day" in answer


def test_a_choice_between_two_drugs_makes_that_one_the_first_of_the_answer():
    from imnm.dialogue.conversation import CHOOSES_ONE
    assert CHOOSES_ONE.search("would you go rituximab or IVIG next for him")
    assert CHOOSES_ONE.search("what would you give instead?")


def test_a_refused_weight_is_asked_again_and_a_bare_number_answers_it():
    from imnm.dialogue.conversation import assess, next_fact_asked
    from imnm.engine.facts import Audience
    from imnm.language.context_answers import BARE_NUMBER
    refused = "A weight of 6.9 kg is not plausible for an adult, so I have not recorded it. Please check the number."
    reply = assess({"antibody": "SRP", "age_years": 50, "age_band": "adult"}, Audience.CLINICIAN, [refused], {}, False)
    assert reply.slot_updates["asked"] == "weight_kg:0" and "weigh" in reply.text
    assert next_fact_asked({"antibody": "SRP", "age_years": 50, "age_band": "adult", "asked": "weight_kg:0"}) == \
        "weight_kg"
    assert BARE_NUMBER.match("sorry 69 obviously") and not BARE_NUMBER.match("69 kg")


def test_an_age_to_come_is_not_the_age_now():
    from imnm.language.extract import extract
    slots = extract("Re: Sam K., 16 years. Transition clinic when he turns 18.").slots()
    assert slots["age_years"] == 16.0 and slots["age_band"] == "juvenile"
