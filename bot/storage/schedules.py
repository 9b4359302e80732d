"""Scheduled games: the schedules of each server, each run claimed once (announce, start), who joined.

Portable SQL: ``INSERT ... ON CONFLICT``; claims read the rowcount of a guarded write on the shared
connection (as the daily post's claim does), so two ticks or a restart never announce or start a run twice.
"""

from __future__ import annotations

import datetime as dt

from bot.trivia.schedules import Schedule

from .common import isoformat
from .database import Database

__all__ = ["MAX_SCHEDULES", "RunState", "ScheduleStore"]

MAX_SCHEDULES = 10  # per server

RunState = tuple[str, int | None, int | None]  # status, announcement message id, game id

_SELECT = (
    "SELECT id, guild_id, channel_id, weekdays, at_time, rounds, category, mode, announce_minutes, created_by "
    "FROM trivia_schedules "
)


def _schedule(row: tuple[object, ...]) -> Schedule:
    sid, guild, channel, days, at, rounds, category, mode, announce, author = row
    return Schedule(
        id=int(str(sid)),
        guild_id=int(str(guild)),
        channel_id=int(str(channel)),
        weekdays=frozenset(int(day) for day in str(days).split(",") if day),
        at=dt.time.fromisoformat(str(at)),
        rounds=int(str(rounds)) if rounds is not None else None,
        category=str(category) if category is not None else None,
        mode=str(mode),
        announce_minutes=int(str(announce)),
        created_by=int(str(author)),
    )


class ScheduleStore:
    def __init__(self, database: Database) -> None:
        self._db = database

    async def add(
        self,
        *,
        guild_id: int,
        channel_id: int,
        weekdays: frozenset[int],
        at: dt.time,
        rounds: int | None,
        category: str | None,
        mode: str,
        announce_minutes: int,
        created_by: int,
        created_at: dt.datetime,
    ) -> int:
        row = await self._db.fetch_one(
            "INSERT INTO trivia_schedules (guild_id, channel_id, weekdays, at_time, rounds, category, mode, "
            "announce_minutes, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (
                guild_id,
                channel_id,
                ",".join(str(day) for day in sorted(weekdays)),
                f"{at:%H:%M}",
                rounds,
                category,
                mode,
                announce_minutes,
                created_by,
                isoformat(created_at),
            ),
        )
        assert row is not None
        return int(row[0])

    async def of_guild(self, guild_id: int) -> list[Schedule]:
        return [
            _schedule(tuple(row))
            for row in await self._db.fetch_all(_SELECT + "WHERE guild_id = ? ORDER BY id", (guild_id,))
        ]

    async def all(self) -> list[Schedule]:
        return [_schedule(tuple(row)) for row in await self._db.fetch_all(_SELECT + "ORDER BY id")]

    async def get(self, guild_id: int, schedule_id: int) -> Schedule | None:
        row = await self._db.fetch_one(
            _SELECT + "WHERE guild_id = ? AND id = ?",
            (guild_id, schedule_id),
        )
        return _schedule(tuple(row)) if row else None

    async def remove(self, guild_id: int, schedule_id: int) -> bool:
        removed = (
            await self._db.execute(
                "DELETE FROM trivia_schedules WHERE guild_id = ? AND id = ?", (guild_id, schedule_id)
            )
            == 1
        )
        return removed

    # -- runs ---------------------------------------------------------------------------------------

    async def run_state(self, schedule_id: int, run_at: dt.datetime) -> RunState | None:
        row = await self._db.fetch_one(
            "SELECT status, message_id, game_id FROM trivia_schedule_runs WHERE schedule_id = ? AND run_at = ?",
            (schedule_id, isoformat(run_at)),
        )
        return (str(row[0]), row[1], row[2]) if row else None

    async def claim_run(self, schedule: Schedule, run_at: dt.datetime) -> bool:
        """True for exactly one caller per run: the one that announces it."""
        won = (
            await self._db.execute(
                "INSERT INTO trivia_schedule_runs (schedule_id, run_at, guild_id, status) "
                "VALUES (?, ?, ?, 'announced') "
                "ON CONFLICT (schedule_id, run_at) DO NOTHING",
                (schedule.id, isoformat(run_at), schedule.guild_id),
            )
            == 1
        )
        return won

    async def set_run(
        self,
        schedule_id: int,
        run_at: dt.datetime,
        status: str,
        *,
        expect: tuple[str, ...],
        message_id: int | None = None,
        game_id: int | None = None,
    ) -> bool:
        """Move a run from one of ``expect`` to ``status``; True when this call did it (nobody else had)."""
        first, second = expect[0], expect[-1]  # one or two states
        moved = (
            await self._db.execute(
                "UPDATE trivia_schedule_runs SET status = ?, message_id = COALESCE(?, message_id), "
                "game_id = COALESCE(?, game_id) WHERE schedule_id = ? AND run_at = ? AND status IN (?, ?)",
                (status, message_id, game_id, schedule_id, isoformat(run_at), first, second),
            )
            == 1
        )
        return moved

    async def join(self, schedule_id: int, run_at: dt.datetime, member_id: int, joined_at: dt.datetime) -> bool:
        """True when the member joined now (False: already in)."""
        joined = (
            await self._db.execute(
                "INSERT INTO trivia_schedule_joins (schedule_id, run_at, member_id, joined_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (schedule_id, run_at, member_id) DO NOTHING",
                (schedule_id, isoformat(run_at), member_id, isoformat(joined_at)),
            )
            == 1
        )
        return joined

    async def joined(self, schedule_id: int, run_at: dt.datetime) -> list[int]:
        return [
            int(row[0])
            for row in await self._db.fetch_all(
                "SELECT member_id FROM trivia_schedule_joins WHERE schedule_id = ? AND run_at = ? "
                "ORDER BY joined_at, member_id",
                (schedule_id, isoformat(run_at)),
            )
        ]
