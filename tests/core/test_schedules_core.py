"""Scheduled games in the core: what moderators type for weekdays and times, and when a schedule next runs."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.errors import UserError
from bot.trivia.schedules import Schedule, describe_weekdays, next_run, parse_time_of_day, parse_weekdays


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("fri", {4}),
        ("mon wed fri", {0, 2, 4}),
        ("Tuesday, Thursday", {1, 3}),
        ("mon-fri", {0, 1, 2, 3, 4}),
        ("sat-mon", {5, 6, 0}),
        ("daily", set(range(7))),
        ("weekends", {5, 6}),
    ],
)
def test_weekdays(text: str, days: set[int]) -> None:
    assert parse_weekdays(text) == frozenset(days)


@pytest.mark.parametrize("text", ["funday", "t", "", "mo"])
def test_bad_weekdays_say_what_works(text: str) -> None:
    with pytest.raises(UserError, match="weekday"):
        parse_weekdays(text)


def test_times_and_descriptions() -> None:
    assert parse_time_of_day("20:00") == dt.time(20, 0) and parse_time_of_day("7h05 UTC") == dt.time(7, 5)
    with pytest.raises(UserError, match="HH:MM"):
        parse_time_of_day("24:00")
    assert describe_weekdays(frozenset(range(5))) == "weekdays" and describe_weekdays(frozenset({0, 4})) == "Mon, Fri"


def test_next_run_is_strictly_after_and_on_a_chosen_weekday() -> None:
    schedule = Schedule(1, 1, 1, frozenset({0, 3}), dt.time(20, 0), None, None, "choice", 10, 1)
    thursday = dt.datetime(2026, 1, 1, 19, 0, tzinfo=dt.UTC)
    assert next_run(schedule, thursday) == dt.datetime(2026, 1, 1, 20, 0, tzinfo=dt.UTC)
    assert next_run(schedule, thursday.replace(hour=20)) == dt.datetime(2026, 1, 5, 20, 0, tzinfo=dt.UTC)
