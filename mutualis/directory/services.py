"""Writes of the directory: one function per user action, audited."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from mutualis.core import audit
from mutualis.directory.it_profile_rules import (
    OTHER_NAME_FIELDS,
    RuleError,
    check_it_profile,
    errors_by_field,
)
from mutualis.directory.models import Establishment, ItProfile, ManagingBody
from mutualis.directory.name_refresh import refresh_names
from mutualis.directory.names import clean_usual_name

IT_PROFILE_FIELDS = (
    "dui_status",
    "solution",
    "other_solution_name",
    "other_editor_name",
    "hosting_mode",
    "workstation_count",
    "mobile_device_count",
    "has_broadband",
    "has_wifi",
)


class InconsistentItProfile(ValidationError):
    """The declared IT profile breaks ``it_profile_rules``: ``message_dict`` has, per field,
    the French messages the form and the API show."""

    def __init__(self, errors: list[RuleError]):
        super().__init__(errors_by_field(errors))
        self.errors = errors


@transaction.atomic
def update_it_profile(actor, establishment: Establishment, data: dict) -> ItProfile:
    """Create or update the IT profile of an establishment with the declared values (the
    fields of ``data`` among ``IT_PROFILE_FIELDS``; the others are kept). Refuses, whatever the
    caller, a profile that contradicts itself (``InconsistentItProfile``)."""
    profile, _created = ItProfile.objects.select_for_update().get_or_create(
        establishment=establishment
    )
    values = {name: data[name] for name in IT_PROFILE_FIELDS if name in data}
    for name in OTHER_NAME_FIELDS:
        if name in values:
            values[name] = (values[name] or "").strip()
    changes = audit.diff_fields(profile, values)
    for name, value in values.items():
        setattr(profile, name, value)
    errors = check_it_profile(profile.rule_values())
    if errors:
        raise InconsistentItProfile(errors)
    profile.is_demo = False
    profile.updated_by = actor if getattr(actor, "is_authenticated", False) else None
    profile.save()
    audit.record(actor, "it_profile.update", establishment, changes)
    return profile


@transaction.atomic
def update_managing_body(actor, body: ManagingBody, data: dict) -> ManagingBody:
    """The managing body's administrators give its usual name and openness to cooperation;
    the legal name comes from FINESS only."""
    values = {k: data[k] for k in ("usual_name", "open_to_cooperation") if k in data}
    if "usual_name" in values:
        try:
            values["usual_name"] = clean_usual_name(values["usual_name"] or "")
        except ValueError as error:
            raise ValidationError({"usual_name": str(error)}) from error
    changes = audit.diff_fields(body, values)
    for name, value in values.items():
        setattr(body, name, value)
    body.save(update_fields=[*values, "updated_at"])
    if "usual_name" in changes:
        refresh_names(only=[body.pk])
        body.refresh_from_db()
    audit.record(actor, "managing_body.update", body, changes)
    return body
