"""Batched upserts and updates by raw parameterised SQL, portable between SQLite and PostgreSQL.

``bulk_create(update_conflicts=True)`` compiles every value through the ORM; on the
national FINESS file that cost five times the load itself (bench/import_finess.py).
Identifiers come from the model's metadata and every value is a query parameter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, models, transaction

BATCH_SIZE = 2000


@contextmanager
def foreign_keys_checked_at_end(model: type[models.Model], *, when: bool = True) -> Iterator[None]:
    """For a large load on PostgreSQL: drop the model's foreign keys and re-create them when
    the block ends, so each key is checked by one set-based query instead of one trigger per
    row (0.9 s of the national import). Must run inside a transaction; the table stays locked
    until commit. Elsewhere, or when ``when`` is false, a no-op."""
    if not when or connection.vendor != "postgresql":
        yield
        return
    fields = [f for f in model._meta.concrete_fields if f.remote_field and f.db_constraint]
    with connection.cursor() as cursor:  # no ALTER TABLE with checks still pending
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with connection.schema_editor() as editor:
        for field in fields:
            for name in editor._constraint_names(model, [field.column], foreign_key=True):
                editor.execute(editor._delete_fk_sql(model, name))
    yield
    with connection.schema_editor() as editor:
        for field in fields:  # the same names and options as the migrations create
            editor.execute(editor._create_fk_sql(model, field, "_fk_%(to_table)s_%(to_column)s"))
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # Django's keys are initially deferred


def _converter(field: models.Field) -> Callable[[Any], Any] | None:
    if isinstance(field, models.DateTimeField):
        return connection.ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return connection.ops.adapt_datefield_value
    if isinstance(field, models.UUIDField) and not connection.features.has_native_uuid_field:
        return lambda value: value.hex if value is not None else None
    return None


def upsert(
    model: type[models.Model],
    rows: list[dict[str, Any]],
    unique_field: str,
    keep_on_conflict: Iterable[str] = ("uid",),
    on_batch: Callable[[int], None] | None = None,
) -> int:
    """Insert ``rows`` (dicts keyed by column attname), updating rows whose ``unique_field``
    exists; the ``keep_on_conflict`` columns keep their stored value. Returns the row count."""
    if not rows:
        return 0
    names = list(rows[0])
    fields = [model._meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    columns = [quote(field.column) for field in fields]
    kept = {unique_field, *keep_on_conflict}
    updates = ", ".join(
        f"{column} = excluded.{column}"
        for name, column in zip(names, columns, strict=True)
        if name not in kept
    )
    table = quote(model._meta.db_table)
    conflict = (
        f"ON CONFLICT ({quote(model._meta.get_field(unique_field).column)}) DO UPDATE SET {updates}"
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            _copy_then_insert(cursor, table, columns, conflict, rows, names)
            if on_batch:
                on_batch(len(rows))
            return len(rows)
        converters = [(i, c) for i, f in enumerate(fields) if (c := _converter(f))]
        sql = (
            f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608
            f"VALUES ({', '.join(['%s'] * len(columns))}) {conflict}"
        )
        for start in range(0, len(rows), BATCH_SIZE):
            batch = [_values(row, names, converters) for row in rows[start : start + BATCH_SIZE]]
            cursor.executemany(sql, batch)
            if on_batch:
                on_batch(len(batch))
    return len(rows)


def _copy_then_insert(cursor, table, columns, conflict, rows, names) -> None:
    """PostgreSQL: COPY into a temporary table, then one INSERT … SELECT … ON CONFLICT."""
    column_list = ", ".join(columns)
    cursor.execute(
        f"CREATE TEMPORARY TABLE mutualis_upsert ON COMMIT DROP AS "  # noqa: S608
        f"SELECT {column_list} FROM {table} WITH NO DATA"
    )
    with cursor.cursor.copy(f"COPY mutualis_upsert ({column_list}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([row[name] for name in names])
    cursor.execute(
        f"INSERT INTO {table} ({column_list}) "  # noqa: S608
        f"SELECT {column_list} FROM mutualis_upsert {conflict}"
    )
    cursor.execute("DROP TABLE mutualis_upsert")


def _values(row: dict, names: list[str], converters: list) -> list:
    values = [row[name] for name in names]
    for index, convert in converters:
        values[index] = convert(values[index])
    return values


def update(model: type[models.Model], rows: list[dict[str, Any]], fields: list[str]) -> int:
    """Set the ``fields`` (attnames) of existing rows, each dict holding its primary key under
    the key's attname: one UPDATE … FROM a COPY-filled temporary table on PostgreSQL,
    ``executemany`` of UPDATE … WHERE key elsewhere. ``bulk_update`` builds one CASE per
    field and row: 18 000 managing bodies took over a minute."""
    if not rows:
        return 0
    quote = connection.ops.quote_name
    key = model._meta.pk
    table = quote(model._meta.db_table)
    key_column = quote(key.column)
    columns = [quote(model._meta.get_field(name).column) for name in fields]
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            column_list = ", ".join([key_column, *columns])
            cursor.execute(
                f"CREATE TEMPORARY TABLE mutualis_update ON COMMIT DROP AS "  # noqa: S608
                f"SELECT {column_list} FROM {table} WITH NO DATA"
            )
            with cursor.cursor.copy(f"COPY mutualis_update ({column_list}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row([row[key.attname], *(row[name] for name in fields)])
            assignments = ", ".join(f"{column} = mutualis_update.{column}" for column in columns)
            cursor.execute(
                f"UPDATE {table} SET {assignments} FROM mutualis_update "  # noqa: S608
                f"WHERE {table}.{key_column} = mutualis_update.{key_column}"
            )
            cursor.execute("DROP TABLE mutualis_update")
        else:
            assignments = ", ".join(f"{column} = %s" for column in columns)
            cursor.executemany(
                f"UPDATE {table} SET {assignments} WHERE {key_column} = %s",  # noqa: S608
                [[*(row[name] for name in fields), row[key.attname]] for row in rows],
            )
    return len(rows)
