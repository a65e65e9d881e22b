"""Round 31's classes, each on sentences written for this test (not the set's own).

A child's taper question answered by the entry written for children; what goes alongside the steroid; the plan asked
for as an instruction ("remind me what the options are"); a rituximab schedule asked as "how is it scheduled?".
"""

from __future__ import annotations

from imnm.dialogue.conversation import asks_what_to_do, respond


def reply(text: str, state: dict, history=(), found_facts=False) -> str:
    return respond(text, "ask_question", state, found_facts, [], {}, bool(state.get("recommended")), frozenset(),
                   list(history), "").text


CHILD = {"antibody": "HMGCR", "weight_kg": 35.0, "age_years": 11, "age_band": "juvenile"}
ADULT = {"antibody": "SRP", "weight_kg": 70.0, "age_years": 50, "age_band": "adult"}


def test_a_childs_taper_is_answered_by_the_entry_for_children():
    answer = reply("when can we start weaning it?", CHILD, ["11 yo girl, HMGCR, 35 kg - pred dose?"])
    assert "2-4 weeks" in answer
    assert "2-4 weeks" not in reply("when can we start weaning it?", ADULT, ["50F SRP 70kg pred dose?"])


def test_what_goes_alongside_the_steroid():
    answer = reply("what else should be prescribed along with the prednisolone?", ADULT)
    assert "Methotrexate" in answer and "Pneumocystis" in answer and "calcium" in answer
    child = reply("and what goes alongside the steroid", CHILD)
    assert "no paediatric doses" in child and "15-25 mg" not in child


def test_the_plan_asked_for_as_an_instruction():
    assert asks_what_to_do("remind me what the options are from here")
    assert asks_what_to_do("tell me the plan")


def test_a_schedule_asked_of_the_drug_the_message_names():
    answer = reply("booked for rituximab next week. how is it scheduled?", ADULT)
    assert "two weeks apart" in answer


def test_a_stated_dose_is_held_against_the_patients_once_the_age_is_told():
    state = {"weight_kg": 88.9, "age_years": 72, "age_band": "adult", "treatments_tried": ["prednisone"],
             "audience": "patient"}
    history = ["my husband has IMNM, about 14 stone, they have him on 70mg of prednisolone a day is that too much"]
    answer = respond("hes 72 if that matters", "inform", state, True, [], {"age_years": (None, 72)}, False,
                     frozenset({"age_years"}), history, "").text
    assert "89 mg/day" in answer and "70 mg/day is below it" in answer and "40-60" in answer


def test_something_else_with_it_is_what_goes_alongside():
    answer = reply("and will I need something else with the prednisone?", {**ADULT, "audience": "patient"})
    assert "methotrexate" in answer and "calcium" in answer


def test_a_positive_result_told_negative_is_taken_back():
    from imnm.dialogue.conversation import carried_antibody
    assert carried_antibody("SRP", "SRP", "I misread it - SRP is negative, HMGCR still pending") is None
    assert carried_antibody("HMGCR", "HMGCR", "SRP negative") == "HMGCR"


def test_a_timeline_by_month_names_and_findings_back_on_taper():
    from imnm.language.extract import extract
    assert extract("2023: while tapering the pred at 10 mg her swallowing went again").slots()["refractory"] is True
    assert "refractory" not in extract("on pred and MMF for 6 months; swallowing normal again").slots()
    assert extract("IVIG order for anti-SRP IMNM, 55M, 80 kg").slots()["antibody"] == "SRP"
    assert "age_years" not in extract("pressure areas: turning 2 hourly").slots()
    assert extract("power essentially full, walks fine").slots()["severity"] == "mild"
    assert extract("she needs a wheeled walker").slots()["severity"] == "moderate"


def test_a_relative_telling_choking_gets_what_to_do_now_first():
    from imnm.language.extract import extract
    found = extract("my husband choked on his tea twice this week, he has hmgcr myopathy, what do we do").slots()
    assert found["red_flags"] == ["dysphagia"] and found["severity"] == "severe"
    state = {"antibody": "HMGCR", "severity": "severe", "red_flags": ["dysphagia"], "audience": "patient"}
    answer = respond("my husband choked on his tea twice this week, he has hmgcr myopathy, what do we do",
                     "ask_question", state, True, [], {"antibody": (None, "HMGCR")}, False,
                     frozenset({"antibody", "red_flags", "severity"}), [], "").text
    assert answer.startswith("**Tell your team") and "swallow" in answer


def test_a_question_in_a_later_clause_without_its_mark():
    from imnm.dialogue.questions import asks_something
    assert asks_something("my mum is on 60mg of pred, why have they also given her an antibiotic")
    assert not asks_something("she is on 60mg of pred, which was started in May")


def test_what_the_record_does_not_say_is_unknown():
    from imnm.language.extract import extract
    for text in ("Statin history: nil recorded.", "No statin information recorded in the referral.",
                 "Statin: nil documented", "statin history - patient cannot recall"):
        assert "statin_exposure" not in extract(text).slots(), text
    assert extract("Statin: nil.").slots()["statin_status"] == "never"


def test_a_severity_word_for_the_lung_or_the_throat_is_not_the_diseases():
    from imnm.language.extract import extract
    assert extract("Mild fibrotic NSIP on HRCT. Needs the rail on stairs.").slots()["severity"] == "moderate"
    assert extract("Mild throat tightness during the infusion. Walks with a stick.").slots()["severity"] == "moderate"


def test_the_steroid_asked_about_alongside_another_drug_is_the_steroids_dose():
    state = {"antibody": "SRP", "weight_kg": 90.0, "severity": "severe", "statin_exposure": False,
             "statin_status": "never", "age_years": 38, "age_band": "adult", "recommended": True}
    answer = reply("and the pred alongside it, how much for him?", state,
                   ["SRP+ IMNM, 38M, 90kg, severe, statin naive", "thinking early ritux - dose and schedule?"])
    assert "90 mg" in answer and "Bone protection" not in answer


def test_the_steroid_told_before_the_question_is_what_it_stands_for():
    answer = reply("and if they put him on high-dose prednisone, what should I prescribe alongside it from primary "
                   "care?", ADULT)
    assert "calcium" in answer and "Pneumocystis" in answer
