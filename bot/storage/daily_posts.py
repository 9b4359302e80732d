"""The daily post's claims: at most one post per server and day, also across restarts."""

from __future__ import annotations

import datetime as dt

from .common import Clock, isoformat, now, writer_of
from .database import Database

__all__ = ["DailyPostStore"]


class DailyPostStore:
    """Makes sure the daily question is posted at most once per server per day, even across restarts."""

    def __init__(self, database: Database, *, clock: Clock = now) -> None:
        self._db = database
        self._clock = clock

    async def claim(self, guild_id: int, day: dt.date, channel_id: int) -> bool:
        """True for exactly one caller per server and day; everyone else (a second tick, a restart) gets False.

        Written as one statement of its own rather than through the writer because the rowcount is the answer;
        the unique (guild, day) row makes it exactly one winner across processes sharing a PostgreSQL database.
        """
        inserted = await self._db.execute(
            "INSERT INTO daily_posts (guild_id, day, channel_id, posted_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (guild_id, day) DO NOTHING",
            (guild_id, day.isoformat(), channel_id, isoformat(self._clock())),
        )
        return inserted == 1

    async def set_message(self, guild_id: int, day: dt.date, message_id: int) -> None:
        await writer_of(self._db).write(
            (
                "UPDATE daily_posts SET message_id = ? WHERE guild_id = ? AND day = ?",
                (message_id, guild_id, day.isoformat()),
            )
        )

    async def release(self, guild_id: int, day: dt.date) -> None:
        """Give back a claim whose post failed (no message recorded), so a later tick may try again."""
        await writer_of(self._db).write(
            (
                "DELETE FROM daily_posts WHERE guild_id = ? AND day = ? AND message_id IS NULL",
                (guild_id, day.isoformat()),
            )
        )
