"""Choose the renderer for an audience and a format."""

from __future__ import annotations

from collections.abc import Callable

from imnm.engine.facts import Audience
from imnm.engine.recommendation import Recommendation
from imnm.render.markdown import render_for_clinician, render_for_patient, render_for_trainee

MARKDOWN: dict[Audience, Callable[[Recommendation], str]] = {
    Audience.CLINICIAN: render_for_clinician,
    Audience.TRAINEE: render_for_trainee,
    Audience.PATIENT: render_for_patient,
}


def render(recommendation: Recommendation, audience: Audience | None = None) -> str:
    """Markdown for the given audience (default: the audience in the facts)."""
    return MARKDOWN[audience or recommendation.facts.audience](recommendation)


def render_first(recommendation: Recommendation, audience: Audience | None = None) -> str:
    """The first reply for the audience: the answer on one screen, details on request."""
    from imnm.render.first_screen import render_first_screen, render_patient_first_screen

    audience = audience or recommendation.facts.audience
    if audience is Audience.PATIENT:
        return render_patient_first_screen(recommendation)
    return render_first_screen(recommendation, trainee=audience is Audience.TRAINEE)
