"""Scores a game mode settles when a round closes (Closest year's winner), written like every answer."""

from __future__ import annotations

from .common import writer_of
from .database import Database

__all__ = ["award"]


async def award(database: Database, game_id: int, round_index: int, member_id: int, points: int) -> None:
    """Give an answer already stored its points at the round's close (it then counts as right)."""
    await writer_of(database).write(
        (
            "UPDATE trivia_answers SET points = ?, credit = 1.0, correct = 1 "
            "WHERE game_id = ? AND round_index = ? AND member_id = ?",
            (points, game_id, round_index, member_id),
        )
    )
