"""A question asked "given" one of the patient's facts ("what's the next agent given her antibody?", "anything
different because of his age?") is about the steps that fact brings, not the whole plan again.

The fact is written into the question as this patient's value ("... for anti-SRP disease"), so that the knowledge
base's own topic words find the entries that fact decides (early rituximab for anti-SRP disease); a fact the
patient does not have yet leaves the question as it was."""

from __future__ import annotations

import re

from imnm.dialogue.questions import topics_in

#: "given her antibody", "because of his serology", "in view of the SRP result", "considering his age".
GIVEN = re.compile(
    r"\b(?:given|because\s+of|in\s+view\s+of|in\s+light\s+of|considering|based\s+on|due\s+to)\s+"
    r"(?:(?:her|his|their|the|this|that)\s+)?(?:(?:positive|known)\s+)?(?P<fact>antibod(?:y|ies)|serology|ab\s+status|"
    r"antibody\s+status|ab|age|youth|being\s+(?:so\s+)?young|course|relapses?|refractory\s+course|failure|"
    r"(?:hmgcr|srp)(?:\s+(?:result|positivity|status))?)\b", re.I)

ANTIBODY_DISEASE = {"HMGCR": "anti-HMGCR disease", "SRP": "anti-SRP disease",
                    "seronegative": "antibody-negative disease"}


def _value_words(fact: str, slots: dict[str, object]) -> str | None:
    fact = fact.lower()
    if fact.startswith(("antibod", "serology", "ab", "hmgcr", "srp")):
        return ANTIBODY_DISEASE.get(str(slots.get("antibody")))
    if fact in ("age", "youth") or fact.startswith("being"):
        return "juvenile disease" if slots.get("age_band") == "juvenile" else None
    if slots.get("refractory") is True:  # the course, relapses, failure
        return "refractory disease"
    return None


def asked_given_a_fact(text: str, slots: dict[str, object]) -> str | None:
    """`text` with the fact it is asked "given" written as this patient's value, or None when it names no such fact
    or the patient does not have it yet."""
    match = GIVEN.search(text)
    if match is None:
        return None
    words = _value_words(match["fact"], slots)
    if words is None:
        return None
    return f"{text[:match.start()]}for {words}{text[match.end():]}"


#: What to give, asked without naming the setting: for a patient who had a checkpoint inhibitor the sources answer
#: with that myositis's own entries (IVIG and/or plasma exchange when life-threatening), not the IMNM agents.
CHOICE_TOPICS = frozenset({"steroid-sparing", "first-line"})


def asked_in_checkpoint_myositis(text: str, slots: dict[str, object]) -> str | None:
    """`text` asked in the setting of checkpoint-inhibitor myositis ("what do we add on top of the steroids then"
    for a patient on pembrolizumab with myocarditis), or None when the patient had no checkpoint inhibitor, the
    question asks no treatment choice, or it names the setting itself."""
    if slots.get("ici_exposure") is not True:
        return None
    topics = set(topics_in(text))
    if not topics & CHOICE_TOPICS or "checkpoint" in topics:
        return None
    severe = " severe" if slots.get("severity") == "severe" else ""
    asked = text.rstrip()
    mark = "?" if asked.endswith("?") else ""  # inside the question, which is what the answer reads
    return f"{asked.removesuffix('?')} (in{severe} checkpoint-inhibitor myositis){mark}"
