"""Partner organisations a maturity result points to for a weak dimension (maturity.leads):
members of the assessed organisation's grappes that shared a result strong on that
dimension with the grappe — only those the user may see (can_view_shared_assessment)."""

from django.template.defaultfilters import floatformat
from django.urls import reverse

from mutualis.grappes.models import GrappeMember, SharedAssessment
from mutualis.grappes.perms import can_view_shared_assessment
from mutualis.maturity.leads import Found, Lead, Request
from mutualis.maturity.models import Assessment
from mutualis.maturity.results import STRENGTH_LEVEL


def strong_partners(request: Request) -> Found:
    assessment, code = request.assessment, request.topic.dimension
    shares = (
        SharedAssessment.objects.filter(
            grappe__members__managing_body=assessment.managing_body_id,
            grappe__members__status=GrappeMember.Status.ACTIVE,
            assessment__status=Assessment.Status.SUBMITTED,
        )
        .exclude(assessment__managing_body=assessment.managing_body_id)
        .select_related("grappe", "assessment__managing_body", "assessment__establishment")
        .order_by("-assessment__campaign")
    )
    leads, seen = [], set()
    for share in shares[:200]:
        score = (share.assessment.dimension_scores or {}).get(code)
        subject = share.assessment.subject_name
        if score is None or score < STRENGTH_LEVEL or subject in seen:
            continue
        if not can_view_shared_assessment(request.user, share):
            continue
        seen.add(subject)
        leads.append(
            Lead(
                subject,
                reverse("grappes:shared", args=[share.grappe.uid, share.pk]),
                f"score {floatformat(score, 1)} sur 4 (campagne {share.assessment.campaign}), "
                f"grappe « {share.grappe.name} »",
            )
        )
        if len(leads) == request.limit:
            break
    return Found(leads)
