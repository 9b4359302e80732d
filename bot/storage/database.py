"""The SQLite database: one aiosqlite connection, WAL mode, numbered migrations.

Migrations are ``migrations/NNNN_name.sql`` files applied in order, each in one transaction together
with its ``PRAGMA user_version`` bump, so a crash mid-migration leaves the previous version intact.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import aiosqlite

from .writer import GroupCommitWriter

__all__ = ["Database", "DatabaseOpenError", "Migration", "MigrationError", "load_migrations"]

log = logging.getLogger(__name__)

_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


class MigrationError(RuntimeError):
    """The database is newer than this code, or a migration file is malformed."""


class DatabaseOpenError(RuntimeError):
    """The database file cannot be opened, or opened but not written: the path and the reason."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"cannot use the database {path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def load_migrations() -> list[Migration]:
    """The shipped migrations, checked to be numbered 1, 2, 3… without gaps."""
    folder = resources.files("bot.storage") / "migrations"
    found: list[Migration] = []
    for item in folder.iterdir():
        match = _MIGRATION_NAME.match(item.name)
        if match:
            found.append(Migration(int(match[1]), item.name, item.read_text(encoding="utf-8")))
    found.sort(key=lambda migration: migration.version)
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise MigrationError(f"migration {migration.name} should be numbered {expected:04d}")
    return found


class Database:
    """Owns the connection; repositories borrow it through ``connection``."""

    def __init__(self, connection: aiosqlite.Connection, path: Path | str) -> None:
        self.connection = connection
        self.path = path
        self.writer: GroupCommitWriter | None = None  # opened by ``open`` once the schema is current

    @classmethod
    async def open(cls, path: Path | str) -> Database:
        """Open (creating, migrating) the database; DatabaseOpenError says which path and why when it can't."""
        if isinstance(path, Path):
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise DatabaseOpenError(
                    path, f"its folder {path.parent} cannot be created ({error.strerror})"
                ) from None
        try:
            connection = await aiosqlite.connect(str(path), isolation_level=None)
        except sqlite3.Error as error:
            raise DatabaseOpenError(path, str(error)) from None
        writer: GroupCommitWriter | None = None
        try:
            await connection.execute("PRAGMA journal_mode=WAL")
            # NORMAL is durable against process crashes in WAL mode; FULL adds power-loss safety.
            await connection.execute("PRAGMA synchronous=FULL")
            await connection.execute("PRAGMA foreign_keys=ON")
            await connection.execute("PRAGMA busy_timeout=5000")
            database = cls(connection, path)
            await database.migrate()
            writer = await GroupCommitWriter.open(path)
            await writer.check_writable()  # a read-only file or folder fails here, at start-up, not mid-game
            database.writer = writer
        except BaseException as error:
            if writer is not None:
                await writer.close()
            await connection.close()
            if isinstance(error, sqlite3.Error):
                raise DatabaseOpenError(path, str(error)) from None
            raise
        return database

    async def version(self) -> int:
        async with self.connection.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def journal_mode(self) -> str:
        async with self.connection.execute("PRAGMA journal_mode") as cursor:
            row = await cursor.fetchone()
        return str(row[0]) if row else ""

    async def migrate(self) -> int:
        """Apply every migration newer than the database; returns the resulting version."""
        migrations = load_migrations()
        current = await self.version()
        if current > len(migrations):
            raise MigrationError(
                f"database {self.path} is at schema version {current}, newer than this code ({len(migrations)})"
            )
        for migration in migrations[current:]:
            log.info("applying migration %s", migration.name)
            await self.connection.execute("BEGIN IMMEDIATE")
            try:
                for statement in _statements(migration.sql):
                    await self.connection.execute(statement)
                await self.connection.execute(f"PRAGMA user_version = {migration.version:d}")
                await self.connection.execute("COMMIT")
            except BaseException:
                await self.connection.execute("ROLLBACK")
                raise
        return len(migrations)

    async def close(self) -> None:
        if self.writer is not None:
            await self.writer.close()
        await self.connection.close()


def _statements(sql: str) -> list[str]:
    """Split a migration into statements (sqlite3.complete_statement knows about quotes and triggers)."""
    out: list[str] = []
    buffer = ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statement = buffer.strip()
            if statement and statement != ";":
                out.append(statement)
            buffer = ""
    if buffer.strip():
        raise MigrationError(f"incomplete SQL statement at the end of a migration: {buffer.strip()[:60]!r}")
    return out
