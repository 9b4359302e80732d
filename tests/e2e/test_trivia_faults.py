"""Trivia under storage faults, end to end: a locked database, a full disk, a database file that vanished.

The faults are real: a second connection holds SQLite's write lock (``BEGIN IMMEDIATE``), SQLite itself
reports a full disk (``PRAGMA max_page_count`` on the writer's connection), the file is deleted. Time is
simcord's virtual clock; nothing here sleeps.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import discord
import pytest
from forged import forged_slash
from helpers import World, new_game, running_session

from bot.settings import Settings
from bot.shell.client import SoleArchive
from bot.storage import AnswerRecord, Database, TriviaStore

# A wait longer than this is simcord's virtual time: the writer's 2-second retries while the database is
# locked, and the 2 seconds an answer waits before saying "saving…", pass only with advance_time.
pytestmark = pytest.mark.simcord(settle_timeout=1.9)


def question_message(channel) -> discord.Message:  # type: ignore[no-untyped-def]
    for message in reversed(channel.history()):
        title = message.embeds[0].title if message.embeds else ""
        if title and title.startswith("Question") and "answer" not in title:
            return message
    raise AssertionError("no open question in the channel")


async def open_question(
    world: World, bot: SoleArchive, *, rounds: int = 2, seconds: int = 30
) -> tuple[discord.Message, str]:
    """Start a game in #general: the message of its open question, and that question's right answer."""
    await world.member.slash(world.general, "trivia start", rounds=rounds, seconds=seconds)
    return question_message(world.general), running_session(bot, world.general.id).game.current.answer


def revealed(channel, message_id: int) -> discord.Message:  # type: ignore[no-untyped-def]
    return next(m for m in channel.history() if m.id == message_id)


def got_it(message: discord.Message) -> str:
    return next(f.name for f in message.embeds[0].fields if f.name.startswith("Got it"))


def stored_answers(path: Path) -> int:
    """Answers stored in the test server's games (not the filler of server 999)."""
    with sqlite3.connect(path) as raw:
        (count,) = raw.execute("SELECT COUNT(*) FROM trivia_answers WHERE guild_id != 999").fetchone()
    return int(count)


@contextmanager
def write_lock(path: Path) -> Iterator[sqlite3.Connection]:
    """Another process's connection holding the database's write lock until the block ends."""
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("BEGIN IMMEDIATE")
    try:
        yield raw
    finally:
        raw.execute("ROLLBACK")
        raw.close()


async def fill_up(store: TriviaStore, game_id: int, choice: str) -> None:
    """Another server's answers take the last free space, the way a disk fills up."""
    for filler in range(100_000):
        now = discord.utils.utcnow()
        await store.record_answer(AnswerRecord(999, 999, game_id, 0, filler, "q", "eras", choice, True, 1.0, 1, 9, now))


def answer_text(result) -> str:  # type: ignore[no-untyped-def]
    """What the member sees now: the reply, as edited since."""
    assert result.response is not None
    return result.response.content


async def test_an_answer_the_locked_database_refused_is_not_counted_and_can_be_given_again(
    world: World, simcord_bot: SoleArchive, settings: Settings
) -> None:
    message, right = await open_question(world, simcord_bot)
    with write_lock(settings.database):
        click = await world.member.click(message, label=right)
        await world.env.advance_time(2.5)
        assert click.ephemeral and answer_text(click) == "⏳ Saving your answer…"  # answered within 3 s
        await world.env.advance_time(10)  # the lock outlasts the writer's patience
        assert "not saved" in answer_text(click) and "busy" in answer_text(click)
        assert "Answer again" in answer_text(click)
    assert stored_answers(settings.database) == 0
    again = await world.member.click(message, label=right)  # free to answer again, and this one counts
    assert "Locked in" in answer_text(again)
    await world.env.advance_time(20)
    assert got_it(revealed(world.general, message.id)) == "Got it (1/1)"
    assert stored_answers(settings.database) == 1


