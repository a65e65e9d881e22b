"""Patient facts read from the FHIR resources an EHR prefetches: what the record says, never a guess.

Each prefetch value is parsed with `fhir.resources` (FHIR R4B models, which read R4 data): a value
that is not valid FHIR is a `MalformedPrefetch` (the caller answers 400). What is valid but cannot
be read as a fact (a weight in an unknown unit, a numeric antibody titre without an interpretation,
no statin in the medication list) stays a missing fact, with a note saying why.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import pint
import yaml
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.codeableconcept import CodeableConcept
from pydantic import ValidationError

from imnm.engine.facts import ADULT_AGE_YEARS, MAX_WEIGHT_KG, MIN_WEIGHT_KG, Antibody, RedFlag, StatinExposure

CODES = yaml.safe_load((Path(__file__).with_name("codes.yml")).read_text(encoding="utf-8"))
#: The prefetch keys this service asks for (see `service.DISCOVERY`), read in this order.
PREFETCH_KEYS = ("patient", "weights", "labs", "medicationRequests", "medicationStatements", "conditions")


class MalformedPrefetch(ValueError):
    """Prefetched data that is not valid FHIR, or belongs to another patient."""


@dataclass
class RecordFacts:
    """The facts for `build_facts`, where each came from, and what was seen but not used."""

    values: dict[str, Any] = field(default_factory=dict)
    provenance: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _units() -> pint.UnitRegistry:
    return pint.UnitRegistry()


def _words_pattern(words: Iterable[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(re.escape(word) for word in words) + r")(?![a-z0-9])")


ANTIBODY_WORDS = {Antibody(name): _words_pattern(words) for name, words in CODES["antibody_words"].items()}
POSITIVE_WORDS = _words_pattern(CODES["positive"]["words"])
NEGATIVE_WORDS = _words_pattern(CODES["negative"]["words"])
STATIN_NAMES = _words_pattern(CODES["statins"]["names"])
ICI_NAMES = _words_pattern(CODES["checkpoint_inhibitors"]["names"])
FLAG_WORDS = {RedFlag(name): _words_pattern(spec["words"]) for name, spec in CODES["red_flags"].items()}
NOT_THE_PATIENTS_OWN = re.compile(r"family history|history of|screening|suspected|rule out|r/o")


# --- parsing ----------------------------------------------------------------------------------

def parse_resources(key: str, value: Any, patient_id: str) -> list[Any]:
    """The resources under one prefetch key (a resource or a searchset Bundle), validated."""
    if value is None:
        return []
    resource = _model(key, value)
    if resource.get_resource_type() != "Bundle":
        found = [resource]
    else:
        found = [entry.resource for entry in resource.entry or () if entry.resource is not None]
    for item in found:
        _check_subject(key, item, patient_id)
    return found


def _model(key: str, value: Any) -> Any:
    if not isinstance(value, Mapping) or not isinstance(value.get("resourceType"), str):
        raise MalformedPrefetch(f"prefetch '{key}' is not a FHIR resource (no resourceType)")
    kind = value["resourceType"]
    try:
        model = get_fhir_model_class(kind)
    except (KeyError, ValueError):
        raise MalformedPrefetch(f"prefetch '{key}': '{kind[:40]}' is not a FHIR resource type") from None
    try:
        return model.model_validate(dict(value))
    except (ValidationError, ValueError, TypeError) as error:
        raise MalformedPrefetch(f"prefetch '{key}': the {kind} is not valid FHIR ({_first_problem(error)})") from None


def _first_problem(error: Exception) -> str:
    """Where and what, without echoing the submitted values (they may identify the patient)."""
    if isinstance(error, ValidationError) and error.errors():
        first = error.errors()[0]
        where = ".".join(str(part) for part in first.get("loc", ()))
        return f"{where}: {first.get('type', 'invalid')}"
    return type(error).__name__


def _check_subject(key: str, resource: Any, patient_id: str) -> None:
    kind = resource.get_resource_type()
    if kind == "Patient":
        if resource.id and resource.id != patient_id:
            raise MalformedPrefetch(f"prefetch '{key}': the Patient is not the patient in context")
        return
    reference = getattr(resource, "subject", None) or getattr(resource, "patient", None)
    target = getattr(reference, "reference", None)
    if target and target.split("/")[-2:] != ["Patient", patient_id] and target != f"Patient/{patient_id}":
        raise MalformedPrefetch(f"prefetch '{key}': a {kind} belongs to another patient")


# --- reading facts ----------------------------------------------------------------------------

def read_prefetch(prefetch: Mapping[str, Any], patient_id: str, today: date) -> RecordFacts:
    """Facts for the patient in context from whatever the EHR sent (absent keys give no facts)."""
    record = RecordFacts()
    by_kind: dict[str, list[Any]] = {}
    for key in PREFETCH_KEYS:
        for resource in parse_resources(key, prefetch.get(key), patient_id):
            kind = resource.get_resource_type()
            if kind == "OperationOutcome":
                record.notes.append(f"The record system could not supply '{key}'.")
                continue
            by_kind.setdefault(kind, []).append(resource)
    _read_age(by_kind.get("Patient", []), today, record)
    observations = by_kind.get("Observation", [])
    _read_weight(observations, record)
    _read_antibodies(observations, record)
    _read_medications(by_kind.get("MedicationRequest", []) + by_kind.get("MedicationStatement", []), today, record)
    _read_conditions(by_kind.get("Condition", []), record)
    return record


def _read_age(patients: list[Any], today: date, record: RecordFacts) -> None:
    birth = next((patient.birthDate for patient in patients if patient.birthDate), None)
    if birth is None:
        return
    earliest, latest = _birth_range(birth)
    oldest, youngest = _years_between(earliest, today), _years_between(latest, today)
    if youngest < 0:
        record.notes.append("The birth date in the record is in the future; age not used.")
        return
    if (oldest < ADULT_AGE_YEARS) != (youngest < ADULT_AGE_YEARS):
        record.notes.append("The birth date in the record is partial and the patient is about 18; age not used.")
        return
    record.values["age_years"] = float(int(youngest))
    record.provenance["age_years"] = f"birth date {birth}"


def _birth_range(birth: date | str) -> tuple[date, date]:
    """A partial FHIR date ('1990', '1990-05') as the earliest and latest days it can mean."""
    if isinstance(birth, date):
        return birth, birth
    parts = [int(part) for part in str(birth).split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    month_end = (date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1) - date.resolution)
    return date(parts[0], parts[1], 1), month_end


def _years_between(birth: date, today: date) -> float:
    whole = today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
    return float(whole)


def _when(resource: Any) -> str:
    """ISO text of when an observation or statement applies (for ordering; '' when unknown)."""
    for name in ("effectiveDateTime", "issued", "recordedDate", "authoredOn", "dateAsserted"):
        value = getattr(resource, name, None)
        if value:
            return value.isoformat() if isinstance(value, date | datetime) else str(value)
    period = getattr(resource, "effectivePeriod", None)
    if period is not None and (period.start or period.end):
        value = period.start or period.end
        return value.isoformat() if isinstance(value, date | datetime) else str(value)
    return ""


def _codes(concept: Any) -> Iterator[tuple[str, str]]:
    """(system, code) of every coding in a CodeableConcept."""
    for coding in getattr(concept, "coding", None) or ():
        yield (coding.system or "", coding.code or "")


def _text(concept: Any) -> str:
    """Every human-readable word of a CodeableConcept, lower case."""
    if concept is None:
        return ""
    words = [getattr(concept, "text", None) or ""]
    words += [coding.display or "" for coding in getattr(concept, "coding", None) or ()]
    return " ".join(words).lower()


def _read_weight(observations: list[Any], record: RecordFacts) -> None:
    weights = [obs for obs in observations
               if any(code in CODES["weight_codes"] for _, code in _codes(obs.code))]
    for obs in sorted(weights, key=_when, reverse=True):
        when = _when(obs)[:10] or "undated"
        if obs.status not in CODES["final_statuses"]:
            continue
        quantity = obs.valueQuantity
        unit = (quantity.code or quantity.unit or "") if quantity is not None else ""
        if quantity is None or quantity.value is None or unit not in CODES["weight_units"]:
            record.notes.append(f"A weight ({when}) has no value in a known unit; not used.")
            continue
        kg = float(_units().Quantity(float(quantity.value), CODES["weight_units"][unit]).to("kilogram").magnitude)
        if not MIN_WEIGHT_KG <= kg <= MAX_WEIGHT_KG:
            record.notes.append(f"A weight of {float(quantity.value):g} {unit} ({when}) is outside the plausible "
                                f"range {MIN_WEIGHT_KG:g}-{MAX_WEIGHT_KG:g} kg; not used.")
            continue
        record.values["weight_kg"] = round(kg, 1)
        record.provenance["weight_kg"] = f"weight {float(quantity.value):g} {unit} on {when}"
        return


def _result(value_concept: Any, value_string: str | None, interpretation: list[Any] | None) -> bool | None:
    """True positive, False negative, None when the result is not written in a way read here."""
    codes = {code for _, code in _codes(value_concept)}
    words = " ".join([_text(value_concept), (value_string or "").lower()])
    for concept in interpretation or ():
        codes |= {code for _, code in _codes(concept)}
        words += " " + _text(concept)
    if codes & set(CODES["negative"]["codes"]) or NEGATIVE_WORDS.search(words):
        return False
    if codes & set(CODES["positive"]["codes"]) or POSITIVE_WORDS.search(words):
        return True
    return None


def _antibody_results(observations: list[Any]) -> Iterator[tuple[Antibody, str, str, bool | None]]:
    """(antibody, when, status, result) for each antibody test, panels' components included."""
    for obs in observations:
        when = _when(obs)
        parts = [(obs.code, obs.valueCodeableConcept, obs.valueString, obs.interpretation)]
        parts += [(component.code, component.valueCodeableConcept, component.valueString, component.interpretation)
                  for component in obs.component or ()]
        for code, concept, string, interpretation in parts:
            name = _text(code)
            for antibody, pattern in ANTIBODY_WORDS.items():
                if pattern.search(name):
                    yield antibody, when, obs.status, _result(concept, string, interpretation)


