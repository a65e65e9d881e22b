"""Round 22's classes, each on sentences written for this test (not the set's own): a finding said to have
resolved after earlier mentions, breathlessness put down to another cause, breathing muscles found normal beside
lung disease, a negated list to the end of its sentence, a swallow "unsafe" or coughing "every time" one drinks,
surveillance is not a finding, a result supposed ("if the HMGCR comes back positive"), another patient said to be
"not this patient", dotted acronyms, a bracketed panel's result, a statin named as the cause or planned, a gerund
question, a clause that asks; and in the dialogue, "that" for the drug of the bot's last answer, a request for
advice in the first clause, which antibodies to send, a supposed diagnosis, complement, the myasthenic outlook,
inclusion body myositis and contagion as gaps, and a juvenile patient's first-line question."""

from __future__ import annotations

import pytest

from imnm.dialogue.conversation import respond
from imnm.language.extract import extract


def slots(text: str) -> dict:
    return extract(text).slots()


def flags(text: str) -> list[str]:
    return slots(text).get("red_flags") or []


@pytest.mark.parametrize("text", [
    "On admission she choked on thin fluids and needed NG feeds. Repeat SLT 10/03: normal diet. Dysphagia resolved.",
    "Myocarditis on CMR in May, treated. The myocarditis has since resolved, troponin normal.",
    "Breathless on stairs - GP attributes this to his anaemia (Hb 79).",
    "HRCT: NSIP. FVC 70%. Respiratory muscle strength preserved (normal MIP/MEP); the restriction is from the ILD.",
    "Denies dysphagia, palpitations, SOB.",
    "ROS: negative for fevers, dysphagia, dyspnoea, rash, arthralgia.",
    "Plan: breast cancer surveillance per oncology.",
])
def test_findings_told_in_these_ways_are_not_present(text):
    assert set(flags(text)) <= {"ild"}


@pytest.mark.parametrize("text", [
    "Swallow: unsafe on bedside assessment, NBM.",
    "Her son says she is coughing every time she drinks tea.",
])
def test_dysphagia_told_in_these_ways(text):
    assert "dysphagia" in flags(text)


@pytest.mark.parametrize("text, antibody", [
    ("Antibodies sent, results awaited. If the SRP comes back positive, please call me.", None),
    ("48F, HMGCR negative, SRP negative. (The anti-SRP case on the list was bed 9 - not this patient.)",
     "seronegative"),
    ("10 year old girl with anti S.R.P. positive juvenile myopathy.", "SRP"),
    ("Myositis panel (SRP, Jo-1, PL-7, etc.): negative. HMGCR awaited.", None),
    ("she was told the antibodies came back negative for both", "seronegative"),
])
def test_antibody_told_in_these_ways(text, antibody):
    assert slots(text).get("antibody") == antibody


@pytest.mark.parametrize("text, status", [
    ("he has necrotising myopathy caused by his statin", None),
    ("my GP wants to put me on a different statin, is that ok?", None),
    ("will stopping the statin be enough?", None),
])
def test_statin_timing_told_in_these_ways(text, status):
    assert slots(text).get("statin_status") == status


def test_a_clause_that_asks_tells_nothing():
    assert slots("they want to stop the IVIG, will she relapse?").get("refractory") is None
    assert slots("58M anti-SRP, relapsed on taper, will he need IVIG?")["refractory"] is True


def test_function_told_in_these_ways():
    assert slots("i can still walk and do everything, only my arms are weak")["severity"] == "mild"
    assert slots("Three months of IVIG. She needs a rail for the stairs.")["severity"] == "moderate"


def ask(turns: list[str], last_reply: str = "") -> str:
    facts: dict = {}
    history: list[str] = []
    reply = ""
    for turn in turns:
        facts.update({k: v for k, v in extract(turn).slots().items() if v not in (None, [], "")})
        reply = respond(turn, "ask_question", facts, False, [], {}, True, history=history,
                        last_reply=last_reply or reply).text
        history.append(turn)
    return reply


def test_that_is_the_drug_of_the_last_answer():
    facts = {k: v for k, v in extract("70M anti-SRP, bedbound, FVC falling, 70 kg").slots().items() if v}
    last = ("- **Early rituximab for anti-SRP disease**: Anti-SRP IMNM usually needs combination immunotherapy; "
            "consider early rituximab.")
    history = ["70M anti-SRP, bedbound, FVC falling, 70 kg", "ok, noted"]
    reply = respond("how is that dosed?", "ask_question", facts, False, [], {}, True, history=history,
                    last_reply=last).text
    assert "1000 mg" in reply
    without = respond("how is that dosed?", "ask_question", facts, False, [], {}, True, history=history).text
    assert "1000 mg" not in without  # the drug comes from the last answer: the user never named it


def test_advice_asked_for_in_the_first_clause_gives_the_plan():
    reply = ask(["30F, 55 kg, anti-SRP, never on a statin. Pred and azathioprine for 5 months, still in a "
                 "wheelchair, now choking on food", "Kindly advise further management, cost is a concern"])
    assert "IMNM plan" in reply and "rituximab" in reply.lower()


def test_which_antibodies_to_send():
    reply = ask(["weak pt, CK 9000", "which antibodies should we test for?"])
    assert "HMGCR" in reply and "SRP" in reply


def test_a_supposed_diagnosis_for_a_child_gets_the_first_line_treatment():
    reply = ask(["my nephew is 6 and they think it might be necrotising myositis",
                 "if it turns out to be that, what would they treat him with?"])
    assert "steroid" in reply.lower() or "prednisone" in reply.lower()


def test_complement_and_the_myasthenic_outlook():
    assert "tacrolimus" in ask(["which drugs act on complement?"]).lower()
    reply = ask(["65F on nivolumab, CK 7000, ptosis and diplopia, mild weakness", "does the MG-like picture change the "
                 "outlook?"])
    assert "mortality" in reply


@pytest.mark.parametrize("question", [
    "How do you tell IMNM from inclusion body myositis on biopsy?",
    "is necrotising myopathy contagious? can my husband catch it?",
])
def test_more_gaps(question):
    assert "do not address" in ask([question])
