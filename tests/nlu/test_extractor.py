"""The clinical extractor on real sentences, without Rasa."""

from __future__ import annotations

import pytest

from imnm.language.extract import extract


def assert_read(text: str, expected: dict) -> None:
    """Every expected slot has exactly the expected value (other slots may be set too)."""
    slots = extract(text).slots()
    for name, value in expected.items():
        assert slots.get(name) == value, (name, slots)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("70 kg, anti-HMGCR positive, moderate weakness, on atorvastatin",
         {"antibody": "HMGCR", "weight_kg": 70.0, "severity": "moderate", "statin_exposure": True}),
        ("HMGCR neg, SRP pos", {"antibody": "SRP"}),
        ("SRP negative but HMGCR positive", {"antibody": "HMGCR"}),
        ("negative for HMGCR and SRP", {"antibody": "seronegative"}),
        ("no myositis-specific antibodies", {"antibody": "seronegative"}),
        ("176 lbs", {"weight_kg": 79.8}),
        ("11 st 4 lb", {"weight_kg": 71.7}),
        ("wt 70", {"weight_kg": 70.0}),
        ("never took a statin", {"statin_exposure": False, "statin_status": "never"}),
        ("stopped simvastatin 2 years ago", {"statin_exposure": True, "statin_status": "past"}),
        ("on Crestor 10", {"statin_status": "current"}),
        ("a 12-year-old", {"age_years": 12.0, "age_band": "juvenile"}),
        ("adolescent", {"age_band": "juvenile"}),
        ("relapsed on taper", {"refractory": True}),
        ("on pembrolizumab", {"ici_exposure": True}),
        ("rapidly progressive with dysphagia", {"severity": "severe", "red_flags": ["dysphagia"]}),
        ("can't rise from a chair", {"severity": "moderate"}),
    ],
)
def test_fact_is_read(text, expected):
    assert_read(text, expected)


@pytest.mark.parametrize(
    "text,slot",
    [
        ("HMGCR pending", "antibody"),
        ("HMGCR and SRP both positive", "antibody"),
        ("weighs 7000 kg", "weight_kg"),
        ("wt 70 furlongs", "weight_kg"),
        ("-5 years old", "age_years"),
        ("no dysphagia", "red_flags"),
        ("stopped simvastatin 2 years ago", "age_years"),
    ],
)
def test_ambiguous_or_implausible_values_are_not_set(text, slot):
    assert slot not in extract(text).slots()


@pytest.mark.parametrize("text", ["weighs 7000 kg", "HMGCR positive and HMGCR negative", "-5 years old"])
def test_refusals_explain_why(text):
    assert extract(text).problems


@pytest.mark.parametrize("text", ["", "   ", "🙂🙂🙂", "Bonjour, comment ça va ?", "x" * 20000, "\x00\x01"])
def test_odd_input_never_crashes(text):
    extract(text)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("wt 11 st 4, on Lipitor", {"weight_kg": 71.7}),  # British shorthand: pounds left unnamed
        ("pt is 67 and ~150lbs", {"age_years": 67.0, "weight_kg": 68.0}),
        ("correction: he's 72, not 27", {"age_years": 72.0}),
        ("74 yo on atorvastatin", {"age_years": 74.0, "statin_status": "current"}),
        ("HMGCR and SRP both negative", {"antibody": "seronegative"}),
        ("no myositis-specific abs", {"antibody": "seronegative"}),
        ("IVIG-refractory", {"refractory": True}),
        ("difficulty getting up from low chairs", {"severity": "moderate"}),
        ("stairs are a struggle", {"severity": "moderate"}),
        ("Gower's +", {"severity": "moderate"}),
        ("hx breast ca 2015", {"red_flags": ["malignancy"]}),
        ("FVC 1.9 L (52%)", {"red_flags": ["respiratory"], "severity": "severe"}),
        ("her daughter says she cannot swallow", {"red_flags": ["dysphagia"]}),
    ],
)
def test_clinic_shorthand_is_read(text, expected):
    assert_read(text, expected)