async def test_a_slow_commit_says_saving_then_locked_in_and_counts(
    world: World, simcord_bot: SoleArchive, settings: Settings
) -> None:
    message, right = await open_question(world, simcord_bot)
    with write_lock(settings.database):
        click = await world.member.click(message, label=right)
        await world.env.advance_time(4)  # a 4-second lock: longer than Discord waits for a reply
        assert answer_text(click) == "⏳ Saving your answer…"
    await world.env.advance_time(2)  # the writer's next try, once the lock is gone
    assert "Locked in" in answer_text(click) and right in answer_text(click)
    assert stored_answers(settings.database) == 1
    await world.env.advance_time(30)
    assert got_it(revealed(world.general, message.id)) == "Got it (1/1)"


async def test_a_full_disk_refuses_the_answer_out_loud_and_the_reveal_does_not_count_it(
    world: World, simcord_bot: SoleArchive, settings: Settings, database: Database
) -> None:
    message, right = await open_question(world, simcord_bot)
    writer = database.writer
    assert writer is not None
    connection = writer.sink._connection  # type: ignore[attr-defined]
    async with connection.execute("PRAGMA page_count") as cursor:
        (pages,) = await cursor.fetchone()  # type: ignore[misc]
    await (await connection.execute(f"PRAGMA max_page_count = {int(pages)}")).close()
    elsewhere = await new_game(simcord_bot.trivia_store, guild_id=999, channel_id=999)
    with pytest.raises(sqlite3.OperationalError, match="full"):
        await fill_up(simcord_bot.trivia_store, elsewhere, right)
    click = await world.member.click(message, label=right)
    assert "not saved" in answer_text(click) and "full" in answer_text(click)
    await (await connection.execute("PRAGMA max_page_count = 1073741823")).close()  # space freed again
    await world.env.advance_time(30)
    assert got_it(revealed(world.general, message.id)) == "Got it (0/0)"
    assert stored_answers(settings.database) == 0


async def test_an_answer_after_the_database_file_vanished_says_so_privately(
    world: World, simcord_bot: SoleArchive, settings: Settings
) -> None:
    message, right = await open_question(world, simcord_bot)
    for suffix in ("", "-wal", "-shm"):
        os.unlink(f"{settings.database}{suffix}")
    click = await world.member.click(message, label=right)
    assert click.ephemeral and "not saved" in answer_text(click) and "database file went missing" in answer_text(click)
    assert "Something went wrong" not in answer_text(click)


def game_rows(path: Path) -> list[tuple[int, str]]:
    with sqlite3.connect(path) as raw:
        return [(int(i), str(s)) for i, s in raw.execute("SELECT id, status FROM trivia_games ORDER BY id")]


async def test_a_start_whose_reply_failed_leaves_the_channel_free(world: World, settings: Settings) -> None:
    world.env.inject_error("POST", "/interactions/*/callback", status=404, code=10062, message="Unknown interaction")
    failed = await world.member.slash(world.general, "trivia start", rounds=2)
    assert not failed.acknowledged
    assert game_rows(settings.database) == [(1, "stopped")]  # nothing left running
    again = await world.member.slash(world.general, "trivia start", rounds=2)
    assert not again.ephemeral and "Trivia starting" in again.response.content
    stopped = await world.member.slash(world.general, "trivia stop")
    assert "stopped the game" in stopped.response.content
    assert world.general.history()[-1].embeds[0].title == "🏁 Game stopped"


async def test_a_game_whose_end_could_not_be_saved_is_closed_at_the_next_start(
    world: World, simcord_bot: SoleArchive, settings: Settings
) -> None:
    message, right = await open_question(world, simcord_bot, rounds=1, seconds=10)
    await world.member.click(message, label=right)
    with write_lock(settings.database):
        await world.env.advance_time(60)  # every try at recording the end waits out the lock, and fails
        final = world.general.history()[-1].embeds[0]
        assert final.title == "🏁 Game over" and f"<@{world.member.id}>" in final.description  # as played
    assert game_rows(settings.database) == [(1, "running")]  # what the lock kept out
    fresh = await world.member.slash(world.general, "trivia start", rounds=1)
    assert not fresh.ephemeral and "Trivia starting" in fresh.response.content
    assert game_rows(settings.database) == [(1, "interrupted"), (2, "running")]


