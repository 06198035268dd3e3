"""Writes of the directory: one function per user action, audited."""

from __future__ import annotations

from django.db import transaction

from mutualis.core import audit
from mutualis.directory.models import Establishment, ItProfile, ManagingBody
from mutualis.directory.search_names import managing_body_search_name

IT_PROFILE_FIELDS = (
    "dui_status",
    "solution",
    "hosting_mode",
    "workstation_count",
    "mobile_device_count",
    "has_broadband",
    "has_wifi",
)


@transaction.atomic
def update_it_profile(actor, establishment: Establishment, data: dict) -> ItProfile:
    """Create or update the IT profile of an establishment with the declared values."""
    profile, _created = ItProfile.objects.select_for_update().get_or_create(
        establishment=establishment
    )
    values = {name: data[name] for name in IT_PROFILE_FIELDS if name in data}
    changes = audit.diff_fields(profile, values)
    for name, value in values.items():
        setattr(profile, name, value)
    profile.is_demo = False
    profile.updated_by = actor if getattr(actor, "is_authenticated", False) else None
    profile.save()
    audit.record(actor, "it_profile.update", establishment, changes)
    return profile


@transaction.atomic
def update_managing_body(actor, body: ManagingBody, data: dict) -> ManagingBody:
    """The managing body gives its own name and openness to cooperation."""
    values = {k: data[k] for k in ("name", "open_to_cooperation") if k in data}
    changes = audit.diff_fields(body, values)
    for name, value in values.items():
        setattr(body, name, value)
    if "name" in values:
        body.name_is_placeholder = False
        body.search_name = managing_body_search_name(body.name, body.finess)
    body.save()
    audit.record(actor, "managing_body.update", body, changes)
    return body
