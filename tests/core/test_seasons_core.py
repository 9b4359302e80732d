"""Seasons and fair play in the core: season boundaries, champions, the shared speed bonus, the store."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from helpers import GUILD_A, GUILD_B, NOW, new_game

from bot.storage import AnswerRecord, Database, SeasonStore, TriviaStore
from bot.trivia.fairness import counts_for_board, shared_elapsed
from bot.trivia.game import Game
from bot.trivia.questions import Mode, TriviaQuestion
from bot.trivia.seasons import Champion, champions, season_of


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("moment", "length", "key", "label", "start", "end"),
    [
        ("2026-01-31T23:59:59", "month", "2026-01", "January 2026", "2026-01-01", "2026-02-01"),
        ("2026-02-01T00:00:00", "month", "2026-02", "February 2026", "2026-02-01", "2026-03-01"),
        ("2026-12-15T10:00:00", "month", "2026-12", "December 2026", "2026-12-01", "2027-01-01"),
        ("2026-11-20T10:00:00", "quarter", "2026-Q4", "Q4 2026", "2026-10-01", "2027-01-01"),
        ("2026-01-01T00:00:00", "week", "2026-W01", "week 1 of 2026", "2025-12-29", "2026-01-05"),
    ],
)
def test_season_of(moment: str, length: str, key: str, label: str, start: str, end: str) -> None:
    season = season_of(at(moment), length)
    assert (season.key, season.label, season.start, season.end) == (key, label, at(start), at(end))
    assert season.previous(length).end == season.start and season.next(length).start == season.end


def test_champions_share_ranks_and_nobody_without_points_wins() -> None:
    board = [(1, 500), (2, 400), (3, 400), (4, 100), (5, 0)]
    assert champions(board, 2) == [Champion(1, 1, 500), Champion(2, 2, 400), Champion(2, 3, 400)]
    assert [c.member_id for c in champions(board, 10)] == [1, 2, 3, 4]
    assert champions([(9, 0)], 3) == []


def test_shared_speed_bonus_window() -> None:
    assert shared_elapsed(1.2, [1.0]) == 1.0  # 200 ms later: the earlier answer's time
    assert shared_elapsed(1.25, [1.0]) == 1.0  # exactly 250 ms: still shared
    assert shared_elapsed(1.3, [1.0]) == 1.3  # 300 ms later: its own time
    assert shared_elapsed(1.0, []) == 1.0
    assert counts_for_board(2, 2) and not counts_for_board(1, 2) and counts_for_board(1, 1)


def choice_question() -> TriviaQuestion:
    """An easy four-choice question whose answer is A."""
    return TriviaQuestion(
        id="q",
        prompt="?",
        answer="A",
        choices=("A", "B", "C", "D"),
        category="eras",
        difficulty="easy",
        explanation="",
        sources=(),
    )


def test_a_game_gives_near_simultaneous_right_answers_the_same_points() -> None:
    question = choice_question()
    game = Game(game_id=1, guild_id=1, channel_id=1, host_id=1, questions=[question], seconds=10, mode=Mode.CHOICE)
    game.start_round(100.0)
    first = game.answer(1, "A", 101.0)
    close = game.answer(2, "A", 101.24)
    late = game.answer(3, "A", 101.5)
    assert first.points == close.points == 145  # 100 + 50 x (1 - 1/10)
    assert late.points < close.points
    assert close.elapsed == pytest.approx(1.24)  # the real time is kept; only the bonus is shared


async def test_uncounted_games_leave_the_board_and_the_season(database: Database) -> None:
    assert database.writer is not None
    trivia = TriviaStore(database, database.writer)
    seasons = SeasonStore(database)
    solo = await new_game(trivia, GUILD_A, started_at=NOW, rounds=1)
    duel = await new_game(trivia, GUILD_A, channel_id=6, started_at=NOW, rounds=1)
    other_server = await new_game(trivia, GUILD_B, channel_id=7, started_at=NOW, rounds=1)
    for game, member, points in [(solo, 1, 900), (duel, 2, 150), (duel, 3, 100), (other_server, 4, 50)]:
        guild = GUILD_B if game == other_server else GUILD_A
        await trivia.record_answer(AnswerRecord(guild, 5, game, 0, member, "q", "eras", "x", True, 1.0, points, 9, NOW))
    await seasons.settle_game(GUILD_A, solo, players=1, counted=False)
    await seasons.settle_game(GUILD_A, duel, players=2, counted=True)
    await seasons.settle_game(GUILD_A, solo, players=1, counted=True)  # settled once: no change
    assert await seasons.counted(solo) is False
    season = season_of(NOW, "month")
    assert await seasons.board(GUILD_A, season) == [(2, 150), (3, 100)]
    assert [row.member_id for row in await trivia.leaderboard(GUILD_A, None)] == [2, 3]
    assert await seasons.claim(GUILD_A, season, NOW) and not await seasons.claim(GUILD_A, season, NOW)
    await seasons.record_champions(GUILD_A, season, champions(await seasons.board(GUILD_A, season), 1))
    [archived] = await seasons.archive(GUILD_A)
    assert archived.label == "March 2026" and archived.champions == (Champion(1, 2, 150),)
    assert await seasons.archive(GUILD_B) == []
    assert await seasons.previous_champions(GUILD_A, season.next("month")) == [2]


def test_the_bonus_is_shared_even_before_the_first_answer_is_recorded() -> None:
    question = choice_question()
    questions = [question, replace(question, id="q2")]
    game = Game(game_id=1, guild_id=1, channel_id=1, host_id=1, questions=questions, seconds=10, mode=Mode.CHOICE)
    game.start_round(0.0)
    first = game.judge(1, "A", 1.0)  # being committed…
    second = game.judge(2, "A", 1.2)  # …when the second click is judged
    assert first.points == second.points == 145
    game.record(first)
    game.record(second)
    game.close_round(5.0)
    game.start_round(10.0)  # a new round starts with no earlier right answers: its own bonus, plus a streak
    assert game.judge(2, "A", 11.24).points == 154