def _read_antibodies(observations: list[Any], record: RecordFacts) -> None:
    latest: dict[Antibody, tuple[str, bool]] = {}
    for antibody, when, status, result in sorted(_antibody_results(observations), key=lambda found: found[1]):
        label = f"anti-{antibody.value}"
        if status not in CODES["final_statuses"]:
            record.notes.append(f"The {label} result ({when[:10] or 'undated'}) is not final yet.")
        elif result is None:
            record.notes.append(f"The {label} result ({when[:10] or 'undated'}) is not written as positive or "
                                "negative (a titre alone is not read: laboratories' cut-offs differ).")
        else:
            latest[antibody] = (when[:10] or "undated", result)
    hmgcr, srp = latest.get(Antibody.HMGCR), latest.get(Antibody.SRP)
    positive = [antibody for antibody, (_, result) in latest.items() if result]
    if len(positive) > 1:
        record.notes.append("Both anti-HMGCR and anti-SRP are positive in the record; check with the laboratory.")
        return
    if positive:
        antibody = positive[0]
        record.values["antibody"] = antibody
        record.provenance["antibody"] = f"anti-{antibody.value} positive on {latest[antibody][0]}"
    elif hmgcr and srp:
        record.values["antibody"] = Antibody.SERONEGATIVE
        record.provenance["antibody"] = f"anti-HMGCR negative ({hmgcr[0]}), anti-SRP negative ({srp[0]})"
    elif hmgcr or srp:
        tested, missing = ("anti-HMGCR", "anti-SRP") if hmgcr else ("anti-SRP", "anti-HMGCR")
        record.notes.append(f"{tested} is negative; no {missing} result in the record.")


