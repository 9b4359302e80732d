"""Per-server settings in storage: changes, their history, isolation between servers, daily targets."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import GUILD_A, GUILD_B, MOD, OTHER, TRIVIA_CHANNEL, Clock, pack_question

from bot.guild_config import ConfigValueError, GuildConfig
from bot.storage import (
    CustomQuestionStore,
    Database,
    GuildSettingsStore,
)


@pytest.fixture
def settings(database: Database) -> GuildSettingsStore:
    return GuildSettingsStore(database, clock=Clock())


async def test_settings_default_then_change_with_history(settings: GuildSettingsStore) -> None:
    assert await settings.get(GUILD_A) == GuildConfig(GUILD_A)
    config, old, new = await settings.set(GUILD_A, MOD, "trivia.rounds", "15")
    assert (config.trivia_rounds, old, new) == (15, "10 rounds", "15 rounds")
    await settings.set(GUILD_A, MOD, "feature.trivia.channels", f"<#{TRIVIA_CHANNEL}>")
    await settings.set(GUILD_A, OTHER, "trivia.rounds", 20)
    await settings.set(GUILD_A, OTHER, "trivia.rounds", 20)  # no change, no history row
    config, old, new = await settings.set(GUILD_A, MOD, "trivia.rounds", 10)  # back to the default
    assert (old, new) == ("20 rounds", "10 rounds")
    assert (await settings.get(GUILD_A)).where("trivia") == {TRIVIA_CHANNEL}
    history = await settings.history(GUILD_A)
    assert [(c.actor_id, c.key, c.old_text, c.new_text) for c in history] == [
        (MOD, "trivia.rounds", "20 rounds", "10 rounds"),
        (OTHER, "trivia.rounds", "15 rounds", "20 rounds"),
        (MOD, "feature.trivia.channels", "everywhere", f"<#{TRIVIA_CHANNEL}>"),
        (MOD, "trivia.rounds", "10 rounds", "15 rounds"),
    ]
    assert history[0].new_value is None and history[0].changed_at > history[1].changed_at
    assert len(await settings.history(GUILD_A, limit=2)) == 2


async def test_invalid_setting_is_refused_and_not_recorded(settings: GuildSettingsStore) -> None:
    with pytest.raises(ConfigValueError, match="from 10 to 120"):
        await settings.set(GUILD_A, MOD, "trivia.seconds", 5)
    with pytest.raises(ConfigValueError, match="nor one of this server's packs"):
        await settings.set(GUILD_A, MOD, "trivia.categories", "eras, unknown-pack")
    assert await settings.history(GUILD_A) == []
    assert await settings.get(GUILD_A) == GuildConfig(GUILD_A)


async def test_categories_accept_this_servers_packs_only(
    settings: GuildSettingsStore, questions: CustomQuestionStore
) -> None:
    await questions.add_pack(GUILD_A, MOD, "nike-lore", [pack_question("Q1?")])
    config, _old, new = await settings.set(GUILD_A, MOD, "trivia.categories", "eras nike-lore")
    assert config.trivia_categories == {"eras", "nike-lore"} and new == "eras, nike-lore"
    with pytest.raises(ConfigValueError):
        await settings.set(GUILD_B, MOD, "trivia.categories", "nike-lore")  # server A's pack, not B's


async def test_settings_are_isolated_between_servers(settings: GuildSettingsStore) -> None:
    await settings.set(GUILD_A, MOD, "feature.facts.enabled", "off")
    await settings.set(GUILD_A, MOD, "daily.channel", TRIVIA_CHANNEL)
    config_b, old, _new = await settings.set(GUILD_B, MOD, "trivia.seconds", 30)
    assert old == "20 seconds"
    assert config_b.feature_allowed("facts", 5) and config_b.daily_channel_id is None
    assert not (await settings.get(GUILD_A)).feature_allowed("facts", 5)
    assert (await settings.get(GUILD_A)).trivia_seconds == 20
    assert [c.key for c in await settings.history(GUILD_B)] == ["trivia.seconds"]


async def test_daily_targets_need_channel_and_time(settings: GuildSettingsStore) -> None:
    await settings.set(GUILD_A, MOD, "daily.channel", TRIVIA_CHANNEL)
    assert await settings.daily_targets() == []
    await settings.set(GUILD_A, MOD, "daily.time", "18:30")
    await settings.set(GUILD_B, MOD, "daily.time", "09:00")  # no channel: not a target
    await settings.set(GUILD_A, MOD, "trivia.rounds", 7)
    (target,) = await settings.daily_targets()
    assert (target.guild_id, target.daily_channel_id, target.daily_time) == (GUILD_A, TRIVIA_CHANNEL, dt.time(18, 30))
    assert target.trivia_rounds == 7  # the whole config, not just the daily keys
    await settings.set(GUILD_A, MOD, "daily.time", "off")
    assert await settings.daily_targets() == []


async def test_daily_targets_query_uses_its_index(database: Database) -> None:
    if database.kind != "sqlite":
        pytest.skip("reads SQLite's query plan")
    async with database.connection.execute(
        "EXPLAIN QUERY PLAN SELECT guild_id FROM guild_settings WHERE key IN ('daily.channel', 'daily.time') "
        "GROUP BY guild_id HAVING COUNT(*) = 2"
    ) as cursor:
        plan = " ".join(str(row[-1]) for row in await cursor.fetchall())
    assert "guild_settings_daily" in plan
