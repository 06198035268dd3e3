"""Who may see and change a grappe. Access follows the relation that grants it and ends with
it: an organisation that declined, left or was removed sees nothing more of the grappe."""

from django.db.models import Q

from mutualis.accounts.actor import actor_of
from mutualis.accounts.perms import (
    is_managing_body_admin,
    is_member,
    is_national_admin,
    region_codes,
)
from mutualis.directory.models import Establishment
from mutualis.grappes.models import FundingSimulation, Grappe, GrappeMember, SharedAssessment
from mutualis.maturity.perms import can_edit_assessment


def _bodies(grappe: Grappe, *statuses: str) -> list[int]:
    return list(
        grappe.members.filter(status__in=statuses).values_list("managing_body_id", flat=True)
    )


def is_active_member(user, grappe: Grappe) -> bool:
    """A user of a managing body that is an active member of the grappe."""
    return any(is_member(user, body) for body in _bodies(grappe, GrappeMember.Status.ACTIVE))


def is_invited(user, grappe: Grappe) -> bool:
    """A user of a managing body invited to the grappe, that has not answered yet."""
    return any(is_member(user, body) for body in _bodies(grappe, GrappeMember.Status.INVITED))


def is_regional_actor_of(user, grappe: Grappe) -> bool:
    """A regional actor of one of the grappe's régions: those of its carrier's and of its
    ESSMS."""
    regions = region_codes(user)
    return (
        bool(regions)
        and Establishment.objects.filter(
            Q(managing_body_id=grappe.carrier_id) | Q(grappe_entries__grappe=grappe),
            region__in=regions,
        ).exists()
    )


def is_deposit_region_actor(user, grappe: Grappe) -> bool:
    """A regional actor of the grappe's région of deposit (none before it is chosen or fixed
    at the deposit)."""
    return grappe.deposit_region_id is not None and grappe.deposit_region_id in region_codes(user)


def can_instruct(user, grappe: Grappe) -> bool:
    """The regional actors of the deposit région instruct the grappe: they read its
    application pack and decide on it once deposited."""
    return is_deposit_region_actor(user, grappe)


def can_decide(user, grappe: Grappe) -> bool:
    """ "Retenue", "refusée" and "à compléter" are decisions of the regional actors of the
    deposit région only, on a deposited grappe (never of its carrier or members)."""
    return can_instruct(user, grappe) and grappe.status == Grappe.Status.SUBMITTED


def decision_denial(user, grappe: Grappe) -> str:
    """Why ``user`` may not decide on the grappe, in French ("" when they may)."""
    if not can_instruct(user, grappe):
        region = grappe.deposit_region.name if grappe.deposit_region_id else None
        where = f"de la région de dépôt ({region})" if region else "de la région de dépôt"
        return (
            f"La décision sur une grappe revient aux acteurs régionaux {where} : le porteur "
            "dépose la grappe, l'ARS la retient, la refuse ou demande de la compléter."
        )
    if grappe.status != Grappe.Status.SUBMITTED:
        return (
            f"La grappe est « {grappe.get_status_display()} » : seule une grappe déposée "
            "reçoit une décision."
        )
    return ""


def is_carrier_admin(user, grappe: Grappe) -> bool:
    """An administrator of the grappe's carrier while the carrier is an active member (not
    while the carrier of a suggested grappe is only invited). A national administrator is not
    one: they steer the grappe (``can_steer``) but do not act for its carrier."""
    return actor_of(user).is_admin(grappe.carrier_id) and grappe.carrier_id in _bodies(
        grappe, GrappeMember.Status.ACTIVE
    )


def can_steer(user, grappe: Grappe) -> bool:
    """The administrators of an active carrier invite and move the grappe through its states;
    national administrators."""
    return is_national_admin(user) or is_carrier_admin(user, grappe)


def can_view_grappe(user, grappe: Grappe) -> bool:
    """Its active and invited members (the latter to answer), the regional actors of its
    régions and national administrators."""
    return (
        is_national_admin(user)
        or is_deposit_region_actor(user, grappe)
        or any(
            is_member(user, body)
            for body in _bodies(grappe, GrappeMember.Status.ACTIVE, GrappeMember.Status.INVITED)
        )
        or is_regional_actor_of(user, grappe)
    )


def can_view_grappe_documents(user, grappe: Grappe) -> bool:
    """The agreement, its signed scans and the funding simulations: active members, the
    regional actors of its régions and national administrators (not mere invitees)."""
    return (
        is_national_admin(user)
        or is_deposit_region_actor(user, grappe)
        or is_active_member(user, grappe)
        or is_regional_actor_of(user, grappe)
    )


def can_read_application_pack(user, grappe: Grappe, active_bodies=None) -> bool:
    """The application pack ("dossier de candidature"): the grappe's active members and the
    regional actors of its deposit région. ``active_bodies``: the ids of the active members'
    bodies when the caller already has them (no query then)."""
    if is_deposit_region_actor(user, grappe):
        return True
    if active_bodies is None:
        return is_active_member(user, grappe)
    return any(is_member(user, body) for body in active_bodies)


def can_choose_deposit_region(user, grappe: Grappe) -> bool:
    """The carrier chooses the région of deposit while the grappe is not deposited yet."""
    return can_steer(user, grappe) and grappe.status in Grappe.BEING_PREPARED


def can_simulate(user, grappe: Grappe) -> bool:
    """Active members write funding simulations; read-only roles (regional actors, invited
    organisations) do not."""
    return is_active_member(user, grappe)


def counts_for_budget(simulation: FundingSimulation) -> bool:
    """A simulation the agreement may take its budget from: written by a user of an active
    member or of the carrier, or by the platform itself (demo data, no author)."""
    author = simulation.created_by
    if author is None:
        return True
    bodies = {simulation.grappe.carrier_id, *_bodies(simulation.grappe, GrappeMember.Status.ACTIVE)}
    return any(is_member(author, body) for body in bodies)


def can_view_shared_assessment(user, share: SharedAssessment) -> bool:
    """A shared assessment: its own managing body, the grappe's active members and the
    regional actors of the grappe's régions only."""
    return (
        can_edit_assessment(user, share.assessment)
        or is_active_member(user, share.grappe)
        or is_regional_actor_of(user, share.grappe)
    )


def can_edit_member(user, member: GrappeMember) -> bool:
    """Members of the managing body choose its ESSMS while the grappe is being prepared (a
    draft, or sent back "à compléter" by the ARS)."""
    return (
        member.status == GrappeMember.Status.ACTIVE
        and member.grappe.status in Grappe.BEING_PREPARED
        and is_member(user, member.managing_body_id)
    )


def can_answer(user, member: GrappeMember) -> bool:
    return member.status == GrappeMember.Status.INVITED and is_managing_body_admin(
        user, member.managing_body_id
    )
