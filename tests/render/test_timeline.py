"""The timeline picture's data: one for every case-table plan, alt text, and no timing that the
plan itself does not state (the test reads the data, not the pixels)."""

from __future__ import annotations

import pytest

from imnm import build_facts, recommend
from imnm.render import render
from imnm.render.timeline import draw_png, timeline
from scripts import clinical_cases

CASES = clinical_cases.load()["cases"]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["id"])
def test_every_plan_has_a_timeline_with_only_stated_timings(case):
    recommendation = recommend(build_facts(**case["facts"]))
    drawn = timeline(recommendation)
    plan_text = render(recommendation)
    assert drawn.lanes and drawn.alt_text.startswith("Treatment timeline")
    for lane in drawn.lanes:
        assert lane.stated and lane.stated in plan_text, (lane.name, lane.stated)
        if lane.end is None:
            assert lane.note, lane.name  # open-ended: say why


def test_timings_follow_the_plan():
    srp = timeline(recommend(build_facts(antibody="SRP", severity="moderate", weight_kg=60, age_years=40,
                                         statin="never")))
    rituximab = next(lane for lane in srp.lanes if lane.name.startswith("rituximab"))
    assert [mark.week for mark in rituximab.marks] == [0.0, 2.0] and rituximab.end == 2.0
    child = timeline(recommend(build_facts(antibody="HMGCR", severity="moderate", weight_kg=30, age_years=10,
                                           statin="never")))
    prednisone = next(lane for lane in child.lanes if lane.name.startswith("prednisone"))
    assert [mark.week for mark in prednisone.marks] == [2.0, 4.0]
    adult = timeline(recommend(build_facts(antibody="HMGCR", severity="moderate", weight_kg=70, age_years=50,
                                           statin="never")))
    adult_prednisone = next(lane for lane in adult.lanes if lane.name.startswith("prednisone"))
    assert adult_prednisone.marks == () and adult_prednisone.end is None  # no fixed duration in the sources
    ivig = next(lane for lane in adult.lanes if lane.name.startswith("IVIG"))
    assert len(ivig.marks) == 12 and "monthly" in ivig.note


def test_patient_timeline_has_no_doses_and_the_picture_is_a_png():
    recommendation = recommend(build_facts(antibody="SRP", severity="severe", weight_kg=60, age_years=40,
                                           statin="never", audience="patient"))
    drawn = timeline(recommendation)
    assert "mg" not in drawn.alt_text and drawn.alt_text.startswith("Your treatment over time")
    assert draw_png(drawn).startswith(b"\x89PNG\r\n\x1a\n")
