"""Shared fixtures: the shipped catalog (loaded once), a real temporary database, the bot under simcord."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import discord
import pytest
import simcord
from discord import app_commands

from bot.catalog import Catalog, load_catalog
from bot.config import Settings
from bot.errors import UserError
from bot.shell.client import SoleArchive
from bot.storage import AnswerRecord, Database, TriviaStore

FIXTURE_DATA = Path(__file__).parent / "fixtures" / "catalog"


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """A small frozen catalog, so behaviour tests do not shift as data/ grows."""
    return load_catalog(FIXTURE_DATA)


@pytest.fixture
async def database(tmp_path: Path) -> AsyncIterator[Database]:
    db = await Database.open(tmp_path / "test.sqlite3")
    yield db
    await db.close()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(database=tmp_path / "test.sqlite3", data_dir=FIXTURE_DATA, owner_ids=frozenset({4242}))


@pytest.fixture
def simcord_bot(settings: Settings, catalog: Catalog, database: Database) -> SoleArchive:
    return SoleArchive(settings=settings, catalog=catalog, database=database)


@dataclass
class World:
    """The seeded server most end-to-end tests play in."""

    env: simcord.Env
    guild: simcord.GuildHandle
    general: simcord.ChannelHandle
    member: simcord.MemberActor
    other: simcord.MemberActor
    moderator: simcord.MemberActor


async def seed_scores(database: Database, world: World, scores: dict[int, int]) -> TriviaStore:
    """One finished round in the world's server in which each member id scored the given points."""
    assert database.writer is not None
    store = TriviaStore(database, database.writer)
    now = discord.utils.utcnow()
    game = await store.create_game(
        guild_id=world.guild.id,
        channel_id=world.general.id,
        host_id=1,
        mode="choice",
        category=None,
        difficulty=None,
        rounds=1,
        seconds=20,
        started_at=now,
    )
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
    return isinstance(error, UserError | app_commands.CheckFailure)


@pytest.fixture
async def world(simcord_env: simcord.Env) -> AsyncIterator[World]:
    """The seeded server; at teardown, any error other than a user-facing one fails the test."""
    guild = simcord_env.create_guild("Sneakerheads")
    general = guild.create_text_channel("general")
    mods = guild.create_role("Moderators", permissions=discord.Permissions(manage_guild=True))
    member = guild.add_member(simcord_env.create_user("member"))
    other = guild.add_member(simcord_env.create_user("other"))
    moderator = guild.add_member(simcord_env.create_user("moderator"), roles=[mods])
    yield World(simcord_env, guild, general, member, other, moderator)
    unexpected = [error for error in simcord_env.errors if not is_user_error(error)]
    assert not unexpected, f"the bot raised unexpected errors: {unexpected!r}"
