"""Trivia persistence: games, answers, standings, leaderboards, stats, the daily question, reports.

Reads use the shared connection; every write that a player is told about goes through the
group-commit writer, so it is on disk before the acknowledgement is sent. Every query is scoped to
one guild: nothing here can read or change another server's scores.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from bot.trivia.scoring import Verdict, verdict

from .common import isoformat
from .database import Database
from .question_history import remember_round
from .question_stats import count_daily_answer, count_game_answer, uncount_round
from .writer import GroupCommitWriter, Statement

__all__ = [
    "AnswerRecord",
    "BoardRow",
    "DailyRecord",
    "FinalStanding",
    "MemberStats",
    "RunningGame",
    "TriviaStore",
]

REPORTS_TO_HOLD = 3


@dataclass(frozen=True, slots=True)
class AnswerRecord:
    guild_id: int
    channel_id: int
    game_id: int
    round_index: int
    member_id: int
    question_id: str
    category: str
    choice: str
    correct: bool
    credit: float
    points: int
    answer_ms: int
    answered_at: dt.datetime


@dataclass(frozen=True, slots=True)
class DailyRecord:
    guild_id: int
    day: dt.date
    member_id: int
    question_id: str
    choice: str
    correct: bool
    answered_at: dt.datetime


@dataclass(frozen=True, slots=True)
class FinalStanding:
    member_id: int
    points: int
    correct: int
    answered: int
    best_streak: int
    rank: int
    close: int = 0  # answers with partial credit (a typed year near the answer): neither right nor wrong


@dataclass(frozen=True, slots=True)
class BoardRow:
    rank: int
    member_id: int
    points: int
    correct: int
    answered: int
    close: int = 0  # answers with partial credit


@dataclass(frozen=True, slots=True)
class RunningGame:
    id: int
    guild_id: int
    channel_id: int
    message_id: int | None


@dataclass(frozen=True, slots=True)
class MemberStats:
    games: int
    wins: int
    answers: int
    correct: int
    points: int
    best_streak: int
    average_ms: float | None
    by_category: dict[str, tuple[int, int]]  # category -> (correct, answered)
    rank: int | None
    close: int = 0  # answers with partial credit

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.answers if self.answers else None


_INSERT_ANSWER = (
    "INSERT INTO trivia_answers (guild_id, channel_id, game_id, round_index, member_id, question_id, category, "
    "choice, correct, credit, points, answer_ms, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (game_id, round_index, member_id) DO NOTHING"
)


class TriviaStore:
    def __init__(self, database: Database, writer: GroupCommitWriter) -> None:
        self._db = database
        self._writer = writer

    # -- games -----------------------------------------------------------------------------------

    async def create_game(
        self,
        *,
        guild_id: int,
        channel_id: int,
        host_id: int,
        mode: str,
        category: str | None,
        difficulty: str | None,
        rounds: int,
        seconds: int,
        started_at: dt.datetime,
    ) -> int:
        row = await self._db.fetch_one(
            "INSERT INTO trivia_games (guild_id, channel_id, host_id, mode, category, difficulty, rounds, seconds, "
            "started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (guild_id, channel_id, host_id, mode, category, difficulty, rounds, seconds, isoformat(started_at)),
        )
        assert row is not None
        return int(row[0])

    async def set_message(self, game_id: int, message_id: int) -> None:
        """The game's open question (through the writer: it waits out a locked database like an answer)."""
        await self._writer.write(("UPDATE trivia_games SET message_id = ? WHERE id = ?", (message_id, game_id)))

    async def record_round(
        self, game_id: int, round_index: int, question_id: str, category: str, asked_at: dt.datetime
    ) -> None:
        await self._writer.write(
            (
                "INSERT INTO trivia_rounds (game_id, round_index, question_id, category, asked_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (game_id, round_index, question_id, category, isoformat(asked_at)),
            ),
            remember_round(game_id, question_id, asked_at),  # the server has now seen it
        )

    async def record_answer(self, answer: AnswerRecord) -> None:
        """Durably store one answer and count it for its question; returns once committed (group commit)."""
        await self._writer.write(
            count_game_answer(answer.question_id, answer.correct, answer.game_id, answer.round_index, answer.member_id),
            _answer_statement(answer),
            # Answers of different members, rounds or games commute; the question leads the key so that
            # every process updates the questions' totals in the same order (no deadlock between them).
            key=(answer.question_id, answer.game_id, answer.round_index, answer.member_id),
        )

    async def void_round(self, game_id: int, round_index: int) -> None:
        """A skipped question scores for nobody: its answers are removed with the skip."""
        await self._writer.write(
            uncount_round(game_id, round_index),
            ("DELETE FROM trivia_answers WHERE game_id = ? AND round_index = ?", (game_id, round_index)),
        )

    async def question_asked(self, game_id: int, round_index: int) -> str | None:
        row = await self._db.fetch_one(
            "SELECT question_id FROM trivia_rounds WHERE game_id = ? AND round_index = ?", (game_id, round_index)
        )
        return str(row[0]) if row else None

    async def running_games(self) -> list[RunningGame]:
        rows = await self._db.fetch_all(
            "SELECT id, guild_id, channel_id, message_id FROM trivia_games WHERE status = 'running'"
        )
        return [RunningGame(int(r[0]), int(r[1]), int(r[2]), r[3]) for r in rows]

    async def finish_game(self, game_id: int, status: str, ended_at: dt.datetime) -> list[FinalStanding]:
        """Close a game and record its final standings from the committed answers (ties share a rank)."""
        row = await self._db.fetch_one("SELECT guild_id FROM trivia_games WHERE id = ?", (game_id,))
        if row is None:
            return []
        guild_id = int(row[0])
        answers = await self._db.fetch_all(
            "SELECT member_id, round_index, correct, points, credit FROM trivia_answers WHERE game_id = ? "
            "ORDER BY member_id, round_index",
            (game_id,),
        )
        standings = _standings(answers)
        statements: list[Statement] = [
            (
                "INSERT INTO trivia_game_players (game_id, guild_id, member_id, points, correct, answered, "
                "best_streak, rank) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (game_id, member_id) DO UPDATE SET "
                "guild_id = excluded.guild_id, points = excluded.points, correct = excluded.correct, "
                "answered = excluded.answered, best_streak = excluded.best_streak, rank = excluded.rank",
                (game_id, guild_id, s.member_id, s.points, s.correct, s.answered, s.best_streak, s.rank),
            )
            for s in standings
        ]
        winner = standings[0].member_id if standings and standings[0].points > 0 else None
        statements.append(
            (
                "UPDATE trivia_games SET status = ?, ended_at = ?, winner_id = ? WHERE id = ?",
                (status, isoformat(ended_at), winner, game_id),
            )
        )
        await self._writer.write(*statements)
        return standings

    # -- leaderboard and stats ---------------------------------------------------------------------

    async def leaderboard(
        self, guild_id: int, since: dt.datetime | None, *, limit: int = 10, offset: int = 0
    ) -> list[BoardRow]:
        rows = await self._board(guild_id, since)
        return rows[offset : offset + limit]

    async def rank_of(self, guild_id: int, member_id: int, since: dt.datetime | None) -> BoardRow | None:
        for row in await self._board(guild_id, since):
            if row.member_id == member_id:
                return row
        return None

    async def _board(self, guild_id: int, since: dt.datetime | None) -> list[BoardRow]:
        rows = await self._db.fetch_all(
            "SELECT member_id, SUM(points), SUM(correct), COUNT(*), "
            "SUM(CASE WHEN correct = 0 AND credit > 0 THEN 1 ELSE 0 END) "  # portable: no SUM of a boolean
            "FROM trivia_answers WHERE guild_id = ? AND answered_at >= ? AND NOT EXISTS (SELECT 1 FROM "
            "trivia_game_counts c WHERE c.game_id = trivia_answers.game_id AND c.counted = 0) "  # too few players
            "GROUP BY member_id ORDER BY SUM(points) DESC, member_id",
            (guild_id, isoformat(since) if since else ""),
        )
        out: list[BoardRow] = []
        previous: int | None = None
        rank = 0
        for position, (member_id, points, correct, answered, close) in enumerate(rows, start=1):
            if points != previous:
                rank, previous = position, points
            out.append(BoardRow(rank, int(member_id), int(points), int(correct), int(answered), int(close or 0)))
        return out

    async def member_stats(self, guild_id: int, member_id: int) -> MemberStats:
        database = self._db
        answers = list(
            await database.fetch_all(
                "SELECT game_id, round_index, category, correct, points, answer_ms, credit FROM trivia_answers "
                "WHERE guild_id = ? AND member_id = ? ORDER BY game_id, round_index",
                (guild_id, member_id),
            )
        )
        wins_row = await database.fetch_one(
            # A win needs someone to beat: games played alone do not count.
            "SELECT COUNT(*) FROM trivia_games AS g WHERE g.guild_id = ? AND g.winner_id = ? "
            "AND (SELECT COUNT(*) FROM trivia_game_players AS p WHERE p.game_id = g.id) >= 2",
            (guild_id, member_id),
        )
        by_category: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        best = streak = 0
        game = None
        for game_id, _round, category, correct, _points, _ms, _credit in answers:
            if game_id != game:
                game, streak = game_id, 0
            streak = streak + 1 if correct else 0
            best = max(best, streak)
            by_category[category][0] += int(correct)
            by_category[category][1] += 1
        ranked = await self.rank_of(guild_id, member_id, None)
        return MemberStats(
            games=len({row[0] for row in answers}),
            wins=int(wins_row[0]) if wins_row else 0,
            answers=len(answers),
            correct=sum(int(row[3]) for row in answers),
            points=sum(int(row[4]) for row in answers),
            best_streak=best,
            average_ms=sum(int(row[5]) for row in answers) / len(answers) if answers else None,
            by_category={key: (value[0], value[1]) for key, value in sorted(by_category.items())},
            rank=ranked.rank if ranked else None,
            close=sum(1 for row in answers if not row[3] and verdict(float(row[6] or 0)) is Verdict.close),
        )

    # -- daily question -------------------------------------------------------------------------

    async def daily_answer(self, guild_id: int, member_id: int, day: dt.date) -> tuple[str, str, bool] | None:
        row = await self._db.fetch_one(
            "SELECT question_id, choice, correct FROM trivia_daily WHERE guild_id = ? AND member_id = ? AND day = ?",
            (guild_id, member_id, day.isoformat()),
        )
        return (str(row[0]), str(row[1]), bool(row[2])) if row else None

    async def record_daily(self, record: DailyRecord) -> None:
        await self._writer.write(
            count_daily_answer(
                record.question_id, record.correct, record.guild_id, record.member_id, record.day.isoformat()
            ),
            (
                "INSERT INTO trivia_daily (guild_id, day, member_id, question_id, choice, correct, answered_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (
                    record.guild_id,
                    record.day.isoformat(),
                    record.member_id,
                    record.question_id,
                    record.choice,
                    int(record.correct),
                    isoformat(record.answered_at),
                ),
            ),
        )

    async def daily_streak(self, guild_id: int, member_id: int, today: dt.date) -> int:
        """Consecutive days, ending today or yesterday, on which the member answered correctly."""
        days = [
            dt.date.fromisoformat(str(row[0]))
            for row in await self._db.fetch_all(
                "SELECT day FROM trivia_daily WHERE guild_id = ? AND member_id = ? AND correct = 1 ORDER BY day DESC "
                "LIMIT 400",
                (guild_id, member_id),
            )
        ]
        return _streak(days, today)

    # -- reports ------------------------------------------------------------------------------------

    async def report(
        self, guild_id: int, question_id: str, member_id: int, reason: str, created_at: dt.datetime
    ) -> int:
        """Record (or update) a member's report; returns how many members now report the question."""
        await self._writer.write(
            (
                "INSERT INTO trivia_reports (guild_id, question_id, member_id, reason, created_at) "
                "VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (guild_id, question_id, member_id) DO UPDATE SET reason = excluded.reason, "
                "created_at = excluded.created_at, resolved = 0",
                (guild_id, question_id, member_id, reason, isoformat(created_at)),
            )
        )
        row = await self._db.fetch_one(
            "SELECT COUNT(*) FROM trivia_reports WHERE guild_id = ? AND question_id = ? AND resolved = 0",
            (guild_id, question_id),
        )
        return int(row[0]) if row else 0

    async def held_questions(self, guild_id: int) -> set[str]:
        """Questions enough members reported that they sit out until a moderator reviews them."""
        return {
            str(row[0])
            for row in await self._db.fetch_all(
                "SELECT question_id FROM trivia_reports WHERE guild_id = ? AND resolved = 0 GROUP BY question_id "
                "HAVING COUNT(*) >= ?",
                (guild_id, REPORTS_TO_HOLD),
            )
        }


