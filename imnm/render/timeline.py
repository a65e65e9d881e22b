"""The treatment timeline: what happens when, drawn only from timings the plan itself states.

`timeline(recommendation)` reads the plan's items and returns the lanes to draw; every timing comes
from the item's own text ("two weeks apart", "monthly", "after 2-4 weeks", "once a year"), and a
step with no stated duration is drawn open-ended with its note. Tests read this data, not the
pixels. `draw_png` renders it with matplotlib (installed with Rasa) for the widget and Slack; the
patient version has the same lanes in plain words and no doses.
"""

from __future__ import annotations

import io
import re
from typing import NamedTuple

from imnm.engine.facts import Audience
from imnm.engine.knowledge import Section
from imnm.engine.recommendation import Item, Recommendation

WEEKS_PER_MONTH = 52 / 12
HORIZON_WEEKS = 56.0


class Mark(NamedTuple):
    """A dose given at a point in time (weeks from the start)."""

    week: float
    label: str


class Lane(NamedTuple):
    name: str
    start: float
    end: float | None  # None: open-ended (the sources give no end)
    marks: tuple[Mark, ...]
    note: str
    #: The plan text each timing was read from, so a test can check nothing was invented.
    stated: str


class Timeline(NamedTuple):
    lanes: tuple[Lane, ...]
    alt_text: str


TWO_WEEKS_APART = re.compile(r"two weeks apart", re.I)
MONTHLY = re.compile(r"\bmonthly\b", re.I)
TAPER_WEEKS = re.compile(r"taper after (\d+)-(\d+) weeks", re.I)
#: Words in a steroid-sparing step that put its start with the steroid, at week 0.
STARTS_WITH_THE_STEROID = ("together with the steroid", "combined therapy", "first-line therapy")


def _label(item: Item, audience: Audience) -> str:
    if audience is Audience.PATIENT or item.dose is None or item.dose.low is None:
        return item.short_name
    return f"{item.short_name} {item.dose.amount_text}"


def timeline(recommendation: Recommendation, audience: Audience | None = None) -> Timeline:
    audience = audience or recommendation.facts.audience
    lanes: list[Lane] = []
    for item in recommendation.items:
        if item.alternative or item.urgent:
            continue
        lane = _lane(item, audience)
        if lane is not None:
            lanes.append(lane)
    if any(item.entry_id == "monitoring.core" for item in recommendation.items):
        lanes.append(Lane("CK and strength" if audience is not Audience.PATIENT else "Blood tests and strength checks",
                          0.0, None, (), "at each visit (the sources give no interval)", "serial CK"))
    if any(item.entry_id == "monitoring.damage_index" for item in recommendation.items):
        lanes.append(Lane("Damage index" if audience is not Audience.PATIENT else "Yearly check for lasting harm",
                          0.0, None, (Mark(52.0, "yearly"),), "once a year", "once a year"))
    return Timeline(tuple(lanes), _alt_text(lanes, audience))


def _lane(item: Item, audience: Audience) -> Lane | None:
    if item.dose is not None and item.dose.withheld:
        return None  # the schedule belongs to the adult dose, which the sources do not give for a child
    text = " ".join(filter(None, (item.statement, item.frequency, item.duration)))
    label = _label(item, audience)
    if item.section is Section.INDUCTION and item.agent == "methylprednisolone":
        if "intravenously" not in text:
            return None
        return Lane(label, 0.0, 0.0, (Mark(0.0, "IV"),),
                    "IV first; the sources give no number of doses or day to switch to oral", "intravenously")
    if item.section is Section.INDUCTION and item.agent == "prednisone":
        taper = TAPER_WEEKS.search(text)
        if taper:
            low, high = float(taper.group(1)), float(taper.group(2))
            return Lane(label, 0.0, None, (Mark(low, "taper from"), Mark(high, "taper by")),
                        f"taper after {taper.group(1)}-{taper.group(2)} weeks depending on response", taper.group(0))
        return Lane(label, 0.0, None, (), "taper after improvement and a fall in CK (no fixed duration)",
                    "after clinical improvement and a fall in CK")
    if item.agent == "rituximab" and TWO_WEEKS_APART.search(text):
        return Lane(label, 0.0, 2.0, (Mark(0.0, "day 0"), Mark(2.0, "day 14")), "two doses, two weeks apart",
                    "two weeks apart")
    if item.agent == "ivig":
        if MONTHLY.search(text):
            marks = tuple(Mark(round(m * WEEKS_PER_MONTH, 2), "2-5 days") for m in range(0, 12))
            return Lane(label, 0.0, None, marks, "over 2-5 days, monthly", "monthly")
        return Lane(label, 0.0, None, (Mark(0.0, "2-5 days"),), "over 2-5 days (no repeat interval stated)",
                    "2-5 days")
    if item.section is Section.STEROID_SPARING and item.agent:
        start = next((words for words in STARTS_WITH_THE_STEROID if words in text), None)
        if start is None:
            return None
        return Lane(label, 0.0, None, (), "long term (no fixed duration in the sources)", start)
    if item.entry_id == "prophylaxis.pneumocystis":
        note = ("while the steroid dose is high" if audience is Audience.PATIENT
                else "while the steroid is 20 mg/day or more for 4 weeks or more")
        return Lane("Pneumocystis prophylaxis", 0.0, None, (), note, "20 mg or more")
    if item.entry_id == "prophylaxis.bone":
        return Lane("Bone protection", 0.0, None, (), "during corticosteroid therapy", "during corticosteroid therapy")
    return None


def _alt_text(lanes: list[Lane], audience: Audience) -> str:
    parts = [f"{lane.name}: {lane.note}" for lane in lanes]
    lead = "Treatment timeline" if audience is not Audience.PATIENT else "Your treatment over time"
    return f"{lead} (weeks from the start). " + "; ".join(parts) + "."


def draw_png(data: Timeline) -> bytes:
    """The timeline as a PNG; open-ended lanes fade into an arrow at the right edge."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    height = 0.9 + 0.45 * max(1, len(data.lanes))
    figure, axes = plt.subplots(figsize=(8.5, height), dpi=96)
    try:
        for row, lane in enumerate(reversed(data.lanes)):
            end = lane.end if lane.end is not None else HORIZON_WEEKS
            axes.barh(row, end - lane.start, left=lane.start, height=0.36, color="#9ec5e8" if lane.end else "#cfe3f5")
            if lane.end is None:
                axes.annotate("", xy=(HORIZON_WEEKS + 1.5, row), xytext=(HORIZON_WEEKS - 2, row),
                              arrowprops={"arrowstyle": "->", "color": "#4a7fb0"})
            for mark in lane.marks:
                axes.plot(mark.week, row, marker="v", color="#1f4e79", markersize=6)
            axes.text(HORIZON_WEEKS + 2.5, row, lane.note, va="center", fontsize=7, color="#333333")
        axes.set_yticks(range(len(data.lanes)), [lane.name for lane in reversed(data.lanes)], fontsize=8)
        axes.set_xlim(-1, HORIZON_WEEKS + 2)
        axes.set_xlabel("weeks from the start", fontsize=8)
        axes.tick_params(axis="x", labelsize=7)
        axes.spines[["top", "right"]].set_visible(False)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", bbox_inches="tight")
        return buffer.getvalue()
    finally:
        plt.close(figure)