async def test_stop_right_after_start_ends_the_first_round_at_once(
    world: World, simcord_bot: SoleArchive, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = simcord_bot.trivia_store
    create_game = store.create_game
    lock = sqlite3.connect(settings.database, isolation_level=None)

    async def create_then_lock(**options: object) -> int:  # the real call, then another connection's lock
        game_id = await create_game(**options)  # type: ignore[arg-type]
        lock.execute("BEGIN IMMEDIATE")
        return game_id

    monkeypatch.setattr(store, "create_game", create_then_lock)
    try:  # so the first question is still being saved when /trivia stop comes
        await world.member.slash(world.general, "trivia start", rounds=3, seconds=60)
        stopped = await world.member.slash(world.general, "trivia stop")
        assert "stopped the game" in stopped.response.content
    finally:
        lock.execute("ROLLBACK")
        lock.close()
    await world.env.advance_time(3)  # long enough for the writer's next try, far short of the round's 60 s
    assert world.general.history()[-1].embeds[0].title == "🏁 Game stopped"
    assert game_rows(settings.database) == [(1, "stopped")]


@pytest.mark.parametrize(
    ("options", "refusal"),
    [
        ({"seconds": 0}, "`seconds` must be a whole number from 10 to 120"),
        ({"seconds": -5}, "`seconds` must be a whole number from 10 to 120"),
        ({"seconds": 10**30}, "`seconds` must be a whole number from 10 to 120"),  # too large for SQLite
        ({"rounds": 10**30}, "`rounds` must be a whole number from 1 to 50"),
        ({"mode": "blitz"}, "I couldn't understand one of the options"),
    ],
)
async def test_forged_start_options_are_refused_and_leave_nothing_behind(
    world: World, simcord_bot: SoleArchive, settings: Settings, options: dict[str, object], refusal: str
) -> None:
    result = await forged_slash(simcord_bot, world.member, world.general, "trivia", "start", **options)
    assert result.ephemeral and refusal in result.response.content
    assert game_rows(settings.database) == []
    fine = await world.member.slash(world.general, "trivia start", rounds=1)
    assert not fine.ephemeral


async def test_a_daily_answer_during_a_lock_is_acknowledged_at_once_then_saved(
    world: World, settings: Settings
) -> None:
    shown = await world.member.slash(world.general, "trivia daily")
    first_choice = shown.response.components[0]["components"][0]["label"]
    with write_lock(settings.database):
        answered = await world.member.click(shown.response, label=first_choice)
        assert answered.acknowledged  # within Discord's 3 s, though the write is still waiting
        await world.env.advance_time(4)
    await world.env.advance_time(2)
    assert any(f.name == "You answered" for f in shown.response.embeds[0].fields)
    with sqlite3.connect(settings.database) as raw:
        assert raw.execute("SELECT COUNT(*) FROM trivia_daily").fetchone() == (1,)


async def test_a_question_whose_message_id_could_not_be_saved_still_plays(
    world: World, simcord_bot: SoleArchive, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = simcord_bot.trivia_store
    record_round = store.record_round
    lock = sqlite3.connect(settings.database, isolation_level=None)

    async def record_then_lock(*args: object) -> None:  # the real call, then another connection's lock
        await record_round(*args)  # type: ignore[arg-type]
        if not lock.in_transaction:
            lock.execute("BEGIN IMMEDIATE")

    monkeypatch.setattr(store, "record_round", record_then_lock)
    try:
        await world.member.slash(world.general, "trivia start", rounds=2, seconds=30)
        await world.env.advance_time(12)  # saving the question's message id gives up
    finally:
        lock.execute("ROLLBACK")
        lock.close()
    message = question_message(world.general)
    right = running_session(simcord_bot, world.general.id).game.current.answer
    assert "Locked in" in answer_text(await world.member.click(message, label=right))
    await world.env.advance_time(18)
    assert got_it(revealed(world.general, message.id)) == "Got it (1/1)"  # the game went on
