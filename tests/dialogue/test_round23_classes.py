"""Round 23's classes, each on sentences written for this test (not the set's own).

Extractor: "patient of mine" is this patient; breathing trouble in lay words; a relative's bracketed aside; ages in a
bracket after "she" or a title; a weight marked as today's after it; "could not climb"; a taper said to fail each time;
disease that goes on under treatment; "too early to judge"; a list of resolved problems; a test's normal result in a
screening form; "immunotherapy" with no cancer in the text; an adult under 20 kg refused; a statin taken between two
years. Dialogue: "if it isn't doing the job"; "it" passed on past a question that only pointed back; "that one" after
"which one"; a blood level chooses tacrolimus; "how worried should I be?" about this patient's findings; two short
questions answered each; what is added early follows the patient's antibody; what is left to try after treatments
given; a misspelt plural drug; another severity's entry not let in by a shared drug; "she stopped it" for a statin;
an order ("tell me ..."); what a drug's name stands for; how a treatment works; mimics as a gap."""

from __future__ import annotations

import pytest

from imnm.dialogue.conversation import carried_over, next_fact_asked, respond, slots_taken_back
from imnm.language.context_answers import facts_from_context
from imnm.language.extract import extract


def slots(text: str) -> dict:
    return extract(text).slots()


def talk(turns: list[str], audience: str = "clinician") -> tuple[str, dict]:
    """The conversation as the action runs it: facts merged (the action server's own merge, `carried_over`), context
    read, the last reply kept."""
    state: dict = {"audience": audience}
    history: list[str] = []
    reply = ""
    for turn in turns:
        found = extract(turn)
        said = {k: v for k, v in found.slots().items() if v not in (None, [], "")}
        before = dict(state)
        state.update(said)
        state.update(carried_over(state, before, turn, said.get("red_flags") or [], set(found.absent_flags), history,
                                  found.taken_back))
        context = facts_from_context(turn, next_fact_asked(state), history, own_facts=frozenset(said), current=state)
        state.update(context.slots)
        names = frozenset(said) | frozenset(context.slots) | (slots_taken_back(found.taken_back) & {
            name for name, value in before.items() if value is not None})
        changes = {k: (before.get(k), state.get(k)) for k in names if before.get(k) != state.get(k)}
        answer = respond(turn, "ask_question", state, bool(names), found.problems + context.problems, changes, False,
                         found_names=names, history=history, last_reply=reply)
        state.update(answer.slot_updates)
        history.append(turn)
        reply = answer.text
    return reply, state


# --- extractor -----------------------------------------------------------------------------------------------------

def test_a_patient_of_mine_is_this_patient():
    assert slots("Patient of mine, 63M, anti-SRP positive, wheelchair since March.")["antibody"] == "SRP"


@pytest.mark.parametrize("text", [
    "he's finding it hard to breathe when he lies down",
    "the neurologist says it has reached her breathing muscles",
    "struggling to breathe at night, sleeps propped up",
])
def test_breathing_trouble_in_lay_words_is_respiratory(text):
    assert "respiratory" in (slots(text).get("red_flags") or [])


def test_a_relatives_bracketed_aside_keeps_the_facts_hers():
    text = ("Her brother (lives abroad) has SRP myositis and is on rituximab. Pt's own panel: negative for both HMGCR "
            "and SRP.")
    found = slots(text)
    assert found.get("antibody") == "seronegative" and "treatments_tried" not in found


@pytest.mark.parametrize("text, age", [
    ("Update: he (58, anti-HMGCR IMNM) is walking better.", 58),
    ("Re: Mr Tomas NOVAK (66). Seen today in clinic.", 66),
    ("Name: Mrs Joan BELL, 72 y\nDx: anti-SRP IMNM", 72),
    ("13 y/o girl, anti-SRP IMNM dx age 11.", 13),
])
def test_ages_written_after_a_name_or_a_pronoun(text, age):
    assert slots(text).get("age_years") == age


def test_a_weight_marked_as_todays_after_it_wins():
    assert slots("Weights: 80 kg (March), 76.5 kg at discharge.")["weight_kg"] == 76.5


@pytest.mark.parametrize("text", [
    "On pred and MTX since January. Four months later she still could not get up from a chair.",
    "Every attempt to reduce the prednisolone below 7.5 mg has resulted in a CK rise.",
    "On methotrexate and prednisolone for a year with persistent CK elevation and ongoing weakness.",
])
def test_a_course_that_fails_told_in_these_ways_is_refractory(text):
    assert slots(text).get("refractory") is True


def test_too_early_to_judge_is_no_verdict():
    text = ("Started IVMP, pred and IVIG 3 months ago. He still cannot walk. It is too early to judge his response.")
    assert slots(text).get("refractory") is None


def test_a_list_of_resolved_problems_is_not_present():
    text = "Active:\n- anti-HMGCR IMNM\nResolved:\n- dysphagia 2023 (normal diet now)\nFunction: walks with a stick"
    assert "dysphagia" not in (slots(text).get("red_flags") or [])


