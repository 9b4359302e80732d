"""Fair play and seasons end to end: the two-player rule, the shared speed bonus, a season rolling over at a
month boundary (virtual time from 1 January 2026), its champions, the archive and the reward role."""

from __future__ import annotations

import sqlite3

import discord
import simcord
from helpers import World, running_session

from bot.catalog import Catalog
from bot.settings import Settings
from bot.shell.client import SoleArchive
from bot.storage import Database

DAY = 24 * 3600


def question_message(channel: simcord.ChannelHandle) -> discord.Message:
    for message in reversed(channel.history()):
        title = message.embeds[0].title if message.embeds else ""
        if (title or "").startswith("Question") and "answer" not in (title or ""):
            return message
    raise AssertionError("no open question in the channel")


def right_and_wrong(world: World, bot: SoleArchive) -> tuple[str, str]:
    question = running_session(bot, world.general.id).game.current
    assert question is not None
    return question.answer, next(choice for choice in question.choices if choice != question.answer)


async def play_one_round(
    world: World, bot: SoleArchive, winner: simcord.MemberActor, *others: simcord.MemberActor
) -> None:
    started = await winner.slash(world.general, "trivia start", rounds=1, seconds=10)
    assert not started.ephemeral, started.response.content
    message = question_message(world.general)
    right, wrong = right_and_wrong(world, bot)
    await winner.click(message, label=right)
    for other in others:
        await other.click(message, label=wrong)
    await world.env.advance_time(10)


def season_posts(channel: simcord.ChannelHandle) -> list[discord.Message]:
    return [m for m in channel.history() if m.embeds and (m.embeds[0].title or "").startswith("🏆 Season over")]


def bot_role_id(world: World) -> int:
    guild = world.env.backend.get_guild(world.guild.id)
    return next(role.id for role in guild.roles.values() if role.managed)


def roles_of(world: World, member: simcord.MemberActor) -> list[int]:
    return list(world.env.backend.get_member(world.guild.id, member.id).role_ids)


async def test_a_game_with_one_player_is_played_but_not_counted(world: World, simcord_bot: SoleArchive) -> None:
    await play_one_round(world, simcord_bot, world.member)
    final = world.general.history()[-1]
    assert final.embeds[0].title == "🏁 Game over"
    note = next(f for f in final.embeds[0].fields if f.name == "Not counted")
    assert "at least 2 players (1 player played)" in note.value
    board = await world.member.slash(world.general, "trivia leaderboard")
    assert "No answers yet" in board.response.embeds[0].description

    changed = await world.moderator.slash(world.general, "config season", min_players=1)
    assert (
        changed.ephemeral
        and "`trivia.min_players`: 2 players → **1 players**" in changed.response.embeds[0].description
    )
    await world.env.advance_time(1)
    await play_one_round(world, simcord_bot, world.member)
    assert not world.general.history()[-1].embeds[0].fields  # counted: no note
    board = await world.member.slash(world.general, "trivia leaderboard")
    assert f"<@{world.member.id}>" in board.response.embeds[0].description


async def test_two_players_count_and_help_states_the_rules(world: World, simcord_bot: SoleArchive) -> None:
    await play_one_round(world, simcord_bot, world.member, world.other)
    assert not any(f.name == "Not counted" for f in world.general.history()[-1].embeds[0].fields)
    board = await world.member.slash(world.general, "trivia leaderboard")
    assert f"<@{world.member.id}>" in board.response.embeds[0].description
    rules = {
        f.name: f.value for f in (await world.member.slash(world.general, "trivia help")).response.embeds[0].fields
    }
    assert "at least **2** players" in rules["Fair play"] and "250 ms" in rules["Fair play"]
    assert "calendar month" in rules["Seasons"] and "/trivia seasons" in rules["Seasons"]


async def test_right_answers_within_250_ms_share_the_speed_bonus(
    world: World, simcord_bot: SoleArchive, settings: Settings
) -> None:
    third = world.guild.add_member(world.env.create_user("third"))
    await world.member.slash(world.general, "trivia start", rounds=1, seconds=10)
    message = question_message(world.general)
    right, _wrong = right_and_wrong(world, simcord_bot)
    await world.member.click(message, label=right)  # at 0 s: the full bonus
    await world.env.advance_time(0.24)
    await world.other.click(message, label=right)  # 240 ms later: shares it
    await world.env.advance_time(0.26)
    await third.click(message, label=right)  # 260 ms after that: its own, smaller bonus
    await world.env.advance_time(10)
    with sqlite3.connect(settings.database) as raw:
        points = dict(raw.execute("SELECT member_id, points FROM trivia_answers").fetchall())
    assert points[world.member.id] == points[world.other.id] == 150
    assert points[third.id] == 148  # 100 + 50 x (1 - 0.5 / 10), rounded


