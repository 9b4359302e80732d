"""Test helpers shared by the suites: the seeded world, score seeding, which errors a test expects.

Fixtures live in ``conftest.py``; everything a test imports lives here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import discord
import simcord
from discord import app_commands

from bot.errors import UserError
from bot.storage import AnswerRecord, Database, TriviaStore
from bot.trivia.packs import PackQuestion
from cogs.trivia.cog import Trivia
from cogs.trivia.session import GameSession

FIXTURE_DATA = Path(__file__).parent / "fixtures" / "catalog"

# The stores' tests: two servers, a moderator and two members, a clock that never sleeps.
NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)
GUILD_A, GUILD_B = 111, 222
MOD, MEMBER, OTHER = 1, 2, 3
TRIVIA_CHANNEL = 100000000000000002


class Clock:
    """Virtual time: each reading is one second after the last, so rows sort and nothing sleeps."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(seconds=1)
        return self.now


def pack_question(prompt: str, answer: str = "A", category: str = "eras") -> PackQuestion:
    return PackQuestion(prompt, answer, ("B", "C", "D"), (), category, "easy", "Because.", "A book")


@dataclass
class World:
    """The seeded server most end-to-end tests play in."""

    env: simcord.Env
    guild: simcord.GuildHandle
    general: simcord.ChannelHandle
    member: simcord.MemberActor
    other: simcord.MemberActor
    moderator: simcord.MemberActor


async def new_game(
    store: TriviaStore, guild_id: int = GUILD_A, channel_id: int = 5, *, started_at: dt.datetime = NOW, rounds: int = 10
) -> int:
    """A running multiple-choice game of 20-second rounds, as `/trivia start` would create it."""
    return await store.create_game(
        guild_id=guild_id,
        channel_id=channel_id,
        host_id=1,
        mode="choice",
        category=None,
        difficulty=None,
        rounds=rounds,
        seconds=20,
        started_at=started_at,
    )


async def seed_scores(database: Database, world: World, scores: dict[int, int]) -> TriviaStore:
    """One finished round in the world's server in which each member id scored the given points."""
    assert database.writer is not None
    store = TriviaStore(database, database.writer)
    now = discord.utils.utcnow()
    game = await new_game(store, world.guild.id, world.general.id, started_at=now, rounds=1)
    for member_id, points in scores.items():
        await store.record_answer(
            AnswerRecord(
                world.guild.id, world.general.id, game, 0, member_id, "q", "eras", "x", True, 1.0, points, 900, now
            )
        )
    return store


def is_user_error(error: BaseException) -> bool:
    """Errors the bot answers with its own message: expected in tests of bad input."""
    if isinstance(error, app_commands.CommandInvokeError) and error.__cause__ is not None:
        error = error.__cause__
    # A TransformerError is an option value no Discord client sends (a forged request); it is answered.
    return isinstance(error, UserError | app_commands.CheckFailure | app_commands.TransformerError)


def reply(result: simcord.InteractionResult) -> str:
    """The text of a deferred reply: Discord shows the first follow-up in place of "thinking…"."""
    if result.followups:
        return result.followups[0].content
    assert result.response is not None
    return result.response.content


async def command_id(bot: discord.Client, name: str) -> int:
    return next(command.id for command in await bot.tree.fetch_commands() if command.name == name)


def running_session(bot: discord.Client, channel_id: int) -> GameSession:
    """The trivia game running in a channel, found through the trivia cog (by type, not by name)."""
    cog = next(cog for cog in bot.cogs.values() if isinstance(cog, Trivia))  # type: ignore[attr-defined]
    session = cog.games.in_channel(channel_id)
    assert session is not None, "no game is running in that channel"
    return session
