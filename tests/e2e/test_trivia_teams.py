"""Team games end to end: the lobby (join by button, the host balances and starts), team scoring with each
member's contribution, standings by team then player, and the individual board."""

from __future__ import annotations

import sqlite3

import discord
import simcord
from helpers import World, new_game, running_session

from bot.settings import Settings
from bot.shell.client import SoleArchive
from bot.storage import AnswerRecord, Database, TriviaStore


async def seed_board(database: Database, world: World, scores: dict[int, int]) -> None:
    """A finished earlier game, in another channel, in which each member scored the given points."""
    assert database.writer is not None
    store = TriviaStore(database, database.writer)
    now = discord.utils.utcnow()
    game = await new_game(store, world.guild.id, 42, started_at=now, rounds=1)
    for member, points in scores.items():
        await store.record_answer(
            AnswerRecord(world.guild.id, 42, game, 0, member, "q", "eras", "x", True, 1.0, points, 9, now)
        )
    await store.finish_game(game, "finished", now)


def lobby(channel: simcord.ChannelHandle) -> discord.Message:
    return next(m for m in reversed(channel.history()) if m.embeds and (m.embeds[0].title or "").startswith("👥"))


def open_question(channel: simcord.ChannelHandle) -> discord.Message:
    for message in reversed(channel.history()):
        title = message.embeds[0].title if message.embeds else ""
        if (title or "").startswith("Question") and "answer" not in (title or ""):
            return message
    raise AssertionError("no open question")


def rosters(message: discord.Message) -> dict[str, str]:
    return {field.name or "": field.value or "" for field in message.embeds[0].fields}


async def test_a_team_game_from_lobby_to_standings(
    world: World, simcord_bot: SoleArchive, settings: Settings, database: Database
) -> None:
    third = world.guild.add_member(world.env.create_user("third"))
    fourth = world.guild.add_member(world.env.create_user("fourth"))
    await seed_board(database, world, {third.id: 900, world.member.id: 800})  # the two strongest players
    opened = await world.member.slash(world.general, "trivia start", mode="teams", teams=2, rounds=2, seconds=10)
    assert not opened.ephemeral
    message = lobby(world.general)
    assert message.embeds[0].title == "👥 Team trivia · lobby"
    labels = [b.label for row in message.components for b in row.children]  # type: ignore[attr-defined]
    assert labels == ["Join Red", "Join Blue", "Balance teams", "Start", "Cancel"]

    for actor in (world.member, third, world.other, fourth):
        await actor.click(lobby(world.general), label="Join Red")
    again = await world.member.click(lobby(world.general), label="Join Red")
    assert again.ephemeral and "already on 🔴 Red" in again.response.content
    assert rosters(lobby(world.general))["🔴 Red (4)"].count("<@") == 4
    early = await world.member.click(lobby(world.general), label="Start")
    assert early.ephemeral and "At least two teams need players" in early.response.content
    not_host = await world.other.click(lobby(world.general), label="Balance teams")
    assert not_host.ephemeral and "Only the host" in not_host.response.content

    await world.member.click(lobby(world.general), label="Balance teams")  # snake by board points
    teams = rosters(lobby(world.general))
    assert f"<@{third.id}>" in teams["🔴 Red (2)"] and f"<@{world.member.id}>" in teams["🔵 Blue (2)"]
    red = {third.id, fourth.id} if f"<@{fourth.id}>" in teams["🔴 Red (2)"] else {third.id, world.other.id}
    assert len(red) == 2

    await world.member.click(lobby(world.general), label="Start")
    assert lobby(world.general).embeds[0].title == "👥 Team trivia · started"
    intro = next(m for m in world.general.history() if m.content.startswith("🏁 Team trivia starting"))
    assert "🔴 Red vs 🔵 Blue" in intro.content
    with sqlite3.connect(settings.database) as raw:
        on_teams = dict(raw.execute("SELECT member_id, team FROM trivia_teams").fetchall())
    assert {member for member, team in on_teams.items() if team == 0} == red

    players = [world.member, world.other, third, fourth]
    for _round in range(2):
        question = open_question(world.general)
        asked = running_session(simcord_bot, world.general.id).game.current
        assert asked is not None
        wrong = next(c for c in asked.choices if c != asked.answer)
        outsider = await world.moderator.click(question, label=asked.answer)
        assert outsider.ephemeral and "not on a team" in outsider.response.content
        for actor in players:  # Red answers right, Blue wrong
            await actor.click(question, label=asked.answer if actor.id in red else wrong)
        await world.env.advance_time(10)
        revealed = next(m for m in world.general.history() if m.id == question.id)
        assert rosters(revealed)["Teams"].splitlines()[0].startswith("🥇 **🔴 Red**")
        await world.env.advance_time(6)

    final = world.general.history()[-1]
    assert final.embeds[0].title == "🏁 Game over · 🔴 Red wins"
    lines = final.embeds[0].description.splitlines()
    assert lines[0].startswith("🥇 **🔴 Red** · **") and all(f"<@{m}>" in lines[1] for m in red)
    assert lines[2].startswith("🥈 **🔵 Blue** · **0** pts")
    assert rosters(final)["Players"].count("<@") == 4  # then by player
    board = await world.other.slash(world.general, "trivia leaderboard")
    for member in red:
        assert f"<@{member}>" in board.response.embeds[0].description  # counts on the individual board too


async def test_only_one_lobby_per_channel_and_the_host_can_cancel(world: World) -> None:
    await world.member.slash(world.general, "trivia start", mode="teams")
    second = await world.other.slash(world.general, "trivia start", mode="teams")
    assert second.ephemeral and "already open here" in second.response.content
    await world.member.click(lobby(world.general), label="Cancel")
    assert lobby(world.general).embeds[0].title == "👥 Team trivia · lobby closed"
    again = await world.other.slash(world.general, "trivia start", mode="teams", teams=4)
    assert not again.ephemeral
    names = [b.label for row in lobby(world.general).components for b in row.children]  # type: ignore[attr-defined]
    assert names[:4] == ["Join Red", "Join Blue", "Join Green", "Join Yellow"]
