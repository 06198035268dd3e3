from django.db import migrations

from mutualis.directory.search_names import rebuild

# The core.text.NORMALIZATION_VERSION whose search names this migration stores
# (tests/core/test_text_normalize.py checks that one migration rebuilds for the current one).
REBUILDS_SEARCH_NAMES_FOR_NORMALIZATION = 2


def rebuild_search_names(apps, schema_editor):
    # Managing bodies get theirs with their display names (0010_fill_managing_body_names).
    rebuild(apps.get_model("directory", "Establishment"))


class Migration(migrations.Migration):
    """Saint/St, hyphens, apostrophes and the commune in the establishments' search names."""

    dependencies = [("directory", "0004_finess_groupings_and_refreshes")]

    operations = [migrations.RunPython(rebuild_search_names, migrations.RunPython.noop)]
