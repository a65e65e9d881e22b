"""Choose the renderer for an audience and a format."""

from __future__ import annotations

from collections.abc import Callable

from imnm.facts import Audience
from imnm.recommendation import Recommendation
from imnm.render.markdown import render_for_clinician, render_for_patient, render_for_trainee

MARKDOWN: dict[Audience, Callable[[Recommendation], str]] = {
    Audience.CLINICIAN: render_for_clinician,
    Audience.TRAINEE: render_for_trainee,
    Audience.PATIENT: render_for_patient,
}


def render(recommendation: Recommendation, audience: Audience | None = None) -> str:
    """Markdown for the given audience (default: the audience in the facts)."""
    return MARKDOWN[audience or recommendation.facts.audience](recommendation)
