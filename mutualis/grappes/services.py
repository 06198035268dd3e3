"""Grappe actions: create, invite, answer, move along the carrier's steps,
choose the région of deposit, decide (regional actors), simulate funding. Each one checked
server-side and audited."""

from __future__ import annotations

from dataclasses import asdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from mutualis.accounts.models import MembershipRole
from mutualis.accounts.perms import is_managing_body_admin, is_national_admin, region_codes
from mutualis.core import audit
from mutualis.core.mail import send_templated_mail
from mutualis.directory.models import Establishment
from mutualis.grappes import selectors
from mutualis.grappes.models import (
    FundingSimulation,
    Grappe,
    GrappeMember,
    SharedAssessment,
)
from mutualis.grappes.perms import (
    can_answer,
    can_choose_deposit_region,
    can_decide,
    can_simulate,
    can_steer,
    decision_denial,
)
from mutualis.maturity.perms import can_edit_assessment


@transaction.atomic
def create_grappe(actor, carrier, name: str, programme: str, campaign: int) -> Grappe:
    if not is_managing_body_admin(actor, carrier.pk):
        raise PermissionDenied
    grappe = Grappe.objects.create(
        name=name, programme=programme, campaign=campaign, carrier=carrier, created_by=actor
    )
    GrappeMember.objects.create(
        grappe=grappe, managing_body=carrier, status=GrappeMember.Status.ACTIVE, invited_by=actor
    )
    audit.record(actor, "grappe.create", grappe, {"carrier": carrier.finess})
    return grappe


@transaction.atomic
def invite_member(actor, grappe: Grappe, managing_body) -> GrappeMember:
    if not can_steer(actor, grappe):
        raise PermissionDenied
    member, created = GrappeMember.objects.get_or_create(
        grappe=grappe, managing_body=managing_body, defaults={"invited_by": actor}
    )
    if not created:
        if member.status == GrappeMember.Status.ACTIVE:
            raise ValidationError(f"{managing_body.display_name} est déjà membre de la grappe.")
        member.status = GrappeMember.Status.INVITED
        member.invited_by = actor
        member.save(update_fields=["status", "invited_by"])
    audit.record(actor, "grappe.invite", grappe, {"managing_body": managing_body.finess})
    return member


@transaction.atomic
def answer_invitation(actor, member: GrappeMember, accept: bool) -> GrappeMember:
    member = GrappeMember.objects.select_for_update().select_related("grappe").get(pk=member.pk)
    if not can_answer(actor, member):
        raise PermissionDenied
    if accept:
        other = selectors.active_grappe(member.managing_body, member.grappe)
        if other:
            raise ValidationError(
                f"Votre organisme est déjà membre de la grappe « {other.name} » pour cette "
                "campagne : quittez-la d'abord."
            )
    member.status = GrappeMember.Status.ACTIVE if accept else GrappeMember.Status.DECLINED
    member.save(update_fields=["status"])
    audit.record(actor, "grappe.answer", member.grappe, {"accepted": accept})
    return member


S = Grappe.Status
# The carrier's own steps (the decisions "retenue", "refusée" and "à compléter" are the deposit
# région's, see ``decide``; "convention signée" also follows the agreement's last signature).
CARRIER_STEPS: dict[str, tuple[str, ...]] = {
    S.DRAFT: (S.SUBMITTED,),
    S.SUBMITTED: (S.DRAFT,),
    S.TO_COMPLETE: (S.SUBMITTED, S.DRAFT),
    S.SELECTED: (S.AGREEMENT_SIGNED,),
    S.AGREEMENT_SIGNED: (S.IN_PROGRESS,),
    S.IN_PROGRESS: (S.CLOSED,),
}
STEP_LABELS = {
    S.SUBMITTED: "Déposer la grappe",
    S.DRAFT: "Revenir au brouillon",
    S.AGREEMENT_SIGNED: "Passer à l'état « Convention signée »",
    S.IN_PROGRESS: "Passer à l'état « En cours »",
    S.CLOSED: "Clôturer la grappe",
}


