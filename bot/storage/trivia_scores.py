"""Score export and reset: the CSV of a server's trivia scores, and clearing exactly what it holds."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping

from .common import isoformat, writer_of
from .database import Database

__all__ = ["export_scores_csv", "last_answer_id", "reset_scores", "score_members", "spreadsheet_safe"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """A cell a spreadsheet shows as text: one starting like a formula (= + - @) gets a leading quote."""
    return f"'{text}" if text.startswith(_FORMULA_START) else text


async def last_answer_id(database: Database, guild_id: int) -> int | None:
    """The newest answer of a server: export and reset both stop there, so the CSV holds exactly what is cleared."""
    row = await database.fetch_one("SELECT MAX(id) FROM trivia_answers WHERE guild_id = ?", (guild_id,))
    return int(row[0]) if row and row[0] is not None else None


async def score_members(
    database: Database, guild_id: int, since: dt.datetime | None, *, up_to_id: int | None = None
) -> list[int]:
    """The members an export of this period would list, best first (so the caller can look their names up)."""
    return [int(row[0]) for row in await _score_rows(database, guild_id, since, up_to_id)]


async def _score_rows(
    database: Database, guild_id: int, since: dt.datetime | None, up_to_id: int | None
) -> list[tuple[int, int, int, int]]:
    rows = await database.fetch_all(
        "SELECT member_id, SUM(points), SUM(correct), COUNT(*) FROM trivia_answers "
        "WHERE guild_id = ? AND answered_at >= ? AND id <= ? GROUP BY member_id "
        "ORDER BY SUM(points) DESC, member_id",
        (guild_id, isoformat(since) if since else "", up_to_id if up_to_id is not None else 2**63 - 1),
    )
    return [(int(m), int(p), int(c), int(a)) for m, p, c, a in rows]


async def export_scores_csv(
    database: Database,
    guild_id: int,
    since: dt.datetime | None,
    *,
    up_to_id: int | None = None,
    names: Mapping[int, str] | None = None,
) -> str:
    """The server's scores for a period as CSV (member_id, display_name, points, correct, answered), best first.

    ``names`` are the members' display names where known (empty otherwise), made safe for spreadsheets.
    """
    rows = await _score_rows(database, guild_id, since, up_to_id)
    known = names or {}
    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\n")
    out.writerow(("member_id", "display_name", "points", "correct", "answered"))
    out.writerows((m, spreadsheet_safe(known.get(m, "")), p, c, a) for m, p, c, a in rows)
    return buffer.getvalue()


async def reset_scores(
    database: Database, guild_id: int, since: dt.datetime | None, *, up_to_id: int | None = None
) -> int:
    """Delete this server's answers in the period, and the standings and winners of the games they were in.

    Returns how many answers were removed. Answers committed after the count (or after ``up_to_id``,
    the last one exported) are left alone, so the number reported is exactly the number deleted.
    """
    since_text = isoformat(since) if since else ""
    limit = up_to_id if up_to_id is not None else 2**63 - 1
    row = await database.fetch_one(
        "SELECT COUNT(*), MAX(id) FROM trivia_answers WHERE guild_id = ? AND answered_at >= ? AND id <= ?",
        (guild_id, since_text, limit),
    )
    count, last_id = (int(row[0]), row[1]) if row else (0, None)
    if not count or last_id is None:
        return 0
    params = (guild_id, guild_id, since_text, last_id)
    await writer_of(database).write(
        (
            "DELETE FROM trivia_game_players WHERE guild_id = ? AND game_id IN (SELECT DISTINCT game_id "
            "FROM trivia_answers WHERE guild_id = ? AND answered_at >= ? AND id <= ?)",
            params,
        ),
        (
            "UPDATE trivia_games SET winner_id = NULL WHERE guild_id = ? AND id IN (SELECT DISTINCT game_id "
            "FROM trivia_answers WHERE guild_id = ? AND answered_at >= ? AND id <= ?)",
            params,
        ),
        ("DELETE FROM trivia_answers WHERE guild_id = ? AND answered_at >= ? AND id <= ?", params[1:]),
    )
    return count
