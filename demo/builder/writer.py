"""Bulk writes through PostgreSQL COPY (psycopg 3), with id blocks reserved from each table's sequence."""

import json
from collections.abc import Iterable, Sequence

from django.db import connection
from django.db.models import Model
from psycopg import sql

from demo.builder.progress import Progress

UPDATE_EVERY = 2000


def _columns(model: type[Model], fields: Sequence[str]) -> tuple[list[str], tuple]:
    """Columns for `fields` plus every other column with its default (COPY fills no Django defaults)."""
    columns = [model._meta.get_field(name).column for name in fields]
    defaults = []
    for field in model._meta.concrete_fields:
        if field.column in columns or field.primary_key:
            continue
        if field.has_default():
            value = field.get_default()
            defaults.append(json.dumps(value) if isinstance(value, dict | list) else value)
        elif field.null:
            defaults.append(None)
        else:
            raise ValueError(f"{model.__name__}.{field.name} needs a value: it has no default.")
        columns.append(field.column)
    return columns, tuple(defaults)


class Writer:
    """COPYs rows into tables inside the caller's transaction and remembers what it wrote."""

    def __init__(self, progress: Progress) -> None:
        connection.ensure_connection()
        self.cursor = connection.connection.cursor()
        self.progress = progress
        self.counts: dict[str, int] = {}
        self.tables: list[str] = []

    def reserve_ids(self, model: type[Model], n: int) -> int:
        """The first of n consecutive ids nobody else will take; rows then carry explicit ids."""
        table = model._meta.db_table
        # Held to the end of the transaction: no concurrent insert can draw from the block we set aside.
        self.cursor.execute(
            sql.SQL("LOCK TABLE {} IN SHARE ROW EXCLUSIVE MODE").format(sql.Identifier(table))
        )
        self.cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
        sequence = self.cursor.fetchone()[0]
        self.cursor.execute("SELECT nextval(%s)", [sequence])
        first = self.cursor.fetchone()[0]
        if n > 1:
            self.cursor.execute("SELECT setval(%s, %s)", [sequence, first + n - 1])
        return first

    def copy(
        self, model: type[Model], fields: Sequence[str], rows: Iterable[tuple], *, stage: str, total: int
    ) -> int:
        """COPY rows (values in `fields` order) into the model's table; returns how many."""
        columns, defaults = _columns(model, fields)
        table = model._meta.db_table
        statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
            sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
        )
        self.progress.stage(stage, total)
        done = 0
        with self.cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row + defaults)
                done += 1
                if done % UPDATE_EVERY == 0:
                    self.progress.update(done)
        self.progress.finish(done)
        self.counts[stage] = self.counts.get(stage, 0) + done
        if table not in self.tables:
            self.tables.append(table)
        return done

    def check_constraints(self) -> None:
        """Run the deferred foreign-key checks now rather than silently at COMMIT, under a progress line."""
        self.progress.stage("foreign key checks", 1)
        self.cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        self.progress.finish(1)

    def analyze(self) -> None:
        """Fresh planner statistics: the tables went from (nearly) empty to full in one go."""
        self.progress.stage("analyze", len(self.tables))
        for done, table in enumerate(self.tables, start=1):
            self.cursor.execute(sql.SQL("ANALYZE {}").format(sql.Identifier(table)))
            self.progress.update(done)
        self.progress.finish(len(self.tables))
