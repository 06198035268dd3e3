"""Builders of the rating-stage tests: ratings, a needs-survey answer, a maturity diagnostic."""

from __future__ import annotations

import datetime

from django.utils import timezone

from mutualis.initiatives.models import SiDomain
from mutualis.maturity.models import Answer, Assessment, Indicator, ReferentialVersion
from mutualis.specifications import rating_services
from mutualis.specifications.rating_services import Entry
from mutualis.workshops.models import NeedsSurvey, SurveyAnswer


def rate(spec, group, index: int, **by_code: str):
    """The ``index``-th member rates the items named by code (``DUI_01="indispensable"``)."""
    items = dict(spec.items.values_list("code", "pk"))
    entries = [Entry(items[code.replace("_", "-")], level) for code, level in by_code.items()]
    return rating_services.save_ratings(group.admins[index], spec, group.bodies[index], entries)


def survey_answer(body, needs=(), title="Recensement 2026"):
    survey = NeedsSurvey.objects.create(
        title=title,
        scope=NeedsSurvey.Scope.NATIONAL,
        opens_on=datetime.date(2026, 1, 1),
        closes_on=datetime.date(2026, 12, 31),
    )
    answer = SurveyAnswer.objects.create(survey=survey, managing_body=body)
    answer.needs.set(SiDomain.objects.filter(code__in=needs))
    return answer


def diagnostic(body, levels: dict[str, int | None], submitted: bool = True, campaign=2026):
    referential = ReferentialVersion.objects.get(is_current=True)
    assessment = Assessment.objects.create(
        referential=referential,
        managing_body=body,
        campaign=campaign,
        status=Assessment.Status.SUBMITTED if submitted else Assessment.Status.DRAFT,
        submitted_at=timezone.now() if submitted else None,
    )
    indicators = Indicator.objects.filter(
        theme__dimension__referential=referential, code__in=levels
    )
    Answer.objects.bulk_create(
        Answer(assessment=assessment, indicator=indicator, level=levels[indicator.code])
        for indicator in indicators
    )
    return assessment
