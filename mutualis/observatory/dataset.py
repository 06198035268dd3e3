"""The per-establishment rows the observatory aggregates, read from the other apps."""

from __future__ import annotations

from mutualis.directory.models import Establishment, ItProfile, segur_flag, size_class_for
from mutualis.maturity.models import Assessment
from mutualis.observatory.aggregates import Row


def establishment_rows(campaign: int) -> list[Row]:
    """Open establishments with their IT profile and the maturity of the campaign: the
    establishment's own submitted assessment, else its managing body's."""
    profiles = {
        establishment: (status, segur, editor, demo)
        for establishment, status, segur, editor, demo in ItProfile.objects.values_list(
            "establishment_id",
            "dui_status",
            "solution__segur_status",
            "solution__editor__name",
            "is_demo",
        )
    }
    own, of_body = {}, {}
    submitted = Assessment.objects.filter(campaign=campaign, status=Assessment.Status.SUBMITTED)
    for establishment, body, score, services, dimensions, demo in submitted.values_list(
        "establishment_id",
        "managing_body_id",
        "global_score",
        "services_socles",
        "dimension_scores",
        "is_demo",
    ):
        value = (score, tuple(sorted(services.items())), demo, _dimensions(dimensions))
        if establishment:
            own[establishment] = value
        else:
            of_body[body] = value
    rows = []
    for pk, body, region, departement, sector, category, size in (
        Establishment.objects.filter(is_closed=False)
        .values_list(
            "pk",
            "managing_body_id",
            "region_id",
            "departement_id",
            "category__sector_id",
            "category_id",
            "managing_body__establishment_count",
        )
        .iterator(chunk_size=5000)
    ):
        status, segur, editor, profile_demo = profiles.get(pk, (None, None, None, False))
        score, services, assessment_demo, dimensions = (
            own.get(pk) or of_body.get(body) or (None, (), False, ())
        )
        rows.append(
            Row(
                region=region,
                departement=departement,
                sector=sector,
                category=category,
                size_class=size_class_for(size).value,
                dui_status=status,
                segur=segur_flag(segur) if status in ("partial", "deployed") else None,
                editor=editor,
                score=score,
                services=services,
                is_demo=profile_demo or assessment_demo,
                dimensions=dimensions,
            )
        )
    return rows


def _dimensions(scores: dict | None) -> tuple[tuple[str, float], ...]:
    return tuple(sorted((code, float(v)) for code, v in (scores or {}).items() if v is not None))
