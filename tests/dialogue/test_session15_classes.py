"""Classes from round 37, each on sentences written for this test (not the set's own).

An antibody test not made; a question widened to the disease; the likelihood of a relapse asked about; weakness
"back"; another person lifting, with a word of time between; a statin that is what a question is about; a titled
name with the age in a letter's header; a negative panel that names what it included after its verdict; the other
antibodies of a list; a box ticked after its item; a panel "to be sent"; what the hospital will do, and the second of
two alternatives, as a request for the plan.
"""

from __future__ import annotations

from imnm.dialogue.frames import asks_for_the_plan
from imnm.language.extract import extract


def _slots(text: str) -> dict:
    return extract(text).slots()


def test_an_antibody_test_not_made_is_no_result():
    for text in ("anti-HMGCR positive, SRP wasn't sent", "HMGCR neg. SRP was never done.",
                 "only HMGCR checked so far - SRP hasn't been run", "SRP to be sent tomorrow"):
        assert _slots(text).get("antibody") in (None, "HMGCR"), text
    assert _slots("HMGCR negative, SRP was not tested").get("antibody") is None
    assert _slots("anti-SRP wasn't run; HMGCR strongly positive")["antibody"] == "HMGCR"


def test_a_question_widened_to_the_disease_tells_nothing_of_the_patient():
    for text in ("More broadly, does dysphagia or myocarditis worsen survival in IMNM?",
                 "Broadly speaking, how does ILD alter the prognosis?",
                 "Speaking generally - is cardiac involvement a bad sign?"):
        slots = _slots(text)
        assert not slots.get("red_flags") and slots.get("severity") is None, text


def test_the_likelihood_of_a_relapse_asked_about_is_not_a_relapse():
    from imnm.language.extract.course import course_refractory

    for text in ("So what's the chance the weakness comes back?", "any chance her weakness comes back?",
                 "what's the risk it flares again once the MTX stops?"):
        assert course_refractory(text, treated_before=True) is None, text
    assert course_refractory("CK up again at 9k on aza, what are the odds IVIG helps?", treated_before=True) is True


def test_weakness_told_back_in_notes_is_a_relapse():
    assert _slots("HMGCR, on aza 100 since spring, now weakness back and CK 6k")["refractory"] is True
    assert _slots("on pred 15 and MTX, swallowing problems back this week")["refractory"] is True
    assert _slots("on pred 15 and MTX, weakness back to normal").get("refractory") is not True


def test_another_person_lifting_with_a_word_of_time_between_is_severe():
    assert _slots("his wife now has to haul him off the sofa")["severity"] == "severe"
    assert _slots("my son always has to lift me out of the bath")["severity"] == "severe"


def test_a_statin_the_question_is_about_is_not_taken():
    assert _slots("anything to add about statins for him from now on?").get("statin_status") is None
    assert _slots("what about the rosuvastatin he's on?")["statin_status"] == "current"
    assert _slots("quick q about her atorvastatin - can it continue?")["statin_status"] == "current"


def test_a_titled_name_with_the_age_in_a_letter_header():
    header = "Re: Mrs Siobhán Ní Bhriain, 68   MRN 00123\n\nThank you for seeing this lady with anti-SRP IMNM."
    assert _slots(header)["age_years"] == 68
    assert _slots("Patient: Mr Tomás Ruiz, 52 (anti-HMGCR, dx 2024)")["age_years"] == 52
    assert _slots("Update on Dad (Peter Hollis, 77) before clinic.")["age_years"] == 77
    assert _slots("Re: Ava R., 14 y (DOB on file)")["age_years"] == 14
    assert _slots("Re: Puan Siti Aminah binti Yusof, 45 tahun")["age_years"] == 45
    # A number after a name that is not an age stays unread.
    assert _slots("Seen by Mr Patel, 3 weeks ago, CK 5000").get("age_years") is None


def test_a_negative_panel_naming_what_it_included_after_its_verdict_is_seronegative():
    assert _slots("Myositis antibodies negative, incl. anti-HMGCR (ELISA) and SRP.")["antibody"] == "seronegative"


def test_the_other_antibodies_of_a_list_are_not_seronegativity():
    text = "anti-SRP strongly positive; HMGCR, Jo-1, PL-7 and remaining myositis antibodies negative."
    assert _slots(text)["antibody"] == "SRP"


