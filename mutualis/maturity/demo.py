"""Demonstration IT profiles and assessments over the national directory (``make run``).

Deterministic (fixed seed) and plausible by sector, every row marked ``is_demo``; the
solutions used are fictitious demonstration editors, so no real editor is credited with a
made-up market share. Real IT profiles are never overwritten.
"""

from __future__ import annotations

import random
import uuid
from statistics import mean

from django.db import transaction
from django.utils import timezone

from mutualis.directory.demo import demo_solutions
from mutualis.directory.models import (
    DuiStatus,
    Establishment,
    HostingMode,
    ItProfile,
    size_class_for,
)
from mutualis.maturity import selectors, services
from mutualis.maturity.models import LEVELS, Answer, Assessment, ServiceSocle

SEED = 2026
# Share of ESSMS that declared a profile, share of those equipped, mean maturity: by sector.
SECTOR_PROFILES = {
    "pa": (0.8, 0.85, 2.4),
    "ph_enfants": (0.7, 0.7, 2.0),
    "ph_adultes": (0.7, 0.72, 2.1),
    "domicile": (0.6, 0.6, 1.7),
    "protection_enfance": (0.55, 0.45, 1.5),
    "ahi": (0.5, 0.35, 1.3),
}
DEFAULT_PROFILE = (0.5, 0.5, 1.6)
# Services socles: how far ahead (+) or behind (-) of the overall maturity each one is.
SERVICE_LEAD = {"ins": 0.8, "mssante": 0.4, "dmp": 0.0, "psc": -0.6}
ASSESSED = 0.62  # share of ESSMS with a submitted assessment this campaign
ASSESSED_BEFORE = 0.35  # share of those also assessed the campaign before


def _clip(value: float) -> float:
    return max(0.0, min(4.0, value))


@transaction.atomic
def seed_demo_maturity(seed: int = SEED, except_body_id: int | None = None) -> dict[str, int]:
    """``except_body_id``: a managing body left out (its members fill in their own)."""
    random_ = random.Random(seed)
    ItProfile.objects.filter(is_demo=True).delete()
    Assessment.objects.filter(is_demo=True).delete()
    solutions = demo_solutions()
    referential = selectors.current_referential()
    dimension_codes = list(referential.dimensions.values_list("code", flat=True))
    campaign = services.current_campaign()
    real_profiles = set(ItProfile.objects.values_list("establishment_id", flat=True))
    profiles, assessments = [], []
    establishments = Establishment.objects.filter(is_closed=False).values_list(
        "pk",
        "managing_body_id",
        "region_id",
        "departement_id",
        "category__sector_id",
        "managing_body__establishment_count",
    )
    for pk, body, region, departement, sector, size in establishments.order_by("pk"):
        if body == except_body_id:
            continue
        declared, equipped, level = SECTOR_PROFILES.get(sector, DEFAULT_PROFILE)
        if pk not in real_profiles and random_.random() < declared:
            profiles.append(_profile(random_, pk, equipped, solutions))
        if random_.random() >= ASSESSED:
            continue
        subject = _clip(random_.gauss(level + _regional_effect(seed, region), 0.7))
        profile = {
            "referential": referential,
            "managing_body_id": body,
            "establishment_id": pk,
            "region_id": region,
            "departement_id": departement,
            "sector_id": sector,
            "size_class": size_class_for(size).value,
        }
        assessments.append(_assessment(random_, profile, campaign, subject, dimension_codes))
        if random_.random() < ASSESSED_BEFORE:
            earlier = _clip(subject - abs(random_.gauss(0.3, 0.2)))
            assessments.append(
                _assessment(random_, profile, campaign - 1, earlier, dimension_codes)
            )
    ItProfile.objects.bulk_create(profiles, batch_size=2000)
    Assessment.objects.bulk_create(assessments, batch_size=2000)
    return {"profils SI": len(profiles), "autodiagnostics": len(assessments)}


def _regional_effect(seed: int, region: str) -> float:
    """A stable offset per région, so that the demo maps are not uniform."""
    return random.Random(f"{seed}-{region}").gauss(0, 0.35)


def _profile(random_, establishment_id, equipped_share, solutions) -> ItProfile:
    equipped = random_.random() < equipped_share
    status = random_.choice([DuiStatus.PARTIAL, DuiStatus.DEPLOYED]) if equipped else None
    solution = random_.choices([s for s, _ in solutions], [w for _, w in solutions])[0]
    return ItProfile(
        establishment_id=establishment_id,
        dui_status=status or DuiStatus.NONE,
        solution=solution if equipped else None,
        hosting_mode=random_.choice([HostingMode.SAAS, HostingMode.EXTERNAL])
        if equipped
        else HostingMode.UNKNOWN,
        workstation_count=random_.randint(2, 40),
        has_broadband=random_.random() < 0.85,
        has_wifi=random_.random() < 0.7,
        is_demo=True,
    )


def _assessment(random_, profile, campaign, subject, dimension_codes) -> Assessment:
    """A submitted assessment carrying its scores only (no answers: never displayed)."""
    dimensions = {code: round(_clip(random_.gauss(subject, 0.5)), 2) for code in dimension_codes}
    submitted_at = timezone.now().replace(year=campaign, month=6, day=15)
    return Assessment(
        uid=uuid.uuid4(),
        campaign=campaign,
        status=Assessment.Status.SUBMITTED,
        global_score=round(mean(dimensions.values()), 2),
        socle_score=round(_clip(random_.gauss(subject, 0.4)), 2),
        dimension_scores=dimensions,
        services_socles={
            s: random_.random() < (subject + SERVICE_LEAD[s]) / 4 for s in ServiceSocle.values
        },
        is_demo=True,
        submitted_at=submitted_at,
        **profile,
    )


def seed_demo_body_assessments(body, user) -> None:
    """The demo managing body's own assessments, with answers, so that its members see a
    complete result with progress: last campaign submitted, this campaign in progress."""
    random_ = random.Random(SEED)
    campaign = services.current_campaign()
    indicators = list(selectors.indicators(selectors.current_referential()))
    Assessment.objects.filter(managing_body=body, establishment=None).delete()
    for year, shift, submit in ((campaign - 1, 0, True), (campaign, 1, False)):
        assessment = services.start_assessment(user, body, campaign=year)
        Assessment.objects.filter(pk=assessment.pk).update(is_demo=True)
        Answer.objects.bulk_create(
            [
                Answer(
                    assessment=assessment,
                    indicator=indicator,
                    level=min(max(LEVELS), random_.choice([0, 1, 1, 2, 2, 3]) + shift),
                    updated_by=user,
                )
                for indicator in indicators
                if submit or random_.random() < 0.6
            ],
            # This campaign starts pre-filled from the last one: the answers written here are
            # confirmed ones, the others stay "pré-rempli — à confirmer" as for a member.
            update_conflicts=True,
            unique_fields=["assessment", "indicator"],
            update_fields=["level", "updated_by", "prefill_source"],
        )
        if submit:
            services.submit_assessment(user, assessment)