def _answer_statement(answer: AnswerRecord) -> Statement:
    return (
        _INSERT_ANSWER,
        (
            answer.guild_id,
            answer.channel_id,
            answer.game_id,
            answer.round_index,
            answer.member_id,
            answer.question_id,
            answer.category,
            answer.choice,
            int(answer.correct),
            answer.credit,
            answer.points,
            answer.answer_ms,
            isoformat(answer.answered_at),
        ),
    )


def _standings(answers: Iterable[Sequence[int | float]]) -> list[FinalStanding]:
    totals: dict[int, list[int]] = {}
    streaks: dict[int, int] = defaultdict(int)
    close: dict[int, int] = defaultdict(int)
    for raw_member, _round, correct, points, credit in answers:
        member_id = int(raw_member)
        entry = totals.setdefault(member_id, [0, 0, 0, 0])  # points, correct, answered, best streak
        entry[0] += int(points)
        entry[1] += int(correct)
        entry[2] += 1
        close[member_id] += int(not correct and verdict(float(credit or 0)) is Verdict.close)
        streaks[member_id] = streaks[member_id] + 1 if correct else 0
        entry[3] = max(entry[3], streaks[member_id])
    ordered = sorted(totals.items(), key=lambda item: (-item[1][0], -item[1][1], item[0]))
    out: list[FinalStanding] = []
    previous: tuple[int, int] | None = None
    rank = 0
    for position, (member_id, (points, correct, answered, best)) in enumerate(ordered, start=1):
        if (points, correct) != previous:
            rank, previous = position, (points, correct)
        out.append(FinalStanding(member_id, points, correct, answered, best, rank, close[member_id]))
    return out


def _streak(days_desc: Sequence[dt.date], today: dt.date) -> int:
    if not days_desc or (today - days_desc[0]).days > 1:
        return 0
    streak = 1
    for newer, older in pairwise(days_desc):
        if (newer - older).days != 1:
            break
        streak += 1
    return streak
