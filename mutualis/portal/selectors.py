"""The public key figures of each step of the journey, for the home page."""

from __future__ import annotations

from dataclasses import dataclass

from mutualis.directory.models import Establishment, ManagingBody
from mutualis.initiatives import selectors as initiatives
from mutualis.library import selectors as library
from mutualis.maturity.models import Assessment


@dataclass(frozen=True)
class KeyFigures:
    establishments: int
    managing_bodies: int
    assessments: int  # submitted maturity self-assessments
    initiatives: int  # published pooling initiatives
    grappes: int  # of them, selected ESMS Numérique grappes
    reports: int  # published experience reports


def key_figures() -> KeyFigures:
    published = initiatives.published()
    return KeyFigures(
        establishments=Establishment.objects.filter(is_closed=False).count(),
        managing_bodies=ManagingBody.objects.filter(is_closed=False).count(),
        assessments=Assessment.objects.filter(status=Assessment.Status.SUBMITTED).count(),
        initiatives=published.count(),
        grappes=published.exclude(grappe_uid=None).count(),
        reports=library.published().count(),
    )
