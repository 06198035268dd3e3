"""The public key figures of each step of the journey, for the home page."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, Max, OuterRef

from mutualis.directory.models import Establishment, ManagingBody
from mutualis.initiatives import selectors as initiatives
from mutualis.library import selectors as library
from mutualis.maturity.models import Assessment


@dataclass(frozen=True)
class KeyFigures:
    establishments: int
    managing_bodies: int
    assessments: int  # open ESSMS covered by a submitted assessment of the latest campaign
    initiatives: int  # published pooling initiatives
    grappes: int  # of them, selected ESMS Numérique grappes
    reports: int  # published experience reports
    campaign: int | None = None  # the latest campaign with a submitted assessment


def key_figures() -> KeyFigures:
    published = initiatives.published()
    campaign = Assessment.objects.filter(status=Assessment.Status.SUBMITTED).aggregate(
        latest=Max("campaign")
    )["latest"]
    return KeyFigures(
        campaign=campaign,
        establishments=Establishment.objects.filter(is_closed=False).count(),
        managing_bodies=ManagingBody.objects.filter(is_closed=False).count(),
        assessments=assessed_establishments(campaign),
        initiatives=published.count(),
        grappes=published.exclude(grappe_uid=None).count(),
        reports=library.published().count(),
    )


def assessed_establishments(campaign: int | None) -> int:
    """The observatory's "ESSMS autodiagnostiqués" (one definition, explained on its page):
    open ESSMS covered by a submitted assessment of the campaign, their own or else their
    managing body's. tests/portal/test_home_figures.py checks both pages agree."""
    if campaign is None:
        return 0
    submitted = Assessment.objects.filter(campaign=campaign, status=Assessment.Status.SUBMITTED)
    return (
        Establishment.objects.filter(is_closed=False)
        .filter(
            Exists(submitted.filter(establishment=OuterRef("pk")))
            | Exists(submitted.filter(establishment=None, managing_body=OuterRef("managing_body")))
        )
        .count()
    )
