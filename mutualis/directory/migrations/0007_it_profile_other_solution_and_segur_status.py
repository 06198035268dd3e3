"""Other solutions on IT profiles, dated Ségur referencing on solutions; then the rows
written before the consistency rules are fixed, each fix audited, and the counts printed.

- a profile without DUI that named a solution: the solution is cleared;
- an equipment count above 10 000 (the rules' bound): cleared (unknown);
- a solution marked "référencée Ségur" by the former bare boolean, with neither date nor
  source: "non vérifiée", the former mark kept in its source field to be checked.
"""

import sys

from django.db import migrations, models

MAX_DEVICES = 10_000  # frozen copy of it_profile_rules.MAX_DEVICES
FORMER_MARK = (
    "Marquée « référencée Ségur » avant décembre 2026, sans date ni source : à vérifier sur "
    "la liste de l'ANS."
)


def fix_profiles(ItProfile, AuditLog) -> tuple[int, int]:
    """Clear what contradicts the rules, one audit row per fix; (solutions, counts) cleared.
    Takes the models as arguments so that a test runs it on rows it forces in."""
    audits = []

    def audit(profile, changes):
        audits.append(
            AuditLog(
                action="it_profile.fix",
                object_type="directory.establishment",
                object_id=profile.establishment.finess,
                changes=changes,
            )
        )

    no_dui = ItProfile.objects.filter(dui_status="none").exclude(solution=None)
    for profile in no_dui.select_related("establishment", "solution"):
        audit(profile, {"solution": [profile.solution.name, ""]})
    cleared_solutions = no_dui.update(solution=None)
    cleared_counts = 0
    for field in ("workstation_count", "mobile_device_count"):
        too_large = ItProfile.objects.filter(**{f"{field}__gt": MAX_DEVICES})
        for profile in too_large.select_related("establishment"):
            audit(profile, {field: [str(getattr(profile, field)), ""]})
        cleared_counts += too_large.update(**{field: None})
    AuditLog.objects.bulk_create(audits, batch_size=2000)
    return cleared_solutions, cleared_counts


def fix_rows(apps, schema_editor):
    cleared_solutions, cleared_counts = fix_profiles(
        apps.get_model("directory", "ItProfile"), apps.get_model("core", "AuditLog")
    )
    unverified = (
        apps.get_model("directory", "Solution")
        .objects.filter(segur_referenced=True)
        .update(segur_status="unverified", segur_source=FORMER_MARK)
    )
    sys.stdout.write(
        f"\n  directory.0007 : {cleared_solutions} profil(s) SI sans DUI dont la solution a "
        f"été retirée, {cleared_counts} nombre(s) d'équipement au-delà de {MAX_DEVICES} "
        f"effacé(s), {unverified} solution(s) « référencée Ségur » sans date ni source "
        "repassée(s) en « non vérifiée ».\n"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_import_run_progress"),
        ("directory", "0006_search_name_trigram_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="itprofile",
            name="other_editor_name",
            field=models.CharField(
                blank=True, max_length=120, verbose_name="autre solution (éditeur)"
            ),
        ),
        migrations.AddField(
            model_name="itprofile",
            name="other_solution_name",
            field=models.CharField(
                blank=True,
                help_text="Solution hors de la liste.",
                max_length=120,
                verbose_name="autre solution (nom)",
            ),
        ),
        migrations.AddField(
            model_name="solution",
            name="segur_checked_on",
            field=models.DateField(blank=True, null=True, verbose_name="référencement vérifié le"),
        ),
        migrations.AddField(
            model_name="solution",
            name="segur_source",
            field=models.CharField(
                blank=True,
                help_text="Adresse ou référence de la liste consultée (ANS).",
                max_length=300,
                verbose_name="source du référencement",
            ),
        ),
        migrations.AddField(
            model_name="solution",
            name="segur_status",
            field=models.CharField(
                choices=[
                    ("referenced", "Référencée Ségur"),
                    ("not_referenced", "Non référencée Ségur"),
                    ("unverified", "Non vérifiée"),
                ],
                default="unverified",
                help_text="« Non vérifiée » tant que la liste officielle n'a pas été consultée.",
                max_length=16,
                verbose_name="référencement Ségur",
            ),
        ),
        migrations.RunPython(fix_rows, migrations.RunPython.noop),
    ]
