"""Output models assembled without re-validation are exactly what validation would have built."""

from __future__ import annotations

import pytest

from imnm import build_facts, recommend
from imnm.engine.recommendation import Recommendation

PATIENTS = [
    dict(antibody="HMGCR", severity="moderate", weight_kg=70, statin="current"),
    dict(antibody="SRP", severity="severe", weight_kg=55.5, statin="never", red_flags=["dysphagia"]),
    dict(antibody="seronegative", severity="mild", weight_kg=31, age_years=12, statin="past"),
    dict(antibody="HMGCR", severity="severe", weight_kg=120, statin="past", refractory=True, ici_exposure=True),
    dict(antibody="SRP", severity="moderate", statin="never"),  # no weight: doses not computed
]


@pytest.mark.parametrize("values", PATIENTS)
def test_assembled_recommendation_equals_a_validated_one(values):
    recommendation = recommend(build_facts(**values))
    validated = Recommendation.model_validate(recommendation.model_dump())
    assert validated == recommendation
    assert validated.model_dump_json() == recommendation.model_dump_json()
    assert recommendation.model_fields_set == set(Recommendation.model_fields)
    for item in recommendation.items:
        assert type(item).model_validate(item.model_dump()) == item
        if item.dose is not None:
            assert type(item.dose).model_validate(item.dose.model_dump()) == item.dose


def test_assembled_models_stay_frozen():
    recommendation = recommend(build_facts(**PATIENTS[0]))
    with pytest.raises(Exception):  # noqa: B017  pydantic's frozen-instance error
        recommendation.items[0].title = "changed"
