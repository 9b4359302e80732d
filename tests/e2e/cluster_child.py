"""One bot process of a cluster, driven line by line by tests/e2e/test_cluster.py.

It builds the real bot with ``open_bot`` from the environment (SOLE_DATABASE_URL, SOLE_SHARD_COUNT,
SOLE_SHARD_IDS, SOLE_DATA_DIR) and runs it against its own simulated Discord (simcord), which serves
only this process's shards. Commands arrive on stdin, one per line; each answer is one ``@@ {json}``
line on stdout (logs go to stderr).
"""

from __future__ import annotations

import asyncio
import json
import logging
import sys
from typing import Any

import discord
import simcord

from bot.settings import Settings
from bot.shell.app import open_bot
from bot.shell.client import SoleArchive


def answer(**payload: Any) -> None:
    print("@@ " + json.dumps(payload), flush=True)


def question_message(channel: simcord.ChannelHandle) -> discord.Message:
    for message in reversed(channel.history()):
        title = (message.embeds[0].title or "") if message.embeds else ""
        if title.startswith("Question") and "answer" not in title:
            return message
    raise AssertionError("no open question")


def daily_posts(channel: simcord.ChannelHandle) -> int:
    return sum(
        1
        for message in channel.history()
        if message.embeds and (message.embeds[0].title or "").startswith(("Fact of the day", "On this day"))
    )


async def serve(env: simcord.Env, bot: SoleArchive) -> None:
    guild: simcord.GuildHandle | None = None
    channel: simcord.ChannelHandle | None = None
    members: list[simcord.MemberActor] = []
    owner = env.create_user("owner")
    while True:
        line = await asyncio.to_thread(sys.stdin.readline)
        if not line:
            return
        command, *args = line.split()
        if command == "setup":  # setup NAME SHARD [GUILD_ID CHANNEL_ID]
            guild = env.create_guild(
                args[0], shard_id=int(args[1]), id=int(args[2]) if len(args) > 2 else None, owner=owner
            )
            if len(args) > 3:  # the same Discord channel seen by two processes: pin its id in this world too
                allocate = env.backend.snowflake
                pinned = int(args[3])
                env.backend.snowflake = lambda pinned=pinned: pinned  # type: ignore[method-assign, misc]
                try:
                    channel = guild.create_text_channel("general")
                finally:
                    env.backend.snowflake = allocate  # type: ignore[method-assign]
            else:
                channel = guild.create_text_channel("general")
            members = [guild.add_member(env.create_user(name)) for name in ("alice", "bob")]
            bot.owner_ids = {members[0].id}  # alice owns the bot: she may run /facts reload
            for command in await bot.tree.fetch_commands():  # synced ones only: shard 0's process
                if command.name == "facts":
                    guild.set_command_permissions(command.id, {guild.default_role: True})
            await env.settle()
            answer(guild=guild.id, channel=channel.id, members=[m.id for m in members], shard=bot.shard_ids)
        elif command == "game":
            assert guild is not None and channel is not None
            started = await members[0].slash(channel, "trivia start", rounds=1, seconds=20)
            assert started.response is not None and not started.ephemeral, started
            message = question_message(channel)
            labels = [child.label for row in message.components for child in row.children]  # type: ignore[union-attr]
            acks = []
            for member, label in zip(members, labels, strict=False):
                result = await member.click(message, label=label)
                acks.append(result.response.content if result.response else "")
            await env.advance_time(30)
            answer(acks=acks)
        elif command == "board":
            assert channel is not None
            result = await members[0].slash(channel, "trivia leaderboard")
            assert result.response is not None
            embed = result.response.embeds[0] if result.response.embeds else None
            answer(text=(embed.description or "") if embed else result.response.content)
        elif command == "daily":  # daily HH:MM: this server's daily post, set through this process
            assert guild is not None and channel is not None
            await bot.guild_settings.set(guild.id, owner.id, "daily.channel", channel.id)
            await bot.guild_settings.set(guild.id, owner.id, "daily.time", args[0])
            answer(ok=True)
        elif command == "advance":
            await env.advance_time(float(args[0]))
            answer(now=env.now().isoformat())
        elif command == "posts":
            assert channel is not None
            answer(posts=daily_posts(channel))
        elif command == "reload":
            assert channel is not None
            result = await members[0].slash(channel, "facts reload")
            text = (
                result.followups[0].content
                if result.followups
                else (result.response.content if result.response else "")
            )
            answer(text=text, version=bot.catalog.version)
        elif command == "version":
            await env.settle()
            answer(version=bot.catalog.version)
        else:
            answer(error=f"unknown command {command!r}")


async def main() -> None:
    settings = Settings.from_env(dotenv=None)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(name)s %(levelname)s %(message)s")
    async with open_bot(settings) as bot:
        # Commands are global on Discord: shard 0's process syncs them for every process. Each process
        # here has a simulated Discord of its own, so the others' worlds register the tree unsynced.
        env = simcord.Env(bot, strict_sync=bot.shard_ids is None or 0 in bot.shard_ids)
        await env.start()
        try:
            answer(ready=True, shards=bot.shard_ids, count=bot.shard_count, version=bot.catalog.version)
            await serve(env, bot)
        finally:
            await env.shutdown()


if __name__ == "__main__":
    asyncio.run(main())
