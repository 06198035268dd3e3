"""Full-text search structures, per database (see mutualis/library/search.py).

PostgreSQL: the ``unaccent`` extension, a ``french_unaccent`` text search configuration
(French stemming after accent removal), a GIN index on ``search_vector`` and its storage
in the row.
SQLite: an FTS5 table over a content table holding the original text (``highlight()`` and
``snippet()`` read it back), one column per searched field.
"""

from django.db import migrations

COLUMNS = "title, context, actors, pooled, timeline, worked, did_not_work, benefits, costs, advice"

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """
    DO $$
    BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'french_unaccent') THEN
            CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
            ALTER TEXT SEARCH CONFIGURATION french_unaccent
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
        END IF;
    END
    $$
    """,
    "CREATE INDEX library_report_search_gin ON library_experiencereport USING gin (search_vector)",
    # Keep the vector in the row (compressed) rather than in the TOAST table: ranking reads
    # the vector of every match, twice as fast without a TOAST lookup each.
    "ALTER TABLE library_experiencereport ALTER COLUMN search_vector SET STORAGE MAIN",
]
POSTGRES_BACKWARD = [
    "ALTER TABLE library_experiencereport ALTER COLUMN search_vector SET STORAGE EXTENDED",
    "DROP INDEX IF EXISTS library_report_search_gin",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS french_unaccent",
]
SQLITE_FORWARD = [
    f"CREATE TABLE library_report_fts_source (rowid INTEGER PRIMARY KEY, {COLUMNS})",
    f"""CREATE VIRTUAL TABLE library_report_fts USING fts5({COLUMNS},
        content='library_report_fts_source',
        tokenize="unicode61 remove_diacritics 2")""",
]
SQLITE_BACKWARD = [
    "DROP TABLE IF EXISTS library_report_fts",
    "DROP TABLE IF EXISTS library_report_fts_source",
]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        )
    ]
