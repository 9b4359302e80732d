"""The enumerated things of trivia, each defined once (categories and difficulties belong to the
questions in the catalog: ``bot.catalog.kinds``, re-exported here).

``StrEnum``s compare equal to their text and are used directly as slash-command choices.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from bot.catalog.kinds import Category, Difficulty

__all__ = ["Category", "Difficulty", "Period"]


class Period(StrEnum):
    """A stretch of scores: the leaderboard shows one, a score reset clears one."""

    week = "week"
    month = "month"
    all = "all"

    @property
    def days(self) -> int | None:
        return {Period.week: 7, Period.month: 30}.get(self)

    @property
    def label(self) -> str:
        """The period in a sentence: 'from the last 7 days', 'of all time'."""
        return f"from the last {self.days} days" if self.days else "of all time"

    def since(self, now: dt.datetime) -> dt.datetime | None:
        """When the period began, counted back from ``now``; None for all time."""
        return now - dt.timedelta(days=self.days) if self.days else None
