"""Who may change what in the directory."""

from mutualis.accounts.perms import is_managing_body_admin, is_member, is_national_admin
from mutualis.directory.models import Establishment, ManagingBody


def can_edit_it_profile(user, establishment: Establishment) -> bool:
    """Members of the establishment's managing body, and national administrators."""
    return is_member(user, establishment.managing_body_id) or is_national_admin(user)


def can_edit_managing_body(user, managing_body: ManagingBody) -> bool:
    return is_managing_body_admin(user, managing_body.pk)
