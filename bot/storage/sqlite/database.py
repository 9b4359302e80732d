"""SQLite: one aiosqlite connection for reads and small writes, one for the group-commit writer, WAL.

Migrations are ``bot/storage/migrations/NNNN_name.sql`` files applied in order, each in one transaction
together with its ``PRAGMA user_version`` bump, so a crash mid-migration leaves the previous version intact.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import aiosqlite

from ..database import ConstraintError, Database, DatabaseOpenError, MigrationError, Row, load_migrations
from ..writer import LOCK_WAIT, DatabaseGoneError, GroupCommitWriter, Run, is_busy

__all__ = ["SqliteDatabase", "SqliteSink", "backup"]

log = logging.getLogger(__name__)

# Pauses between tries while locked: two quick ones for the bot's own other connection, then every 2 s.
_BACKOFF = (0.05, 0.1, 2.0)


async def _connect(path: Path | str, *, busy_timeout_ms: int = 5000) -> aiosqlite.Connection:
    connection = await aiosqlite.connect(str(path), isolation_level=None)
    try:
        await connection.execute("PRAGMA journal_mode=WAL")
        # NORMAL is durable against process crashes in WAL mode; FULL adds power-loss safety.
        await connection.execute("PRAGMA synchronous=FULL")
        await connection.execute("PRAGMA foreign_keys=ON")
        await connection.execute(f"PRAGMA busy_timeout={busy_timeout_ms:d}")
    except BaseException:
        await connection.close()
        raise
    return connection


class SqliteDatabase(Database):
    """Owns the connection; ``connection`` is the raw aiosqlite connection (tests and tools read it)."""

    kind = "sqlite"

    def __init__(self, connection: aiosqlite.Connection, path: Path | str) -> None:
        super().__init__(path)
        self.connection = connection
        self.path = path

    @classmethod
    async def _open(cls, target: Path | str) -> SqliteDatabase:
        path = target
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
            for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "busy_timeout=5000"):
                await connection.execute(f"PRAGMA {pragma}")
            database = cls(connection, path)
            await database.migrate()
            sink = await SqliteSink.open(path)
            writer = GroupCommitWriter(sink)
            await sink.check_writable()  # a read-only file or folder fails here, at start-up, not mid-game
            database.writer = writer
        except BaseException as error:
            if writer is not None:
                await writer.close()
            await connection.close()
            if isinstance(error, sqlite3.Error):
                raise DatabaseOpenError(path, str(error)) from None
            raise
        return database

    async def fetch_all(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        try:
            async with self.connection.execute(sql, params) as cursor:
                return [tuple(row) for row in await cursor.fetchall()]
        except sqlite3.IntegrityError as error:
            raise ConstraintError(str(error)) from error

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        try:
            cursor = await self.connection.execute(sql, params)
        except sqlite3.IntegrityError as error:
            raise ConstraintError(str(error)) from error
        changed = cursor.rowcount
        await cursor.close()
        return changed

    async def version(self) -> int:
        row = await self.fetch_one("PRAGMA user_version")
        return int(row[0]) if row else 0

    async def journal_mode(self) -> str:
        row = await self.fetch_one("PRAGMA journal_mode")
        return str(row[0]) if row else ""

    async def tables(self) -> list[str]:
        rows = await self.fetch_all(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
        )
        return [str(row[0]) for row in rows]

    async def ping(self) -> None:
        await self.fetch_one("SELECT 1")

    async def migrate(self) -> int:
        """Apply every migration newer than the database; returns the resulting version."""
        migrations = load_migrations("sqlite")
        current = await self.version()
        if current > len(migrations):
            raise MigrationError(
                f"database {self.path} is at schema version {current}, newer than this code ({len(migrations)})"
            )
        for migration in migrations[current:]:
            log.info("applying migration %s", migration.name)
            await self.connection.execute("BEGIN IMMEDIATE")
            try:
                for statement in statements(migration.sql):
                    await self.connection.execute(statement)
                await self.connection.execute(f"PRAGMA user_version = {migration.version:d}")
                await self.connection.execute("COMMIT")
            except BaseException:
                await self.connection.execute("ROLLBACK")
                raise
        return len(migrations)

    async def backup(self, target: Path) -> None:
        """A consistent copy of the live database in ``target`` (SQLite's online backup API)."""
        destination = await aiosqlite.connect(str(target))
        try:
            await self.connection.backup(destination)
        finally:
            await destination.close()

    async def close(self) -> None:
        await super().close()
        await self.connection.close()


class SqliteSink:
    """The writer's own connection; refuses to commit into a file that was deleted or replaced."""

    def __init__(self, connection: aiosqlite.Connection, path: Path | str, *, lock_wait: float = LOCK_WAIT) -> None:
        self._connection = connection
        self.lock_wait = lock_wait
        self._path = Path(path) if str(path) != ":memory:" else None
        self._identity = _identity(self._path) if self._path is not None else None
        self._gone = False

    @classmethod
    async def open(cls, path: Path | str) -> SqliteSink:
        # No waiting inside SQLite's thread: a locked database is retried here, on the event loop's clock
        # (``lock_wait``), so one slow lock never blocks the writer's thread and tests can simulate it.
        return cls(await _connect(path, busy_timeout_ms=0), path)

    async def check_writable(self) -> None:
        """Take the write lock once and let it go: fails now if the file or its folder is read-only."""
        await self._begin()
        await self._connection.execute("ROLLBACK")

    async def _begin(self) -> None:
        """BEGIN IMMEDIATE, waiting up to ``lock_wait`` seconds while another connection holds the lock."""
        loop = asyncio.get_running_loop()
        give_up = loop.time() + self.lock_wait
        for attempt in range(1_000_000):
            try:
                await self._connection.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                pause = _BACKOFF[min(attempt, len(_BACKOFF) - 1)]
                if not is_busy(error) or loop.time() + pause > give_up:
                    raise
                await asyncio.sleep(pause)

    def problem(self) -> str | None:
        if self._path is not None and self._identity is not None and _identity(self._path) != self._identity:
            return f"the database file {self._path} was deleted or replaced; restart the bot"
        return None

    def refuses_everything(self, error: Exception) -> bool:
        """Locked past ``lock_wait``, full, read-only, gone: the whole batch fails with the reason."""
        return isinstance(error, sqlite3.OperationalError | DatabaseGoneError)

    def _check_file(self) -> None:
        if self._path is None or self._identity is None:
            return
        if _identity(self._path) != self._identity:
            if not self._gone:
                self._gone = True
                log.error(
                    "the database file %s was deleted or replaced while the bot ran; no more answers are "
                    "accepted until the bot is restarted",
                    self._path,
                )
            raise DatabaseGoneError(f"the database file {self._path} was deleted or replaced")

    async def commit(self, runs: Sequence[Run]) -> None:
        self._check_file()
        connection = self._connection
        await self._begin()
        try:
            for sql, rows in runs:  # one hop to the database thread per run, not per row
                await connection.executemany(sql, rows)
            await connection.execute("COMMIT")
        except sqlite3.IntegrityError as error:
            await self._rollback()
            raise ConstraintError(str(error)) from error
        except BaseException:
            await self._rollback()
            raise

    async def _rollback(self) -> None:
        try:
            await self._connection.execute("ROLLBACK")
        except Exception:  # noqa: BLE001 - no transaction was open
            log.debug("rollback with no open transaction")

    async def close(self) -> None:
        await self._connection.close()


def statements(sql: str) -> list[str]:
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


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


async def backup(source: Path, target: Path) -> None:
    """Copy the SQLite file at ``source`` to ``target`` consistently, even while a bot writes to it."""
    connection = await _connect(source)
    try:
        destination = await aiosqlite.connect(str(target))
        try:
            await connection.backup(destination)
        finally:
            await destination.close()
    finally:
        await connection.close()
