"""A member's recent wrong answers in one server, for /trivia review (newest first)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .common import parse_time
from .database import Database

__all__ = ["WrongAnswer", "recent_wrong_answers"]


@dataclass(frozen=True, slots=True)
class WrongAnswer:
    game_id: int
    round_index: int
    question_id: str
    choice: str
    credit: float
    answered_at: dt.datetime


async def recent_wrong_answers(
    database: Database, guild_id: int, member_id: int, *, limit: int = 10
) -> list[WrongAnswer]:
    rows = await database.fetch_all(
        "SELECT game_id, round_index, question_id, choice, credit, answered_at FROM trivia_answers "
        "WHERE guild_id = ? AND member_id = ? AND correct = 0 ORDER BY answered_at DESC, id DESC LIMIT ?",
        (guild_id, member_id, limit),
    )
    return [
        WrongAnswer(int(g), int(r), str(q), str(c), float(credit), parse_time(str(at)) or dt.datetime.now(dt.UTC))
        for g, r, q, c, credit, at in rows
    ]