@pytest.mark.parametrize(
    "text,slot",
    [
        ("if she were on a statin would you still send HMGCR?", "statin_exposure"),
        ("If he had dysphagia I'd go straight to IVIG, but he doesn't", "red_flags"),
        ("her husband (68) is on atorvastatin", "statin_exposure"),
        ("her mum is 45", "age_years"),
        ("her son wonders if he should stop his own atorvastatin", "statin_exposure"),
        ("has anyone seen relapse on rituximab in these patients?", "refractory"),
        ("planning to start nivolumab next month", "ici_exposure"),
        ("CT CAP for cancer screening ordered", "red_flags"),
        ("rule out ILD with HRCT", "red_flags"),
        ("HMGCR neg, still waiting on SRP", "antibody"),
        ("SRP negative. HMGCR not sent yet.", "antibody"),
        ("Is a 2 kg weight gain on pred significant?", "weight_kg"),
        ("mild weakness, FVC 95%", "red_flags"),
    ],
)
def test_facts_that_are_not_the_patients_present_facts_are_not_set(text, slot):
    assert slot not in extract(text).slots()


@pytest.mark.parametrize(
    "text,expected",
    [
        # Ages: "F, 61", a number in brackets, "kid is 9", a duration after "for ~", an onset age.
        ("Female, 61. HMGCR pos", {"age_years": 61.0, "age_band": "adult"}),
        ("boy (11), SRP+", {"age_years": 11.0, "age_band": "juvenile"}),
        ("the kid is 9 and HMGCR positive", {"age_years": 9.0}),
        ("49 yo, on simva for ~8 yrs", {"age_years": 49.0}),
        ("12 y/o girl, symptoms since age 10", {"age_years": 12.0}),
        ("a man in his 60s, HMGCR+", {"age_band": "adult"}),
        # Antibodies: "X + Y awaited" leaves both unknown; negative lists; "still pending".
        ("abs sent, HMGCR + SRP awaited", {"antibody": None}),
        ("SRP neg, HMGCR still awaited", {"antibody": None}),
        ("antibody negative (SRP/HMGCR)", {"antibody": "seronegative"}),
        ("negative for both anti-SRP and anti-HMGCR", {"antibody": "seronegative"}),
        # Negation shared across a list; "-naive"; a negation that ends at "and has".
        ("no pembro / checkpoint inhibitor ever", {"ici_exposure": False}),
        ("immunotherapy-naive, HMGCR+", {"ici_exposure": False}),
        ("walks without a frame and has dysphagia", {"red_flags": ["dysphagia"], "severity": "severe"}),
        # Function, heart and neuromuscular-junction findings.
        ("struggling to get out of the chair", {"severity": "moderate"}),
        ("difficulty with stair climbing", {"severity": "moderate"}),
        ("new AF and troponin of 250", {"red_flags": ["cardiac"], "severity": "severe"}),
        ("LVEF 35%", {"red_flags": ["cardiac"]}),
        ("double vision in the evenings", {"red_flags": ["myasthenic"]}),
        # Course: persisting despite treatment; "new dx"; statin history shorthand.
        ("CK remains high despite 3 months of IVIG", {"refractory": True}),
        ("weakness persists despite MMF", {"refractory": True}),
        ("new dx, HMGCR+", {"refractory": False}),
        ("ex-simvastatin user", {"statin_status": "past"}),
        ("prev on atorva 20", {"statin_status": "past"}),
    ],
)
def test_ages_lists_heart_findings_and_course_in_clinic_shorthand_are_read(text, expected):
    assert_read(text, expected)


@pytest.mark.parametrize("text", [
    "Hypothetically, if a child with IMNM later needed nivolumab, is that allowed?",
    "In theory, would a 70 kg man on atorvastatin need IVIG?",
])
def test_a_sentence_that_opens_as_a_hypothetical_sets_nothing(text):
    assert extract(text).slots() == {}


