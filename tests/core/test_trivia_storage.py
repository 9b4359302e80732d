"""Trivia storage on a real SQLite file: group commit, durability across SIGKILL, boards, stats, isolation."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from helpers import GUILD_A, GUILD_B, NOW, new_game

from bot.storage import AnswerRecord, ConstraintError, DailyRecord, Database, TriviaStore


def answer(
    game_id: int,
    round_index: int,
    member_id: int,
    *,
    correct: bool = True,
    points: int = 100,
    guild_id: int = GUILD_A,
    category: str = "eras",
    when: dt.datetime = NOW,
) -> AnswerRecord:
    return AnswerRecord(
        guild_id=guild_id,
        channel_id=5,
        game_id=game_id,
        round_index=round_index,
        member_id=member_id,
        question_id=f"q{round_index}",
        category=category,
        choice="x",
        correct=correct,
        credit=float(correct),
        points=points if correct else 0,
        answer_ms=1500,
        answered_at=when,
    )


@pytest.fixture
async def store(database: Database) -> TriviaStore:
    assert database.writer is not None
    return TriviaStore(database, database.writer)


async def test_concurrent_answers_share_commits(store: TriviaStore, database: Database) -> None:
    game = await new_game(store)
    await asyncio.gather(*(store.record_answer(answer(game, 0, member)) for member in range(200)))
    (count,) = await database.fetch_one("SELECT COUNT(*) FROM trivia_answers")  # type: ignore[misc]
    assert count == 200
    assert database.writer is not None
    assert database.writer.stats.commits < 20  # 200 answers, a handful of transactions
    assert database.writer.stats.largest_batch > 10


async def test_a_double_answer_is_ignored_not_an_error(store: TriviaStore, database: Database) -> None:
    game = await new_game(store)
    await store.record_answer(answer(game, 0, 7))
    await store.record_answer(answer(game, 0, 7, points=999))
    assert [row[0] for row in await database.fetch_all("SELECT points FROM trivia_answers")] == [100]


async def test_one_running_game_per_channel_in_the_database(store: TriviaStore) -> None:
    await new_game(store, channel_id=9)
    with pytest.raises(ConstraintError):  # the same error on both backends
        await new_game(store, channel_id=9)


async def test_finish_game_ranks_ties_and_records_the_winner(store: TriviaStore) -> None:
    game = await new_game(store)
    for record in [
        answer(game, 0, 1),
        answer(game, 0, 2),
        answer(game, 0, 3, correct=False),
        answer(game, 1, 1, points=50),
        answer(game, 1, 2, points=50),
        answer(game, 1, 3, correct=False),
    ]:
        await store.record_answer(record)
    standings = await store.finish_game(game, "stopped", NOW)
    assert [(s.member_id, s.points, s.rank) for s in standings] == [(1, 150, 1), (2, 150, 1), (3, 0, 3)]
    assert standings[0].best_streak == 2
    stats = await store.member_stats(GUILD_A, 3)
    assert stats.games == 1  # a player who scored nothing still played a game
    assert (await store.member_stats(GUILD_A, 1)).wins == 1  # a game stopped early still records its winner


async def test_leaderboard_periods_and_server_isolation(store: TriviaStore) -> None:
    game_a = await new_game(store)
    game_b = await new_game(store, guild_id=GUILD_B, channel_id=6)
    await store.record_answer(answer(game_a, 0, 1, points=100, when=NOW - dt.timedelta(days=40)))
    await store.record_answer(answer(game_a, 1, 2, points=80))
    await store.record_answer(answer(game_b, 0, 3, points=500, guild_id=GUILD_B))
    everything = await store.leaderboard(GUILD_A, None)
    assert [(row.member_id, row.points) for row in everything] == [(1, 100), (2, 80)]
    this_month = await store.leaderboard(GUILD_A, NOW - dt.timedelta(days=30))
    assert [row.member_id for row in this_month] == [2]
    assert await store.rank_of(GUILD_A, 3, None) is None  # server B's player never shows in server A
    assert (await store.member_stats(GUILD_A, 3)).answers == 0


async def test_member_stats(store: TriviaStore) -> None:
    game = await new_game(store)
    rounds = [(True, "eras"), (True, "eras"), (False, "tech"), (True, "tech"), (True, "tech"), (True, "eras")]
    for index, (correct, category) in enumerate(rounds):
        await store.record_answer(answer(game, index, 1, correct=correct, category=category))
    stats = await store.member_stats(GUILD_A, 1)
    assert (stats.answers, stats.correct, stats.best_streak, stats.rank) == (6, 5, 3, 1)
    assert stats.by_category == {"eras": (3, 3), "tech": (2, 3)}
    assert stats.average_ms == 1500


async def test_daily_streak(store: TriviaStore) -> None:
    today = NOW.date()
    for days_ago, correct in [(0, True), (1, True), (2, True), (4, True), (3, False)]:
        day = today - dt.timedelta(days=days_ago)
        await store.record_daily(DailyRecord(GUILD_A, day, 1, "q", "x", correct, NOW))
    assert await store.daily_streak(GUILD_A, 1, today) == 3
    assert await store.daily_streak(GUILD_A, 1, today + dt.timedelta(days=1)) == 3
    assert await store.daily_streak(GUILD_A, 1, today + dt.timedelta(days=2)) == 0
    assert await store.daily_answer(GUILD_A, 1, today) == ("q", "x", True)
    assert await store.daily_answer(GUILD_B, 1, today) is None


async def test_reports_hold_a_question_after_three_members(store: TriviaStore) -> None:
    for member in (1, 2):
        await store.report(GUILD_A, "gen:x", member, "wrong year", NOW)
    assert await store.held_questions(GUILD_A) == set()
    assert await store.report(GUILD_A, "gen:x", 2, "still wrong", NOW) == 2  # the same member counts once
    assert await store.report(GUILD_A, "gen:x", 3, "wrong", NOW) == 3
    assert await store.held_questions(GUILD_A) == {"gen:x"}
    assert await store.held_questions(GUILD_B) == set()


CHILD = textwrap.dedent(
    """
    import asyncio, datetime as dt, sys
    from bot.storage import AnswerRecord, Database, TriviaStore

    async def main(path):
        db = await Database.open(path)
        store = TriviaStore(db, db.writer)
        game = await store.create_game(guild_id=1, channel_id=1, host_id=1, mode="choice", category=None,
                                       difficulty=None, rounds=10, seconds=20,
                                       started_at=dt.datetime.now(dt.UTC))

        async def one(n):
            await store.record_answer(AnswerRecord(1, 1, game, n // 10, n % 10, "q", "eras", "x", True, 1.0,
                                                   100, 10, dt.datetime.now(dt.UTC)))
            print(f"ACK {n}", flush=True)  # the acknowledgement a player would see

        n = 0
        while True:  # answers keep coming until the process is killed
            await asyncio.gather(*(one(n + i) for i in range(10)))
            n += 10

    asyncio.run(main(sys.argv[1]))
    """
)


def test_acknowledged_answers_survive_sigkill(database_target: Path | str) -> None:
    """On both backends: every answer the child acknowledged is in the database after a SIGKILL."""
    root = Path(__file__).parents[2]
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(database_target)],
        cwd=root,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    acknowledged: set[int] = set()
    assert child.stdout is not None
    for line in child.stdout:
        acknowledged.add(int(line.split()[1]))
        if len(acknowledged) >= 300:
            break
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL

    async def reopened() -> set[int]:
        database = await Database.open(database_target)
        try:
            rows = await database.fetch_all("SELECT round_index, member_id FROM trivia_answers")
        finally:
            await database.close()
        return {round_index * 10 + member for round_index, member in rows}

    stored = asyncio.run(reopened())
    assert acknowledged <= stored, f"lost {len(acknowledged - stored)} acknowledged answers"


async def test_an_answer_arriving_between_export_and_reset_is_neither_exported_nor_cleared(
    store: TriviaStore, database: Database
) -> None:
    from bot.storage import export_scores_csv, last_answer_id, reset_scores

    game = await new_game(store)
    await store.record_answer(answer(game, 0, 1, points=100))
    last = await last_answer_id(database, GUILD_A)
    exported = await export_scores_csv(database, GUILD_A, None, up_to_id=last)
    await store.record_answer(answer(game, 1, 2, points=70))  # a click lands while the moderator confirms
    assert await reset_scores(database, GUILD_A, None, up_to_id=last) == 1
    assert exported.splitlines() == ["member_id,display_name,points,correct,answered", "1,,100,1,1"]
    assert [(row.member_id, row.points) for row in await store.leaderboard(GUILD_A, None)] == [(2, 70)]