async def test_a_season_rolls_over_at_the_month_boundary(
    world: World, simcord_bot: SoleArchive, settings: Settings, catalog: Catalog, database: Database
) -> None:
    assert world.env.now().date().isoformat() == "2026-01-01"
    await play_one_round(world, simcord_bot, world.member, world.other)
    await world.env.advance_time(1)
    await play_one_round(world, simcord_bot, world.member)  # alone: not counted, not in the season
    now = await world.other.slash(world.general, "trivia seasons")
    assert now.response.embeds[0].title == "🏆 Trivia seasons · January 2026"
    assert f"🥇 <@{world.member.id}>" in now.response.embeds[0].description

    await world.env.advance_time(30 * DAY + 23 * 3600)  # 31 January, 23:00
    assert season_posts(world.general) == []
    await world.env.advance_time(2 * 3600)  # past midnight: February
    [post] = season_posts(world.general)
    assert post.embeds[0].title == "🏆 Season over · January 2026"
    lines = post.embeds[0].description.splitlines()
    assert lines[1] == f"🥇 <@{world.member.id}> · **150** pts"
    assert len(lines) == 2  # the other member scored nothing: no champion with no points
    assert not post.mentions

    await world.env.restart_bot(SoleArchive(settings=settings, catalog=catalog, database=database))
    await world.env.advance_time(DAY)
    assert len(season_posts(world.general)) == 1  # archived once, also across a restart
    archive = await world.other.slash(world.general, "trivia seasons")
    embed = archive.response.embeds[0]
    assert embed.title == "🏆 Trivia seasons · February 2026"
    assert "No counted games yet this season." in embed.description
    january = next(f for f in embed.fields if f.name == "January 2026")
    assert f"🥇 <@{world.member.id}> · **150** pts" in january.value


async def test_the_reward_role_goes_to_the_champions_and_moves_on(world: World, simcord_bot: SoleArchive) -> None:
    champion = world.guild.create_role("Sneaker Champion")
    set_up = await world.moderator.slash(world.general, "config season", reward_role=champion, top=1)
    assert not any(f.name.startswith("⚠️") for f in set_up.response.embeds[0].fields)
    await play_one_round(world, simcord_bot, world.member, world.other)
    await world.env.advance_time(31 * DAY)
    [post] = season_posts(world.general)
    reward = next(f for f in post.embeds[0].fields if f.name == "Reward role")
    assert reward.value == f"<@&{champion.id}> goes to this season's 1 champion."
    assert champion.id in roles_of(world, world.member) and champion.id not in roles_of(world, world.other)

    await play_one_round(world, simcord_bot, world.other, world.member)  # February: the other member wins
    await world.env.advance_time(28 * DAY)
    assert len(season_posts(world.general)) == 2
    assert champion.id in roles_of(world, world.other) and champion.id not in roles_of(world, world.member)


async def test_the_reward_role_without_manage_roles_or_above_the_bot(world: World, simcord_bot: SoleArchive) -> None:
    champion = world.guild.create_role("Sneaker Champion")
    no_manage = discord.Permissions.all()
    no_manage.administrator = no_manage.manage_roles = False
    world.env.backend.edit_role(world.guild.id, bot_role_id(world), {"permissions": no_manage.value})
    set_up = await world.moderator.slash(world.general, "config season", reward_role=champion)
    warning = next(f for f in set_up.response.embeds[0].fields if f.name == "⚠️ Until this is fixed")
    assert "I need the **Manage Roles** permission" in warning.value
    await play_one_round(world, simcord_bot, world.member, world.other)
    await world.env.advance_time(31 * DAY)
    [post] = season_posts(world.general)
    reward = next(f for f in post.embeds[0].fields if f.name == "Reward role")
    assert "I need the **Manage Roles** permission" in reward.value
    assert champion.id not in roles_of(world, world.member)
    assert f"🥇 <@{world.member.id}>" in post.embeds[0].description  # the champions are posted all the same

    world.env.backend.edit_role(
        world.guild.id, bot_role_id(world), {"permissions": discord.Permissions(manage_roles=True).value}
    )
    legends = world.guild.create_role("Legends", position=50)
    set_up = await world.moderator.slash(world.general, "config season", reward_role=legends)
    warning = next(f for f in set_up.response.embeds[0].fields if f.name == "⚠️ Until this is fixed")
    assert "it is above my highest role" in warning.value
    await play_one_round(world, simcord_bot, world.member, world.other)
    await world.env.advance_time(28 * DAY)
    latest = season_posts(world.general)[-1]
    assert latest.embeds[0].title == "🏆 Season over · February 2026"
    assert "it is above my highest role" in next(f for f in latest.embeds[0].fields if f.name == "Reward role").value
    assert legends.id not in roles_of(world, world.member)


async def test_weekly_seasons_end_on_monday(world: World, simcord_bot: SoleArchive) -> None:
    changed = await world.moderator.slash(world.general, "config season", length="week", top=1)
    assert "**week**" in changed.response.embeds[0].description
    await play_one_round(world, simcord_bot, world.member, world.other)  # Thursday 1 January
    await world.env.advance_time(3 * DAY + 23 * 3600)  # Sunday 4 January, 23:00
    assert season_posts(world.general) == []
    await world.env.advance_time(2 * 3600)  # Monday
    [post] = season_posts(world.general)
    assert post.embeds[0].title == "🏆 Season over · week 1 of 2026"
