from django.db import migrations

from mutualis.directory.finess_import import placeholder_name
from mutualis.directory.name_refresh import refresh_names


def names_typed_by_organisations(apps, schema_editor):
    """Names that administrators typed over a placeholder (the old edit form wrote ``name``)
    become their usual name, and the legal name is unknown again. Only audited edits are
    read, usually a handful: the rest is one set-based pass."""
    ManagingBody = apps.get_model("directory", "ManagingBody")
    AuditLog = apps.get_model("core", "AuditLog")
    typed = {}
    edits = AuditLog.objects.filter(
        action="managing_body.update", object_type="directory.managingbody"
    ).order_by("created_at", "pk")
    for edit in edits.iterator():
        if "name" in edit.changes:
            typed[edit.object_id] = edit.changes["name"][1]
    for body in ManagingBody.objects.filter(finess__in=list(typed), siren=""):
        if body.name == typed[body.finess] and not body.usual_name:
            body.usual_name = body.name[:150]
            body.name = placeholder_name(body.finess)
            body.name_is_placeholder = True
            body.save(update_fields=["usual_name", "name", "name_is_placeholder"])


def fill(apps, schema_editor):
    names_typed_by_organisations(apps, schema_editor)
    refresh_names(
        body_model=apps.get_model("directory", "ManagingBody"),
        establishment_model=apps.get_model("directory", "Establishment"),
    )


class Migration(migrations.Migration):
    """Main commune, display name and search words of the existing managing bodies."""

    dependencies = [
        ("core", "0002_import_run_progress"),
        ("directory", "0009_managing_body_display_and_usual_names"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
