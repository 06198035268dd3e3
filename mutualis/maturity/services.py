"""Assessment actions: start, answer, submit, reopen, share. Each one checked and audited."""

from __future__ import annotations

from collections import Counter

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from mutualis.core import audit
from mutualis.maturity import prefill, selectors
from mutualis.maturity.models import MAX_LEVEL, Answer, Assessment
from mutualis.maturity.perms import can_edit_assessment


def current_campaign() -> int:
    return timezone.localdate().year


@transaction.atomic
def start_assessment(actor, managing_body, establishment=None, campaign=None) -> Assessment:
    """The assessment of the subject for the campaign, created (draft) if there is none."""
    campaign = campaign or current_campaign()
    if establishment is not None and establishment.managing_body_id != managing_body.pk:
        raise ValidationError("Cet établissement n'appartient pas à l'organisme.")
    probe = Assessment(managing_body=managing_body)
    if not can_edit_assessment(actor, probe):
        raise PermissionDenied
    assessment, created = Assessment.objects.get_or_create(
        managing_body=managing_body,
        establishment=establishment,
        campaign=campaign,
        defaults={"referential": selectors.current_referential(), "created_by": actor},
    )
    if created:
        count = _prefill(assessment)
        audit.record(
            actor, "assessment.start", assessment, {"campaign": campaign, "prefilled": count}
        )
    return assessment


def _prefill(assessment: Assessment) -> int:
    """Pre-fill a new assessment from the previous campaign and the IT profile, each answer
    marked with its source until a member confirms it ("dites-le nous une fois")."""
    previous = selectors.previous_assessment(assessment)
    indicators = {i.code: i for i in selectors.indicators(assessment.referential)}
    proposals = prefill.proposals(
        list(indicators),
        selectors.levels(previous) if previous else {},
        selectors.it_facts(assessment),
    )
    Answer.objects.bulk_create(
        Answer(
            assessment=assessment,
            indicator=indicators[p.code],
            level=p.level,
            prefill_source=p.source,
        )
        for p in proposals
    )
    return len(proposals)


@transaction.atomic
def save_answer(actor, assessment: Assessment, indicator_code: str, level: int | None) -> Answer:
    """Record the palier chosen for one indicator (None clears it); drafts only."""
    assessment = _editable(actor, assessment)
    indicator = selectors.indicators(assessment.referential).filter(code=indicator_code).first()
    if indicator is None:
        raise ValidationError("Indicateur inconnu.")
    if level is not None and not 0 <= int(level) <= MAX_LEVEL:
        raise ValidationError(f"Le palier doit être compris entre 0 et {MAX_LEVEL}.")
    answer, _ = Answer.objects.update_or_create(
        assessment=assessment,
        indicator=indicator,
        defaults={
            "level": None if level is None else int(level),
            "prefill_source": "",  # saved by a member: confirmed
            "updated_by": actor,
        },
    )
    Assessment.objects.filter(pk=assessment.pk).update(updated_at=timezone.now())
    return answer


@transaction.atomic
def submit_assessment(actor, assessment: Assessment) -> Assessment:
    """Score and submit; every core ("socle") indicator must be answered."""
    assessment = _editable(actor, assessment)
    score = selectors.assessment_score(assessment)
    socle = set(
        selectors.indicators(assessment.referential)
        .filter(is_socle=True)
        .values_list("code", flat=True)
    )
    missing = [code for code in score.unanswered if code in socle]
    if missing:
        raise ValidationError("Répondez d'abord aux questions socles : " + ", ".join(missing) + ".")
    prefilled = selectors.prefilled_codes(assessment)
    order = selectors.indicators(assessment.referential).values_list("code", flat=True)
    unconfirmed = [code for code in order if code in prefilled]
    if unconfirmed:
        shown, rest = unconfirmed[:5], len(unconfirmed) - 5
        raise ValidationError(
            f"Confirmez ou corrigez d'abord les réponses pré-remplies ({len(unconfirmed)}) : "
            + ", ".join(shown)
            + (f" et {rest} autre{'s' if rest > 1 else ''}." if rest > 0 else ".")
        )
    assessment.global_score = score.global_score
    assessment.socle_score = score.socle_score
    assessment.dimension_scores = score.dimension_scores
    assessment.services_socles = selectors.services_adopted(assessment)
    _snapshot_profile(assessment)
    assessment.status = Assessment.Status.SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.save()
    audit.record(actor, "assessment.submit", assessment, {"global_score": score.global_score})
    return assessment


@transaction.atomic
def reopen_assessment(actor, assessment: Assessment) -> Assessment:
    """Back to draft to correct answers; its campaign scores count again once resubmitted."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if not can_edit_assessment(actor, assessment):
        raise PermissionDenied
    assessment.status = Assessment.Status.DRAFT
    assessment.save(update_fields=["status", "updated_at"])
    audit.record(actor, "assessment.reopen", assessment)
    return assessment


@transaction.atomic
def share_with_region(actor, assessment: Assessment, shared: bool) -> Assessment:
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if not can_edit_assessment(actor, assessment):
        raise PermissionDenied
    if assessment.region_id is None:
        _snapshot_profile(assessment)
    assessment.shared_with_region = shared
    assessment.save()
    audit.record(actor, "assessment.share_region", assessment, {"shared": shared})
    return assessment


def _editable(actor, assessment: Assessment) -> Assessment:
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if not can_edit_assessment(actor, assessment):
        raise PermissionDenied
    if assessment.is_submitted:
        raise ValidationError("Cet autodiagnostic est soumis : rouvrez-le pour le modifier.")
    return assessment


def _snapshot_profile(assessment: Assessment) -> None:
    """Store the subject's territory, sector and size for peers and the observatory."""
    body = assessment.managing_body
    assessment.size_class = body.size_class.value
    if assessment.establishment_id:
        establishment = assessment.establishment
        assessment.departement_id = establishment.departement_id
        assessment.region_id = establishment.region_id
        assessment.sector_id = establishment.category.sector_id
        return
    open_establishments = body.establishments.filter(is_closed=False)
    sectors = Counter(open_establishments.values_list("category__sector", flat=True))
    departements = Counter(open_establishments.values_list("departement", flat=True))
    assessment.sector_id = _most_common(sectors)
    assessment.departement_id = _most_common(departements) or body.departement_id
    region = open_establishments.filter(departement=assessment.departement_id).values_list(
        "region", flat=True
    )
    assessment.region_id = region.first() or (
        body.departement.region_id if body.departement_id else None
    )


def _most_common(counter: Counter):
    counter.pop(None, None)
    return counter.most_common(1)[0][0] if counter else None
