"""Who may see and change a grappe."""

from mutualis.accounts.perms import (
    is_managing_body_admin,
    is_member,
    is_national_admin,
    region_codes,
)
from mutualis.grappes.models import Grappe, GrappeMember


def is_carrier_admin(user, grappe: Grappe) -> bool:
    return is_managing_body_admin(user, grappe.carrier_id)


def can_view_grappe(user, grappe: Grappe) -> bool:
    """Members of its managing bodies (invited ones too), the regional actors of the
    carrier's région and national administrators."""
    if is_national_admin(user):
        return True
    bodies = grappe.members.exclude(status=GrappeMember.Status.LEFT).values_list(
        "managing_body_id", flat=True
    )
    if any(is_member(user, body) for body in bodies):
        return True
    regions = region_codes(user)
    return bool(regions) and grappe.carrier.establishments.filter(region__in=regions).exists()


def can_edit_member(user, member: GrappeMember) -> bool:
    """Members of the managing body choose its ESSMS; the grappe must still be a draft."""
    return (
        member.status == GrappeMember.Status.ACTIVE
        and member.grappe.status == Grappe.Status.DRAFT
        and is_member(user, member.managing_body_id)
    )


def can_answer(user, member: GrappeMember) -> bool:
    return member.status == GrappeMember.Status.INVITED and is_managing_body_admin(
        user, member.managing_body_id
    )
