"""Dates with precision: the small EDTF subset the fact files use.

A fact file may only say what its sources know. "2008" must stay a year: it sorts before
"2008-03" and is never rendered or quizzed as a day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from enum import IntEnum

__all__ = ["DateError", "PartialDate", "Precision", "parse_date", "parse_month_day"]

MIN_YEAR = 1850

_SINGLE = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?(?P<q>[?~])?$")
_SEASONS = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
_SEASON_START_MONTH = {21: 3, 22: 6, 23: 9, 24: 12}


class DateError(ValueError):
    """A date string outside the supported subset, or an impossible date."""


class Precision(IntEnum):
    YEAR = 1
    SEASON = 2
    MONTH = 3
    DAY = 4


@dataclass(frozen=True, slots=True, order=False)
class PartialDate:
    """A date known to a given precision, optionally approximate, uncertain or an interval."""

    raw: str
    year: int
    month: int | None = None
    day: int | None = None
    season: int | None = None
    approximate: bool = False
    uncertain: bool = False
    end: PartialDate | None = None
    sort_key: tuple[int, int, int] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        # The earliest possible day, so a year sorts before any month of that year; computed once,
        # since timelines sort by it constantly.
        month = self.month or (_SEASON_START_MONTH[self.season] if self.season else 1)
        object.__setattr__(self, "sort_key", (self.year, month, self.day or 1))

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        if self.season is not None:
            return Precision.SEASON
        return Precision.YEAR

    @property
    def exact(self) -> bool:
        """True when the date is a plain year, month or day: the only kind trivia may ask about."""
        return not (self.approximate or self.uncertain or self.end is not None or self.season)

    def month_day(self) -> tuple[int, int] | None:
        if self.day is None or self.month is None or not self.exact:
            return None
        return (self.month, self.day)

    def render(self) -> str:
        """Human text at the stored precision: '2008', 'October 2020', '27 November 2020'."""
        if self.end is not None:
            return f"{self._render_single()}–{self.end._render_single()}"
        text = self._render_single()
        if self.approximate:
            return f"c. {text}"
        if self.uncertain:
            return f"{text}?"
        return text

    def _render_single(self) -> str:
        if self.season is not None:
            return f"{_SEASONS[self.season]} {self.year}"
        if self.month is None:
            return str(self.year)
        month = calendar.month_name[self.month]
        if self.day is None:
            return f"{month} {self.year}"
        return f"{self.day} {month} {self.year}"

    def __str__(self) -> str:
        return self.render()


def parse_date(raw: object, *, max_year: int | None = None) -> PartialDate:
    """Parse one EDTF-subset string; raise DateError with a reason a maintainer can act on."""
    if not isinstance(raw, str):
        if isinstance(raw, int) and not isinstance(raw, bool):
            raise DateError(f'write the date as a quoted string, e.g. "{raw}"')
        if isinstance(raw, dt.date):
            raise DateError(f'write the date as a quoted string, e.g. "{raw.isoformat()}"')
        raise DateError(f"expected a date string, got {type(raw).__name__}")
    text = raw.strip()
    limit = max_year if max_year is not None else dt.date.today().year + 1
    if "/" in text:
        start_text, _, end_text = text.partition("/")
        start = _parse_single(start_text, text, limit)
        end = _parse_single(end_text, text, limit)
        if end.sort_key <= start.sort_key:
            raise DateError(f"interval {text!r} must run forwards")
        return PartialDate(
            raw=text,
            year=start.year,
            month=start.month,
            day=start.day,
            season=start.season,
            end=end,
        )
    return _parse_single(text, text, limit)


def _parse_single(text: str, whole: str, limit: int) -> PartialDate:
    match = _SINGLE.match(text)
    if match is None:
        raise DateError(
            f"{whole!r} is not a supported date: use YYYY, YYYY-MM, YYYY-MM-DD, YYYY-21..24 (season), "
            "with an optional ~ or ?, or A/B"
        )
    year = int(match["y"])
    if not MIN_YEAR <= year <= limit:
        raise DateError(f"year {year} is implausible (expected {MIN_YEAR}–{limit})")
    month_text, day_text, qualifier = match["m"], match["d"], match["q"]
    month: int | None = int(month_text) if month_text else None
    season: int | None = None
    day: int | None = None
    if month is not None and month in _SEASONS and day_text is None:
        season, month = month, None
    elif month is not None and not 1 <= month <= 12:
        raise DateError(f"month {month_text} is out of range in {whole!r}")
    if day_text is not None:
        assert month is not None
        day = int(day_text)
        if not 1 <= day <= calendar.monthrange(year, month)[1]:
            raise DateError(f"day {day_text} does not exist in {calendar.month_name[month]} {year}")
    return PartialDate(
        raw=text,
        year=year,
        month=month,
        day=day,
        season=season,
        approximate=qualifier == "~",
        uncertain=qualifier == "?",
    )


_MONTHS = {name.casefold(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.casefold(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_DAY_MONTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?$")
_MONTH_DAY = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?$")
_NUMERIC = re.compile(r"^(?:(\d{4})-)?(\d{1,2})-(\d{1,2})$")
_SLASHED = re.compile(r"^(\d{1,2})[/.](\d{1,2})\.?$")
_RELATIVE_DAYS = {"today": 0, "tomorrow": 1, "yesterday": -1}


def parse_month_day(text: str, today: dt.date | None = None) -> tuple[int, int]:
    """A calendar day from '11-27', '2020-11-27', '27/11', '27 November', 'Nov 27', 'today' or 'tomorrow'.

    A slashed day is read either way round when only one reading is a date ('27/11', '11/27');
    '5/6' could be 5 June or 6 May, so it is refused with a way to say which.
    """
    cleaned = " ".join(text.strip().casefold().replace(",", " ").split())
    if cleaned in _RELATIVE_DAYS:
        if today is None:
            today = dt.datetime.now(dt.UTC).date()
        when = today + dt.timedelta(days=_RELATIVE_DAYS[cleaned])
        return when.month, when.day
    month = day = None
    if match := _NUMERIC.match(cleaned):
        month, day = int(match[2]), int(match[3])
    elif match := _SLASHED.match(cleaned):
        first, second = int(match[1]), int(match[2])
        if first > 12 >= second:
            day, month = first, second
        elif second > 12 >= first:
            month, day = first, second
        elif first == second:
            month = day = first
        elif first <= 12 and second <= 12:
            raise DateError(
                f"{first}/{second} could be {first} {calendar.month_name[second]} or "
                f"{second} {calendar.month_name[first]}: write it like {first} {calendar.month_abbr[second]}"
            )
    elif match := _DAY_MONTH.match(cleaned):
        day, month = int(match[1]), _MONTHS.get(match[2])
    elif match := _MONTH_DAY.match(cleaned):
        month, day = _MONTHS.get(match[1]), int(match[2])
    if month is None or day is None or not 1 <= month <= 12:
        raise DateError("use a day like 11-27, 27/11, 27 November, Nov 27, today or tomorrow")
    if not 1 <= day <= calendar.monthrange(2024, month)[1]:  # a leap year, so 29 February is allowed
        raise DateError(f"{calendar.month_name[month]} has no day {day}")
    return month, day
