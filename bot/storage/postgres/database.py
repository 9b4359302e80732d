"""PostgreSQL through asyncpg: a small pool for reads and writes, one listening connection.

The stores' portable SQL (``?`` placeholders) is translated to ``$1, $2…`` here. Schema versions live
in ``sole_schema``; migrations (``postgres/migrations``, numbered like SQLite's) run under an advisory
lock so two processes starting together migrate once. Events between processes travel on one
LISTEN/NOTIFY channel. A server that stops answering raises ``DatabaseUnavailableError`` (the member is
told to try again in a moment); the pool reconnects by itself once the server is back.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import uuid
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..database import (
    ConstraintError,
    Database,
    DatabaseOpenError,
    DatabaseUnavailableError,
    MigrationError,
    Row,
    load_migrations,
)
from ..writer import GroupCommitWriter, Run

if TYPE_CHECKING:
    import asyncpg
    import asyncpg.pool

__all__ = ["PostgresDatabase", "PostgresSink", "to_dollar"]

log = logging.getLogger(__name__)

T = TypeVar("T")

EVENTS = "sole_archive_events"  # the one LISTEN/NOTIFY channel; payloads name the logical channel
_MIGRATION_LOCK = 0x50_1E_A2_C1  # pg_advisory_xact_lock key taken while migrating
_TOKEN = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\?")


@lru_cache(maxsize=512)
def to_dollar(sql: str) -> str:
    """``?`` placeholders (outside quotes) become ``$1, $2…``."""
    counter = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal counter
        if match[0] != "?":
            return match[0]
        counter += 1
        return f"${counter}"

    return _TOKEN.sub(replace, sql)


def _unavailable_errors() -> tuple[type[BaseException], ...]:
    import asyncpg

    return (
        OSError,
        TimeoutError,
        asyncpg.PostgresConnectionError,
        asyncpg.OperatorInterventionError,  # the server is shutting down or starting up
        asyncpg.InterfaceError,  # the connection closed under us
    )


class PostgresDatabase(Database):
    kind = "postgresql"
    shared = True

    def __init__(self, pool: asyncpg.pool.Pool, url: str) -> None:
        super().__init__(url)
        self.url = url
        self.pool = pool
        self.origin = uuid.uuid4().hex  # this process's events are not delivered back to it
        self._unavailable = _unavailable_errors()
        self._listener: asyncpg.Connection[Any] | None = None
        self._listener_task: asyncio.Task[None] | None = None
        self._closing = False
        self._locks: set[str] = set()
        self._down = False

    @classmethod
    async def _open(cls, target: Path | str) -> PostgresDatabase:
        url = str(target)
        shown = _redact(url)
        try:
            import asyncpg
        except ImportError:
            raise DatabaseOpenError(shown, "asyncpg is not installed (pip install 'sole-archive[postgres]')") from None
        try:
            pool = await asyncpg.create_pool(url, min_size=1, max_size=10, timeout=10, command_timeout=30)
        except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError, ValueError) as error:
            raise DatabaseOpenError(shown, str(error) or type(error).__name__) from None
        database = cls(pool, url)
        try:
            await database.migrate()
            database.writer = GroupCommitWriter(PostgresSink(database))
            await database._listen()
        except BaseException:
            await database.close()
            raise
        return database

    # -- connections -------------------------------------------------------------------------------

    @contextlib.asynccontextmanager
    async def connection(self) -> AsyncIterator[asyncpg.pool.PoolConnectionProxy[Any]]:
        """A pooled connection; a server that does not answer becomes DatabaseUnavailableError."""
        try:
            async with self.pool.acquire() as connection:
                yield connection
        except self._unavailable as error:
            if not self._down:
                self._down = True
                log.warning("the database %s is not answering: %s", self.name, error or type(error).__name__)
            raise DatabaseUnavailableError(str(error)) from error
        if self._down:
            self._down = False
            log.info("the database %s answers again", self.name)

    async def _retrying(self, work: Callable[[asyncpg.pool.PoolConnectionProxy[Any]], Awaitable[T]]) -> T:
        """Run ``work``; once more on a fresh connection if the first one was dead (a server restart)."""
        import asyncpg

        try:
            try:
                async with self.connection() as connection:
                    return await work(connection)
            except DatabaseUnavailableError:
                await self.pool.expire_connections()
                async with self.connection() as connection:
                    return await work(connection)
        except asyncpg.IntegrityConstraintViolationError as error:
            raise ConstraintError(str(error)) from error

    async def fetch_all(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        query = to_dollar(sql)
        rows = await self._retrying(lambda connection: connection.fetch(query, *params))
        return [tuple(row) for row in rows]

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        query = to_dollar(sql)
        status = await self._retrying(lambda connection: connection.execute(query, *params))
        last = status.rsplit(" ", 1)[-1]
        return int(last) if last.isdigit() else 0

    async def ping(self) -> None:
        async with self.connection() as connection:
            await connection.fetchval("SELECT 1")

    # -- schema --------------------------------------------------------------------------------------

    async def version(self) -> int:
        row = await self.fetch_one(
            "SELECT COALESCE(MAX(version), 0) FROM sole_schema" if await self._has_table("sole_schema") else "SELECT 0"
        )
        return int(row[0]) if row else 0

    async def _has_table(self, name: str) -> bool:
        row = await self.fetch_one("SELECT to_regclass(?) IS NOT NULL", (name,))
        return bool(row and row[0])

    async def migrate(self) -> int:
        migrations = load_migrations("postgresql")
        async with self.connection() as connection, connection.transaction():
            await connection.execute("SELECT pg_advisory_xact_lock($1)", _MIGRATION_LOCK)
            await connection.execute("CREATE TABLE IF NOT EXISTS sole_schema (version INTEGER PRIMARY KEY)")
            current = int(await connection.fetchval("SELECT COALESCE(MAX(version), 0) FROM sole_schema"))
            if current > len(migrations):
                raise MigrationError(
                    f"database {self.name} is at schema version {current}, newer than this code ({len(migrations)})"
                )
            for migration in migrations[current:]:
                log.info("applying migration %s", migration.name)
                await connection.execute(migration.sql)
                await connection.execute("INSERT INTO sole_schema (version) VALUES ($1)", migration.version)
        return len(migrations)

    async def tables(self) -> list[str]:
        rows = await self.fetch_all(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind = 'r' AND n.nspname = current_schema() AND c.relname != 'sole_schema' ORDER BY c.oid"
        )
        return [str(row[0]) for row in rows]

    # -- several processes ---------------------------------------------------------------------------

    async def publish(self, channel: str, payload: str) -> None:
        message = json.dumps({"channel": channel, "payload": payload, "origin": self.origin})
        await self.execute("SELECT pg_notify(?, ?)", (EVENTS, message))

    async def try_lock(self, name: str) -> bool:
        """A session advisory lock on the listening connection: held while this process runs."""
        if name in self._locks:
            return True
        if self._listener is None or self._listener.is_closed():
            return False
        key = zlib.crc32(name.encode())
        try:
            won = bool(await self._listener.fetchval("SELECT pg_try_advisory_lock($1)", key))
        except self._unavailable as error:
            raise DatabaseUnavailableError(str(error)) from error
        if won:
            self._locks.add(name)
        return won

    async def _listen(self) -> None:
        import asyncpg

        connection = await asyncpg.connect(self.url, timeout=10)
        await connection.add_listener(EVENTS, self._on_notify)
        connection.add_termination_listener(self._on_listener_lost)
        self._listener = connection

    def _on_notify(self, _connection: object, _pid: int, _channel: str, message: object) -> None:
        try:
            event = json.loads(str(message))
            channel, payload, origin = str(event["channel"]), str(event["payload"]), str(event["origin"])
        except (ValueError, KeyError, TypeError):
            log.warning("ignored a malformed event on %s", EVENTS)
            return
        if origin != self.origin:
            self._deliver(channel, payload)

    def _on_listener_lost(self, _connection: object) -> None:
        self._locks.clear()
        if self._closing or (self._listener_task is not None and not self._listener_task.done()):
            return
        log.warning("lost the event connection to %s; reconnecting", self.name)
        self._listener_task = asyncio.get_running_loop().create_task(self._relisten(), name="pg-relisten")

    async def _relisten(self) -> None:
        delay = 0.2
        while not self._closing:
            try:
                await self._listen()
            except _unavailable_errors():
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)
            else:
                log.info("event connection to %s is back", self.name)
                self._deliver("resync", "")  # events sent while it was down are lost: caches start over
                return

    async def close(self) -> None:
        self._closing = True
        if self._listener_task is not None:
            self._listener_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._listener_task
        await super().close()
        if self._listener is not None and not self._listener.is_closed():
            with contextlib.suppress(*self._unavailable):
                await self._listener.close(timeout=5)
        await self.pool.close()


class PostgresSink:
    """Commits one batch of the writer in one transaction on a pooled connection."""

    def __init__(self, database: PostgresDatabase) -> None:
        self._database = database

    async def commit(self, runs: Sequence[Run]) -> None:
        try:
            await self._commit(runs)
        except DatabaseUnavailableError:  # a pooled connection left over from before a server restart
            await self._database.pool.expire_connections()
            await self._commit(runs)

    async def _commit(self, runs: Sequence[Run]) -> None:
        async with self._database.connection() as connection, connection.transaction():
            for sql, rows in runs:
                try:
                    await connection.executemany(to_dollar(sql), rows)
                except _integrity_error() as error:
                    raise ConstraintError(str(error)) from error

    def problem(self) -> str | None:
        return None  # a PostgreSQL server that is down shows in the health check's read

    def refuses_everything(self, error: Exception) -> bool:
        """The server is down or unreachable: every unit of the batch hears it at once."""
        return isinstance(error, DatabaseUnavailableError)

    async def close(self) -> None:
        return None


def _integrity_error() -> type[Exception]:
    import asyncpg

    return asyncpg.IntegrityConstraintViolationError


def _redact(url: str) -> str:
    return re.sub(r"(://[^:/@]*):[^@/]*@", r"\1:***@", url)