def test_a_box_ticked_after_its_item():
    assert _slots("Antibody: anti-SRP [x]   anti-HMGCR [ ]   negative [ ]")["antibody"] == "SRP"
    assert "dysphagia" not in (_slots("Dysphagia [ ]   Weakness [x]").get("red_flags") or [])
    assert _slots("Dysphagia: [x]")["red_flags"] == ["dysphagia"]


def test_what_the_hospital_will_do_and_the_second_alternative_ask_for_the_plan():
    for text in ("what will the hospital do for him?", "what are his neurologists going to do now?",
                 "should we just watch the CK or do we need to start something?"):
        assert asks_for_the_plan(text), text
    assert not asks_for_the_plan("what will the rituximab do?")
    assert not asks_for_the_plan("is IVIG or plasma exchange faster?")


def test_a_statin_no_longer_taken_was_taken_before():
    assert _slots("he isn't on the rosuvastatin any more")["statin_status"] == "past"
    assert _slots("She is no longer taking her pravastatin")["statin_status"] == "past"
    assert _slots("no statins since the atorvastatin was discontinued last spring")["statin_status"] == "past"
    assert _slots("not on any statin").get("statin_status") is None


def test_a_family_history_line_goes_on_through_the_relatives_it_lists():
    text = "FH: father - lung cancer at 70. Sister — dermatomyositis with dysphagia. Patient walks unaided."
    assert not _slots(text).get("red_flags")
    assert _slots("FH: nil of note. She has had trouble swallowing for a month.")["red_flags"] == ["dysphagia"]


def test_a_troponin_with_decimals_marked_normal_is_not_the_heart():
    assert not _slots("hs-troponin 0.3 (normal)").get("red_flags")
    assert _slots("Troponin I 1.7 ng/mL (ref <0.04)")["red_flags"] == ["cardiac"]


def test_a_general_question_about_patients_who_never_took_a_statin_takes_back_no_result():
    from imnm.dialogue.conversation import carried_antibody

    for text in ("side q - how many SRP patients have never been on a statin?",
                 "in general, have most HMGCR pts never taken one?"):
        assert carried_antibody("HMGCR", "HMGCR", text) == "HMGCR", text
    assert carried_antibody("seronegative", "seronegative", "sorry, SRP was never sent") is None


def test_a_statin_told_stopped_then_still_taken_is_current_again():
    from imnm.language.context_answers import facts_from_context

    earlier = ["HMGCR pos, 80 kg, came off simvastatin in the spring"]
    for text in ("oh wait - she's actually still on it, nobody stopped it", "correction: the GP never stopped it"):
        assert facts_from_context(text, None, earlier, current={"statin_status": "past"}).slots == {
            "statin_exposure": True, "statin_status": "current"}, text
    # "it" after another drug is that drug.
    assert facts_from_context("still on it", None, ["on MTX 15 weekly"], current={"statin_status": "past"}).slots == {}


def test_what_makes_disease_severe_is_said_with_the_severe_combination():
    from tests.dialogue.test_round31_classes import reply

    answer = reply("what features count as severe disease, the kind that gets triple therapy up front?", {})
    assert "dysphagia" in answer and "respiratory" in answer and "tacrolimus" in answer.lower()


def test_a_relative_named_at_the_opening_is_the_family_writing():
    slots = _slots("Dad's necrotising myopathy has flared again and his legs keep giving way. He's 74.")
    assert slots["audience"] == "patient" and slots["age_years"] == 74
    assert _slots("Grandma is 88 and has the HMGCR kind")["audience"] == "patient"
    # A clinician's note naming the relative with a possessive is not the family writing.
    assert _slots("Her mum has IMNM; patient herself is well.").get("audience") != "patient"


def test_how_often_a_drug_works_asks_its_response_rate_not_its_schedule():
    from tests.dialogue.test_round31_classes import reply

    answer = reply("my husband's doctors want to try rituximab - how often does it actually help?",
                   {"antibody": "SRP", "refractory": True, "audience": "patient"})
    assert "62" in answer
    assert "62" not in reply("how often is the rituximab given?", {"antibody": "SRP", "audience": "patient"})
