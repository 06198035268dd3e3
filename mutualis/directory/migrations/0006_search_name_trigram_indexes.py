from django.db import migrations

# (model, index) of the pg_trgm GIN indexes on the search names: LIKE '%word%' and the
# word-similarity operator of name searches use them (PostgreSQL only; SQLite scans).
INDEXES = [
    ("Establishment", "establishment_search_trgm"),
    ("ManagingBody", "managingbody_search_trgm"),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, index in INDEXES:
        table = schema_editor.quote_name(apps.get_model("directory", model)._meta.db_table)
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {index} ON {table} USING gin (search_name gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _model, index in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")


class Migration(migrations.Migration):
    """Trigram indexes for the name search on PostgreSQL, built after the search names."""

    dependencies = [("directory", "0005_rebuild_search_names")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
