"""The CDS Hooks 2.0 `patient-view` service: the EHR's request in, cards out, no new clinical logic.

The facts are read from the prefetched FHIR data (`fhir_facts`), the plan is the engine's
(`rules.recommend`), the cards are `render.cds_cards`. Errors are typed so the HTTP layer maps them:
`BadRequest` 400, `PreconditionFailed` 412 (a prefetch key the EHR did not send, which the spec
says a service without FHIR server access must answer so).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from imnm.ehr.fhir_facts import PREFETCH_KEYS, MalformedPrefetch, read_prefetch
from imnm.engine.facts import Audience, InvalidFacts, Severity, build_facts
from imnm.engine.recommendation import Recommendation
from imnm.engine.rules import recommend
from imnm.render.cds_cards import cards_for, chat_link

SERVICE_ID = "imnm-patient-view"
HOOK = "patient-view"
PREFETCH = {
    "patient": "Patient/{{context.patientId}}",
    "weights": "Observation?patient={{context.patientId}}&code=http://loinc.org|29463-7&_sort=-date&_count=10",
    "labs": "Observation?patient={{context.patientId}}&category=laboratory&_sort=-date&_count=200",
    "medicationRequests": "MedicationRequest?patient={{context.patientId}}",
    "medicationStatements": "MedicationStatement?patient={{context.patientId}}",
    "conditions": "Condition?patient={{context.patientId}}",
}
assert tuple(PREFETCH) == PREFETCH_KEYS
DISCOVERY = {"services": [{
    "hook": HOOK,
    "id": SERVICE_ID,
    "title": "IMNM treatment plan",
    "description": ("Immune-mediated necrotising myopathy: a cited first-line regimen with this patient's "
                    "weight-based doses, from the antibody result, weight, age, statin and checkpoint-inhibitor "
                    "history and problem list in the record."),
    "prefetch": PREFETCH,
    "usageRequirements": "Prefetch only: the service does not query the FHIR server.",
}]}


class BadRequest(ValueError):
    """A request that is not a CDS Hooks patient-view call this service can read."""


class PreconditionFailed(ValueError):
    """Prefetch keys missing (not null: absent), which this service cannot fetch itself."""


class PatientViewContext(BaseModel):
    model_config = ConfigDict(extra="allow")
    userId: str
    patientId: str
    encounterId: str | None = None

    @field_validator("patientId", "userId")
    @classmethod
    def _not_empty(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be empty")
        return value


class HookRequest(BaseModel):
    model_config = ConfigDict(extra="allow")
    hook: str
    hookInstance: str
    context: PatientViewContext
    fhirServer: str | None = None
    prefetch: dict[str, Any] | None = None


class HookAnswer(NamedTuple):
    response: dict[str, Any]
    recommendation: Recommendation
    request: HookRequest


def parse_request(body: bytes | str) -> HookRequest:
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        raise BadRequest("the body is not JSON") from None
    if not isinstance(data, dict):
        raise BadRequest("the body must be a JSON object (a CDS Hooks request)")
    try:
        request = HookRequest.model_validate(data)
    except ValidationError as error:
        where = ", ".join(".".join(str(part) for part in item["loc"]) + f" ({item['type']})"
                          for item in error.errors()[:3])
        raise BadRequest(f"not a CDS Hooks {HOOK} request: {where}") from None
    if request.hook != HOOK:
        raise BadRequest(f"this service answers the '{HOOK}' hook, not '{request.hook[:40]}'")
    return request


def answer(body: bytes | str, today: date, source_label: str, public_url: str | None) -> HookAnswer:
    """The cards for one call. Pure: the caller authenticates, audits and logs."""
    request = parse_request(body)
    prefetch = request.prefetch or {}
    absent = [key for key in PREFETCH if key not in prefetch]
    if absent:
        raise PreconditionFailed("prefetch keys not sent (send null when there is no data): " + ", ".join(absent))
    try:
        record = read_prefetch(prefetch, request.context.patientId, today)
    except MalformedPrefetch as error:
        raise BadRequest(str(error)) from None
    except RecursionError:
        raise BadRequest("the prefetch data is nested too deeply") from None
    try:
        facts = build_facts(**record.values, audience=Audience.CLINICIAN)
    except InvalidFacts as error:  # a combination fhir_facts could not rule out
        raise BadRequest("; ".join(error.problems)) from None
    recommendation = recommend(facts)
    assumed_severity = any(fact.name == "severity" for fact in recommendation.missing)
    if assumed_severity:  # severity is not coded in a record: the non-severe plan, said so on the card
        recommendation = recommend(facts.model_copy(update={"severity": Severity.MODERATE}))
    link = chat_link(public_url, facts) if public_url else None
    cards = cards_for(recommendation, record.notes, record.provenance, source_label, link, assumed_severity)
    return HookAnswer({"cards": cards}, recommendation, request)
