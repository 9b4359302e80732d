"""The PostgreSQL backend (asyncpg): one database shared by several bot processes."""

from .database import PostgresDatabase, PostgresSink, to_dollar

__all__ = ["PostgresDatabase", "PostgresSink", "to_dollar"]
