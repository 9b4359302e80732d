"""The database every store talks to, whichever backend holds it.

Stores write their SQL once, portable between SQLite and PostgreSQL (``?`` placeholders, ``ON CONFLICT``,
``RETURNING``), and run it through ``fetch_all`` / ``fetch_one`` / ``execute`` and the group-commit
writer. What differs between the backends (PRAGMAs, placeholders, schema versions, advisory locks,
LISTEN/NOTIFY) lives in ``bot.storage.sqlite`` and ``bot.storage.postgres``.

``Database.open(target)`` picks the backend: a ``postgresql://`` URL opens PostgreSQL, anything else
is an SQLite file. Migrations are numbered ``NNNN_name.sql`` files, one folder per backend, with the
same numbers in both.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any, ClassVar

from bot.errors import UserError

from .writer import GroupCommitWriter

__all__ = [
    "ConstraintError",
    "Database",
    "DatabaseOpenError",
    "DatabaseUnavailableError",
    "Migration",
    "MigrationError",
    "Row",
    "is_postgres_url",
    "load_migrations",
]

Row = tuple[Any, ...]
Listener = Callable[[str], None]

_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
_POSTGRES_SCHEMES = ("postgresql://", "postgres://")


class MigrationError(RuntimeError):
    """The database is newer than this code, or a migration file is malformed."""


class DatabaseOpenError(RuntimeError):
    """The database cannot be opened, or opened but not written: which one and the reason."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"cannot use the database {path}: {reason}")
        self.path = path
        self.reason = reason


class ConstraintError(RuntimeError):
    """A write broke a rule of the schema (a unique key, a check): the same error on every backend."""


class DatabaseUnavailableError(UserError):
    """The database server is not answering (restarting, unreachable): nothing was stored, try again."""

    def __init__(self, detail: str = "") -> None:
        super().__init__("The bot's database isn't answering right now. Nothing was saved: try again in a moment.")
        self.detail = detail


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def is_postgres_url(target: Path | str) -> bool:
    return isinstance(target, str) and target.startswith(_POSTGRES_SCHEMES)


def load_migrations(backend: str = "sqlite") -> list[Migration]:
    """The shipped migrations of one backend, checked to be numbered 1, 2, 3… without gaps."""
    folder: Traversable = resources.files("bot.storage") / "migrations"
    if backend == "postgresql":
        folder = resources.files("bot.storage") / "postgres" / "migrations"
    elif backend != "sqlite":
        raise ValueError(f"unknown backend {backend!r}")
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


class Database(ABC):
    """One database, whichever backend: reads, autocommitted small writes, the writer, cross-process events."""

    kind: ClassVar[str]
    # Several processes may share this database (PostgreSQL): no process may trust a cache of shared rows.
    shared: ClassVar[bool] = False
    _backends: ClassVar[dict[str, type[Database]]] = {}

    def __init__(self, target: Path | str) -> None:
        self.target = target
        self.writer: GroupCommitWriter | None = None  # opened once the schema is current
        self._listeners: dict[str, list[Listener]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "kind" in cls.__dict__:
            Database._backends[cls.kind] = cls

    @classmethod
    async def open(cls, target: Path | str) -> Database:
        """Open (creating, migrating) the database; DatabaseOpenError says which one and why when it can't.

        ``target``: a ``postgresql://`` URL, or the path of an SQLite file.
        """
        kind = "postgresql" if is_postgres_url(target) else "sqlite"
        backend = cls._backends.get(kind)
        if backend is None:  # the backend modules register themselves when bot.storage is imported
            raise DatabaseOpenError(_shown(target), f"no {kind} backend is installed")
        return await backend._open(target)

    @classmethod
    @abstractmethod
    async def _open(cls, target: Path | str) -> Database: ...

    @property
    def name(self) -> str:
        """How logs and messages name this database (a URL without its password)."""
        return _shown(self.target)

    # -- SQL -------------------------------------------------------------------------------------

    @abstractmethod
    async def fetch_all(self, sql: str, params: Sequence[Any] = ()) -> list[Row]: ...

    async def fetch_one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        rows = await self.fetch_all(sql, params)
        return rows[0] if rows else None

    @abstractmethod
    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement in its own transaction; returns how many rows it changed."""

    @abstractmethod
    async def version(self) -> int: ...

    @abstractmethod
    async def migrate(self) -> int: ...

    @abstractmethod
    async def tables(self) -> list[str]:
        """The application's tables (not the backend's own), in the order migrations created them."""

    @abstractmethod
    async def ping(self) -> None:
        """Raise DatabaseUnavailableError unless the database answers now."""

    async def close(self) -> None:
        if self.writer is not None:
            await self.writer.close()

    # -- several processes ---------------------------------------------------------------------------

    def subscribe(self, channel: str, listener: Listener) -> None:
        """Call ``listener(payload)`` when another process publishes on ``channel`` (never for this one's own)."""
        self._listeners.setdefault(channel, []).append(listener)

    def unsubscribe(self, channel: str, listener: Listener) -> None:
        if listener in self._listeners.get(channel, []):
            self._listeners[channel].remove(listener)

    async def publish(self, channel: str, payload: str) -> None:
        """Tell every other process on this database; with one process alone (SQLite) there is nobody to tell."""
        del channel, payload

    def _deliver(self, channel: str, payload: str) -> None:
        for listener in list(self._listeners.get(channel, [])):
            listener(payload)

    async def try_lock(self, name: str) -> bool:
        """Take a lock held until this database closes; True for exactly one process at a time."""
        return True


def _shown(target: Path | str) -> str:
    text = str(target)
    return re.sub(r"(://[^:/@]*):[^@/]*@", r"\1:***@", text)
