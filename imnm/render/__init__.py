"""Renderers: one per audience and format, over the same Recommendation."""

from imnm.render.dispatch import render, render_first
from imnm.render.markdown import render_for_clinician, render_for_patient, render_for_trainee

__all__ = ["render", "render_first", "render_for_clinician", "render_for_patient", "render_for_trainee"]
