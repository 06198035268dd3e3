"""Regional follow-up: the establishments of a région and where their assessment stands."""

from __future__ import annotations

from django.db.models import Case, Exists, OuterRef, Q, QuerySet, Value, When

from mutualis.directory.models import Establishment
from mutualis.maturity.models import Assessment

STATES = {"soumis": "Soumis", "en_cours": "En cours", "aucun": "Aucun"}


def _exists(campaign: int, status: str, of_body: bool) -> Exists:
    assessments = Assessment.objects.filter(campaign=campaign, status=status)
    if of_body:
        return Exists(
            assessments.filter(managing_body=OuterRef("managing_body"), establishment=None)
        )
    return Exists(assessments.filter(establishment=OuterRef("pk")))


def establishments_with_state(
    region_codes: set[str], campaign: int, state: str = ""
) -> QuerySet[Establishment]:
    """Open establishments of the régions, annotated with ``state`` (a key of STATES): their
    own assessment or their managing body's, submitted, else in progress, else none."""
    submitted, draft = Assessment.Status.SUBMITTED, Assessment.Status.DRAFT
    queryset = (
        Establishment.objects.filter(is_closed=False, region__in=region_codes)
        .select_related("managing_body", "category", "departement")
        .annotate(
            state=Case(
                When(
                    Q(_exists(campaign, submitted, False)) | Q(_exists(campaign, submitted, True)),
                    then=Value("soumis"),
                ),
                When(
                    Q(_exists(campaign, draft, False)) | Q(_exists(campaign, draft, True)),
                    then=Value("en_cours"),
                ),
                default=Value("aucun"),
            )
        )
        .order_by("departement_id", "name", "finess")
    )
    return queryset.filter(state=state) if state in STATES else queryset
