"""Settings from the environment and an optional ``.env`` file, read once at start-up.

Importing this module reads nothing: ``Settings.from_env()`` is called by the entry point, so tests
and tools import every module without a token or a ``.env``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .catalog.loader import DEFAULT_DATA_DIR

__all__ = ["LOG_FORMATS", "ConfigError", "Secret", "Settings"]

LOG_FORMATS = ("text", "json")


class ConfigError(ValueError):
    """A setting has a value the bot cannot use; the message names the variable."""


class Secret:
    """A string that never shows itself in logs, reprs or tracebacks."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __bool__(self) -> bool:
        return bool(self._value)

    def __repr__(self) -> str:
        return "Secret('********')" if self._value else "Secret('')"

    __str__ = __repr__


@dataclass(frozen=True, slots=True)
class Settings:
    token: Secret = field(default_factory=lambda: Secret(""))
    database: Path = Path("sole-archive.sqlite3")
    data_dir: Path = DEFAULT_DATA_DIR
    log_level: str = "INFO"
    owner_ids: frozenset[int] = frozenset()
    dev_guild_id: int | None = None
    playground_port: int = 8765
    # PostgreSQL instead of the SQLite file (a Secret: the URL may hold a password).
    database_url: Secret = field(default_factory=lambda: Secret(""))
    # Sharding: None = Discord's recommended count, every shard in this process.
    shard_count: int | None = None
    shard_ids: tuple[int, ...] | None = None
    metrics_port: int | None = None  # /metrics and /healthz; None: not served
    metrics_host: str = "127.0.0.1"
    log_format: str = "text"  # or "json": one JSON object per line

    @property
    def database_target(self) -> Path | str:
        """What ``Database.open`` opens: the PostgreSQL URL when set, else the SQLite file."""
        return self.database_url.reveal() or self.database

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, *, dotenv: Path | None = Path(".env")) -> Settings:
        """Build settings from ``environ`` (default: the process environment, after loading ``.env``)."""
        if environ is None:
            if dotenv is not None and dotenv.is_file():
                from dotenv import load_dotenv

                load_dotenv(dotenv, override=False)
            environ = os.environ
        level = environ.get("SOLE_LOG_LEVEL", "INFO").strip().upper() or "INFO"
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ConfigError(f"SOLE_LOG_LEVEL={level!r} is not one of DEBUG, INFO, WARNING, ERROR, CRITICAL")
        url = environ.get("SOLE_DATABASE_URL", "").strip()
        if url and not url.startswith(("postgresql://", "postgres://")):
            raise ConfigError("SOLE_DATABASE_URL must be a postgresql:// URL (or empty for the SQLite file)")
        shard_count = _shard_count(environ.get("SOLE_SHARD_COUNT", ""))
        shard_ids = _shard_ids(environ.get("SOLE_SHARD_IDS", ""), shard_count)
        log_format = environ.get("SOLE_LOG_FORMAT", "").strip().lower() or "text"
        if log_format not in LOG_FORMATS:
            raise ConfigError(f"SOLE_LOG_FORMAT={log_format!r} is not one of {', '.join(LOG_FORMATS)}")
        metrics_port = environ.get("SOLE_METRICS_PORT", "").strip()
        return cls(
            database_url=Secret(url),
            shard_count=shard_count,
            shard_ids=shard_ids,
            token=Secret(environ.get("DISCORD_TOKEN", "").strip()),
            database=Path(environ.get("SOLE_DATABASE", "").strip() or "sole-archive.sqlite3"),
            data_dir=Path(environ.get("SOLE_DATA_DIR", "").strip() or DEFAULT_DATA_DIR),
            log_level=level,
            owner_ids=_ids(environ.get("SOLE_OWNER_IDS", ""), "SOLE_OWNER_IDS"),
            dev_guild_id=_optional_id(environ.get("SOLE_DEV_GUILD_ID", ""), "SOLE_DEV_GUILD_ID"),
            playground_port=_port(environ.get("SOLE_PLAYGROUND_PORT", ""), "SOLE_PLAYGROUND_PORT"),
            metrics_port=_port(metrics_port, "SOLE_METRICS_PORT") if metrics_port else None,
            metrics_host=environ.get("SOLE_METRICS_HOST", "").strip() or "127.0.0.1",
            log_format=log_format,
        )


def _ids(raw: str, name: str) -> frozenset[int]:
    out: set[int] = set()
    for part in raw.replace(" ", ",").split(","):
        if part:
            value = _optional_id(part, name)
            assert value is not None
            out.add(value)
    return frozenset(out)


def _optional_id(raw: str, name: str) -> int | None:
    raw = raw.strip()
    if not raw:
        return None
    if not raw.isdigit() or not 0 < int(raw) < 2**64:
        raise ConfigError(f"{name} must be a Discord id (a positive number), got {raw!r}")
    return int(raw)


def _port(raw: str, name: str) -> int:
    raw = raw.strip()
    if not raw:
        return 8765
    if not raw.isdigit() or not 0 <= int(raw) <= 65535:
        raise ConfigError(f"{name} must be a port number 0-65535 (0 picks a free one), got {raw!r}")
    return int(raw)


def _shard_count(raw: str) -> int | None:
    raw = raw.strip()
    if not raw:
        return None
    if not raw.isdigit() or int(raw) < 1:
        raise ConfigError(f"SOLE_SHARD_COUNT must be a positive number of shards, got {raw!r}")
    return int(raw)


def _shard_ids(raw: str, count: int | None) -> tuple[int, ...] | None:
    """``0-3`` or ``0,2`` (or both: ``0-1,4``): the shards this process runs, each below SOLE_SHARD_COUNT."""
    raw = raw.replace(" ", "")
    if not raw:
        return None
    if count is None:
        raise ConfigError("SOLE_SHARD_IDS needs SOLE_SHARD_COUNT (the total number of shards of the bot)")
    ids: set[int] = set()
    for part in raw.split(","):
        low, dash, high = part.partition("-")
        if not low.isdigit() or (dash and not high.isdigit()):
            raise ConfigError(f"SOLE_SHARD_IDS must look like 0-3 or 0,2, got {raw!r}")
        first, last = int(low), int(high) if dash else int(low)
        if first > last:
            raise ConfigError(f"SOLE_SHARD_IDS range {part!r} runs backwards")
        ids.update(range(first, last + 1))
    too_big = sorted(shard for shard in ids if shard >= count)
    if too_big:
        raise ConfigError(f"SOLE_SHARD_IDS {too_big[0]} is not below SOLE_SHARD_COUNT={count} (shards count from 0)")
    return tuple(sorted(ids))
