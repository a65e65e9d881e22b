"""FHIR R4 resources and CDS Hooks requests as an EHR would send them, for the case-table patients."""

from __future__ import annotations

import uuid
from typing import Any

PATIENT_ID = "1288992"
LOINC = "http://loinc.org"
RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"
SNOMED = "http://snomed.info/sct"
ICD10 = "http://hl7.org/fhir/sid/icd-10-cm"


def bundle(*resources: dict) -> dict:
    return {"resourceType": "Bundle", "type": "searchset", "total": len(resources),
            "entry": [{"fullUrl": f"urn:uuid:{uuid.uuid4()}", "resource": resource} for resource in resources]}


def patient(birth_date: str | None = "1971-03-02", patient_id: str = PATIENT_ID) -> dict:
    resource = {"resourceType": "Patient", "id": patient_id, "gender": "female", "active": True}
    if birth_date:
        resource["birthDate"] = birth_date
    return resource


def weight(value: float, unit: str = "kg", when: str = "2026-11-20", status: str = "final") -> dict:
    code = {"kg": "kg", "lb": "[lb_av]", "g": "g"}.get(unit, unit)
    return {"resourceType": "Observation", "id": f"w{uuid.uuid4().hex[:8]}", "status": status,
            "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category",
                                      "code": "vital-signs"}]}],
            "code": {"coding": [{"system": LOINC, "code": "29463-7", "display": "Body weight"}]},
            "subject": {"reference": f"Patient/{PATIENT_ID}"}, "effectiveDateTime": when,
            "valueQuantity": {"value": value, "unit": unit, "system": "http://unitsofmeasure.org", "code": code}}


def antibody(name: str, result: str | None, when: str = "2026-11-01", status: str = "final",
             style: str = "coded") -> dict:
    """An anti-HMGCR or anti-SRP result; `style` is how the laboratory writes it."""
    display = {"HMGCR": "HMG-CoA reductase Ab [Presence] in Serum",
               "SRP": "Signal recognition particle Ab [Presence] in Serum"}[name]
    resource = {"resourceType": "Observation", "id": f"a{uuid.uuid4().hex[:8]}", "status": status,
                "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category",
                                          "code": "laboratory"}]}],
                "code": {"coding": [{"system": "urn:oid:2.16.840.1.113883.3.1234", "code": f"LAB-{name}",
                                     "display": display}], "text": display},
                "subject": {"reference": f"Patient/{PATIENT_ID}"}, "effectiveDateTime": when}
    if result is None:
        return resource
    if style == "coded":
        code = {"positive": "10828004", "negative": "260385009"}[result]
        resource["valueCodeableConcept"] = {"coding": [{"system": SNOMED, "code": code, "display": result.title()}]}
    elif style == "interpretation":
        resource["valueQuantity"] = {"value": 120 if result == "positive" else 2, "unit": "U/mL"}
        code = {"positive": "POS", "negative": "NEG"}[result]
        resource["interpretation"] = [{"coding": [{
            "system": "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "code": code}]}]
    elif style == "titre":
        resource["valueQuantity"] = {"value": 120, "unit": "U/mL"}
    else:
        resource["valueString"] = result
    return resource


def statin(status: str = "active", name: str = "atorvastatin 40 MG Oral Tablet", code: str = "617311",
           kind: str = "MedicationRequest", ended: str | None = None) -> dict:
    resource: dict[str, Any] = {
        "resourceType": kind, "id": f"m{uuid.uuid4().hex[:8]}", "status": status,
        "medicationCodeableConcept": {"coding": [{"system": RXNORM, "code": code, "display": name}], "text": name},
        "subject": {"reference": f"Patient/{PATIENT_ID}"}}
    if kind == "MedicationRequest":
        resource["intent"] = "order"
    if ended:
        resource["effectivePeriod"] = {"start": "2020-01-01", "end": ended}
    return resource


def condition(display: str, code: str, system: str = ICD10, clinical: str = "active") -> dict:
    return {"resourceType": "Condition", "id": f"c{uuid.uuid4().hex[:8]}",
            "clinicalStatus": {"coding": [{
                "system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": clinical}]},
            "code": {"coding": [{"system": system, "code": code, "display": display}], "text": display},
            "subject": {"reference": f"Patient/{PATIENT_ID}"}}


def hook_request(patient_resource: dict | None = None, weights: list[dict] | None = None,
                 labs: list[dict] | None = None, requests: list[dict] | None = None,
                 statements: list[dict] | None = None, conditions: list[dict] | None = None) -> dict:
    """The specification's patient-view example request, with this service's prefetch keys filled
    (an empty search is null, as the spec requires)."""
    def search(found: list[dict] | None) -> dict | None:
        return bundle(*found) if found else None

    return {
        "hookInstance": str(uuid.uuid4()),
        "fhirServer": "http://hooks.smarthealthit.org:9080",
        "hook": "patient-view",
        "fhirAuthorization": {"access_token": "some-opaque-fhir-access-token", "token_type": "Bearer",
                              "expires_in": 300, "scope": "user/Patient.read user/Observation.read",
                              "subject": "cds-service4"},
        "context": {"userId": "Practitioner/example", "patientId": PATIENT_ID, "encounterId": "89284"},
        "prefetch": {
            "patient": patient_resource if patient_resource is not None else patient(),
            "weights": search(weights), "labs": search(labs), "medicationRequests": search(requests),
            "medicationStatements": search(statements), "conditions": search(conditions),
        },
    }