def carrier_steps(grappe: Grappe) -> list[tuple[str, str]]:
    """The states the carrier can move the grappe to from its current one, with the label
    of the button (the first one is the main step)."""
    steps = []
    for status in CARRIER_STEPS.get(grappe.status, ()):
        label = STEP_LABELS[status]
        if status == S.SUBMITTED and grappe.status == S.TO_COMPLETE:
            label = "Déposer à nouveau la grappe complétée"
        steps.append((status, label))
    return steps


@transaction.atomic
def change_status(actor, grappe: Grappe, status: str) -> Grappe:
    """The carrier moves the grappe along its own steps (``CARRIER_STEPS``); depositing
    needs an eligible grappe and fixes its région of deposit."""
    if not can_steer(actor, grappe):
        raise PermissionDenied
    grappe.refresh_from_db(fields=["status", "deposit_region"])  # as the ARS left it
    if status in Grappe.DECISIONS and status not in CARRIER_STEPS.get(grappe.status, ()):
        raise ValidationError(
            f"« {Grappe.Status(status).label} » est une décision des acteurs régionaux de la "
            "région de dépôt, pas du porteur."
        )
    if status not in CARRIER_STEPS.get(grappe.status, ()):
        raise ValidationError("Ce changement d'état n'est pas possible.")
    if status == S.SUBMITTED:
        result = selectors.eligibility(grappe)
        if not result.has_verdict:
            raise ValidationError(f"Dépôt impossible. {result.message}")
        if not result.is_eligible:
            raise ValidationError("La grappe n'est pas éligible : corrigez les points signalés.")
        region = grappe.deposit_region_id
        if region not in selectors.deposit_region_codes(grappe):
            region = selectors.default_deposit_region(grappe)
        if region != grappe.deposit_region_id:
            grappe.deposit_region_id = region
            grappe.save(update_fields=["deposit_region", "updated_at"])
    return write_status(actor, grappe, status)


@transaction.atomic
def set_deposit_region(actor, grappe: Grappe, region: str | None) -> Grappe:
    """The carrier chooses the région of deposit among those of the grappe's ESSMS (None:
    the région of most of them, fixed at the deposit)."""
    if not can_choose_deposit_region(actor, grappe):
        raise PermissionDenied
    if region is not None and region not in selectors.deposit_region_codes(grappe):
        raise ValidationError("Choisissez une région où la grappe a des ESSMS.")
    audit.record(
        actor, "grappe.deposit_region", grappe, {"region": [grappe.deposit_region_id, region]}
    )
    grappe.deposit_region_id = region
    grappe.save(update_fields=["deposit_region", "updated_at"])
    return grappe


@transaction.atomic
def decide(actor, grappe: Grappe, decision: str, reason: str = "") -> Grappe:
    """A regional actor of the deposit région retains or refuses a deposited grappe, or asks
    its carrier to complete it (with a reason the carrier reads on its grappe page); the
    carrier's administrators are told by e-mail once the decision is committed."""
    grappe = (  # the région is nullable (an outer join): lock the grappe's row only
        Grappe.objects.select_for_update(of=("self",))
        .select_related("deposit_region")
        .get(pk=grappe.pk)
    )
    if not can_decide(actor, grappe):
        raise PermissionDenied(decision_denial(actor, grappe))
    if decision not in Grappe.DECISIONS:
        raise ValidationError("Décision inconnue.")
    reason = reason.strip()
    if decision != S.SELECTED and not reason:
        raise ValidationError(
            "Motivez la décision : le porteur lit ce motif sur la page de sa grappe."
        )
    previous = grappe.status
    grappe.status = decision
    grappe.decision_reason = reason
    grappe.decided_at = timezone.now()
    grappe.save(update_fields=["status", "decision_reason", "decided_at", "updated_at"])
    audit.record(
        actor,
        "grappe.decision",
        grappe,
        {
            "status": [previous, decision],
            "reason": reason,
            "region": grappe.deposit_region_id,
        },
    )
    admins = grappe.carrier.memberships.filter(role=MembershipRole.ADMIN).values_list(
        "user__email", flat=True
    )
    send_templated_mail("grappes/emails/decision", {"grappe": grappe}, list(admins))
    return grappe


