"""Seasons of the board: which games count, each season's final board, its champions and the archive.

Every query names one guild. Portable SQL: ``INSERT ... ON CONFLICT``, no SQLite-only functions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from bot.trivia.seasons import Champion, Season

from .common import isoformat, parse_time, writer_of
from .database import Database

__all__ = ["UNCOUNTED", "ArchivedSeason", "SeasonStore"]

# The clause that leaves out the answers of games that did not count (fewer players than the server needs).
UNCOUNTED = "NOT EXISTS (SELECT 1 FROM trivia_game_counts c WHERE c.game_id = trivia_answers.game_id AND c.counted = 0)"


@dataclass(frozen=True, slots=True)
class ArchivedSeason:
    key: str
    label: str
    start: dt.datetime
    end: dt.datetime
    champions: tuple[Champion, ...]


class SeasonStore:
    def __init__(self, database: Database) -> None:
        self._db = database

    # -- fairness -----------------------------------------------------------------------------------

    async def settle_game(self, guild_id: int, game_id: int, *, players: int, counted: bool) -> None:
        """Record whether a finished game counts toward the board (once; a second call changes nothing)."""
        await writer_of(self._db).write(
            (
                "INSERT INTO trivia_game_counts (game_id, guild_id, players, counted) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (game_id) DO NOTHING",
                (game_id, guild_id, players, int(counted)),
            )
        )

    async def counted(self, game_id: int) -> bool | None:
        row = await self._db.fetch_one("SELECT counted FROM trivia_game_counts WHERE game_id = ?", (game_id,))
        return bool(row[0]) if row else None

    # -- a season's board ---------------------------------------------------------------------------

    async def board(self, guild_id: int, season: Season) -> list[tuple[int, int]]:
        """(member, points) of the counted answers in the season, best first."""
        return [
            (int(member), int(points))
            for member, points in await self._db.fetch_all(
                "SELECT member_id, SUM(points) FROM trivia_answers WHERE guild_id = ? AND answered_at >= ? "
                "AND answered_at < ? AND NOT EXISTS (SELECT 1 FROM trivia_game_counts c "
                "WHERE c.game_id = trivia_answers.game_id AND c.counted = 0) "
                "GROUP BY member_id ORDER BY SUM(points) DESC, member_id",
                (guild_id, isoformat(season.start), isoformat(season.end)),
            )
        ]

    async def guilds_with_answers(self, start: dt.datetime, end: dt.datetime) -> list[int]:
        """Servers that played in a stretch of time (the seasons to close when it ends)."""
        return [
            int(row[0])
            for row in await self._db.fetch_all(
                "SELECT DISTINCT guild_id FROM trivia_answers WHERE answered_at >= ? AND answered_at < ? "
                "ORDER BY guild_id",
                (isoformat(start), isoformat(end)),
            )
        ]

    async def weekly_seasons_in_use(self) -> bool:
        """Whether any server runs weekly seasons (the season keeper then also wakes on Mondays)."""
        return (
            await self._db.fetch_one(
                "SELECT 1 FROM guild_settings WHERE key = 'season.length' AND value = ? LIMIT 1", ('"week"',)
            )
            is not None
        )

    async def last_channel(self, guild_id: int, season: Season) -> int | None:
        """Where the server's last game of the season ran."""
        row = await self._db.fetch_one(
            "SELECT channel_id FROM trivia_games WHERE guild_id = ? AND started_at >= ? AND started_at < ? "
            "ORDER BY started_at DESC, id DESC LIMIT 1",
            (guild_id, isoformat(season.start), isoformat(season.end)),
        )
        return int(row[0]) if row else None

    # -- archive ------------------------------------------------------------------------------------

    async def claim(self, guild_id: int, season: Season, archived_at: dt.datetime) -> bool:
        """True for exactly one caller per server and season: the one that posts its champions."""
        won = (
            await self._db.execute(
                "INSERT INTO trivia_seasons (guild_id, season_key, label, starts_at, ends_at, archived_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, season_key) DO NOTHING",
                (
                    guild_id,
                    season.key,
                    season.label,
                    isoformat(season.start),
                    isoformat(season.end),
                    isoformat(archived_at),
                ),
            )
            == 1
        )
        return won

    async def record_champions(self, guild_id: int, season: Season, champions: Sequence[Champion]) -> None:
        await writer_of(self._db).write(
            *(
                (
                    "INSERT INTO trivia_champions (guild_id, season_key, member_id, rank, points) "
                    "VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT (guild_id, season_key, member_id) DO UPDATE SET rank = excluded.rank, "
                    "points = excluded.points",
                    (guild_id, season.key, champion.member_id, champion.rank, champion.points),
                )
                for champion in champions
            )
        )

    async def set_message(self, guild_id: int, season: Season, channel_id: int, message_id: int) -> None:
        await writer_of(self._db).write(
            (
                "UPDATE trivia_seasons SET channel_id = ?, message_id = ? WHERE guild_id = ? AND season_key = ?",
                (channel_id, message_id, guild_id, season.key),
            )
        )

    async def archive(self, guild_id: int, *, limit: int = 12) -> list[ArchivedSeason]:
        """The server's archived seasons, newest first, each with its champions."""
        seasons = list(
            await self._db.fetch_all(
                "SELECT season_key, label, starts_at, ends_at FROM trivia_seasons WHERE guild_id = ? "
                "ORDER BY starts_at DESC LIMIT ?",
                (guild_id, limit),
            )
        )
        out: list[ArchivedSeason] = []
        for key, label, starts, ends in seasons:
            champions = tuple(
                Champion(int(r), int(m), int(p))
                for r, m, p in await self._db.fetch_all(
                    "SELECT rank, member_id, points FROM trivia_champions WHERE guild_id = ? AND season_key = ? "
                    "ORDER BY rank, member_id",
                    (guild_id, key),
                )
            )
            start, end = parse_time(starts), parse_time(ends)
            assert start is not None and end is not None
            out.append(ArchivedSeason(str(key), str(label), start, end, champions))
        return out

    async def previous_champions(self, guild_id: int, before: Season) -> list[int]:
        """The champions of the latest season archived before ``before`` (who hold the reward role now)."""
        row = await self._db.fetch_one(
            "SELECT season_key FROM trivia_seasons WHERE guild_id = ? AND starts_at < ? "
            "ORDER BY starts_at DESC LIMIT 1",
            (guild_id, isoformat(before.start)),
        )
        if row is None:
            return []
        return [
            int(r[0])
            for r in await self._db.fetch_all(
                "SELECT member_id FROM trivia_champions WHERE guild_id = ? AND season_key = ? ORDER BY member_id",
                (guild_id, row[0]),
            )
        ]