@pytest.mark.parametrize(
    "text,expected",
    [
        # Ages alone between commas after a person or a result, in words, "turned", "actually".
        ("Ward round: Mr K, 72, HMGCR IMNM, day 5 of IV methylpred", {"age_years": 72.0}),
        ("HMGCR+ lady, 49, flared on the taper", {"age_years": 49.0}),
        ("He's HMGCR positive, 66, was on simvastatin until 2018", {"age_years": 66.0, "statin_status": "past"}),
        ("this lady - eighty-two, anti-HMGCR positive", {"age_years": 82.0}),
        ("Just turned 18, SRP+, 57 kg", {"age_years": 18.0, "age_band": "adult"}),
        ("Would the dose differ if she were under 18? She's actually 19, 55kg", {"age_years": 19.0}),
        ("Pt (F, 50s) SRP pending", {"age_band": "adult"}),
        ("a woman in her late forties, HMGCR positive", {"age_band": "adult"}),
        ("a woman in her teens, SRP+", {"age_band": "juvenile"}),
        # Weights in grams after a weight word; a weight corrected in the same message.
        ("4yo, wt 16500 g on the ward scales, SRP+", {"weight_kg": 16.5}),
        ("HMGCR+ 59F 65kg - sorry, 56 kg, misread the chart", {"weight_kg": 56.0}),
        ("on a statin - sorry, NOT on a statin and never has been", {"statin_exposure": False}),
        # Statin timing: "till", a "statin:" label, "statin-exposed", "statin history: none".
        ("on pravastatin till last month", {"statin_status": "past"}),
        ("statin: atorvastatin stopped 6 wks ago", {"statin_status": "past"}),
        ("statin-exposed at some point, dates unclear", {"statin_exposure": True, "statin_status": None}),
        ("statin history: none", {"statin_exposure": False, "statin_status": "never"}),
        # Function and swallowing described in other words; a partial response.
        ("Stairs still difficult", {"severity": "moderate"}),
        ("rising from a chair is difficult", {"severity": "moderate"}),
        ("needs to push up with her arms to get out of a chair", {"severity": "moderate"}),
        ("difficulty getting off the floor", {"severity": "moderate"}),
        ("he says the tablets are getting stuck when he swallows", {"red_flags": ["dysphagia"]}),
        ("now struggling to swallow", {"red_flags": ["dysphagia"]}),
        ("only partial response to pred + MTX", {"refractory": True}),
    ],
)
def test_ages_weights_and_findings_written_in_other_ways_are_read(text, expected):
    assert_read(text, expected)


@pytest.mark.parametrize("text", [
    "Is rituximab better than IVIG for anti-SRP disease, or is that just expert opinion?",
    "Which statins are most associated with anti-HMGCR myopathy?",
    "what's the evidence for tacrolimus in refractory IMNM?",
    "What's the role of plasma exchange in checkpoint inhibitor myositis?",
    "Is anti-HMGCR myopathy ever seen in children?",
    "my sister has IMNM. could our kids get it too?",
])
def test_a_general_question_about_a_kind_of_disease_sets_no_patient_facts(text):
    slots = extract(text).slots()
    slots.pop("audience", None)
    assert slots == {}


@pytest.mark.parametrize("text,expected", [
    ("anti-SRP myopathy, stairs difficult, what next?", {"antibody": "SRP", "severity": "moderate"}),
    ("Mr D (HMGCR myopathy) weighed today at 12 stone 6 lbs", {"antibody": "HMGCR", "weight_kg": 78.9}),
    ("HMGCR positive - what dose of pred?", {"antibody": "HMGCR"}),
])
def test_the_same_words_about_a_patient_are_facts(text, expected):
    assert_read(text, expected)


@pytest.mark.parametrize("text", [
    "will i have to be on these meds for the rest of my life",
    "im on prednisone 60mg and worried about my bones",
    "what is ivig and why does my husband need it",
    "I was just diagnosed with anti-HMGCR myopathy. Will I get my strength back?",
])
def test_a_patient_or_relative_asking_gets_the_patient_view(text):
    assert extract(text).slots().get("audience") == "patient"


@pytest.mark.parametrize("text", [
    "should I start IVIG in my patient with anti-SRP disease?",
    "can I go ahead with rituximab now?",
    "can I have a second opinion on this HMGCR case?",
])
def test_a_clinician_asking_does_not_get_the_patient_view(text):
    assert "audience" not in extract(text).slots()


