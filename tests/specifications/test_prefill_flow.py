"""Pre-filling a member's ratings from its latest survey answer and submitted diagnostic,
never overwriting an existing rating."""

import pytest

from mutualis.core.models import AuditLog
from mutualis.specifications import rating_services, selectors
from mutualis.specifications.models import Rating
from tests.specifications.factories import group, specification
from tests.specifications.rating_builders import diagnostic, rate, survey_answer


@pytest.fixture
def world(db):
    g = group()
    return g, specification(g)


def _prefilled(body):
    return {
        code: (importance, origin)
        for code, importance, origin in Rating.objects.filter(managing_body=body).values_list(
            "item__code", "importance", "origin"
        )
    }


def test_survey_needs_and_low_paliers_prefill_without_overwriting(world):
    g, spec = world
    body = g.bodies[1]
    survey_answer(body, needs=["dui"])
    diagnostic(body, {"2.1.1": 1, "7.1.2": 3})
    rate(spec, g, 1, DUI_02="utile")  # rated by the member: stays as it is

    planned = {p.item.code: p.suggestion for p in selectors.prefill_plan(spec, body.pk)}
    assert planned["DUI-01"].importance == "indispensable"  # palier 1 on 2.1.1
    assert planned["DUI-01"].origin == Rating.Origin.MATURITY
    assert planned["DUI-03"].importance == "souhaite"  # need "dui", palier 3 on 7.1.2
    assert "DUI-02" not in planned

    count = rating_services.prefill_ratings(g.admins[1], spec, body)
    assert count == len(planned)
    ratings = _prefilled(body)
    assert ratings["DUI-01"] == ("indispensable", Rating.Origin.MATURITY)
    assert ratings["DUI-03"] == ("souhaite", Rating.Origin.SURVEY)
    assert ratings["DUI-02"] == ("utile", Rating.Origin.MEMBER)
    assert AuditLog.objects.filter(action="specifications.prefill").count() == 1
    # A second run finds nothing more to do.
    assert rating_services.prefill_ratings(g.admins[1], spec, body) == 0


def test_a_draft_diagnostic_and_other_bodies_answers_are_ignored(world):
    g, spec = world
    diagnostic(g.bodies[2], {"2.1.1": 0}, submitted=False)
    survey_answer(g.bodies[0], needs=["dui"])  # another member's need
    assert selectors.prefill_plan(spec, g.bodies[2].pk) == []
    assert selectors.maturity_levels(g.bodies[2].pk) == {}


def test_only_the_latest_survey_counts(world):
    g, _ = world
    body = g.bodies[1]
    survey_answer(body, needs=["dui"], title="Ancien")
    survey_answer(body, needs=["securite"], title="Récent")
    assert selectors.survey_needs(body.pk) == {"securite"}
