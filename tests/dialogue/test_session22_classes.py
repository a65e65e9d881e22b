"""Classes from round 44 and from the twenty-first session's review, each on sentences written for this test (not the
set's own).

Any fact, not only a red flag, can be taken back ("scrap the statin - that was a different patient"): it becomes
unknown again and the plan asks for it; a test named and then its result ("tested twice, nothing found"); a relative's
age written "my mums 67".
"""

from __future__ import annotations

import pytest
from test_round23_classes import talk

from imnm.language.extract import extract

PATIENT = "61F anti-HMGCR IMNM, 74 kg, on rosuvastatin, struggles with stairs"


def slots(text: str) -> dict:
    return extract(text).slots()


# --- a fact taken back ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, gone", [
    ("scrap the statin - that was a different patient", {"statin_exposure", "statin_status"}),
    ("disregard the rosuvastatin, it was the other pt", {"statin_exposure", "statin_status"}),
    ("ignore the 74 kg, that belongs to the man in bed 6", {"weight_kg"}),
    ("the HMGCR was my previous patient, sorry", {"antibody"}),
    ("strike out the age, wrong chart", {"age_years", "age_band"}),
])
def test_a_fact_taken_back_is_unknown_again_and_the_rest_stays(text, gone):
    _, before = talk([PATIENT])
    _, after = talk([PATIENT, text])
    assert all(after.get(name) is None for name in gone)
    kept = {name for name in ("antibody", "weight_kg", "statin_status", "age_years", "severity") if name not in gone}
    assert {name: after.get(name) for name in kept} == {name: before.get(name) for name in kept}


def test_a_statin_taken_back_makes_the_plan_ask_for_the_statin_history():
    reply, state = talk([PATIENT, "scrap the statin - that was a different patient"])
    assert state.get("statin_status") is None
    assert "statin history" in reply and "Stop the statin" not in reply


@pytest.mark.parametrize("text, kept", [
    # A value put right, with the other patient blamed for the wrong one: the new value is this patient's.
    ("sorry - she's 66, wrong patient list", {"age_years": 66.0}),
    # Not a take-back: a reminder.
    ("don't forget the statin when you write to the GP", {"statin_status": "current"}),
    ("scratch that, she's still on rosuvastatin", {"statin_status": "current"}),
])
def test_a_reminder_or_a_value_put_right_is_not_a_take_back(text, kept):
    _, state = talk([PATIENT, text])
    assert {name: state.get(name) for name in kept} == kept


def test_a_red_flag_taken_back_with_scrap_is_absent():
    found = extract("scrap the ILD, wrong patient")
    assert "ild" in found.absent_flags and "red_flags" not in found.slots()


# --- a test named, then its result ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, antibody", [
    ("anti-SRP tested, nothing found", None),
    ("HMGCR checked x2 - none detected; SRP strongly positive", "SRP"),
    ("anti-HMGCR sent twice, nothing detected, anti-SRP positive", "SRP"),
])
def test_a_test_told_before_its_result_keeps_the_result(text, antibody):
    found = extract(text)
    assert found.antibody == antibody and not found.problems


# --- a relative's age -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, age", [
    ("my mums 67, been on simvastatin for years", 67),
    ("our dads 81 and on atorvastatin, his legs are weak", 81),
])
def test_a_relatives_age_typed_without_the_apostrophe(text, age):
    found = slots(text)
    assert found.get("age_years") == age and found.get("audience") == "patient"


# --- emphasis and typing ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "never ever been on a statin in her life",
    "he has never, ever taken a statin",
    "she never once took statins",
])
def test_never_said_with_emphasis_is_never(text):
    assert slots(text).get("statin_status") == "never"


@pytest.mark.parametrize("text", [
    "IMNM, no antibodys found on either test",
    "both antibodie's came back negative",
])
def test_antibodies_as_families_type_them(text):
    assert slots(text).get("antibody") == "seronegative"