def _medication_concept(resource: Any) -> Any:
    concept = getattr(resource, "medicationCodeableConcept", None)
    if concept is None and getattr(resource, "medicationReference", None) is not None:
        return CodeableConcept(text=resource.medicationReference.display or None)
    return concept


def _is(concept: Any, group: str, names: re.Pattern[str]) -> bool:
    return (any(code in CODES[group]["rxnorm"] for system, code in _codes(concept) if "rxnorm" in system.lower())
            or bool(names.search(_text(concept))))


def _use(resource: Any, today: date) -> str | None:
    """'current', 'past', or None when the record is not a use (cancelled, entered in error, not taken)."""
    period = getattr(resource, "effectivePeriod", None)
    ended = period is not None and period.end is not None and str(period.end)[:10] < today.isoformat()
    if resource.status in CODES["medication_current"]:
        return "past" if ended else "current"
    if resource.status in CODES["medication_past"]:
        return "past"
    return None


def _read_medications(resources: list[Any], today: date, record: RecordFacts) -> None:
    statin_uses, ici_uses = [], []
    for resource in resources:
        concept = _medication_concept(resource)
        use = _use(resource, today)
        if use is None or concept is None:
            continue
        name = (_text(concept).split() or ["a medicine"])[0]
        if _is(concept, "statins", STATIN_NAMES):
            statin_uses.append((use, name))
        elif _is(concept, "checkpoint_inhibitors", ICI_NAMES):
            ici_uses.append((use, name))
    if any(use == "current" for use, _ in statin_uses):
        record.values["statin"] = StatinExposure.CURRENT
        record.provenance["statin"] = "a current statin prescription"
    elif statin_uses:
        record.values["statin"] = StatinExposure.PAST
        record.provenance["statin"] = "a past statin prescription"
    else:
        record.notes.append("No statin in the medication record; that does not show one was never taken.")
    if ici_uses:
        record.values["ici_exposure"] = True
        record.provenance["ici_exposure"] = "an immune checkpoint inhibitor in the medication record"


def _flag_for(concept: Any) -> RedFlag | None:
    text = _text(concept)
    for flag, spec in CODES["red_flags"].items():
        for system, code in _codes(concept):
            system = system.lower()
            if ("icd-10" in system or "icd10" in system) and any(code.startswith(p) for p in spec["icd10"]):
                return RedFlag(flag)
            if "snomed" in system and code in spec["snomed"]:
                return RedFlag(flag)
    if NOT_THE_PATIENTS_OWN.search(text):
        return None
    return next((flag for flag, pattern in FLAG_WORDS.items() if pattern.search(text)), None)


def _read_conditions(conditions: list[Any], record: RecordFacts) -> None:
    flags = set()
    for condition in conditions:
        clinical = {code for _, code in _codes(condition.clinicalStatus)}
        verification = {code for _, code in _codes(condition.verificationStatus)}
        if clinical and not clinical & set(CODES["condition_active"]):
            continue
        if verification & set(CODES["condition_not_so"]):
            continue
        flag = _flag_for(condition.code)
        if flag is not None:
            flags.add(flag)
    if flags:
        record.values["red_flags"] = frozenset(flags)
        record.provenance["red_flags"] = "active problem list: " + ", ".join(sorted(flag.value for flag in flags))
