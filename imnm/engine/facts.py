"""Typed patient facts: the only input the recommendation engine accepts.

Validation lives here so that nothing downstream ever sees an implausible weight, an absurd age or a
contradiction; the error messages are written for the clinician who typed the value.
"""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

MIN_WEIGHT_KG = 2.0
MAX_WEIGHT_KG = 350.0
MAX_AGE_YEARS = 120.0
ADULT_AGE_YEARS = 18.0
#: Below this an adult's weight is a typo or a wrong unit, not a patient (a plausibility check, not a clinical figure).
MIN_ADULT_WEIGHT_KG = 20.0


class Antibody(str, Enum):
    HMGCR = "HMGCR"
    SRP = "SRP"
    SERONEGATIVE = "seronegative"
    UNKNOWN = "unknown"


class Severity(str, Enum):
    MILD = "mild"
    MODERATE = "moderate"
    SEVERE = "severe"


class StatinExposure(str, Enum):
    CURRENT = "current"
    PAST = "past"
    NEVER = "never"
    UNKNOWN = "unknown"


class AgeBand(str, Enum):
    JUVENILE = "juvenile"
    ADULT = "adult"


class RedFlag(str, Enum):
    DYSPHAGIA = "dysphagia"
    RESPIRATORY = "respiratory"
    CARDIAC = "cardiac"
    MYOCARDITIS = "myocarditis"
    MYASTHENIC = "myasthenic"
    ILD = "ild"
    MALIGNANCY = "malignancy"


class Treatment(str, Enum):
    """A treatment the patient has had or is on; the values are the knowledge base's `agent` names, so a
    plan step can be matched to what was already given."""

    PREDNISONE = "prednisone"
    METHYLPREDNISOLONE = "methylprednisolone"
    METHOTREXATE = "methotrexate"
    AZATHIOPRINE = "azathioprine"
    MYCOPHENOLATE = "mycophenolate"
    IVIG = "ivig"
    RITUXIMAB = "rituximab"
    TACROLIMUS = "tacrolimus"
    CYCLOPHOSPHAMIDE = "cyclophosphamide"
    PLASMA_EXCHANGE = "plasma_exchange"


class Audience(str, Enum):
    CLINICIAN = "clinician"
    TRAINEE = "trainee"
    PATIENT = "patient"


class InvalidFacts(ValueError):
    """Facts a clinician gave that cannot be used; `problems` are plain sentences to show them."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class PatientFacts(BaseModel):
    """What is known about one patient. Unknown facts stay unknown; nothing is defaulted."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    antibody: Antibody = Antibody.UNKNOWN
    severity: Severity | None = None
    weight_kg: float | None = Field(default=None, description="Body weight in kilograms.")
    age_years: float | None = None
    age_band: AgeBand | None = Field(
        default=None, description="Juvenile/adult when the exact age is not known."
    )
    statin: StatinExposure = StatinExposure.UNKNOWN
    refractory: bool = False
    ici_exposure: bool = False
    red_flags: frozenset[RedFlag] = frozenset()
    #: Treatments already given (or being given): a plan does not offer one as if it were new.
    treatments_tried: frozenset[Treatment] = frozenset()
    #: Treatments said not to be usable for this patient (not tolerated, contraindicated, "MTX is out"): a plan never
    #: leads with one while another option is open, and marks it where it keeps it.
    treatments_ruled_out: frozenset[Treatment] = frozenset()
    audience: Audience = Audience.CLINICIAN

    @field_validator("weight_kg")
    @classmethod
    def _plausible_weight(cls, value: float | None) -> float | None:
        if value is not None and not (MIN_WEIGHT_KG <= value <= MAX_WEIGHT_KG):
            raise ValueError(
                f"a weight of {value:g} kg is outside the plausible range "
                f"{MIN_WEIGHT_KG:g}-{MAX_WEIGHT_KG:g} kg; please check the number and its unit"
            )
        return value

    @field_validator("age_years")
    @classmethod
    def _plausible_age(cls, value: float | None) -> float | None:
        if value is not None and not (0 <= value <= MAX_AGE_YEARS):
            raise ValueError(
                f"an age of {value:g} years is not possible; give the age in years (0-120)"
            )
        return value

    @model_validator(mode="after")
    def _weight_fits_age(self) -> PatientFacts:
        if self.weight_kg is not None and self.weight_kg < MIN_ADULT_WEIGHT_KG and self.is_juvenile is False:
            raise ValueError(
                f"a weight of {self.weight_kg:g} kg is not plausible for an adult; please check the number and its "
                "unit (re-weigh if need be)")
        return self

    @model_validator(mode="after")
    def _age_fields_agree(self) -> PatientFacts:
        if self.age_years is not None and self.age_band is not None:
            derived = AgeBand.JUVENILE if self.age_years < ADULT_AGE_YEARS else AgeBand.ADULT
            if derived is not self.age_band:
                raise ValueError(
                    f"age {self.age_years:g} years contradicts '{self.age_band.value}'; "
                    "which is right?"
                )
        return self

    @property
    def is_juvenile(self) -> bool | None:
        """True under 18; None when neither the age nor the age band is known."""
        if self.age_years is not None:
            return self.age_years < ADULT_AGE_YEARS
        if self.age_band is not None:
            return self.age_band is AgeBand.JUVENILE
        return None

    @property
    def statin_exposed(self) -> bool | None:
        if self.statin is StatinExposure.UNKNOWN:
            return None
        return self.statin is not StatinExposure.NEVER


def build_facts(**values: object) -> PatientFacts:
    """Build facts, turning pydantic's errors into sentences a clinician can act on."""
    try:
        return PatientFacts(**values)
    except ValidationError as error:
        problems = []
        for item in error.errors():
            message = str(item.get("msg", "invalid value"))
            message = message.removeprefix("Value error, ")
            field = ".".join(str(part) for part in item.get("loc", ()))
            if item.get("type") in {"enum", "literal_error"}:
                message = f"'{item.get('input')}' is not a recognised value for {field}: {message}"
            elif item.get("type") == "extra_forbidden":
                message = f"'{field}' is not a patient fact this engine knows"
            problems.append(message)
        raise InvalidFacts(problems) from None


def facts_from_slots(slots: dict[str, object], audience: Audience) -> PatientFacts:
    """Slot contract (what the dialogue and the extractor hold) -> typed facts. Raises InvalidFacts
    with clinician-readable problems."""
    statin = StatinExposure.UNKNOWN
    if slots.get("statin_status") in {"current", "past", "never"}:
        statin = StatinExposure(slots["statin_status"])
    elif slots.get("statin_exposure") is False:
        statin = StatinExposure.NEVER
    values: dict[str, object] = {
        "antibody": slots.get("antibody") or "unknown",
        "severity": slots.get("severity"),
        "weight_kg": slots.get("weight_kg"),
        "age_years": slots.get("age_years"),
        "age_band": slots.get("age_band"),
        "statin": statin,
        "refractory": bool(slots.get("refractory")),
        "ici_exposure": bool(slots.get("ici_exposure")),
        "red_flags": frozenset(slots.get("red_flags") or ()),
        "treatments_tried": frozenset(slots.get("treatments_tried") or ()),
        "treatments_ruled_out": frozenset(slots.get("treatments_ruled_out") or ()),
        "audience": audience,
    }
    return build_facts(**values)
