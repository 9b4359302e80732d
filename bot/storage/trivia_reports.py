"""The moderators' queue of reported questions, over the report table the trivia store fills.

Members report with ``TriviaStore.report``; here moderators see what was reported and decide:
restore a question to play, or retire it in their server for good.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .common import Clock, isoformat, now, parse_time, writer_of
from .database import Database
from .writer import Statement

__all__ = ["REPORT_VERDICTS", "ReportQueue", "ReportedQuestion"]

REPORT_VERDICTS = ("restored", "retired")


@dataclass(frozen=True, slots=True)
class ReportedQuestion:
    """Unresolved reports of one question, for the moderators' review queue."""

    question_id: str
    reports: int
    member_ids: tuple[int, ...]
    reasons: tuple[str, ...]
    last_reported_at: dt.datetime


class ReportQueue:
    """Unresolved reports per server, and the verdicts that close them."""

    def __init__(self, database: Database, *, clock: Clock = now) -> None:
        self._db = database
        self._clock = clock

    async def reported(self, guild_id: int) -> list[ReportedQuestion]:
        """Questions with unresolved reports, most reported first."""
        rows = await self._db.fetch_all(
            "SELECT question_id, member_id, reason, created_at FROM trivia_reports "
            "WHERE guild_id = ? AND resolved = 0 ORDER BY question_id, created_at",
            (guild_id,),
        )
        grouped: dict[str, list[Sequence[Any]]] = {}
        for row in rows:
            grouped.setdefault(str(row[0]), []).append(row)
        out = [
            ReportedQuestion(
                question_id=question_id,
                reports=len(items),
                member_ids=tuple(int(item[1]) for item in items),
                reasons=tuple(str(item[2]) for item in items),
                last_reported_at=parse_time(str(items[-1][3])) or now(),
            )
            for question_id, items in grouped.items()
        ]
        out.sort(key=lambda item: (-item.reports, -item.last_reported_at.timestamp(), item.question_id))
        return out

    async def resolve_reports(self, guild_id: int, question_id: str, reviewer_id: int, status: str) -> None:
        """Close a question's reports: 'restored' puts it back in play, 'retired' keeps it out for good."""
        if status not in REPORT_VERDICTS:
            raise ValueError(f"status must be one of {REPORT_VERDICTS}, not {status!r}")
        now = isoformat(self._clock())
        statements: list[Statement] = [
            (
                "UPDATE trivia_reports SET resolved = 1 WHERE guild_id = ? AND question_id = ? AND resolved = 0",
                (guild_id, question_id),
            ),
            (
                "INSERT INTO question_reviews (guild_id, question_id, status, reviewed_by, reviewed_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (guild_id, question_id) DO UPDATE SET status = excluded.status, "
                "reviewed_by = excluded.reviewed_by, reviewed_at = excluded.reviewed_at",
                (guild_id, question_id, status, reviewer_id, now),
            ),
        ]
        custom_id = question_id.removeprefix("custom:")
        if status == "retired" and question_id.startswith("custom:") and custom_id.isdigit():
            statements.append(
                (
                    "UPDATE custom_questions SET status = 'rejected', reviewed_by = ?, reviewed_at = ? "
                    "WHERE guild_id = ? AND id = ?",
                    (reviewer_id, now, guild_id, int(custom_id)),
                )
            )
        await writer_of(self._db).write(*statements)

    async def retired(self, guild_id: int) -> set[str]:
        """Question ids a moderator retired in this server: never ask them here again."""
        return {
            str(row[0])
            for row in await self._db.fetch_all(
                "SELECT question_id FROM question_reviews WHERE guild_id = ? AND status = 'retired'", (guild_id,)
            )
        }

    async def reviewed(self, guild_id: int) -> set[str]:
        """Question ids a moderator has judged in this server (restored or retired)."""
        return {
            str(row[0])
            for row in await self._db.fetch_all(
                "SELECT question_id FROM question_reviews WHERE guild_id = ?", (guild_id,)
            )
        }
