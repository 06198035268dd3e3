"""Who may see and change a grappe's project.

- the carrier's administrators (``grappes.perms.is_carrier_admin``: its carrier an active
  member) administer everything (open the project, tranches, deletions);
- users of the active member bodies edit milestones' actual dates, meetings, risks, and the
  usage targets of their own ESSMS;
- regional actors of the grappe's régions and national administrators read only.
"""

from __future__ import annotations

from mutualis.accounts.actor import actor_of
from mutualis.accounts.perms import is_national_admin, is_signed_in
from mutualis.grappes.models import Grappe, GrappeMember
from mutualis.grappes.perms import is_carrier_admin, is_regional_actor_of


def active_body_ids(grappe: Grappe) -> set[int]:
    return set(
        grappe.members.filter(status=GrappeMember.Status.ACTIVE).values_list(
            "managing_body_id", flat=True
        )
    )


def user_body_ids(user, grappe: Grappe) -> set[int]:
    """The active member bodies of the grappe the user belongs to."""
    mine = actor_of(user).body_ids
    if not mine:
        return set()
    return mine & active_body_ids(grappe)


def can_open_project(user, grappe: Grappe) -> bool:
    return grappe.status in Grappe.SELECTED_OR_LATER and is_carrier_admin(user, grappe)


def can_view_project(user, project) -> bool:
    grappe = project.grappe
    if not is_signed_in(user):
        return False
    if is_national_admin(user) or user_body_ids(user, grappe):
        return True
    return is_regional_actor_of(user, grappe)


def can_edit_project(user, project) -> bool:
    """Record progress: milestones' dates, meetings, risks (users of active members)."""
    return bool(user_body_ids(user, project.grappe))


def can_admin_project(user, project) -> bool:
    """Plan and delete: milestones, tranches, targets of any ESSMS (the carrier)."""
    return is_carrier_admin(user, project.grappe)


def can_edit_target(user, target) -> bool:
    """The carrier, or users of the managing body of the target's ESSMS."""
    return can_admin_project(user, target.project) or (
        target.establishment.managing_body_id in user_body_ids(user, target.project.grappe)
    )


def editable_establishment_ids(user, project) -> set[int] | None:
    """ESSMS whose targets the user may add: None = all of them (the carrier)."""
    if can_admin_project(user, project):
        return None
    bodies = user_body_ids(user, project.grappe)
    return set(
        project.grappe.establishments.filter(member__managing_body_id__in=bodies).values_list(
            "establishment_id", flat=True
        )
    )
