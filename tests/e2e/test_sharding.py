"""Sharding through simcord: an AutoShardedBot whose shards each log connect, resume and disconnect."""

from __future__ import annotations

import logging

import discord
import pytest
import simcord

from bot.shell.client import SoleArchive


@pytest.mark.simcord(shard_count=2)
async def test_each_shard_logs_its_connection_and_serves_its_own_servers(
    simcord_env: simcord.Env, simcord_bot: SoleArchive, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot.shell.client")
    first = simcord_env.create_guild("Shard zero", shard_id=0)
    second = simcord_env.create_guild("Shard one", shard_id=1)
    channel = second.create_text_channel("general")
    member = second.add_member(simcord_env.create_user("member"))
    await simcord_env.settle()
    assert isinstance(simcord_bot, discord.AutoShardedClient) and simcord_bot.shard_count == 2
    assert {guild.id: guild.shard_id for guild in simcord_bot.guilds} == {first.id: 0, second.id: 1}

    shard = simcord_bot.get_shard(1)
    assert shard is not None
    await shard.disconnect()
    await shard.reconnect()
    simcord_bot.dispatch("shard_resumed", 1)  # simcord has no RESUME; the handler is what is under test
    await simcord_env.settle()
    messages = [record.getMessage() for record in caplog.records if record.name == "bot.shell.client"]
    assert messages[:3] == ["shard 1/2 disconnected", "shard 1/2 connected", "shard 1/2 resumed"]
    assert next(r for r in caplog.records if r.getMessage() == "shard 1/2 disconnected").levelno == logging.WARNING

    result = await member.slash(channel, "about")  # shard 1's server is served after the reconnect
    assert result.response is not None and not result.response.content.startswith("Something went wrong")


async def test_sighup_reloads_this_process_and_asks_every_other_one(
    pg_migrated_url: str, catalog: object, caplog: pytest.LogCaptureFixture
) -> None:
    """The SIGHUP handler (what `python -m bot facts reload` sends) reloads here and tells the others."""
    import asyncio

    from helpers import FIXTURE_DATA

    from bot.settings import Settings
    from bot.shell import runner
    from bot.storage import Database

    here, elsewhere = await Database.open(pg_migrated_url), await Database.open(pg_migrated_url)
    heard: list[str] = []
    elsewhere.subscribe("facts.reload", heard.append)
    bot = SoleArchive(settings=Settings(data_dir=FIXTURE_DATA), catalog=catalog, database=here)  # type: ignore[arg-type]
    try:
        caplog.set_level(logging.INFO, logger="bot.shell.runner")
        runner._reload(bot)
        for _ in range(200):
            if heard:
                break
            await asyncio.sleep(0.02)
        assert heard == [bot.catalog.version]
        assert any("facts reloaded on SIGHUP" in record.getMessage() for record in caplog.records)
    finally:  # the bot never logged in: nothing of Discord's to close
        await here.close()
        await elsewhere.close()
