"""Fast reads and writes for imports, used only by services.py: rows as plain tuples, not model instances.

Building a model instance per row costs more than the insert itself when an import brings a million services.
Inserts use COPY on PostgreSQL and executemany on SQLite; primary keys are reserved up front, so nothing has
to be read back to link a service to its locations and phones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection, models

LOOKUP_CHUNK = 2_000
Adapter = Callable[[Any], Any]


def table_of(model: type[models.Model]) -> str:
    return connection.ops.quote_name(str(model._meta.db_table))


def stored_rows(
    model: type[models.Model], keys: Iterable[tuple[str, str]], columns: Sequence[str]
) -> dict[tuple[str, str], tuple[Any, ...]]:
    """Rows already stored, by (source, source id): (primary key, *columns)."""
    by_source: dict[str, list[str]] = {}
    for source, source_id in set(keys):
        by_source.setdefault(source, []).append(source_id)
    selected = ", ".join(connection.ops.quote_name(column) for column in ("source_id", "id", *columns))
    found: dict[tuple[str, str], tuple[Any, ...]] = {}
    with connection.cursor() as cursor:
        for source, source_ids in by_source.items():
            for start in range(0, len(source_ids), LOOKUP_CHUNK):
                chunk = source_ids[start : start + LOOKUP_CHUNK]
                parameters: list[Any]
                if connection.vendor == "postgresql":
                    # One array parameter: thousands of placeholders are slow to send and to plan
                    condition, parameters = "= ANY(%s)", [source, chunk]
                else:
                    condition, parameters = f"IN ({', '.join(['%s'] * len(chunk))})", [source, *chunk]
                cursor.execute(
                    f"SELECT {selected} FROM {table_of(model)} WHERE source = %s AND source_id {condition}",  # noqa: S608
                    parameters,
                )
                found.update({(source, row[0]): tuple(row[1:]) for row in cursor.fetchall()})
    return found


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """Primary keys for rows about to be inserted. Call inside the transaction that inserts them."""
    if count == 0:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [str(model._meta.db_table), count],
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite: the transaction holds the write lock (BEGIN IMMEDIATE), so nobody else can take these numbers
        cursor.execute(
            f"SELECT MAX(COALESCE((SELECT MAX(id) FROM {table_of(model)}), 0), "  # noqa: S608
            "COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0))",
            [str(model._meta.db_table)],
        )
        start = int(cursor.fetchone()[0]) + 1
    return list(range(start, start + count))


def refresh_statistics(tables: Sequence[type[models.Model]]) -> None:
    """On PostgreSQL, let the planner see how big the tables have grown during a load: with the statistics of an
    empty table it looks rows up by scanning instead of by index, and each batch gets slower than the last."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {', '.join(table_of(model) for model in tables)}")


def insert_rows(model: type[models.Model], field_names: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    if not rows:
        return
    fields = [model._meta.get_field(name) for name in field_names]
    adapters = [(position, adapter) for position, field in enumerate(fields) if (adapter := adapter_for(field))]
    if adapters:
        rows = [adapted(row, adapters) for row in rows]
    columns = ", ".join(connection.ops.quote_name(str(field.column)) for field in fields)  # type: ignore[union-attr]
    if connection.vendor == "postgresql":
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {table_of(model)} ({columns}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return
    placeholders = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table_of(model)} ({columns}) VALUES ({placeholders})", rows)  # noqa: S608


def adapted(row: Sequence[Any], adapters: list[tuple[int, Adapter]]) -> list[Any]:
    values = list(row)
    for position, adapter in adapters:
        value = values[position]
        if value is not None and not isinstance(value, str):  # a string is already in the stored form
            values[position] = adapter(value)
    return values


def stored_form(field_name: str, model: type[models.Model], value: Any) -> Any:
    """One value as this database stores it, for a value repeated on every row (adapted once, not per row)."""
    adapter = adapter_for(model._meta.get_field(field_name))
    return adapter(value) if adapter else value


def adapter_for(field: Any) -> Adapter | None:
    """How to turn a Python value into what this database stores, where the driver would not do it alone."""
    if connection.vendor == "postgresql":
        return None  # psycopg's COPY understands dates, times, aware datetimes and UUIDs in hex
    operations = connection.ops
    if isinstance(field, models.DateTimeField):
        return operations.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return operations.adapt_datefield_value
    if isinstance(field, models.TimeField):
        return operations.adapt_timefield_value
    return None


SQLITE_IMPORT_CACHE_KIBIBYTES = 262_144


@contextmanager
def cache_for_bulk_writes() -> Iterator[None]:
    """On SQLite, a page cache big enough for the search index while an import runs (the default is 2 MiB),
    so each insert does not reread the index pages it needs from the operating system."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        previous = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = -{SQLITE_IMPORT_CACHE_KIBIBYTES}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(previous)}")


@contextmanager
def index_built_afterwards(model: type[models.Model], index_name: str, *, is_deferred: bool) -> Iterator[None]:
    """Drop an index for a bulk load and build it once at the end: one sort instead of a million scattered
    inserts. Also rebuilds the index if an earlier bulk load was stopped before it could."""
    index = next(index for index in model._meta.indexes if index.name == index_name)
    restore_index(model, index)
    if not is_deferred:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX {connection.ops.quote_name(str(index.name))}")
    try:
        yield
    finally:
        restore_index(model, index)


def restore_index(model: type[models.Model], index: models.Index) -> None:
    """Create the index as its migration does, if it is missing."""
    columns = ", ".join(connection.ops.quote_name(column_of(model, name)) for name in index.fields)
    with connection.cursor() as cursor:
        if index.name not in connection.introspection.get_constraints(cursor, model._meta.db_table):
            if connection.vendor == "postgresql":
                # Deferred foreign-key checks still pending in this transaction would block CREATE INDEX
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(
                f"CREATE INDEX {connection.ops.quote_name(str(index.name))} ON {table_of(model)} ({columns})"
            )


def column_of(model: type[models.Model], field_name: str) -> str:
    return str(model._meta.get_field(field_name).column)  # type: ignore[union-attr]


@contextmanager
def foreign_keys_checked_afterwards(tables: Sequence[type[models.Model]], *, is_deferred: bool) -> Iterator[None]:
    """On PostgreSQL, drop these tables' foreign keys for a bulk load and add them back at the end, when one join
    checks every row instead of a trigger per row. Call inside the transaction that loads the rows, so a failed
    load rolls the constraints back too. SQLite checks each row cheaply as it goes, so it is left alone."""
    if not is_deferred or connection.vendor != "postgresql":
        yield
        return
    names = [str(model._meta.db_table) for model in tables]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s)",
            [names],
        )
        constraints = cursor.fetchall()
        for table, name, _definition in constraints:
            cursor.execute(f"ALTER TABLE {quoted(table)} DROP CONSTRAINT {quoted(name)}")
    yield
    with connection.cursor() as cursor:
        for table, name, definition in constraints:
            cursor.execute(f"ALTER TABLE {quoted(table)} ADD CONSTRAINT {quoted(name)} {definition}")


def quoted(name: str) -> str:
    return str(connection.ops.quote_name(name))
