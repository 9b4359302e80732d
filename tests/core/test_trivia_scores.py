"""Score export and reset of one server."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from helpers import GUILD_A, GUILD_B, NOW, Clock, new_game

from bot.storage import (
    AnswerRecord,
    Database,
    GuildSettingsStore,
    TriviaStore,
    export_scores_csv,
    reset_scores,
)
from bot.storage.trivia_scores import spreadsheet_safe


@pytest.fixture
def settings(database: Database) -> GuildSettingsStore:
    return GuildSettingsStore(database, clock=Clock())


def record(
    game: int, round_index: int, member: int, points: int, *, guild_id: int = GUILD_A, when: dt.datetime = NOW
) -> AnswerRecord:
    return AnswerRecord(
        guild_id,
        5,
        game,
        round_index,
        member,
        f"q{round_index}",
        "eras",
        "x",
        points > 0,
        float(points > 0),
        points,
        1000,
        when,
    )


async def test_export_then_reset_scores_of_one_server(database: Database) -> None:
    assert database.writer is not None
    trivia = TriviaStore(database, database.writer)
    old_game = await new_game(trivia, GUILD_A, 5, started_at=NOW - dt.timedelta(days=60), rounds=2)
    await trivia.record_answer(record(old_game, 0, 7, 100, when=NOW - dt.timedelta(days=60)))
    await trivia.record_answer(record(old_game, 0, 10, 0, when=NOW - dt.timedelta(days=60)))  # someone to beat
    await trivia.finish_game(old_game, "finished", NOW - dt.timedelta(days=60))
    game_a = await new_game(trivia, GUILD_A, 6, started_at=NOW, rounds=2)
    game_b = await new_game(trivia, GUILD_B, 8, started_at=NOW, rounds=2)
    for answer in [
        record(game_a, 0, 7, 100),
        record(game_a, 0, 8, 0),
        record(game_a, 1, 7, 50),
        record(game_a, 1, 8, 80),
        record(game_b, 0, 9, 500, guild_id=GUILD_B),
    ]:
        await trivia.record_answer(answer)
    await trivia.finish_game(game_a, "finished", NOW)
    await trivia.finish_game(game_b, "finished", NOW)
    month = NOW - dt.timedelta(days=30)

    exported = list(csv.reader(io.StringIO(await export_scores_csv(database, GUILD_A, month))))
    assert exported == [
        ["member_id", "display_name", "points", "correct", "answered"],
        ["7", "", "150", "2", "2"],
        ["8", "", "80", "1", "2"],
    ]
    everything = list(csv.reader(io.StringIO(await export_scores_csv(database, GUILD_A, None))))
    assert everything[1] == ["7", "", "250", "3", "3"] and len(everything) == 4

    assert await reset_scores(database, GUILD_A, month) == 4
    assert [(row.member_id, row.points) for row in await trivia.leaderboard(GUILD_A, None)] == [(7, 100), (10, 0)]
    assert (await trivia.member_stats(GUILD_A, 7)).wins == 1  # the old game's win stands; this month's is gone
    assert {
        row[0]
        for row in await database.fetch_all(
            "SELECT game_id FROM trivia_game_players WHERE guild_id = ? ORDER BY game_id", (GUILD_A,)
        )
    } == {old_game}
    # server B is untouched
    assert [(row.member_id, row.points) for row in await trivia.leaderboard(GUILD_B, None)] == [(9, 500)]
    assert (await trivia.member_stats(GUILD_B, 9)).wins == 0  # a game played alone is nobody's win
    assert (await export_scores_csv(database, GUILD_B, month)).splitlines()[1] == "9,,500,1,1"

    assert await reset_scores(database, GUILD_A, None) == 2
    assert (await export_scores_csv(database, GUILD_A, None)).splitlines() == [
        "member_id,display_name,points,correct,answered"
    ]
    assert await reset_scores(database, GUILD_A, None) == 0


async def test_the_export_names_members_and_defuses_spreadsheet_formulas(database: Database) -> None:
    assert database.writer is not None
    trivia = TriviaStore(database, database.writer)
    game = await new_game(trivia, GUILD_A, 5)
    for member, points in ((7, 300), (8, 200), (9, 100)):
        await trivia.record_answer(record(game, 0, member, points))
    names = {7: '=HYPERLINK("http://x")', 8: 'Sneaker, "Head"'}
    rows = list(csv.reader(io.StringIO(await export_scores_csv(database, GUILD_A, None, names=names))))
    assert rows[1:] == [
        ["7", '\'=HYPERLINK("http://x")', "300", "1", "1"],  # shown as text, never run as a formula
        ["8", 'Sneaker, "Head"', "200", "1", "1"],
        ["9", "", "100", "1", "1"],  # a member whose name is not known
    ]
    assert [spreadsheet_safe(text) for text in ("+1", "-1", "@a", "a=b")] == ["'+1", "'-1", "'@a", "a=b"]


async def test_a_game_played_alone_is_not_a_win(database: Database) -> None:
    assert database.writer is not None
    trivia = TriviaStore(database, database.writer)
    alone = await new_game(trivia, GUILD_A, 5)
    await trivia.record_answer(record(alone, 0, 7, 100))
    await trivia.finish_game(alone, "finished", NOW)
    together = await new_game(trivia, GUILD_A, 6)
    await trivia.record_answer(record(together, 0, 7, 100))
    await trivia.record_answer(record(together, 0, 8, 0))
    await trivia.finish_game(together, "finished", NOW)
    stats = await trivia.member_stats(GUILD_A, 7)
    assert (stats.games, stats.wins) == (2, 1)
