"""Group commit: many small writes from many players, one transaction, one fsync.

A caller's ``await write(...)`` returns only after its rows are committed, so the bot can
acknowledge an answer knowing it survives a crash. Writes that arrive while a commit is in flight
wait for the next one and go in together, so a burst of clicks costs a handful of commits rather
than one each. There is no idle worker task: the first writer to find no flush running starts one,
and it ends as soon as the queue is empty.

The batching is the same on every backend; how one batch is committed (a ``CommitSink``) lives with
its backend: SQLite's ``BEGIN IMMEDIATE`` on its own connection, or one PostgreSQL transaction.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

__all__ = [
    "LOCK_WAIT",
    "CommitObserver",
    "CommitSink",
    "DatabaseGoneError",
    "GroupCommitWriter",
    "Run",
    "Statement",
    "WriterStats",
    "is_busy",
    "runs_of",
]

log = logging.getLogger(__name__)

Statement = tuple[str, Sequence[Any]]
Run = tuple[str, list[Sequence[Any]]]  # one SQL text and the parameters of each consecutive row
CommitObserver = Callable[[int], None]
"""Called after each commit with its batch size (how many ``write`` calls it made durable)."""

LOCK_WAIT = 10.0  # seconds a commit waits for another connection's write lock before it fails
_BUSY_CODES = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def is_busy(error: BaseException) -> bool:
    """True when SQLite refused because another connection holds the lock (the try may succeed later)."""
    code = getattr(error, "sqlite_errorcode", None)
    return isinstance(error, sqlite3.OperationalError) and code is not None and code & 0xFF in _BUSY_CODES


class DatabaseGoneError(RuntimeError):
    """The database file was deleted or replaced while the bot ran: writing on would go to a file nobody sees."""


class CommitSink(Protocol):
    """Commits the runs of one batch atomically (all or nothing), or raises."""

    async def commit(self, runs: Sequence[Run]) -> None: ...

    def refuses_everything(self, error: Exception) -> bool:
        """The database itself refused (locked past the wait, full, read-only, gone, down): no unit of the
        batch can commit now, and retrying them one by one would only wait again."""
        ...

    def problem(self) -> str | None:
        """Why nothing can be committed right now, when the sink knows without trying (a health check)."""
        ...

    async def close(self) -> None: ...


@dataclass(slots=True)
class _Unit:
    statements: Sequence[Statement]
    done: asyncio.Future[None]
    key: Hashable | None = None


@dataclass(slots=True)
class WriterStats:
    commits: int = 0
    units: int = 0
    largest_batch: int = 0
    retried_alone: int = 0


def runs_of(statements: Sequence[Statement]) -> list[Run]:
    """Consecutive statements with the same SQL (a burst of answers) become one run, one executemany."""
    runs: list[Run] = []
    for sql, params in statements:
        _append(runs, sql, [params])
    return runs


def _append(runs: list[Run], sql: str, rows: list[Sequence[Any]]) -> None:
    if runs and runs[-1][0] == sql:
        runs[-1][1].extend(rows)
    else:
        runs.append((sql, rows))


def _plan(units: Sequence[_Unit]) -> list[Run]:
    """The batch's statements as runs, in an order with the same effect as one unit after the other.

    Units of several statements (an answer: count it, store it) would alternate their SQL and defeat
    executemany. Consecutive units with the same statements and distinct keys (the writer's caller says
    units with different keys commute: another member, round or game) run column by column instead: every
    unit's first statement, then every unit's second. A repeated key ends the group, so a double click
    in one batch still runs after the click it repeats. Within a group the units run in key order, so
    processes sharing a database lock shared rows (a question's running totals) in one order: two
    batches never wait for each other in a circle (a deadlock).
    """
    runs: list[Run] = []
    index = 0
    while index < len(units):
        unit = units[index]
        shape = [sql for sql, _ in unit.statements]
        end = index + 1
        if unit.key is not None and len(shape) > 1:
            keys = {unit.key}
            while (
                end < len(units)
                and units[end].key is not None
                and units[end].key not in keys
                and [sql for sql, _ in units[end].statements] == shape
            ):
                keys.add(units[end].key)
                end += 1
        if end - index > 1:
            group = list(units[index:end])
            with contextlib.suppress(TypeError):  # keys of one call site compare; others keep their order
                group.sort(key=lambda grouped: grouped.key)  # type: ignore[arg-type, return-value]
            for column, sql in enumerate(shape):
                _append(runs, sql, [grouped.statements[column][1] for grouped in group])
        else:
            for sql, params in unit.statements:
                _append(runs, sql, [params])
        index = end
    return runs


class GroupCommitWriter:
    """The one writer of acknowledged rows; each unit of statements commits atomically."""

    def __init__(self, sink: CommitSink, *, max_batch: int = 1000) -> None:
        self.sink = sink
        self._max_batch = max_batch
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

    def problem(self) -> str | None:
        """Why writes cannot be accepted right now, or None (a health check asks; nothing is logged)."""
        if self._closed:
            return "the writer is closed"
        return self.sink.problem()

    async def write(self, *statements: Statement, key: Hashable | None = None) -> None:
        """Commit these statements together (with whatever else is queued); return once durable.

        ``key``: the rows these statements touch, when no other unit with a different key touches them
        (an answer: its game, round and member); lets a burst of such units batch statement by statement.
        """
        if self._closed:
            raise RuntimeError("the writer is closed")
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._pending.append(_Unit(statements, done, key))
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
        await self.sink.close()

    async def _flush(self) -> None:
        while self._pending:
            batch = self._pending[: self._max_batch]
            del self._pending[: len(batch)]
            try:
                await self._commit(batch)
            except Exception as error:  # noqa: BLE001 - isolate the unit that failed, keep the others
                if self.sink.refuses_everything(error):
                    log.warning("%d writes failed and were not committed: %s", len(batch), error)
                    for unit in batch:
                        if not unit.done.done():
                            unit.done.set_exception(error)
                    continue
                await self._commit_one_by_one(batch)
                continue
            self._committed(len(batch))
            for unit in batch:
                if not unit.done.done():
                    unit.done.set_result(None)

    async def _commit(self, batch: Sequence[_Unit]) -> None:
        await self.sink.commit(_plan(batch))

    async def _commit_one_by_one(self, batch: Sequence[_Unit]) -> None:
        for unit in batch:
            self.stats.retried_alone += 1
            try:
                await self._commit([unit])
            except Exception as error:  # noqa: BLE001 - handed to the caller who wrote it
                log.warning("a write failed and was not committed: %s", error)
                if not unit.done.done():
                    unit.done.set_exception(error)
            else:
                self._committed(1)
                if not unit.done.done():
                    unit.done.set_result(None)
