"""Reads of the maturity app: the referential's structure, answers, scores, peers."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Prefetch, QuerySet

from mutualis.directory.models import ItProfile, SizeClass
from mutualis.maturity import prefill, scoring
from mutualis.maturity.models import Answer, Assessment, Dimension, Indicator, ReferentialVersion


def current_referential() -> ReferentialVersion:
    return ReferentialVersion.objects.get(is_current=True)


def referential_versions() -> QuerySet[ReferentialVersion]:
    return ReferentialVersion.objects.annotate(
        indicator_count=Count("dimensions__themes__indicators")
    ).order_by("-imported_at")


def dimensions(referential: ReferentialVersion) -> QuerySet[Dimension]:
    """Dimensions with their themes and indicators prefetched, in order."""
    return referential.dimensions.prefetch_related("themes__indicators")


def indicators(referential: ReferentialVersion) -> QuerySet[Indicator]:
    return (
        Indicator.objects.filter(theme__dimension__referential=referential)
        .select_related("theme__dimension")
        .order_by("theme__dimension__position", "theme__position", "position")
    )


def indicator_refs(referential: ReferentialVersion) -> list[scoring.IndicatorRef]:
    return [
        scoring.IndicatorRef(code, dimension, is_socle)
        for code, dimension, is_socle in indicators(referential).values_list(
            "code", "theme__dimension__code", "is_socle"
        )
    ]


def levels(assessment: Assessment) -> dict[str, int | None]:
    return dict(assessment.answers.values_list("indicator__code", "level"))


def prefilled_codes(assessment: Assessment) -> set[str]:
    """Indicators whose pre-filled answer no member has confirmed yet."""
    return set(
        assessment.answers.exclude(prefill_source="").values_list("indicator__code", flat=True)
    )


def palier_labels(referential: ReferentialVersion) -> dict[str, list[str]]:
    return dict(indicators(referential).values_list("code", "paliers"))


def it_facts(assessment: Assessment) -> prefill.ItFacts | None:
    """The IT profile of the assessed establishment (None for a whole managing body, or
    when the establishment has not filled its profile in)."""
    if assessment.establishment_id is None:
        return None
    profile = (
        ItProfile.objects.filter(establishment=assessment.establishment_id)
        .select_related("solution")
        .first()
    )
    if profile is None:
        return None
    return prefill.ItFacts(
        dui_status=profile.dui_status or None,
        segur_referenced=profile.solution.segur_referenced if profile.solution else None,
        hosting_mode=profile.hosting_mode or None,
        has_broadband=profile.has_broadband,
        has_wifi=profile.has_wifi,
        mobile_device_count=profile.mobile_device_count,
    )


def contradictions(assessment: Assessment, levels: dict[str, int | None]):
    """Answers that disagree with the establishment's IT profile (code -> Contradiction)."""
    facts = it_facts(assessment)
    if facts is None:
        return {}
    return prefill.contradictions(levels, palier_labels(assessment.referential), facts)


def answers_by_code(assessment: Assessment) -> dict[str, Answer]:
    return {a.indicator.code: a for a in assessment.answers.select_related("indicator")}


def services_adopted(assessment: Assessment) -> dict[str, bool]:
    """For each answered service socle indicator: adopted or not."""
    threshold = assessment.referential.adoption_level
    return {
        service: level >= threshold
        for service, level in assessment.answers.exclude(indicator__service_socle="")
        .exclude(level=None)
        .values_list("indicator__service_socle", "level")
    }


def assessment_score(assessment: Assessment) -> scoring.Score:
    return scoring.score(indicator_refs(assessment.referential), levels(assessment))


def assessments_of(managing_body) -> QuerySet[Assessment]:
    """All assessments of a managing body and of its establishments, newest campaign first."""
    return (
        managing_body.assessments.select_related("establishment", "referential")
        .prefetch_related(Prefetch("answers", queryset=Answer.objects.exclude(level=None)))
        .order_by("-campaign", "establishment__name")
    )


def previous_assessment(assessment: Assessment) -> Assessment | None:
    """The same subject's last submitted assessment of an earlier campaign."""
    return (
        Assessment.objects.filter(
            managing_body=assessment.managing_body_id,
            establishment=assessment.establishment_id,
            campaign__lt=assessment.campaign,
            status=Assessment.Status.SUBMITTED,
        )
        .order_by("-campaign")
        .first()
    )


def _size(assessment: Assessment) -> str | None:
    return SizeClass(assessment.size_class).label if assessment.size_class else None


@dataclass(frozen=True)
class PeerGroup:
    label: str
    distribution: scoring.Distribution | None
    position: str = ""  # where the assessment's global score stands among them


@dataclass(frozen=True)
class PeerDimensions:
    """The per-dimension scores of the peers an assessment is compared with, dimension by
    dimension (the small-cell rule applies to each dimension's count)."""

    label: str
    count: int
    scores: list[dict[str, float | None]]


def _same_campaign_peers(assessment: Assessment) -> QuerySet[Assessment]:
    return Assessment.objects.filter(
        campaign=assessment.campaign,
        status=Assessment.Status.SUBMITTED,
        referential=assessment.referential_id,
        establishment__isnull=assessment.establishment_id is None,
    ).exclude(pk=assessment.pk)


def peer_dimensions(assessment: Assessment) -> PeerDimensions | None:
    """The closest peer group with enough members: same sector and size, else same sector,
    else same size (None when none reaches the small-cell minimum)."""
    minimum = settings.MUTUALIS["SMALL_CELL_MINIMUM"]
    peers = _same_campaign_peers(assessment).exclude(global_score=None)
    sector, size = assessment.sector, _size(assessment)
    candidates = []
    if assessment.sector_id and assessment.size_class:
        candidates.append(
            (
                f"secteur « {sector} » et taille « {size} »",
                {"sector": assessment.sector_id, "size_class": assessment.size_class},
            )
        )
    if assessment.sector_id:
        candidates.append((f"secteur « {sector} »", {"sector": assessment.sector_id}))
    if assessment.size_class:
        candidates.append((f"taille « {size} »", {"size_class": assessment.size_class}))
    for label, filters in candidates:
        scores = list(peers.filter(**filters).values_list("dimension_scores", flat=True))
        if len(scores) >= minimum:
            return PeerDimensions(label, len(scores), scores)
    return None


def peer_groups(assessment: Assessment) -> list[PeerGroup]:
    """Global scores of the submitted assessments of the same campaign with the same sector,
    size class or region (the assessment itself excluded); quartiles only from enough peers."""
    minimum = settings.MUTUALIS["SMALL_CELL_MINIMUM"]
    same_campaign = _same_campaign_peers(assessment)
    groups = [
        ("Même secteur", "sector", assessment.sector_id, assessment.sector),
        ("Même taille d'organisme", "size_class", assessment.size_class, _size(assessment)),
        ("Même région", "region", assessment.region_id, assessment.region),
    ]
    result = []
    for label, field, value, named in groups:
        if not value:
            continue
        scores = list(
            same_campaign.filter(**{field: value})
            .exclude(global_score=None)
            .values_list("global_score", flat=True)
        )
        suffix = f" ({named})" if named else ""
        spread = scoring.distribution(scores, minimum)
        result.append(
            PeerGroup(label + suffix, spread, scoring.position(assessment.global_score, spread))
        )
    return result
