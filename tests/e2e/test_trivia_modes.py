"""The sneaker game modes end to end, on the shipped archive (the frozen fixture is too small for them):
Guess the shoe, Closest year, Timeline order, and how /trivia help scores each."""

from __future__ import annotations

import math
import sqlite3
from pathlib import Path

import discord
import pytest
import simcord
from helpers import World, running_session

from bot.catalog import Catalog, load_catalog
from bot.settings import Settings
from bot.shell.client import SoleArchive
from bot.trivia.modes.guess import GuessGame
from bot.trivia.modes.timeline import LETTERS, TimelineGame

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(DATA)


def open_question(channel: simcord.ChannelHandle) -> discord.Message:
    for message in reversed(channel.history()):
        title = message.embeds[0].title if message.embeds else ""
        if (title or "").startswith("Question") and "answer" not in (title or ""):
            return message
    raise AssertionError("no open question in the channel")


def latest(channel: simcord.ChannelHandle, message: discord.Message) -> discord.Message:
    return next(m for m in channel.history() if m.id == message.id)


def fields(message: discord.Message) -> dict[str, str]:
    return {field.name or "": field.value or "" for field in message.embeds[0].fields}


def points(settings: Settings) -> dict[int, tuple[int, int]]:
    with sqlite3.connect(settings.database) as raw:
        return {m: (p, c) for m, p, c in raw.execute("SELECT member_id, points, correct FROM trivia_answers")}


async def test_guess_the_shoe_reveals_clues_and_fewer_clues_earn_more(
    world: World, simcord_bot: SoleArchive, settings: Settings
) -> None:
    started = await world.member.slash(world.general, "trivia start", mode="guess", rounds=2, seconds=30)
    assert not started.ephemeral and "**Guess the shoe** starting" in started.response.content
    message = open_question(world.general)
    game = running_session(simcord_bot, world.general.id).game
    assert isinstance(game, GuessGame)
    clues = game.current_clues
    assert len(clues) >= 3
    assert fields(message)[f"Clues (1/{len(clues)})"] == f"1. {clues[0]}"
    assert [b.label for row in message.components for b in row.children] == ["Answer"]  # type: ignore[attr-defined]

    await world.env.advance_time(30 / len(clues) + 0.1)  # the second clue
    message = latest(world.general, message)
    assert fields(message)[f"Clues (2/{len(clues)})"].splitlines()[1] == f"2. {clues[1]}"
    shoe = game.current
    assert shoe is not None
    modal = await world.member.click(message, label="Answer")
    locked = await world.member.submit_modal(modal, {"answer": f"  {shoe.answer.lower()} "})  # the forgiving matcher
    assert locked.ephemeral and "Locked in" in locked.response.content
    modal = await world.other.click(message, label="Answer")
    await world.other.submit_modal(modal, {"answer": "definitely not a shoe"})

    await world.env.advance_time(30)
    revealed = latest(world.general, message)
    shown = fields(revealed)
    assert revealed.embeds[0].title == "Question 1/2 · answer"
    assert discord.utils.escape_markdown(shoe.answer) in shown["The shoe"]
    assert shown["All the clues"].splitlines() == list(clues)
    expected = math.floor(100 * (len(clues) - 1) / len(clues) + 0.5)  # two clues seen of len(clues)
    assert shown["Got it (1/2)"] == f"<@{world.member.id}> +{expected}"
    assert points(settings)[world.member.id] == (expected, 1) and points(settings)[world.other.id] == (0, 0)

    learn = await world.other.click(revealed, label="Learn more")  # the shoe card of the answer
    assert learn.ephemeral and learn.response.embeds


