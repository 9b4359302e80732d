"""Daily post claims: once per server and day, also across a reopen; a failed post can be retried."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers import GUILD_A, GUILD_B, NOW, TRIVIA_CHANNEL, Clock

from bot.storage import (
    DailyPostStore,
    Database,
    GuildSettingsStore,
)


@pytest.fixture
def settings(database: Database) -> GuildSettingsStore:
    return GuildSettingsStore(database, clock=Clock())


async def test_daily_claim_once_per_day_even_across_a_reopen(tmp_path: Path) -> None:
    path = tmp_path / "daily.sqlite3"
    day = NOW.date()
    db = await Database.open(path)
    try:
        daily = DailyPostStore(db, clock=Clock())
        assert await daily.claim(GUILD_A, day, TRIVIA_CHANNEL)
        assert not await daily.claim(GUILD_A, day, TRIVIA_CHANNEL)  # a second tick the same day
        assert await daily.claim(GUILD_B, day, 5)  # another server
        await daily.set_message(GUILD_A, day, 999)
    finally:
        await db.close()
    db = await Database.open(path)  # a restart
    try:
        daily = DailyPostStore(db, clock=Clock())
        assert not await daily.claim(GUILD_A, day, TRIVIA_CHANNEL)
        assert await db.fetch_one(
            "SELECT channel_id, message_id FROM daily_posts WHERE guild_id = ? AND day = ?", (GUILD_A, day.isoformat())
        ) == (TRIVIA_CHANNEL, 999)  # the posted message is on record
        assert await daily.claim(GUILD_A, day + dt.timedelta(days=1), TRIVIA_CHANNEL)  # tomorrow is a new day
        await daily.release(GUILD_A, day)  # a posted day cannot be released
        assert not await daily.claim(GUILD_A, day, TRIVIA_CHANNEL)
        await daily.release(GUILD_B, day)  # a failed post can be retried
        assert await daily.claim(GUILD_B, day, 5)
    finally:
        await db.close()