@pytest.mark.parametrize(
    "text,expected",
    [
        # Letters and other languages' word order.
        ("Dear Dr Lee, I saw Mrs Patricia Green, 57, in clinic today.", {"age_years": 57.0}),
        ("I saw Mr Okafor, now 58, in clinic today.", {"age_years": 58.0}),
        ("Woman of 63 years, anti SRP positive", {"age_years": 63.0}),
        ("patient have 50 years, anti-SRP positive", {"age_years": 50.0}),
        ("on pred 15 mg. 60 y, 86 kg.", {"age_years": 60.0, "weight_kg": 86.0}),
        ("17 yo male, 5'10\", 142 lbs", {"age_years": 17.0, "age_band": "juvenile"}),
        ("simvastatin 40 mg during 8 years, patient 67 year", {"age_years": 67.0}),
        ("Statin he never take. Weight 77 kilo", {"statin_exposure": False, "weight_kg": 77.0}),
        # Statin timing across a sentence.
        ("Simvastatin 40 mg, which she had taken for ten years, was stopped on admission.",
         {"statin_status": "past"}),
        ("Still on simvastatin 20 mg (PCP never d/c'd it).", {"statin_status": "current"}),
        ("rosuvastatin 20 mg, which he continues to take", {"statin_status": "current"}),
        ("62 yo M w/ h/o HLD on atorvastatin 40 mg x 5 yrs", {"statin_status": "current"}),
        ("2019 - rosuvastatin started\n2022 - rosuvastatin stopped (myalgia)", {"statin_status": "past"}),
        # Findings in longer words; antibody results several words away.
        ("Myositis antibodies including HMGCR have been sent and are pending.", {"antibody": None}),
        ("Anti-HMGCR positive; the anti-SRP result was still awaited at discharge.", {"antibody": "HMGCR"}),
        ("difficulty combing her hair and getting up from the sofa", {"severity": "moderate"}),
        ("manages the stairs only by pulling on the rail", {"severity": "moderate"}),
        ("she is having difficulty for swallowing and also for breathing",
         {"red_flags": ["dysphagia", "respiratory"]}),
        ("Troponin 5x ULN", {"red_flags": ["cardiac"]}),
        ("CK has climbed again since we reduced the prednisolone", {"refractory": True}),
    ],
)
def test_letters_us_shorthand_and_other_word_orders_are_read(text, expected):
    assert_read(text, expected)


@pytest.mark.parametrize("text,slot", [
    ("Family hx\nMother: had SRP myositis with dysphagia\nPatient: HMGCR negative", "red_flags"),
    ("his brother is also under our care with anti-SRP myopathy and interstitial lung disease", "red_flags"),
    ("breast ca 2010 s/p mastectomy, NED", "red_flags"),
    ("She had breast cancer in 2015, operated and chemotherapy, now is no cancer.", "red_flags"),
    ("lives with his wife and their two teenage sons", "age_band"),
])
def test_other_people_and_past_cancers_are_not_the_patients_findings(text, slot):
    assert extract(text).slots().get(slot) in (None, [])


@pytest.mark.parametrize("text,expected", [
    ("My previous patient with the same picture died of aspiration. This one: 69F, anti-HMGCR +, 70 kg",
     {"red_flags": None, "age_years": 69.0, "antibody": "HMGCR"}),
    ("The son (14, 50 kg) has anti-SRP myopathy. My question is about the father: 46, 95 kg, anti-HMGCR positive",
     {"age_years": 46.0, "weight_kg": 95.0, "antibody": "HMGCR"}),
    ("Unlike my last patient who was SRP+, this 52-year-old man is anti-HMGCR positive, weighs 84 kg",
     {"antibody": "HMGCR", "age_years": 52.0, "weight_kg": 84.0}),
    ("Her brother is on atorvastatin and has HMGCR antibodies - she is 34, statin naive, SRP positive",
     {"antibody": "SRP", "statin_exposure": False, "age_years": 34.0}),
])
def test_when_the_writer_turns_to_the_patient_only_the_patients_facts_count(text, expected):
    assert_read(text, expected)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("he was on atrovastatin until March", {"statin_exposure": True, "statin_status": "past"}),
        ("takes simvastatine 40 at night", {"statin_status": "current"}),
        ("started pembrolizumap for melanoma last year", {"ici_exposure": True}),
        ("had nivolumb for lung cancer", {"ici_exposure": True}),
        # Too far from any drug name (more than two edits): no drug read.
        ("on acetaminophen and vitamin D", {"statin_exposure": None, "ici_exposure": None}),
    ],
)
def test_a_misspelt_drug_name_is_read_as_the_drug(text, expected):
    assert_read(text, expected)
