"""Shared fixtures: the shipped catalog (loaded once), a real temporary database, the bot under simcord."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import discord
import pytest
import simcord
from helpers import FIXTURE_DATA, World, is_user_error
from pg import PgServer, require_postgres

from bot.catalog import Catalog, load_catalog
from bot.settings import Settings
from bot.shell.client import SoleArchive
from bot.storage import Database


def _one_simulated_shard_by_default() -> None:
    """SoleArchive is an AutoShardedBot that asks Discord for its shard count; simcord has no such question
    to answer and wants the count. Every simulated Discord of the tests (the ``simcord_env`` fixture or an
    ``Env`` a test builds itself) runs one shard unless the test or the bot's settings ask for more."""
    original = simcord.Env.__init__
    if getattr(original, "one_shard_by_default", False):
        return

    def init(self: simcord.Env, bot: discord.Client, *args: Any, shard_count: int | None = None, **kwargs: Any) -> None:
        if shard_count is None and isinstance(bot, discord.AutoShardedClient) and bot.shard_count is None:
            shard_count = 1
        original(self, bot, *args, shard_count=shard_count, **kwargs)

    init.one_shard_by_default = True  # type: ignore[attr-defined]
    simcord.Env.__init__ = init  # type: ignore[method-assign]


_one_simulated_shard_by_default()


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
    return SoleArchive(settings=settings, catalog=catalog, database=database, rng=random.Random(1906))


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


@contextmanager
def running_pg_server() -> Iterator[PgServer]:
    """A PostgreSQL server started for the block and destroyed after it (skips the test without the binaries)."""
    server = PgServer(require_postgres())
    try:
        server.start()
        yield server
    finally:
        server.destroy()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A real PostgreSQL server for the whole run (skipped locally without the binaries, required in CI)."""
    with running_pg_server() as server:
        yield server


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    """An empty database of its own on the shared server, dropped after the test."""
    name = pg_server.fresh_name()
    pg_server.psql(f'CREATE DATABASE "{name}"')
    yield pg_server.url(name)
    pg_server.psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_migrated_url(pg_server: PgServer) -> str:
    """A database at the current schema with no rows, shared by the store tests one after another."""
    return pg_server.url(pg_server.shared_migrated())


@pytest.fixture
def own_pg_server() -> Iterator[PgServer]:
    """A PostgreSQL server of the test's own, for tests that stop it: the shared one stays up."""
    with running_pg_server() as server:
        yield server
