"""CDS Hooks cards for one recommendation: a summary the EHR can show in one line, the one-screen
regimen as its detail, and a card for the facts the record did not give (with what each would change).

Only the clinician rendering is used: a card is shown to whoever opened the record in the EHR, so
patient-facing text is never sent here.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from urllib.parse import quote

from imnm.engine.facts import Audience, PatientFacts, StatinExposure
from imnm.engine.knowledge import Section
from imnm.engine.recommendation import Recommendation
from imnm.engine.rules import MISSING_CHANGES, what_missing_changes
from imnm.engine.summary import summarise
from imnm.render.first_screen import render_first_screen

SUMMARY_LIMIT = 140
#: What each missing fact would change in the plan (said on the "missing facts" card).
LABELS = {"antibody": "antibody", "severity": "severity", "weight_kg": "weight",
          "statin_exposure": "statin history", "age_years": "age"}
#: Facts the record cannot hold in a form read here: asked in the chat instead.
NOT_IN_RECORD = {"severity": "how weak the patient is is not coded in the record"}


def cards_for(recommendation: Recommendation, notes: list[str], provenance: Mapping[str, str],
              source_label: str, chat_url: str | None, assumed_severity: bool) -> list[dict]:
    """The response's `cards`: the plan first, then what is missing (if anything)."""
    if recommendation.facts.audience is not Audience.CLINICIAN:
        raise ValueError("CDS Hooks cards are for clinicians; render patient text elsewhere")
    source = {"label": source_label, "topic": {"code": "imnm-plan", "display": "IMNM treatment plan"}}
    cards = [_plan_card(recommendation, provenance, source, chat_url, assumed_severity)]
    missing = [fact.name for fact in recommendation.missing]
    if assumed_severity:
        missing.insert(0, "severity")
    if missing or notes:
        cards.append(_missing_card(missing, notes, source, chat_url))
    return cards


def _plan_card(recommendation: Recommendation, provenance: Mapping[str, str], source: dict,
               chat_url: str | None, assumed_severity: bool) -> dict:
    lines = []
    if assumed_severity:
        lines.append("**Severity is not in the record, so the non-severe regimen is shown.** If there is "
                     "dysphagia, breathing difficulty or rapid progression, the plan changes: open the chat "
                     "and say \"severe\".")
    pending = [fact.name for fact in recommendation.missing
               if fact.blocking and fact.name in ("antibody", "statin_exposure")]
    if pending:
        lines.append("**Provisional plan** - still missing: "
                     + " and ".join(f"{MISSING_CHANGES[name][0]} (it decides {what_missing_changes(name)})"
                                    for name in pending) + ".")
    lines.append(render_first_screen(recommendation).split("\nMore:")[0])
    if provenance:
        lines.append("_Read from the record: " + "; ".join(provenance.values()) + "._")
    card = {
        "uuid": str(uuid.uuid4()),
        "summary": summary_line(recommendation),
        "detail": "\n\n".join(lines),
        "indicator": indicator(recommendation),
        "source": source,
    }
    if chat_url:
        card["links"] = [{"label": "Open in the IMNM assistant with these facts", "url": chat_url,
                          "type": "absolute"}]
    return card


def _missing_card(missing: list[str], notes: list[str], source: dict, chat_url: str | None) -> dict:
    lines = [f"- **{LABELS[name]}**: "
             f"{NOT_IN_RECORD.get(name, 'not found in the record')}; it changes {what_missing_changes(name)}."
             for name in dict.fromkeys(missing) if name in MISSING_CHANGES]
    lines += [f"- {note}" for note in notes]
    names = [LABELS[name] for name in dict.fromkeys(missing) if name in MISSING_CHANGES]
    summary = ("Not in the record: " + ", ".join(names) if names else "Record data not used")[:SUMMARY_LIMIT]
    card = {"uuid": str(uuid.uuid4()), "summary": summary, "detail": "\n".join(lines),
            "indicator": "info", "source": source}
    if chat_url:
        card["links"] = [{"label": "Complete the facts in the IMNM assistant", "url": chat_url, "type": "absolute"}]
    return card


def indicator(recommendation: Recommendation) -> str:
    """critical: an urgent escalation (admission); warning: any other urgent action (stop a statin or
    a checkpoint inhibitor); info otherwise."""
    urgent = [item for item in recommendation.items if item.urgent]
    if any(item.section is Section.ESCALATION for item in urgent):
        return "critical"
    return "warning" if urgent else "info"


def summary_line(recommendation: Recommendation) -> str:
    """'IMNM: Stop the statin now; prednisone oral 70 mg/day + methotrexate ...' in <= 140 characters,
    whole parts only."""
    regimen = summarise(recommendation)
    head = "IMNM: " + "; ".join(regimen.urgent)
    parts = [*regimen.steroid[:1], *regimen.start]
    text = head + ("; " if regimen.urgent and parts else "")
    joined = ""
    for part in parts:
        candidate = f"{joined} + {part}" if joined else part
        if len(text + candidate) > SUMMARY_LIMIT:
            break
        joined = candidate
    line = (text + joined).rstrip("; ")
    return line if len(line) <= SUMMARY_LIMIT else line[: SUMMARY_LIMIT - 1] + "…"


def chat_text(facts: PatientFacts) -> str:
    """The facts as a message the assistant reads back to the same facts (for the chat link)."""
    parts = []
    if facts.antibody.value in ("HMGCR", "SRP"):
        parts.append(f"anti-{facts.antibody.value} positive")
    elif facts.antibody.value == "seronegative":
        parts.append("anti-HMGCR and anti-SRP negative")
    if facts.weight_kg is not None:
        parts.append(f"{facts.weight_kg:g} kg")
    if facts.age_years is not None:
        parts.append(f"aged {facts.age_years:g}")
    parts.append({StatinExposure.CURRENT: "currently on a statin", StatinExposure.PAST: "took a statin in the past",
                  StatinExposure.NEVER: "never took a statin"}.get(facts.statin, ""))
    if facts.severity is not None:
        parts.append(f"{facts.severity.value} weakness")
    parts += [{"dysphagia": "dysphagia", "respiratory": "respiratory failure", "myocarditis": "myocarditis",
               "ild": "interstitial lung disease", "malignancy": "known cancer", "cardiac": "cardiac involvement",
               "myasthenic": "myasthenic features"}[flag.value] for flag in sorted(facts.red_flags)]
    if facts.ici_exposure:
        parts.append("has had a checkpoint inhibitor")
    return ", ".join(part for part in parts if part)


def chat_link(base_url: str, facts: PatientFacts) -> str:
    """The web chat with the facts in the URL fragment: a fragment never reaches a server log."""
    return f"{base_url.rstrip('/')}/webhooks/web/#facts={quote(chat_text(facts))}"
