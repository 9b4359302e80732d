"""The SQLite backend: one file, WAL, aiosqlite; the default for one process."""

from .database import SqliteDatabase, SqliteSink

__all__ = ["SqliteDatabase", "SqliteSink"]
