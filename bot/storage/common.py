"""What every repository shares: the clock, time text, and the writer every acknowledged write goes through."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from .database import Database
from .writer import GroupCommitWriter

__all__ = ["Clock", "isoformat", "now", "parse_time", "writer_of"]

Clock = Callable[[], dt.datetime]


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def isoformat(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_time(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None


def writer_of(database: Database) -> GroupCommitWriter:
    if database.writer is None:
        raise RuntimeError("the database is not open for writing")
    return database.writer
