"""Weight-based dose arithmetic with the working shown, caps applied and rounding stated."""

from __future__ import annotations

from imnm.engine.knowledge import DoseRule, Frozen, assemble

ROUNDING_NOTE = "rounded to the nearest 1 {unit} (the sources give no rounding rule)"


class ComputedDose(Frozen):
    """A dose for one patient; `working` is the arithmetic a clinician can re-check."""

    rule: str
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    per: str | None = None
    working: str
    capped: bool = False
    #: Above the range the sources name (never an invented cap): shown prominently with the dose.
    warning: str | None = None
    #: A fixed adult dose withheld for a patient under 18: the sources give no paediatric dose.
    withheld: bool = False

    @property
    def amount_text(self) -> str:
        if self.low is None:
            return self.rule
        amount = _fmt(self.low) if self.high in (None, self.low) else f"{_fmt(self.low)}-{_fmt(self.high)}"
        return f"{amount} {self.unit}/{self.per}" if self.per != "dose" else f"{amount} {self.unit} per dose"


def _fmt(value: float) -> str:
    return f"{value:g}" if value != int(value) else str(int(value))


def _round(value: float) -> float:
    # Half-up to a whole unit; avoids banker's rounding surprising a reader (70.5 -> 71).
    return float(int(value + 0.5))


WITHHELD_FOR_CHILD = (
    "the sources give this only as a fixed adult dose and give no paediatric dose; "
    "the dose for a patient under 18 is the treating team's decision"
)
NO_WEIGHT_RULE = "the sources give no adult maximum and no rule for the dosing weight of heavier patients"


def _dose(rule: DoseRule, working: str, low: float | None = None, high: float | None = None,
          capped: bool = False, warning: str | None = None, withheld: bool = False) -> ComputedDose:
    """Every field given, from a validated rule and float arithmetic: assembled, not re-validated."""
    weighed = low is not None
    return assemble(ComputedDose, {
        "rule": rule.text, "low": low, "high": high, "unit": rule.unit if weighed else None,
        "per": rule.per if weighed else None, "working": working, "capped": capped,
        "warning": warning, "withheld": withheld,
    })


def _guard_warning(rule: DoseRule, low: float, high: float | None) -> str | None:
    """A sentence when the computed amount is above the figure the sources name as usual."""
    guard = rule.guard
    top = high if high is not None else low
    if guard is None or top <= guard.high:
        return None
    amount = _fmt(low) if high in (None, low) else f"{_fmt(low)}-{_fmt(high)}"
    return (f"{amount} {rule.unit}/{rule.per} is above the {guard.named}; {NO_WEIGHT_RULE}. "
            "Check this dose.")


def compute_dose(rule: DoseRule, weight_kg: float | None, juvenile: bool | None = None) -> ComputedDose:
    """Apply a dose rule; per-kg rules need a weight and say so rather than guess one.

    `juvenile` True withholds a fixed adult-only dose (the sources give no paediatric dose)."""
    if rule.adult_only and juvenile:
        return _dose(rule, WITHHELD_FOR_CHILD, withheld=True)
    if rule.basis == "target":
        return _dose(rule, f"{rule.text}; no weight-based calculation")
    if rule.basis == "fixed":
        return _dose(rule, f"fixed dose {rule.text}, not weight-based", rule.low, rule.high)
    if weight_kg is None:
        return _dose(rule, f"{rule.text}; weight needed to calculate")
    assert rule.low is not None and rule.unit is not None
    steps = []
    raw_low = rule.low * weight_kg
    raw_high = rule.high * weight_kg if rule.high is not None else None
    per_kg = _fmt(rule.low) if rule.high is None else f"{_fmt(rule.low)}-{_fmt(rule.high)}"
    raw = _fmt(round(raw_low, 2)) if raw_high is None else f"{_fmt(round(raw_low, 2))}-{_fmt(round(raw_high, 2))}"
    steps.append(f"{per_kg} {rule.unit}/kg x {_fmt(weight_kg)} kg = {raw} {rule.unit}")
    low, high = _round(raw_low), _round(raw_high) if raw_high is not None else None
    if (low, high) != (raw_low, raw_high):
        rounded = _fmt(low) if high is None else f"{_fmt(low)}-{_fmt(high)}"
        steps.append(f"{rounded} {rule.unit} " + ROUNDING_NOTE.format(unit=rule.unit))
    capped = False
    if rule.cap is not None and (low > rule.cap or (high is not None and high > rule.cap)):
        low = min(low, rule.cap)
        high = min(high, rule.cap) if high is not None else None
        capped = True
        steps.append(f"capped at the maximum of {_fmt(rule.cap)} {rule.unit}/{rule.per}")
    return _dose(rule, "; ".join(steps), low, high, capped, _guard_warning(rule, low, high))

