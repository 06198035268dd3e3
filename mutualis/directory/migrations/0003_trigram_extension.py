from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    """pg_trgm for the similarity ranking of name searches (a no-op on SQLite)."""

    dependencies = [("directory", "0002_lean_import_indexes")]

    operations = [TrigramExtension()]
