"""Seasons of a server's board: calendar weeks, months or quarters (UTC), and who were the champions.

Pure code: the season a moment falls in, the one before it, and the champions of a final board.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

__all__ = ["Champion", "Season", "SeasonLength", "champions", "season_of"]


class SeasonLength(StrEnum):
    week = "week"
    month = "month"
    quarter = "quarter"


@dataclass(frozen=True, slots=True)
class Season:
    """One season: from ``start`` (included) to ``end`` (excluded), both UTC midnights."""

    key: str  # stable name in storage: 2026-01, 2026-Q1, 2026-W01
    label: str  # how members read it: January 2026, Q1 2026, week 1 of 2026
    start: dt.datetime
    end: dt.datetime

    def previous(self, length: SeasonLength | str) -> Season:
        return season_of(self.start - dt.timedelta(microseconds=1), length)

    def next(self, length: SeasonLength | str) -> Season:
        return season_of(self.end, length)


@dataclass(frozen=True, slots=True)
class Champion:
    rank: int
    member_id: int
    points: int


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def season_of(moment: dt.datetime, length: SeasonLength | str) -> Season:
    """The season ``moment`` falls in."""
    day = moment.astimezone(dt.UTC).date()
    kind = SeasonLength(length)
    if kind is SeasonLength.week:
        start = day - dt.timedelta(days=day.weekday())
        year, week, _ = start.isocalendar()
        return Season(
            f"{year}-W{week:02d}", f"week {week} of {year}", _midnight(start), _midnight(start + dt.timedelta(days=7))
        )
    if kind is SeasonLength.quarter:
        quarter = (day.month - 1) // 3
        start = dt.date(day.year, quarter * 3 + 1, 1)
        end = dt.date(day.year + 1, 1, 1) if quarter == 3 else dt.date(day.year, quarter * 3 + 4, 1)
        return Season(f"{day.year}-Q{quarter + 1}", f"Q{quarter + 1} {day.year}", _midnight(start), _midnight(end))
    start = day.replace(day=1)
    end = dt.date(day.year + 1, 1, 1) if day.month == 12 else dt.date(day.year, day.month + 1, 1)
    return Season(f"{day:%Y-%m}", f"{start:%B %Y}", _midnight(start), _midnight(end))


def champions(board: Sequence[tuple[int, int]], top: int) -> list[Champion]:
    """The top ``top`` places of a final board of (member, points), best first; ties share a rank and all
    players tied at the last place are champions too. Nobody with no points is a champion."""
    out: list[Champion] = []
    previous: int | None = None
    rank = 0
    for position, (member_id, points) in enumerate(board, start=1):
        if points <= 0:
            break
        if points != previous:
            rank, previous = position, points
        if rank > top:
            break
        out.append(Champion(rank, member_id, points))
    return out
