"""What waits for the signed-in user across the journey: invitations to answer, signatures,
late milestones, surveys, moderation… Each item links to the page where it is done."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery
from django.urls import reverse

from mutualis.accounts.perms import is_managing_body_admin, region_codes
from mutualis.accounts.selectors import pending_join_requests_for
from mutualis.actionplans.selectors import open_actions_of_body
from mutualis.agreements.models import Agreement, AgreementVersion, Signature
from mutualis.core.text import count_label
from mutualis.directory.models import ManagingBody
from mutualis.grappes.models import ContactRequest, Grappe, GrappeMember
from mutualis.initiatives import selectors as initiatives
from mutualis.library import selectors as library
from mutualis.maturity.models import Assessment
from mutualis.projects.models import Project
from mutualis.sharing import selectors as sharing
from mutualis.sharing.loan_selectors import to_sign_by as loans_to_sign
from mutualis.specifications.selectors import to_rate_by as specifications_to_rate
from mutualis.workshops.models import SurveyAnswer
from mutualis.workshops.survey_selectors import open_surveys_for


@dataclass(frozen=True)
class Todo:
    text: str  # French, with the count
    url: str


def _administration(body: ManagingBody) -> list[Todo]:
    """What the administrators of the managing body decide."""
    found = []
    invitations = GrappeMember.objects.filter(
        managing_body=body, status=GrappeMember.Status.INVITED
    ).count()
    if invitations:
        text = count_label(invitations, "invitation à une grappe", "invitations à des grappes")
        found.append(Todo(f"{text} à accepter ou décliner", reverse("grappes:list")))
    contacts = ContactRequest.objects.filter(
        recipient=body, status=ContactRequest.Status.PENDING
    ).count()
    if contacts:
        text = count_label(contacts, "demande de contact", "demandes de contact")
        found.append(Todo(f"{text} d'un partenaire à traiter", reverse("grappes:partners")))
    if shared := sharing.pending_count([body.pk]):
        text = count_label(shared, "demande de mise en relation", "demandes de mise en relation")
        found.append(Todo(f"{text} sur vos offres et besoins", reverse("sharing:mine")))
    found += _carrier_next_steps(body)
    for agreement in _to_sign(body):
        found.append(
            Todo(
                f"Convention de « {agreement.grappe.name} » à signer",
                reverse("agreements:agreement", args=[agreement.grappe.uid]),
            )
        )
    found += [
        Todo(
            f"Convention de mise à disposition « {loan.skill.label} » à signer",
            reverse("sharing:loan", args=[loan.uid]),
        )
        for loan in loans_to_sign(body)
    ]
    return found


def _to_sign(body: ManagingBody) -> QuerySet[Agreement]:
    """Agreements in review whose latest version the body has not signed yet (one query)."""
    latest = AgreementVersion.objects.filter(agreement=OuterRef("pk")).order_by("-number")
    signed = Signature.objects.filter(
        version__agreement=OuterRef("pk"),
        version__number=OuterRef("latest"),
        member__managing_body=body,
    )
    return (
        Agreement.objects.filter(
            status=Agreement.Status.REVIEW,
            grappe__members__managing_body=body,
            grappe__members__status=GrappeMember.Status.ACTIVE,
        )
        .annotate(latest=Subquery(latest.values("number")[:1]))
        .exclude(latest=None)
        .exclude(Exists(signed))
        .select_related("grappe")
    )


def _carrier_next_steps(body: ManagingBody) -> list[Todo]:
    """A selected grappe the managing body carries: the agreement to prepare, the project to
    open."""
    found = []
    carried = Grappe.objects.filter(carrier=body).exclude(status=Grappe.Status.CLOSED)
    for grappe in carried.filter(status=Grappe.Status.SELECTED, agreement=None):
        url = reverse("agreements:agreement", args=[grappe.uid])
        found.append(Todo(f"Convention de « {grappe.name} » à préparer", url))
    for grappe in carried.filter(status__in=Grappe.SELECTED_OR_LATER, project=None):
        url = reverse("grappes:detail", args=[grappe.uid])
        found.append(Todo(f"Suivi du projet de « {grappe.name} » à ouvrir", url))
    return found


def _membership(body: ManagingBody, today: datetime.date) -> list[Todo]:
    """What every member of the managing body can do."""
    found = []
    late = (
        Project.objects.filter(
            grappe__members__managing_body=body,
            grappe__members__status=GrappeMember.Status.ACTIVE,
            milestones__actual_date=None,
            milestones__planned_date__lt=today,
        )
        .exclude(grappe__status=Grappe.Status.CLOSED)
        .annotate(late=Count("milestones", distinct=True))
        .select_related("grappe")
    )
    for project in late:
        text = count_label(project.late, "jalon en retard", "jalons en retard")
        url = reverse("projects:milestones", args=[project.uid])
        found.append(Todo(f"{text} dans le projet « {project.grappe.name} »", url))
    for action in open_actions_of_body(body.pk, today):
        state = "en retard" if action.due_on < today else f"à échéance le {action.due_on:%d/%m/%Y}"
        url = reverse("actionplans:action", args=[action.plan.uid, action.uid])
        found.append(Todo(f"Action « {action.title} » du plan d'action {state}", url))
    for specification, remaining in specifications_to_rate(body.pk):
        text = count_label(remaining, "exigence", "exigences")
        url = reverse("specifications:rate", args=[specification.uid])
        found.append(Todo(f"{text} à noter dans « {specification.title} »", url))
    drafts = Assessment.objects.filter(managing_body=body, status=Assessment.Status.DRAFT).count()
    if drafts:
        text = count_label(drafts, "autodiagnostic en cours", "autodiagnostics en cours")
        found.append(Todo(f"{text} à terminer", reverse("maturity:home")))
    answered = SurveyAnswer.objects.filter(survey=OuterRef("pk"), managing_body=body)
    for survey in open_surveys_for(body).exclude(Exists(answered)):
        found.append(
            Todo(
                f"Recensement des besoins « {survey.title} » à remplir avant le "
                f"{survey.closes_on:%d/%m/%Y}",
                reverse("workshops:survey_answer", args=[survey.uid]),
            )
        )
    return found


def _moderation(user) -> list[Todo]:
    found = []
    proposed = initiatives.moderation_queue(user).count()
    if proposed:
        text = count_label(proposed, "initiative proposée", "initiatives proposées")
        found.append(Todo(f"{text} à relire", reverse("initiatives:moderation")))
    reports = library.moderation_queue(user).count()
    if reports:
        text = count_label(reports, "retour d'expérience proposé", "retours d'expérience proposés")
        found.append(Todo(f"{text} à relire", reverse("library:moderation")))
    return found


def _instruction(user) -> list[Todo]:
    """The grappes deposited in the regional actor's régions, waiting for a decision."""
    regions = region_codes(user)
    if not regions:
        return []
    deposited = Grappe.objects.filter(
        deposit_region__in=regions, status=Grappe.Status.SUBMITTED
    ).count()
    if not deposited:
        return []
    text = count_label(deposited, "grappe déposée", "grappes déposées")
    url = f"{reverse('grappes:instruction')}?etat={Grappe.Status.SUBMITTED}"
    return [Todo(f"{text} à instruire", url)]


def pending(user, body: ManagingBody | None, today: datetime.date) -> list[Todo]:
    """Everything waiting for ``user`` acting for ``body`` (its current organisation)."""
    found = []
    join_requests = pending_join_requests_for(user).count()
    if join_requests:
        text = count_label(join_requests, "demande de rattachement", "demandes de rattachement")
        found.append(Todo(f"{text} à traiter", reverse("accounts:dashboard")))
    if body is not None:
        if is_managing_body_admin(user, body.pk):
            found += _administration(body)
        found += _membership(body, today)
    return found + _instruction(user) + _moderation(user)
