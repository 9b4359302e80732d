"""Right and wrong answers per question: a running total across servers, and each server's own tallies.

Parameters in a SELECT list are CAST, so a backend that types them from context (PostgreSQL) knows
their type. The totals (``question_stats``) are bumped in the same commit as the answer they count (the statements
below ride in ``TriviaStore.record_answer`` / ``record_daily`` through the group-commit writer), and only
when that answer is new: a repeated write of the same answer counts once. They feed one thing shared
between servers, the measured difficulty (:mod:`bot.trivia.difficulty`). Anything shown to a server about
what its members get wrong is read from that server's own answers (``server_tallies``).
"""

from __future__ import annotations

from bot.trivia.difficulty import MIN_ANSWERS, Tally, measured_difficulties

from .database import Database
from .writer import Statement

__all__ = ["QuestionStats", "count_daily_answer", "count_game_answer", "uncount_round"]


def count_game_answer(question_id: str, correct: bool, game_id: int, round_index: int, member_id: int) -> Statement:
    """Count one game answer, unless that member's answer to that round is already stored (goes first)."""
    return (
        "INSERT INTO question_stats (question_id, answered, correct) "
        "SELECT CAST(? AS TEXT), 1, CAST(? AS INTEGER) WHERE NOT EXISTS "
        "(SELECT 1 FROM trivia_answers WHERE game_id = ? AND round_index = ? AND member_id = ?) "
        "ON CONFLICT (question_id) DO UPDATE SET answered = question_stats.answered + 1, "
        "correct = question_stats.correct + excluded.correct",
        (question_id, int(correct), game_id, round_index, member_id),
    )


def count_daily_answer(question_id: str, correct: bool, guild_id: int, member_id: int, day: str) -> Statement:
    """Count one daily answer, unless the member's answer of that day is already stored (goes first)."""
    return (
        "INSERT INTO question_stats (question_id, answered, correct) "
        "SELECT CAST(? AS TEXT), 1, CAST(? AS INTEGER) WHERE NOT EXISTS "
        "(SELECT 1 FROM trivia_daily WHERE guild_id = ? AND member_id = ? AND day = ?) "
        "ON CONFLICT (question_id) DO UPDATE SET answered = question_stats.answered + 1, "
        "correct = question_stats.correct + excluded.correct",
        (question_id, int(correct), guild_id, member_id, day),
    )


def uncount_round(game_id: int, round_index: int) -> Statement:
    """Take a skipped round's answers back out of the totals (goes before they are deleted)."""
    return (
        "UPDATE question_stats SET "
        "answered = answered - (SELECT COUNT(*) FROM trivia_answers WHERE game_id = ? AND round_index = ? "
        "AND question_id = question_stats.question_id), "
        "correct = correct - (SELECT COUNT(*) FROM trivia_answers WHERE game_id = ? AND round_index = ? "
        "AND question_id = question_stats.question_id AND correct = 1) "
        "WHERE question_id IN (SELECT question_id FROM trivia_answers WHERE game_id = ? AND round_index = ?)",
        (game_id, round_index, game_id, round_index, game_id, round_index),
    )


class QuestionStats:
    def __init__(self, database: Database) -> None:
        self._db = database

    async def tally(self, question_id: str) -> Tally:
        """All servers' answers to one question."""
        row = await self._db.fetch_one(
            "SELECT answered, correct FROM question_stats WHERE question_id = ?", (question_id,)
        )
        return Tally(int(row[0]), int(row[1])) if row else Tally(0, 0)

    async def measured_difficulties(self) -> dict[str, str]:
        """Question id -> the difficulty play has measured, for every question with enough answers."""
        rows = await self._db.fetch_all(
            "SELECT question_id, answered, correct FROM question_stats WHERE answered >= ?", (MIN_ANSWERS,)
        )
        return measured_difficulties({str(r[0]): Tally(int(r[1]), int(r[2])) for r in rows})

    async def server_tallies(self, guild_id: int) -> dict[str, Tally]:
        """This server's own answers per question (games and daily questions), nothing from elsewhere."""
        rows = await self._db.fetch_all(
            "SELECT question_id, COUNT(*), SUM(correct) FROM ("
            "SELECT question_id, correct FROM trivia_answers WHERE guild_id = ? "
            "UNION ALL SELECT question_id, correct FROM trivia_daily WHERE guild_id = ?"
            ") AS given GROUP BY question_id",
            (guild_id, guild_id),
        )
        return {str(r[0]): Tally(int(r[1]), int(r[2] or 0)) for r in rows}
