"""Moving and keeping data: copy an SQLite database into an empty PostgreSQL one, back up an SQLite file.

``copy_to_postgres`` reads the SQLite file in one read transaction (a consistent snapshot, even while a
bot writes to it), writes every table into PostgreSQL in one transaction, moves the id sequences past
the copied ids, and compares row counts table by table before committing: a mismatch leaves the target
as empty as it was.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .database import Database, DatabaseOpenError
from .postgres import PostgresDatabase, to_dollar
from .sqlite import SqliteDatabase

__all__ = ["TableCount", "TargetNotEmptyError", "TransferError", "copy_to_postgres"]

log = logging.getLogger(__name__)


class TransferError(RuntimeError):
    """The copy did not happen (the message says why); the target is unchanged."""


class TargetNotEmptyError(TransferError):
    """The PostgreSQL database already holds rows: copying there could mix two bots' data."""


@dataclass(frozen=True, slots=True)
class TableCount:
    table: str
    source: int
    target: int


_COERCE: dict[str, Callable[[Any], Any]] = {
    "bigint": int,
    "integer": int,
    "smallint": int,
    "double precision": float,
    "real": float,
    "text": str,
}


async def _rows_in_target(url: str) -> list[tuple[str, int]]:
    import asyncpg

    connection = await asyncpg.connect(url, timeout=10)
    try:
        tables = await connection.fetch(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind = 'r' AND n.nspname = current_schema() AND c.relname != 'sole_schema'"
        )
        out = []
        for (name,) in tables:
            count = await connection.fetchval(f'SELECT COUNT(*) FROM "{name}"')  # noqa: S608 - catalog names
            if count:
                out.append((str(name), int(count)))
        return out
    finally:
        await connection.close()


async def copy_to_postgres(source: Path, url: str) -> list[TableCount]:
    """Copy every table of the SQLite file ``source`` into the empty PostgreSQL database at ``url``."""
    if not await asyncio.to_thread(source.is_file):
        raise TransferError(f"there is no SQLite database at {source}")
    try:
        occupied = await _rows_in_target(url)
    except (OSError, TimeoutError, ValueError) as error:
        raise DatabaseOpenError(url, str(error)) from None
    if occupied:
        listed = ", ".join(f"{name} ({count} rows)" for name, count in occupied[:5])
        raise TargetNotEmptyError(f"the PostgreSQL database is not empty: {listed}; copy only into an empty one")
    sqlite = await Database.open(source)
    target = await Database.open(url)
    try:
        assert isinstance(sqlite, SqliteDatabase) and isinstance(target, PostgresDatabase)
        return await _copy(sqlite, target)
    finally:
        await target.close()
        await sqlite.close()


async def _copy(sqlite: SqliteDatabase, target: PostgresDatabase) -> list[TableCount]:
    tables = await sqlite.tables()
    missing = sorted(set(tables) - set(await target.tables()))
    if missing:
        raise TransferError(f"the PostgreSQL schema lacks the tables {', '.join(missing)}")
    counts: list[TableCount] = []
    await sqlite.connection.execute("BEGIN")  # one snapshot of the whole file, even while a bot writes
    try:
        async with target.connection() as connection, connection.transaction():
            for table in tables:
                columns = [str(row[1]) for row in await sqlite.fetch_all(f'PRAGMA table_info("{table}")')]
                types = {
                    str(name): str(kind)
                    for name, kind in await connection.fetch(
                        "SELECT column_name, data_type FROM information_schema.columns "
                        "WHERE table_schema = current_schema() AND table_name = $1",
                        table,
                    )
                }
                coerce = [_COERCE.get(types.get(column, "text"), str) for column in columns]
                names = ", ".join(f'"{column}"' for column in columns)
                rows = await sqlite.fetch_all(f'SELECT {names} FROM "{table}"')  # noqa: S608 - schema names
                values = [
                    tuple(None if value is None else convert(value) for value, convert in zip(row, coerce, strict=True))
                    for row in rows
                ]
                if values:
                    marks = ", ".join("?" for _ in columns)
                    insert = to_dollar(f'INSERT INTO "{table}" ({names}) VALUES ({marks})')  # noqa: S608
                    await connection.executemany(insert, values)
                for (column,) in await connection.fetch(
                    "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                    "AND table_name = $1 AND is_identity = 'YES'",
                    table,
                ):
                    await connection.execute(
                        f"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), "  # noqa: S608
                        f'COALESCE(MAX("{column}"), 0) + 1, false) FROM "{table}"'
                    )
                copied = int(await connection.fetchval(f'SELECT COUNT(*) FROM "{table}"'))  # noqa: S608
                counts.append(TableCount(table, len(rows), copied))
                log.info("copied %s: %d rows", table, copied)
            wrong = [count for count in counts if count.source != count.target]
            if wrong:  # raising here rolls the whole copy back
                detail = ", ".join(f"{c.table} {c.source} → {c.target}" for c in wrong)
                raise TransferError(f"row counts differ after the copy ({detail}); nothing was kept")
    finally:
        await sqlite.connection.execute("COMMIT")
    return counts
