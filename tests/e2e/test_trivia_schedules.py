"""Scheduled games end to end (virtual time from Thursday 1 January 2026, 00:00 UTC): the announcement with
its Join button, the start, list/remove, a schedule across a restart with the database file reopened by a new
bot, and a scheduled game that waits for the game running in its channel."""

from __future__ import annotations

import sqlite3

import discord
import pytest
import simcord
from helpers import World

from bot.catalog import Catalog
from bot.settings import Settings
from bot.shell.client import SoleArchive
from bot.storage import Database

MINUTE = 60


def announcements(channel: simcord.ChannelHandle) -> list[discord.Message]:
    return [m for m in channel.history() if m.embeds and m.embeds[0].title == "📅 Scheduled trivia"]


def latest(channel: simcord.ChannelHandle, message: discord.Message) -> discord.Message:
    return next(m for m in channel.history() if m.id == message.id)


def questions(channel: simcord.ChannelHandle) -> list[discord.Message]:
    return [m for m in channel.history() if m.embeds and (m.embeds[0].title or "").startswith("Question")]


async def schedule(world: World, channel: simcord.ChannelHandle, **options: object) -> simcord.InteractionResult:
    result = await world.moderator.slash(world.general, "config schedule add", channel=channel, **options)
    assert result.ephemeral, result.response.content
    return result


async def test_a_scheduled_game_is_announced_with_a_join_button_and_starts_on_time(world: World) -> None:
    room = world.guild.create_text_channel("trivia-night")
    added = await schedule(world, room, weekdays="thu", time="00:30", rounds=2, announce=10)
    assert "Schedule #1" in added.response.content and "Thu at 00:30 UTC" in added.response.content

    await world.env.advance_time(19 * MINUTE)
    assert announcements(room) == []
    await world.env.advance_time(2 * MINUTE)  # 00:21: ten minutes before
    [post] = announcements(room)
    assert "Starts" in post.embeds[0].description and post.embeds[0].fields[0].name == "Joined (0)"

    joined = await world.member.click(post, label="Join")
    assert joined.followups and "You're in" in joined.followups[0].content and joined.followups[0].ephemeral
    post = latest(room, post)
    assert post.embeds[0].fields[0].name == "Joined (1)" and f"<@{world.member.id}>" in post.embeds[0].fields[0].value
    again = await world.member.click(post, label="Join")
    assert again.ephemeral and "already joined" in again.response.content
    assert questions(room) == []

    await world.env.advance_time(10 * MINUTE)  # 00:31
    intro = next(m for m in room.history() if m.content.startswith("🏁 Scheduled trivia (#1) starting"))
    assert "with 1 player joined" in intro.content and "**2 questions**" in intro.content
    assert questions(room)[0].embeds[0].title.startswith("Question 1/2")
    late = await world.other.click(latest(room, post), label="Join")
    assert late.ephemeral and "already started" in late.response.content

    listed = await world.moderator.slash(world.general, "config schedule list")
    assert listed.ephemeral and "**#1**" in listed.response.embeds[0].description
    assert "2 questions" in listed.response.embeds[0].description
    removed = await world.moderator.slash(world.general, "config schedule remove", schedule=1)
    assert removed.ephemeral and "removed" in removed.response.content
    listed = await world.moderator.slash(world.general, "config schedule list")
    assert "No scheduled games" in listed.response.embeds[0].description
    await world.env.advance_time(7 * 24 * 3600)
    assert len(announcements(room)) == 1  # removed: no announcement next Thursday


async def test_bad_schedules_are_refused_and_members_cannot_schedule(world: World) -> None:
    bad_day = await world.moderator.slash(
        world.general, "config schedule add", channel=world.general, weekdays="funday", time="20:00"
    )
    assert bad_day.ephemeral and "isn't a weekday" in bad_day.response.content
    bad_time = await world.moderator.slash(
        world.general, "config schedule add", channel=world.general, weekdays="fri", time="25:00"
    )
    assert bad_time.ephemeral and "HH:MM" in bad_time.response.content
    missing = await world.moderator.slash(world.general, "config schedule remove", schedule=7)
    assert "no schedule #7" in missing.response.content