async def test_closest_year_the_closest_wins_and_a_tie_goes_to_the_first(
    world: World, simcord_bot: SoleArchive, settings: Settings
) -> None:
    third = world.guild.add_member(world.env.create_user("third"))
    await world.member.slash(world.general, "trivia start", mode="closest", rounds=1, seconds=20)
    message = open_question(world.general)
    question = running_session(simcord_bot, world.general.id).game.current
    assert question is not None and question.year is not None
    assert "Closest wins" in fields(message)["How to answer"]
    year = question.year
    for actor, guess in ((world.member, year + 2), (world.other, year - 2), (third, year + 9)):
        modal = await actor.click(message, label="Answer")
        await actor.submit_modal(modal, {"answer": str(guess)})
        await world.env.advance_time(1)
    await world.env.advance_time(20)
    shown = fields(latest(world.general, message))
    assert shown["Answer"] == f"✅ **{year}**"
    lines = shown["Guesses (3)"].splitlines()
    assert lines[0] == f"🥇 <@{world.member.id}> {year + 2} (2 years off) · +100"  # tied with other, but first
    assert lines[1] == f"<@{world.other.id}> {year - 2} (2 years off)"
    assert lines[2] == f"<@{third.id}> {year + 9} (9 years off)"
    scored = points(settings)
    assert scored[world.member.id] == (100, 1) and scored[world.other.id] == (0, 0) and scored[third.id] == (0, 0)
    final = world.general.history()[-1]
    assert (
        final.embeds[0].title == "🏁 Game over" and f"<@{world.member.id}> · **100** pts" in final.embeds[0].description
    )


async def test_timeline_order_with_menus_gives_credit_per_right_position(
    world: World, simcord_bot: SoleArchive, settings: Settings
) -> None:
    await world.member.slash(world.general, "trivia start", mode="timeline", rounds=1, seconds=60)
    message = open_question(world.general)
    game = running_session(simcord_bot, world.general.id).game
    assert isinstance(game, TimelineGame) and game.current_round is not None
    right = game.current_round.right_order
    assert len(fields(message)["Releases and debuts"].splitlines()) == 4

    menus = await world.member.click(message, label="Put them in order")
    assert menus.ephemeral
    early = await world.member.click(menus.response, label="Lock in")
    assert "Pick an item for every place first" in early.response.content
    for place, index in enumerate(right):
        await world.member.select(menus.response, [str(index)], custom_id=f"order:{place}")
    locked = await world.member.click(menus.response, label="Lock in")
    assert "Locked in" in locked.response.content and " → ".join(LETTERS[i] for i in right) in locked.response.content

    swapped = (right[1], right[0], right[2], right[3])  # two of four in place
    theirs = await world.other.click(message, label="Put them in order")
    for place, index in enumerate(swapped):
        await world.other.select(theirs.response, [str(index)], custom_id=f"order:{place}")
    await world.other.click(theirs.response, label="Lock in")

    await world.env.advance_time(60)
    shown = fields(latest(world.general, message))
    real = shown["The real order"].splitlines()
    moments = game.current_round.moments
    for place, index in enumerate(right):
        assert real[place].startswith(f"{place + 1}. **{LETTERS[index]}.**")
        assert real[place].endswith(moments[index].date.render())
    orders = shown["Orders (2)"].splitlines()
    assert "4/4 in place" in orders[0] and f"<@{world.member.id}>" in orders[0]
    assert "2/4 in place" in orders[1] and f"<@{world.other.id}>" in orders[1]
    assert shown["Sources"].startswith(f"{LETTERS[right[0]]}: ")
    scored = points(settings)
    assert scored[world.member.id][1] == 1 and scored[world.other.id][1] == 0
    assert scored[world.member.id][0] > scored[world.other.id][0] > 0


async def test_help_explains_each_modes_scoring(world: World) -> None:
    shown = await world.member.slash(world.general, "trivia help")
    modes = next(f.value for f in shown.response.embeds[0].fields if f.name == "Game modes")
    assert "**Guess the shoe**" in modes and "**Timeline order**" in modes and "**Closest year**" in modes
    assert sum(len(f.value or "") + len(f.name or "") for f in shown.response.embeds[0].fields) < 6000


async def test_a_scheduled_game_can_be_a_sneaker_mode(world: World) -> None:
    added = await world.moderator.slash(
        world.general,
        "config schedule add",
        channel=world.general,
        weekdays="daily",
        time="00:05",
        mode="closest",
        rounds=2,
        announce=1,
    )
    assert added.ephemeral and "Schedule #1" in added.response.content
    await world.env.advance_time(5 * 60 + 1)
    intro = next(m for m in world.general.history() if m.content.startswith("🏁 Scheduled trivia (#1) starting"))
    assert "**Closest year**, **2 rounds**" in intro.content
    assert "Closest wins" in fields(open_question(world.general))["How to answer"]
