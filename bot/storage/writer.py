"""Group commit: many small writes from many players, one transaction, one fsync.

A caller's ``await write(...)`` returns only after its rows are committed, so the bot can
acknowledge an answer knowing it survives a crash. Writes that arrive while a commit is in flight
wait for the next one and go in together, so a burst of clicks costs a handful of commits rather
than one each. There is no idle worker task: the first writer to find no flush running starts one,
and it ends as soon as the queue is empty.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiosqlite

__all__ = ["CommitObserver", "DatabaseGoneError", "GroupCommitWriter", "Statement", "is_busy"]

log = logging.getLogger(__name__)

Statement = tuple[str, Sequence[Any]]
CommitObserver = Callable[[int], None]
"""Called after each commit with its batch size (how many ``write`` calls it made durable)."""

LOCK_WAIT = 10.0  # seconds a commit waits for another connection's write lock before it fails
# Pauses between tries while locked: two quick ones for the bot's own other connection, then every 2 s.
_BACKOFF = (0.05, 0.1, 2.0)
_BUSY_CODES = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def is_busy(error: BaseException) -> bool:
    """True when SQLite refused because another connection holds the lock (the try may succeed later)."""
    code = getattr(error, "sqlite_errorcode", None)
    return isinstance(error, sqlite3.OperationalError) and code is not None and code & 0xFF in _BUSY_CODES


class DatabaseGoneError(RuntimeError):
    """The database file was deleted or replaced while the bot ran: writing on would go to a file nobody sees."""


@dataclass(slots=True)
class _Unit:
    statements: Sequence[Statement]
    done: asyncio.Future[None]


@dataclass(slots=True)
class WriterStats:
    commits: int = 0
    units: int = 0
    largest_batch: int = 0
    retried_alone: int = 0


class GroupCommitWriter:
    """The one connection that writes scores; each unit of statements commits atomically."""

    def __init__(
        self,
        connection: aiosqlite.Connection,
        *,
        max_batch: int = 1000,
        path: Path | str | None = None,
        lock_wait: float = LOCK_WAIT,
    ) -> None:
        self._connection = connection
        self._max_batch = max_batch
        self.lock_wait = lock_wait
        self._path = Path(path) if path is not None and str(path) != ":memory:" else None
        self._identity = _identity(self._path) if self._path is not None else None
        self._gone = False
        self._pending: list[_Unit] = []
        self._flusher: asyncio.Task[None] | None = None
        self._closed = False
        self._observers: list[CommitObserver] = []
        self.stats = WriterStats()

    def add_commit_observer(self, on_commit: CommitObserver) -> None:
        """Call ``on_commit(batch_size)`` after every commit (metrics); it must be quick and not raise."""
        self._observers.append(on_commit)

    def remove_commit_observer(self, on_commit: CommitObserver) -> None:
        if on_commit in self._observers:
            self._observers.remove(on_commit)

    def _committed(self, batch_size: int) -> None:
        self.stats.commits += 1
        self.stats.units += batch_size
        self.stats.largest_batch = max(self.stats.largest_batch, batch_size)
        for on_commit in self._observers:
            try:
                on_commit(batch_size)
            except Exception:  # an observer's bug never fails a committed write
                log.exception("a commit observer failed")

    @classmethod
    async def open(cls, path: Path | str, *, max_batch: int = 1000) -> GroupCommitWriter:
        connection = await aiosqlite.connect(str(path), isolation_level=None)
        await connection.execute("PRAGMA journal_mode=WAL")
        await connection.execute("PRAGMA synchronous=FULL")  # an acknowledged answer survives power loss too
        await connection.execute("PRAGMA foreign_keys=ON")
        # No waiting inside SQLite's thread: a locked database is retried here, on the event loop's clock
        # (``lock_wait``), so one slow lock never blocks the writer's thread and tests can simulate it.
        await connection.execute("PRAGMA busy_timeout=0")
        return cls(connection, max_batch=max_batch, path=path)

    async def check_writable(self) -> None:
        """Take the write lock once and let it go: fails now if the file or its folder is read-only."""
        await self._begin()
        await self._connection.execute("ROLLBACK")

    def problem(self) -> str | None:
        """Why writes cannot be accepted right now, or None (a health check asks; nothing is logged)."""
        if self._closed:
            return "the writer is closed"
        if self._path is not None and self._identity is not None and _identity(self._path) != self._identity:
            return f"the database file {self._path} was deleted or replaced; restart the bot"
        return None

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

    def _check_file(self) -> None:
        """Refuse to commit into a file that is no longer the database on disk (deleted or replaced)."""
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

    async def write(self, *statements: Statement) -> None:
        """Commit these statements together (with whatever else is queued); return once durable."""
        if self._closed:
            raise RuntimeError("the writer is closed")
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._pending.append(_Unit(statements, done))
        # Wait on the flush task itself (it runs until the queue, this unit included, is empty), so
        # what a caller waits on is always a task that can be followed, never a bare future.
        while not done.done():
            if self._flusher is None or self._flusher.done():
                self._flusher = asyncio.ensure_future(self._flush())
            with contextlib.suppress(Exception):  # a flush that failed outright: the loop starts another
                await asyncio.shield(self._flusher)
        done.result()

    async def close(self) -> None:
        self._closed = True
        if self._flusher is not None:
            await asyncio.gather(self._flusher, return_exceptions=True)
        await self._connection.close()

    async def _flush(self) -> None:
        while self._pending:
            batch = self._pending[: self._max_batch]
            del self._pending[: len(batch)]
            try:
                await self._commit(batch)
            except (sqlite3.OperationalError, DatabaseGoneError) as error:
                # Locked past ``lock_wait``, full, read-only, gone: no unit of the batch can commit now,
                # and retrying them one by one would only wait again. Every writer hears why.
                await self._rollback()
                log.warning("%d writes failed and were not committed: %s", len(batch), error)
                for unit in batch:
                    if not unit.done.done():
                        unit.done.set_exception(error)
                continue
            except Exception:  # noqa: BLE001 - isolate the unit that failed, keep the others
                await self._rollback()
                await self._commit_one_by_one(batch)
                continue
            self._committed(len(batch))
            for unit in batch:
                if not unit.done.done():
                    unit.done.set_result(None)

    async def _commit(self, batch: Sequence[_Unit]) -> None:
        self._check_file()
        connection = self._connection
        await self._begin()
        # Consecutive statements with the same SQL (a burst of answers) go down in one executemany:
        # one hop to the database thread instead of one per row.
        run_sql: str | None = None
        run_params: list[Sequence[Any]] = []
        for unit in batch:
            for sql, params in unit.statements:
                if sql != run_sql and run_params:
                    await connection.executemany(run_sql, run_params)
                    run_params = []
                run_sql = sql
                run_params.append(params)
        if run_sql is not None and run_params:
            await connection.executemany(run_sql, run_params)
        await connection.execute("COMMIT")

    async def _commit_one_by_one(self, batch: Sequence[_Unit]) -> None:
        for unit in batch:
            self.stats.retried_alone += 1
            try:
                await self._commit([unit])
            except Exception as error:  # noqa: BLE001 - handed to the caller who wrote it
                await self._rollback()
                log.warning("a write failed and was not committed: %s", error)
                if not unit.done.done():
                    unit.done.set_exception(error)
            else:
                self._committed(1)
                if not unit.done.done():
                    unit.done.set_result(None)

    async def _rollback(self) -> None:
        if self._gone:
            return
        try:
            await self._connection.execute("ROLLBACK")
        except Exception:  # noqa: BLE001 - no transaction was open
            log.debug("rollback with no open transaction")


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_dev, stat.st_ino