def test_a_normal_test_in_a_screening_form_is_not_the_finding():
    assert "ild" not in (slots("RED FLAGS\n- ILD: CT chest clear\n- Cardiac: echo normal").get("red_flags") or [])


def test_immunotherapy_without_a_cancer_is_the_myositis_treatment():
    assert "ici_exposure" not in slots("Seronegative NAM, 10 y/o. Genetics first, then decide on immunotherapy.")
    assert slots("Melanoma on immunotherapy since June, now myositis.").get("ici_exposure") is True


def test_an_adult_under_twenty_kg_is_refused_and_asked_again():
    found = extract("adult with IMNM, weight 9 kg on the chart")
    assert found.weight_kg is None and "not plausible for an adult" in found.problems[0]


def test_a_statin_taken_between_two_years_is_past():
    assert slots("rosuvastatin 10 mg from 2014 to 2020")["statin_status"] == "past"


# --- dialogue ------------------------------------------------------------------------------------------------------

def test_if_it_is_not_doing_the_job_gets_the_refractory_options():
    reply, _ = talk(["anti-SRP IMNM, 64 kg, on pred + mycophenolate", "and if the MMF isn't controlling things, then?"])
    assert "rituximab" in reply.lower() and "If there is no adequate response" in reply


def test_it_passes_over_a_question_that_only_pointed_back():
    reply, _ = talk(["question re bone protection on long-term steroids",
                     "she is on pred 30 mg for 2 months, anti-HMGCR. does she need it?",
                     "what does it involve?"])
    assert "calcium" in reply.lower() or "DXA" in reply


def test_that_one_after_which_one_is_the_answer_chosen():
    reply, _ = talk(["60 kg man, anti-HMGCR, ex-simvastatin. What are the steroid-sparing options?",
                     "which one would you pick?", "and that one's dose?"])
    first_entry = next(line for line in reply.splitlines() if line.startswith("- **"))
    assert first_entry.startswith("- **Methotrexate")


def test_a_blood_level_chooses_the_drug_dosed_to_one():
    reply, _ = talk(["50F anti-SRP, wheelchair-bound, IVMP started", "should we add IVIG and tacrolimus now?",
                     "what level do we aim for with it?"])
    assert "ng/mL" in reply


def test_how_worried_is_about_this_patients_findings():
    reply, _ = talk(["66M on nivolumab for lung cancer, new myositis.", "now ptosis and AChR antibodies positive",
                     "should we be worried?"])
    assert "mortality" in reply


def test_two_short_questions_are_each_answered():
    reply, _ = talk(["16M anti-SRP IMNM, relapsed on taper at 10 mg, struggles with stairs, 55 kg, never statin",
                     "Next step? and does his age matter for the outlook?"])
    assert "If refractory, add one" in reply and "young" in reply.lower()


def test_what_goes_in_early_follows_the_patients_antibody():
    reply, _ = talk(["58F, SRP positive, bed-bound", "which agent early on for her?"])
    assert reply.lstrip("- *").lower().startswith("early rituximab")


def test_what_is_left_to_try_leaves_out_what_was_given():
    reply, state = talk(["my husband has srp myositis. he has had steroids, then methotrexate, then ivig, then "
                         "rituximab and is still weak", "is there anything else they can try?"], audience="patient")
    assert set(state["treatments_tried"]) >= {"ivig", "rituximab"}
    assert "tacrolimus" in reply and "rituximab" not in reply.lower()


def test_a_misspelt_plural_drug_is_read():
    reply, _ = talk(["my mum has hmgcr myopathy, she can't get up from a chair without her arms",
                     "how long will she be on the steriods?"], audience="patient")
    assert "steroid" in reply.lower()


def test_a_shared_drug_does_not_let_in_another_severitys_entry():
    reply, _ = talk(["my dad has hmgcr myopathy, struggles with stairs", "will he be on steroids for good?"],
                    audience="patient")
    assert "drip" not in reply


def test_she_stopped_it_after_a_statin_makes_it_past():
    _, state = talk(["72M, anti-HMGCR, takes simvastatin", "sorry, he stopped it last spring"])
    assert state["statin_status"] == "past"


def test_an_order_is_a_question():
    reply, _ = talk(["Just tell me which tests matter most for choosing treatment."])
    assert "HMGCR" in reply and "do not address" not in reply


def test_what_a_drugs_name_stands_for_leads():
    reply, _ = talk(["what is IVIG?"], audience="patient")
    assert reply.startswith("**IVIG** is intravenous immunoglobulin.")


def test_how_a_treatment_works_is_the_mechanism():
    reply, _ = talk(["How is IVIG thought to work here?"], audience="trainee")
    assert "complement" in reply


def test_mimics_are_a_gap():
    reply, _ = talk(["Which mimics (dystrophies, hypothyroidism) should be excluded first?"], audience="trainee")
    assert "do not address" in reply
