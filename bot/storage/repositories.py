"""Small repositories over the foundation tables; callers never write SQL themselves."""

from __future__ import annotations

from .database import Database

__all__ = ["ChannelFacts", "MetaStore"]


class MetaStore:
    """Key/value settings of the bot itself (e.g. the hash of the last synced command tree)."""

    def __init__(self, database: Database) -> None:
        self._db = database

    async def get(self, key: str) -> str | None:
        row = await self._db.fetch_one("SELECT value FROM bot_meta WHERE key = ?", (key,))
        return str(row[0]) if row else None

    async def set(self, key: str, value: str) -> None:
        await self._db.execute(
            "INSERT INTO bot_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )


class ChannelFacts:
    """Which fact a channel saw last."""

    def __init__(self, database: Database) -> None:
        self._db = database

    async def last(self, channel_id: int) -> str | None:
        row = await self._db.fetch_one("SELECT fact_id FROM channel_last_fact WHERE channel_id = ?", (channel_id,))
        return str(row[0]) if row else None

    async def remember(self, channel_id: int, guild_id: int | None, fact_id: str) -> None:
        await self._db.execute(
            "INSERT INTO channel_last_fact (channel_id, guild_id, fact_id) VALUES (?, ?, ?) "
            "ON CONFLICT(channel_id) DO UPDATE SET fact_id = excluded.fact_id, guild_id = excluded.guild_id, "
            "shown_at = excluded.shown_at",
            (channel_id, guild_id, fact_id),
        )
