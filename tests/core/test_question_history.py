"""The per-server history of asked questions, the daily choice, and the per-question answer tallies."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from helpers import GUILD_A, GUILD_B, NOW, new_game

from bot.storage import AnswerRecord, DailyRecord, Database, QuestionHistory, QuestionStats, TriviaStore
from bot.trivia.bank import QuestionBank
from bot.trivia.difficulty import Tally


def stores(database: Database) -> tuple[TriviaStore, QuestionHistory, QuestionStats]:
    assert database.writer is not None
    return TriviaStore(database, database.writer), QuestionHistory(database), QuestionStats(database)


def answer(
    game: int, round_index: int, member: int, question: str, correct: bool, guild: int = GUILD_A
) -> AnswerRecord:
    return AnswerRecord(
        guild, 5, game, round_index, member, question, "eras", "x", correct, float(correct), 0, 900, NOW
    )


async def test_rounds_file_questions_per_server_oldest_first_and_survive_a_reopen(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    database = await Database.open(path)
    trivia, history, _ = stores(database)
    here = await new_game(trivia, GUILD_A)
    there = await new_game(trivia, GUILD_B, channel_id=6)
    for index, question in enumerate(["q1", "q2", "q3"]):
        await trivia.record_round(here, index, question, "eras", NOW + dt.timedelta(minutes=index))
    await trivia.record_round(there, 0, "q9", "eras", NOW)
    await trivia.record_round(here, 3, "q1", "eras", NOW + dt.timedelta(minutes=9))  # asked again: now the newest
    assert await history.seen(GUILD_A) == ["q2", "q3", "q1"]
    assert await history.seen(GUILD_B) == ["q9"]  # one server's games never enter another's history
    await database.close()

    reopened = await Database.open(path)  # a restart
    assert await QuestionHistory(reopened).seen(GUILD_A) == ["q2", "q3", "q1"]
    await reopened.close()


async def test_the_oldest_time_never_overwrites_a_newer_one(database: Database) -> None:
    _, history, _ = stores(database)
    await history.remember(GUILD_A, "q1", NOW + dt.timedelta(hours=1))
    await history.remember(GUILD_A, "q2", NOW + dt.timedelta(hours=2))
    await history.remember(GUILD_A, "q1", NOW)  # a late write of an earlier ask
    assert await history.seen(GUILD_A) == ["q1", "q2"]


async def test_the_daily_choice_is_kept_and_only_a_vanished_one_is_replaced(database: Database) -> None:
    _, history, _ = stores(database)
    day = NOW.date()
    assert await history.choose_daily(GUILD_A, day, "q1", NOW) == "q1"
    assert await history.choose_daily(GUILD_A, day, "q2", NOW) == "q1"  # a second first request agrees
    assert await history.choose_daily(GUILD_B, day, "q2", NOW) == "q2"
    assert await history.choose_daily(GUILD_A, day, "q3", NOW, replacing="q1") == "q3"  # q1 left the bank
    assert set(await history.seen(GUILD_A)) == {"q1", "q3"}  # each chosen question entered the history


def test_the_daily_draw_prefers_unseen_then_the_longest_unseen(catalog: object) -> None:
    bank = QuestionBank(catalog)  # type: ignore[arg-type]
    day = NOW.date()
    ids = [q.id for q in bank if q.playable_choice()]
    for seed in range(5):
        seen = random.Random(seed).sample(ids, len(ids) - 1)
        picked = bank.daily(GUILD_A, day, seen=seen)
        assert picked is not None and picked.id not in seen
    everything = list(reversed(ids))
    assert bank.daily(GUILD_A, day, seen=everything) == bank.get(everything[0])


async def test_answers_are_counted_once_with_the_answer_and_a_skip_takes_them_back(database: Database) -> None:
    trivia, _, stats = stores(database)
    game = await new_game(trivia)
    await trivia.record_round(game, 0, "q1", "eras", NOW)
    await trivia.record_answer(answer(game, 0, 1, "q1", True))
    await trivia.record_answer(answer(game, 0, 2, "q1", False))
    await trivia.record_answer(answer(game, 0, 2, "q1", True))  # the same member's round again: not counted
    assert await stats.tally("q1") == Tally(answered=2, correct=1)

    await trivia.record_round(game, 1, "q2", "eras", NOW)
    await trivia.record_answer(answer(game, 1, 1, "q2", True))
    await trivia.void_round(game, 1)  # skipped: its answers count for nothing
    assert await stats.tally("q2") == Tally(0, 0)
    assert await stats.tally("q1") == Tally(2, 1)

    daily = DailyRecord(GUILD_A, NOW.date(), 1, "q1", "x", False, NOW)
    await trivia.record_daily(daily)
    await trivia.record_daily(daily)
    assert await stats.tally("q1") == Tally(3, 1)


async def test_a_servers_tallies_are_its_own_answers_only(database: Database) -> None:
    trivia, _, stats = stores(database)
    here = await new_game(trivia, GUILD_A)
    there = await new_game(trivia, GUILD_B, channel_id=6)
    await trivia.record_answer(answer(here, 0, 1, "q1", False))
    await trivia.record_answer(answer(there, 0, 1, "q1", True, guild=GUILD_B))
    await trivia.record_answer(answer(there, 0, 2, "q1", True, guild=GUILD_B))
    await trivia.record_daily(DailyRecord(GUILD_A, NOW.date(), 1, "q1", "x", False, NOW))
    assert await stats.server_tallies(GUILD_A) == {"q1": Tally(2, 0)}
    assert await stats.server_tallies(GUILD_B) == {"q1": Tally(2, 2)}
    assert await stats.tally("q1") == Tally(4, 2)  # the one aggregate shared across servers


async def test_upgrading_a_database_files_what_was_already_played(tmp_path: Path) -> None:
    import sqlite3

    from bot.storage import load_migrations
    from bot.storage.sqlite.database import statements as _statements

    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as raw:  # a database as the previous release left it (schema 3), with play in it
        for migration in load_migrations()[:3]:
            for statement in _statements(migration.sql):
                raw.execute(statement)
        raw.execute("PRAGMA user_version = 3")
        raw.execute(
            "INSERT INTO trivia_games (id, guild_id, channel_id, host_id, mode, rounds, seconds, started_at) "
            "VALUES (1, ?, 5, 1, 'choice', 2, 20, '2026-01-01')",
            (GUILD_A,),
        )
        raw.execute("INSERT INTO trivia_rounds VALUES (1, 0, 'q1', 'eras', '2026-01-01T00:00:01Z')")
        raw.execute("INSERT INTO trivia_rounds VALUES (1, 1, 'q2', 'eras', '2026-01-01T00:00:02Z')")
        for member, correct in ((1, 1), (2, 0)):
            raw.execute(
                "INSERT INTO trivia_answers (guild_id, channel_id, game_id, round_index, member_id, question_id, "
                "category, choice, correct, credit, points, answer_ms, answered_at) "
                "VALUES (?, 5, 1, 0, ?, 'q1', 'eras', 'x', ?, ?, 0, 900, '2026-01-01')",
                (GUILD_A, member, correct, float(correct)),
            )
        raw.execute("INSERT INTO trivia_daily VALUES (?, '2026-01-02', 1, 'q1', 'x', 0, '2026-01-02')", (GUILD_B,))
    database = await Database.open(path)
    _, history, stats = stores(database)
    assert await history.seen(GUILD_A) == ["q1", "q2"] and await history.seen(GUILD_B) == []
    assert await stats.tally("q1") == Tally(3, 1)
    await database.close()