# --- a swallow in ward and family words ------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "off his legs, and his swallow is off too",
    "her swallow's not great since Tuesday",
    "SLT think the swallow is poor",
    "he is struggling with his swallow",
])
def test_a_swallow_told_as_bad_is_dysphagia(text):
    assert "dysphagia" in (slots(text).get("red_flags") or [])


@pytest.mark.parametrize("text", ["swallow is fine", "his swallow has gone back to normal"])
def test_a_swallow_told_as_fine_is_not(text):
    found = extract(text)
    assert "dysphagia" not in found.red_flags and "dysphagia" in found.absent_flags


# --- the heart examined and cleared ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "cardiac MRI came back normal",
    "the troponin rise was skeletal muscle in origin",
    "cardiology have ruled out myocarditis",
])
def test_the_heart_cleared_takes_a_cardiac_flag_back(text):
    _, state = talk(["anti-SRP IMNM 60F 58 kg never a statin, can't climb stairs, troponin raised", text])
    assert "cardiac" not in (state.get("red_flags") or [])


@pytest.mark.parametrize("text", ["cardiac MRI booked for Friday", "is the echo normal?"])
def test_a_heart_test_planned_or_asked_about_clears_nothing(text):
    _, state = talk(["anti-SRP IMNM 60F 58 kg never a statin, can't climb stairs, troponin raised", text])
    assert "cardiac" in (state.get("red_flags") or [])


# --- a refused value insisted on -----------------------------------------------------------------------------------

@pytest.mark.parametrize("turns, refused, answered", [
    (["anti-HMGCR IMNM, 66M, weight 9000 kg, what pred dose?", "that's what the notes say"], "weight", "1 mg/kg"),
    (["age 300, anti-SRP, 64 kg - which steroid-sparing agent first?", "yes 300, double checked"], "age",
     "Methotrexate"),
])
def test_a_refused_value_insisted_on_is_refused_again_and_the_question_answered(turns, refused, answered):
    reply, state = talk(turns)
    assert reply.startswith(f"Even so, I cannot use the {refused}")
    assert answered in reply
    assert state.get("weight_kg" if refused == "weight" else "age_years") is None


def test_an_agreement_without_a_refused_value_refuses_nothing():
    reply, _ = talk(["anti-HMGCR IMNM, 66M, 80 kg, what pred dose?", "yes that's right"])
    assert "Even so" not in reply


def test_a_fact_promised_for_later_is_not_a_goodbye():
    from imnm.dialogue.conversation import is_small_talk

    assert not is_small_talk("I'll get the weight later", "goodbye")
    assert not is_small_talk("bloods back later today", "goodbye")
    assert is_small_talk("ok thanks, later", "goodbye")


# --- what a question is about ----------------------------------------------------------------------------------------

def test_a_statin_kept_for_the_heart_is_a_question_about_stopping_the_statin():
    reply, _ = talk(["my husband is 70, anti-HMGCR myopathy, on atorvastatin, struggles with stairs",
                     "they told him to stop the atorvastatin. What about his heart though, shouldn't he stay on it?"],
                    audience="patient")
    first = next(line for line in reply.split("\n") if line.startswith("- "))
    assert "statin" in first and "myocarditis" not in first


def test_the_disease_and_the_heart_is_still_the_hearts_involvement():
    from imnm.dialogue.questions import question_topics

    assert "cardiac" in question_topics("can the statin myopathy affect the heart?")


def test_a_drug_named_by_its_question_words_is_what_it_points_back_to():
    reply, _ = talk(["anti-SRP IMNM, 61F, 58 kg, never a statin, on pred and azathioprine 4 months, no better",
                     "we're thinking of the B-cell drug", "how is it given?"])
    first_entry = next(line for line in reply.split("\n") if line.startswith("- **"))
    assert "rituximab" in first_entry.lower()


@pytest.mark.parametrize("text", ["oncology want to know when they'd have to stop it for good",
                                  "when do we have to stop the nivolumab permanently?"])
