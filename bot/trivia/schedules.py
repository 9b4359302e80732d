"""Recurring trivia games: on which weekdays, at what UTC time, announced how long before.

Pure code: parsing what a moderator types, and when a schedule next runs. Storage keeps the schedules
and claims each run once (``bot.storage.schedules``); the cog announces and starts them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bot.errors import UserError

__all__ = [
    "DAY_NAMES",
    "MAX_ANNOUNCE_MINUTES",
    "Schedule",
    "describe_weekdays",
    "next_run",
    "parse_time_of_day",
    "parse_weekdays",
]

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_ALIASES = {
    "daily": range(7),
    "every day": range(7),
    "everyday": range(7),
    "weekdays": range(5),
    "weekends": range(5, 7),
    "weekend": range(5, 7),
}
MAX_ANNOUNCE_MINUTES = 120


_FULL_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _day(word: str) -> int:
    """A weekday from its name or any prefix of it of three letters or more ('fri', 'thurs')."""
    for index, full in enumerate(_FULL_NAMES):
        if len(word) >= 3 and full.startswith(word):
            return index
    raise UserError(
        f"“{word[:20]}” isn't a weekday: use mon, tue, wed, thu, fri, sat, sun, daily, weekdays or weekends."
    )


def parse_weekdays(text: str) -> frozenset[int]:
    """'mon wed fri', 'mon-fri', 'daily', 'weekends', 'Tuesday, Thursday' → weekday numbers (Monday 0)."""
    words = text.strip().casefold()
    if words in _ALIASES:
        return frozenset(_ALIASES[words])
    days: set[int] = set()
    for part in (p for p in re.split(r"[,\s/]+", words) if p):
        if part in _ALIASES:
            days.update(_ALIASES[part])
        elif "-" in part:
            first, _, last = part.partition("-")
            start, end = _day(first), _day(last)
            days.update(range(start, end + 1) if start <= end else [*range(start, 7), *range(end + 1)])
        else:
            days.add(_day(part))
    if not days:
        raise UserError("Give at least one weekday, e.g. `fri` or `mon wed fri`.")
    return frozenset(days)


def parse_time_of_day(text: str) -> dt.time:
    match = re.fullmatch(r"(\d{1,2})[:h.](\d{2})(?:\s*utc)?", text.strip().casefold())
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise UserError("Give the time in UTC as HH:MM, e.g. `20:00`.")
    return dt.time(int(match[1]), int(match[2]))


def describe_weekdays(days: frozenset[int]) -> str:
    if len(days) == 7:
        return "every day"
    if days == frozenset(range(5)):
        return "weekdays"
    if days == frozenset(range(5, 7)):
        return "weekends"
    return ", ".join(DAY_NAMES[day] for day in sorted(days))


@dataclass(frozen=True, slots=True)
class Schedule:
    id: int
    guild_id: int
    channel_id: int
    weekdays: frozenset[int]
    at: dt.time  # UTC
    rounds: int | None
    category: str | None
    mode: str
    announce_minutes: int
    created_by: int

    def when(self) -> str:
        return f"{describe_weekdays(self.weekdays)} at {self.at:%H:%M} UTC"


def next_run(schedule: Schedule, after: dt.datetime) -> dt.datetime:
    """The first run strictly after ``after`` (UTC)."""
    moment = after.astimezone(dt.UTC)
    for offset in range(8):
        day = moment.date() + dt.timedelta(days=offset)
        if day.weekday() not in schedule.weekdays:
            continue
        run = dt.datetime.combine(day, schedule.at, tzinfo=dt.UTC)
        if run > moment:
            return run
    raise ValueError("a schedule needs at least one weekday")
