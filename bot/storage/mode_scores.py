"""Scores a game mode settles when a round closes (Closest year's winner), written like every answer."""

from __future__ import annotations

from .common import writer_of
from .database import Database

__all__ = ["award", "record_teams", "teams_of"]


async def award(database: Database, game_id: int, round_index: int, member_id: int, points: int) -> None:
    """Give an answer already stored its points at the round's close (it then counts as right)."""
    await writer_of(database).write(
        (
            "UPDATE trivia_answers SET points = ?, credit = 1.0, correct = 1 "
            "WHERE game_id = ? AND round_index = ? AND member_id = ?",
            (points, game_id, round_index, member_id),
        )
    )


async def record_teams(database: Database, game_id: int, guild_id: int, teams: dict[int, int]) -> None:
    """Who is on which team (member -> team number) in a team game."""
    await writer_of(database).write(
        *(
            (
                "INSERT INTO trivia_teams (game_id, guild_id, member_id, team) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (game_id, member_id) DO UPDATE SET team = excluded.team",
                (game_id, guild_id, member_id, team),
            )
            for member_id, team in teams.items()
        )
    )


async def teams_of(database: Database, game_id: int) -> dict[int, int]:
    return {
        int(member): int(team)
        for member, team in await database.fetch_all(
            "SELECT member_id, team FROM trivia_teams WHERE game_id = ? ORDER BY member_id", (game_id,)
        )
    }