def test_stopping_the_checkpoint_inhibitor_is_asked_of_the_checkpoint_inhibitor(text):
    reply, _ = talk(["ICI myositis, 66M, nivolumab for melanoma, 78 kg, neck weakness, walking ok", text])
    first_entry = next(line for line in reply.split("\n") if line.startswith("- **"))
    assert "checkpoint inhibitor" in first_entry


@pytest.mark.parametrize("text", ["which sex tends to do better?", "do women respond better than men?"])
def test_sex_set_against_the_outcome_is_a_predictor_question(text):
    from imnm.dialogue.questions import retrieve
    from imnm.engine.knowledge import default_knowledge

    assert retrieve(text, default_knowledge())[0].id == "prognosis.male_sex"


def test_another_use_of_a_drug_is_asked_of_that_drug():
    from imnm.dialogue.questions import question_topics

    topics = question_topics("They want to start methotrexate. Isn't that a cancer drug?")
    assert topics[0] == "methotrexate" and "checkpoint" not in topics


def test_a_figure_asked_about_brings_the_entry_that_states_it():
    from imnm.dialogue.questions import retrieve
    from imnm.engine.knowledge import default_knowledge

    assert retrieve("where does the 62% figure come from?", default_knowledge())[0].id.startswith("rituximab.response")


# --- the course ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, refractory", [
    ("4 months off prednisolone: CK 6,500 and weaker", True),
    ("since stopping the methotrexate he is weaker again", True),
    ("off steroids for a year, CK 180, walking well", None),
])
def test_the_disease_back_after_treatment_stopped_is_a_relapse(text, refractory):
    assert slots(text).get("refractory") is refractory


@pytest.mark.parametrize("text", ["she keeps asking about getting back to netball", "he is desperate to get back to "
                                  "the gym"])
def test_function_wished_for_tells_no_severity(text):
    assert slots(text).get("severity") is None


def test_the_statin_kind_of_the_disease_is_no_statin_taken():
    assert slots("the consultant says it's the statin type even though I never took one")["statin_status"] == "never"
    assert "statin_status" not in slots("she said it's still the statin kind, confusing")
    assert slots("he's on a statin type drug for cholesterol")["statin_status"] == "current"


def test_a_weight_promised_later_answers_the_dose_asked_per_kg():
    reply, state = talk(["14 yo with anti-SRP IMNM, what prednisolone dose?", "I'll get the weight later"])
    assert "2 mg/kg/day" in reply and "60 mg/day" in reply
    assert "weight_kg" in (state.get("set_aside") or [])


# --- passages: headers, helpers, reports -----------------------------------------------------------------------------

def test_an_age_sex_header_with_the_years_unit():
    assert slots("Name: Mr K. Rao    Age/Sex: 58 Y/M    IP No: 2025/4411")["age_years"] == 58


def test_a_relative_who_helps_is_not_the_patient():
    found = slots("mum is 79, they said it's the SRP type. she can't get up alone, me and my sister have to lift her "
                  "onto the commode")
    assert found.get("age_years") == 79 and found.get("antibody") == "SRP"


@pytest.mark.parametrize("text, antibody", [
    ("anti-HMGCR weakly positive on line blot, negative on ELISA - probable false positive. Anti-SRP: positive.",
     "SRP"),
    ("anti-HMGCR positive; a false positive was excluded by repeat ELISA", "HMGCR"),
])
def test_a_result_the_report_calls_a_false_positive_is_not_positive(text, antibody):
    assert slots(text).get("antibody") == antibody


@pytest.mark.parametrize("text", [
    "since the prednisolone was reduced to 7.5 mg he is weaker",
    "after her steroids were tapered the CK has gone up",
])
def test_weaker_once_the_steroid_came_down_is_a_relapse(text):
    assert slots(text).get("refractory") is True


def test_a_leukaemia_on_watch_and_wait_is_a_malignancy():
    assert "malignancy" in slots("81F, CLL on watch and wait, anti-HMGCR IMNM").get("red_flags", [])


def test_working_and_walking_everywhere_is_mild():
    assert slots("I still work as a nurse and walk everywhere, my thighs just feel weaker")["severity"] == "mild"


