"""Storage: the SQLite database (aiosqlite, WAL, migrations) and its repositories."""

from .database import Database, Migration, MigrationError, load_migrations
from .repositories import ChannelFacts, MetaStore

__all__ = ["ChannelFacts", "Database", "MetaStore", "Migration", "MigrationError", "load_migrations"]
