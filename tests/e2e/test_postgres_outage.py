"""PostgreSQL stopped in the middle of a game and started again: members are told to try again in a
moment, nothing half-counts, and the same bot carries on once the server is back (no restart)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from helpers import World, running_session
from pg import PgServer
from test_trivia import question_message, start

from bot.shell.client import SoleArchive
from bot.storage import Database


@pytest.fixture
async def database(own_pg_server: PgServer) -> AsyncIterator[Database]:
    """The bot of this module runs on a PostgreSQL server of its own (the test stops it)."""
    db = await Database.open(own_pg_server.url())
    yield db
    await db.close()


async def test_a_click_while_postgresql_is_down_says_try_again_and_counts_once_it_is_back(
    world: World, simcord_bot: SoleArchive, own_pg_server: PgServer, database: Database
) -> None:
    assert database.kind == "postgresql"
    await start(world, rounds=2, seconds=20)
    question = question_message(world.general)
    session = running_session(simcord_bot, world.general.id)
    right = session.game.current.answer
    first = await world.other.click(question, label=right)
    assert "Locked in" in first.response.content

    await asyncio.to_thread(own_pg_server.stop)
    refused = await world.member.click(question, label=right)
    assert refused.ephemeral and "try again in a moment" in refused.response.content
    assert world.member.id not in session.game.answered_by()  # not stored, so not counted

    await asyncio.to_thread(own_pg_server.start)
    again = await world.member.click(question, label=right)  # the same bot, no restart
    assert again.ephemeral and "Locked in" in again.response.content
    rows = await database.fetch_all("SELECT member_id FROM trivia_answers ORDER BY id")
    assert [row[0] for row in rows] == [world.other.id, world.member.id]