# --- results supposed, and another patient's kind -------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "if both antibodies are negative we'll call it seronegative",
    "should the myositis panel come back negative we would treat it as seronegative IMNM",
])
def test_a_result_supposed_is_no_result(text):
    assert "antibody" not in slots(text)


def test_another_patients_kind_is_not_this_patients_antibody():
    _, state = talk(["62F anti-HMGCR IMNM 70 kg, ex-atorvastatin, struggles with stairs",
                     "my other SRP patient is doing well on rituximab. For this lady, what next?"])
    assert state["antibody"] == "HMGCR"


# --- from the review of these classes ---------------------------------------------------------------------------------

def test_a_value_put_right_after_a_refusal_is_not_insisting():
    reply, state = talk(["aged 310, anti-SRP, 60 kg - first steroid-sparing agent?", "yes sorry, 31"])
    assert "Even so" not in reply and state.get("age_years") == 31


@pytest.mark.parametrize("text", ["that's what the ward scales say", "no mistake, that's the figure on the notes",
                                  "that is her weight, honestly"])
def test_insisting_in_other_words(text):
    reply, _ = talk(["anti-HMGCR IMNM, 58F, weight 8200 kg, pred dose?", text])
    assert reply.startswith("Even so, I cannot use the weight")


@pytest.mark.parametrize("text, status", [
    ("he's never, not once, been on a statin", "never"),
    ("he never stopped his simvastatin", "current"),
    ("she never stopped taking the atorvastatin", "current"),
])
def test_never_said_with_emphasis_and_never_stopped(text, status):
    assert slots(text)["statin_status"] == status


@pytest.mark.parametrize("text, antibody", [
    ("SRP checked three times, never detected. HMGCR strongly positive", "HMGCR"),
    ("both antibodies were tested twice and nothing was found", "seronegative"),
    ("her antibodies were both negative", "seronegative"),
    ("AChR antibodies both negative", None),
])
def test_antibody_results_told_after_the_tests(text, antibody):
    assert slots(text).get("antibody") == antibody


@pytest.mark.parametrize("text, gone", [
    ("remove the atorvastatin, that was the man in the next bay", "statin_status"),
    ("the antibody result I gave you was from the wrong patient", "antibody"),
    ("I mixed up my patients - the weight isn't his", "weight_kg"),
])
def test_a_fact_taken_back_in_other_words(text, gone):
    _, state = talk(["67M anti-HMGCR IMNM, 82 kg, on atorvastatin 40 mg, can't get up from a chair without his arms",
                     text])
    assert state.get(gone) is None and state.get("age_years") == 67


def test_echo_and_cardiac_mr_both_normal_clear_a_troponin():
    _, state = talk(["anti-SRP IMNM 60F 58 kg never a statin, can't climb stairs, troponin T raised",
                     "echo and cardiac MR both normal"])
    assert "cardiac" not in (state.get("red_flags") or [])


def test_no_myocarditis_leaves_a_heart_block():
    found = slots("complete heart block, pacemaker fitted; cardiac MRI showed no myocarditis. anti-SRP IMNM")
    assert "cardiac" in found.get("red_flags", [])


def test_a_fact_put_right_under_a_plan_asked_for_gives_the_plan_again():
    from imnm.dialogue.conversation import respond

    first, state = talk(["anti-SRP, 50F, 10 stone. first-line plan?"])
    before = dict(state)
    state = {**state, "antibody": "HMGCR"}
    reply = respond("sorry, wrong patient - she's HMGCR. the SRP was my previous one", "give_facts", state, True, [],
                    {"antibody": ("SRP", "HMGCR")}, False, found_names=frozenset({"antibody"}),
                    history=["anti-SRP, 50F, 10 stone. first-line plan?"], last_reply=first)
    assert before["antibody"] == "SRP"
    assert reply.text.startswith("Updated: antibody HMGCR (was SRP).") and "Methotrexate" in reply.text
