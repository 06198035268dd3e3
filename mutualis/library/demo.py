"""Demonstration experience reports (``make run``): six published reports we wrote ourselves
(``demo_texts``), marked as demonstration. Deterministic and idempotent: each report keeps a
fixed uid and is reset to its text on every run, then re-indexed."""

from __future__ import annotations

import datetime
import uuid

from django.db import transaction
from django.utils import timezone

from mutualis.accounts.models import User
from mutualis.initiatives.models import Initiative
from mutualis.library import search
from mutualis.library.demo_texts import PREFIX, REPORTS
from mutualis.library.models import CooperationTag, ExperienceReport
from mutualis.library.reference import load_cooperation_tags
from mutualis.territories.models import Region

NAMESPACE = uuid.UUID("6f1c2d7e-3b7a-4e0e-9a55-2f9d3c1b8e41")
AUTHOR_EMAIL = "rsi@demo.mutualis.fr"  # a demo account of ``seed_demo``, when it exists
TEXT = ["context", "actors", "pooled", "timeline", "worked", "did_not_work", "benefits"]
TEXT += ["costs", "advice"]


def demo_uid(key: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, key)


def _initiative(type_code: str) -> Initiative | None:
    """The first published demonstration initiative of that type, if the initiatives demo
    was loaded."""
    return (
        Initiative.objects.filter(
            is_demo=True, moderation=Initiative.Moderation.PUBLISHED, type__code=type_code
        )
        .order_by("title", "pk")
        .first()
    )


@transaction.atomic
def seed_demo_library() -> list[ExperienceReport]:
    load_cooperation_tags()
    author = User.objects.filter(email=AUTHOR_EMAIL).first()
    membership = author.memberships.select_related("managing_body").first() if author else None
    regions = set(Region.objects.values_list("code", flat=True))
    reports = []
    for entry in REPORTS:
        published = timezone.make_aware(
            datetime.datetime.fromisoformat(entry["published_on"]).replace(hour=9)
        )
        report, _ = ExperienceReport.objects.update_or_create(
            uid=demo_uid(entry["key"]),
            defaults={
                "title": PREFIX + entry["title"],
                **{name: entry[name] for name in TEXT},
                "initiative": _initiative(entry["initiative_type"]),
                "region_id": entry["region"] if entry["region"] in regions else None,
                "author": author,
                "managing_body": membership.managing_body if membership else None,
                "state": ExperienceReport.State.PUBLISHED,
                "moderation_note": "",
                "published_at": published,
                "moderated_at": published,
                "is_demo": True,
            },
        )
        report.tags.set(CooperationTag.objects.filter(code__in=entry["tags"]))
        search.index(report)
        reports.append(report)
    return reports