async def test_a_schedule_survives_a_restart_with_the_database_reopened(
    world: World, settings: Settings, catalog: Catalog, database: Database
) -> None:
    room = world.guild.create_text_channel("trivia-night")
    await schedule(world, room, weekdays="mon wed thu", time="01:00", rounds=1, announce=30)
    await world.env.advance_time(31 * MINUTE)  # 00:31: announced
    [post] = announcements(room)
    await world.member.click(post, label="Join")

    await database.close()  # the process ends; a new one opens the same file
    reopened = await Database.open(settings.database)
    try:
        await world.env.restart_bot(SoleArchive(settings=settings, catalog=catalog, database=reopened))
        joined = await world.other.click(latest(room, post), label="Join")  # the old button still works
        assert "You're in" in joined.followups[0].content
        assert latest(room, post).embeds[0].fields[0].name == "Joined (2)"
        await world.env.advance_time(30 * MINUTE)  # 01:01
        assert len(announcements(room)) == 1  # not announced again after the restart
        intro = next(m for m in room.history() if m.content.startswith("🏁 Scheduled trivia (#1) starting"))
        assert "with 2 players joined" in intro.content
        assert len(questions(room)) == 1
        await world.env.advance_time(4 * 24 * 3600)  # the next run: Monday 5 January
        assert len(announcements(room)) == 2
    finally:
        await world.env.shutdown()
        await reopened.close()


async def test_a_scheduled_game_waits_for_the_game_running_in_its_channel(world: World) -> None:
    await schedule(world, world.general, weekdays="daily", time="00:10", rounds=1, announce=5)
    await world.env.advance_time(5 * MINUTE)  # 00:05: announced
    assert len(announcements(world.general)) == 1
    started = await world.member.slash(world.general, "trivia start", rounds=3, seconds=120)
    assert not started.ephemeral
    first = questions(world.general)[-1]
    await world.member.click(first, label=first.components[0].children[0].label)  # type: ignore[union-attr]
    await world.env.advance_time(5 * MINUTE + 1)  # 00:10:01: the member's game is still running
    waiting = [m for m in world.general.history() if m.content.startswith("⏳ Scheduled trivia is due")]
    assert len(waiting) == 1 and "It starts as soon as that one ends" in waiting[0].content
    assert not any(m.content.startswith("🏁 Scheduled trivia") for m in world.general.history())

    await world.member.slash(world.general, "trivia stop")
    await world.env.advance_time(20)
    assert any(m.content.startswith("🏁 Scheduled trivia (#1) starting") for m in world.general.history())
    busy = await world.other.slash(world.general, "trivia start")
    assert busy.ephemeral and "already running here" in busy.response.content  # one game per channel
    assert len([m for m in world.general.history() if m.content.startswith("⏳")]) == 1  # said once


async def test_a_scheduled_mode_the_archive_cannot_fill_says_why(world: World) -> None:
    await schedule(world, world.general, weekdays="daily", time="00:05", mode="guess", announce=1)
    await world.env.advance_time(6 * 60)
    said = [m.content for m in world.general.history() if m.content.startswith("⚠️ Scheduled trivia #1")]
    assert said == ["⚠️ Scheduled trivia #1 couldn't start: The archive has no rounds for Guess the shoe right now."]


async def test_a_schedule_in_a_channel_the_bot_cannot_post_in_leaves_no_game_running(
    world: World, simcord_bot: SoleArchive, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    assert simcord_bot.user is not None
    locked = world.guild.create_text_channel(
        "locked", overwrites={simcord_bot.user: discord.PermissionOverwrite(send_messages=False)}
    )
    await schedule(world, locked, weekdays="daily", time="00:05", announce=1)
    with caplog.at_level("WARNING", logger="cogs.trivia.schedules"):
        await world.env.advance_time(6 * 60)
    assert any("could not start" in record.getMessage() for record in caplog.records)
    with sqlite3.connect(settings.database) as raw:
        statuses = [row[0] for row in raw.execute("SELECT status FROM trivia_games")]
    assert statuses == ["stopped"]  # the channel is not left with a game nobody can see
    started = await world.member.slash(world.general, "trivia start", rounds=1)
    assert not started.ephemeral
