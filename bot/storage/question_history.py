"""Which questions each server has been asked, and which daily question it got on each day.

A game's rounds are remembered as they are asked (``remember_round``, in the same commit as the round:
see ``TriviaStore.record_round``); the daily question when it is chosen. ``seen`` hands the history to
the question draw oldest first, so a server meets every eligible question once before any comes back,
and then the longest-unseen first (:mod:`bot.trivia.selection`). Every query names one server.

Portable SQL (SQLite and PostgreSQL): ``INSERT … ON CONFLICT``, ``CASE`` rather than two-argument ``MAX``,
parameters in a SELECT list CAST to their type.
"""

from __future__ import annotations

import datetime as dt

from .common import isoformat, writer_of
from .database import Database
from .writer import Statement

__all__ = ["QuestionHistory", "remember_round"]

# Each insert below keeps the later of two times when a question is asked again:
# ON CONFLICT (guild_id, question_id) DO UPDATE SET asked_at = CASE WHEN excluded.asked_at > … END


def remember_round(game_id: int, question_id: str, asked_at: dt.datetime) -> Statement:
    """The statement that files a game's question in its server's history (the server is the game's)."""
    return (
        "INSERT INTO question_history (guild_id, question_id, asked_at) "
        "SELECT guild_id, CAST(? AS TEXT), CAST(? AS TEXT) FROM trivia_games WHERE id = ? "
        "ON CONFLICT (guild_id, question_id) DO UPDATE SET asked_at = CASE WHEN excluded.asked_at > "
        "question_history.asked_at THEN excluded.asked_at ELSE question_history.asked_at END",
        (question_id, isoformat(asked_at), game_id),
    )


class QuestionHistory:
    """One server's seen questions, and its daily question per day."""

    def __init__(self, database: Database) -> None:
        self._db = database

    async def seen(self, guild_id: int) -> list[str]:
        """Question ids this server has been asked, the longest-unseen first."""
        return [
            str(row[0])
            for row in await self._db.fetch_all(
                "SELECT question_id FROM question_history WHERE guild_id = ? ORDER BY asked_at, question_id",
                (guild_id,),
            )
        ]

    async def remember(self, guild_id: int, question_id: str, asked_at: dt.datetime) -> None:
        await writer_of(self._db).write(
            (
                "INSERT INTO question_history (guild_id, question_id, asked_at) VALUES (?, ?, ?) "
                "ON CONFLICT (guild_id, question_id) DO UPDATE SET asked_at = CASE WHEN excluded.asked_at > "
                "question_history.asked_at THEN excluded.asked_at ELSE question_history.asked_at END",
                (guild_id, question_id, isoformat(asked_at)),
            )
        )

    async def daily_choice(self, guild_id: int, day: dt.date) -> str | None:
        """The id of the question chosen as this server's daily question on ``day``, if one was."""
        row = await self._db.fetch_one(
            "SELECT question_id FROM trivia_daily_questions WHERE guild_id = ? AND day = ?",
            (guild_id, day.isoformat()),
        )
        return str(row[0]) if row else None

    async def choose_daily(
        self, guild_id: int, day: dt.date, question_id: str, at: dt.datetime, *, replacing: str | None = None
    ) -> str:
        """Make ``question_id`` the server's question of ``day`` unless one is already chosen; returns the chosen id.

        Two first requests at once agree: the first write wins and both read it back. ``replacing`` names a
        chosen question that is gone from the bank (a data reload): only that one is overwritten. The chosen
        question enters the server's history in the same commit.
        """
        await writer_of(self._db).write(
            (
                "INSERT INTO trivia_daily_questions (guild_id, day, question_id) VALUES (?, ?, ?) "
                "ON CONFLICT (guild_id, day) DO UPDATE SET question_id = excluded.question_id "
                "WHERE trivia_daily_questions.question_id = ?",
                (guild_id, day.isoformat(), question_id, replacing),
            ),
            (
                "INSERT INTO question_history (guild_id, question_id, asked_at) "
                "SELECT guild_id, question_id, CAST(? AS TEXT) FROM trivia_daily_questions "
                "WHERE guild_id = ? AND day = ? "
                "ON CONFLICT (guild_id, question_id) DO UPDATE SET asked_at = CASE WHEN excluded.asked_at > "
                "question_history.asked_at THEN excluded.asked_at ELSE question_history.asked_at END",
                (isoformat(at), guild_id, day.isoformat()),
            ),
        )
        chosen = await self.daily_choice(guild_id, day)
        assert chosen is not None
        return chosen