def write_status(actor, grappe: Grappe, status: str) -> Grappe:
    """The writing part of ``change_status``, without its checks (the last signature of the
    agreement moves a selected grappe on)."""
    audit.record(actor, "grappe.status", grappe, {"status": [grappe.status, status]})
    grappe.status = status
    grappe.save(update_fields=["status", "updated_at"])
    return grappe


@transaction.atomic
def simulate_funding(actor, grappe: Grappe) -> FundingSimulation:
    """Freeze the rules and the eligible ESSMS of today into a simulation."""
    if not can_simulate(actor, grappe):
        raise PermissionDenied
    result = selectors.eligibility(grappe)
    if not result.has_verdict:
        raise ValidationError(f"Simulation impossible. {result.message}")
    return write_simulation(actor, grappe)


def write_simulation(actor, grappe: Grappe) -> FundingSimulation:
    """The writing part of ``simulate_funding``, without the permission check (demo data)."""
    rules = selectors.rules_for(grappe.programme, grappe.campaign)
    result = selectors.eligibility(grappe)
    funded = [
        asdict(selectors.funded_essms(entry, rules))
        for entry in selectors.entries(grappe)
        if result.eligible(entry.establishment.finess)
        and entry.member.status == GrappeMember.Status.ACTIVE
    ]
    simulation = FundingSimulation.objects.create(
        grappe=grappe,
        programme=grappe.programme,
        campaign=grappe.campaign,
        rules={key: rule.as_dict() for key, rule in rules.items()},
        essms=funded,
        created_by=actor,
    )
    audit.record(actor, "grappe.simulate", grappe, {"essms": len(funded)})
    return simulation


@transaction.atomic
def share_assessment(actor, grappe: Grappe, assessment) -> SharedAssessment:
    """A member shares one of its submitted assessments with the grappe."""
    member = grappe.members.filter(
        managing_body=assessment.managing_body_id, status=GrappeMember.Status.ACTIVE
    ).first()
    if member is None or not can_edit_assessment(actor, assessment):
        raise PermissionDenied
    if not assessment.is_submitted:
        raise ValidationError("Seul un autodiagnostic soumis peut être partagé.")
    share, _ = SharedAssessment.objects.get_or_create(
        grappe=grappe, assessment=assessment, defaults={"shared_by": actor}
    )
    audit.record(actor, "grappe.share_assessment", grappe, {"assessment": str(assessment.uid)})
    return share


@transaction.atomic
def unshare_assessment(actor, share: SharedAssessment) -> None:
    if not can_edit_assessment(actor, share.assessment):
        raise PermissionDenied
    audit.record(
        actor, "grappe.unshare_assessment", share.grappe, {"assessment": str(share.assessment.uid)}
    )
    share.delete()


@transaction.atomic
def create_suggested_grappe(actor, bodies: list, campaign: int, programme: str) -> Grappe:
    """A regional actor proposes a suggested grappe: a draft carried by its largest managing
    body, every member invited (the carrier too) to accept or decline."""
    regions = set(
        Establishment.objects.filter(managing_body__in=bodies).values_list("region", flat=True)
    )
    if not (is_national_admin(actor) or (regions and regions <= region_codes(actor))):
        raise PermissionDenied
    carrier = max(bodies, key=lambda body: (body.establishment_count, -body.pk))
    grappe = Grappe.objects.create(
        name=f"Grappe suggérée autour de {carrier.display_name}",
        programme=programme,
        campaign=campaign,
        carrier=carrier,
        created_by=actor,
    )
    GrappeMember.objects.bulk_create(
        GrappeMember(grappe=grappe, managing_body=body, invited_by=actor) for body in bodies
    )
    audit.record(actor, "grappe.suggest", grappe, {"members": [body.finess for body in bodies]})
    return grappe
