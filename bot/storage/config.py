"""Per-server storage: settings and their history, custom questions and packs, reviews, daily posts, score resets.

Same rules as the trivia store: reads use the shared connection, every write a member is told about
goes through the group-commit writer (so it is on disk before the reply), and every query names one
guild, so no server can read or change another's settings, questions, packs or scores.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot.catalog.text import normalise
from bot.errors import UserError
from bot.guild_config import SETTINGS, GuildConfig, apply, describe, describe_json, from_rows, setting_json
from bot.trivia.packs import PackQuestion, pack_name
from bot.trivia.questions import CATEGORIES, DIFFICULTIES, TRUE_FALSE, TriviaQuestion, seeded

from .database import Database
from .trivia import isoformat
from .writer import GroupCommitWriter, Statement

__all__ = [
    "ConfigChange",
    "CustomQuestion",
    "CustomQuestionStore",
    "DailyPostStore",
    "GuildSettingsStore",
    "PackLimitError",
    "ReportedQuestion",
    "SuggestionRefused",
    "UnknownQuestionError",
    "export_scores_csv",
    "prompt_key",
    "reset_scores",
]

Clock = Callable[[], dt.datetime]
MAX_PROMPT = 300
MAX_CHOICE = 80  # a button label's length on Discord
MAX_PACKS = 25
REVIEW_STATUSES = ("approved", "rejected")
REPORT_VERDICTS = ("restored", "retired")
EDITABLE = frozenset({"prompt", "answer", "distractors", "category", "difficulty", "explanation", "source"})


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _parse_time(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None


def _writer(database: Database) -> GroupCommitWriter:
    if database.writer is None:
        raise RuntimeError("the database is not open for writing")
    return database.writer


def prompt_key(prompt: str) -> str:
    """The form two prompts are compared in: case, accents and punctuation do not make a new question."""
    return normalise(prompt)


class SuggestionRefused(UserError):  # noqa: N818 - the name the cogs were promised
    """A suggestion (or a moderator's edit) cannot be stored; ``message`` says why."""


class PackLimitError(UserError):
    """A pack cannot be stored (too many packs)."""


class UnknownQuestionError(UserError, LookupError):
    """No custom question with that id in this server."""


# ----------------------------------------------------------------------------- settings


@dataclass(frozen=True, slots=True)
class ConfigChange:
    id: int
    guild_id: int
    actor_id: int
    key: str
    old_value: str | None  # JSON, None = the default
    new_value: str | None
    changed_at: dt.datetime

    @property
    def old_text(self) -> str:
        return describe_json(self.key, self.old_value)

    @property
    def new_text(self) -> str:
        return describe_json(self.key, self.new_value)


class GuildSettingsStore:
    """Settings per server, each change recorded with who made it and the value it replaced."""

    def __init__(self, database: Database, *, clock: Clock = _now) -> None:
        self._db = database
        self._clock = clock
        # Every command checks its server's feature switch, so configs are kept in memory. This store
        # is the only writer of guild_settings in the process, and ``set`` refreshes the entry it changes.
        self._cache: dict[int, GuildConfig] = {}

    async def get(self, guild_id: int) -> GuildConfig:
        cached = self._cache.get(guild_id)
        if cached is not None:
            return cached
        async with self._db.connection.execute(
            "SELECT key, value FROM guild_settings WHERE guild_id = ?", (guild_id,)
        ) as cursor:
            rows = [(str(key), str(value)) for key, value in await cursor.fetchall()]
        config = self._cache[guild_id] = from_rows(guild_id, _in_settings_order(rows))
        return config

    async def set(self, guild_id: int, actor_id: int, key: str, value: object) -> tuple[GuildConfig, str, str]:
        """Validate and store one setting; returns the new config and the old and new values as text."""
        current = await self.get(guild_id)
        packs = None
        if key == "trivia.categories":
            packs = {name for name, _count in await CustomQuestionStore(self._db).packs(guild_id)}
        updated = apply(current, key, value, packs=packs)
        old_text, new_text = describe(current, key), describe(updated, key)
        old_json, new_json = setting_json(current, key), setting_json(updated, key)
        if old_json == new_json:
            return updated, old_text, new_text
        default_json = setting_json(GuildConfig(guild_id), key)
        stored = None if new_json == default_json else new_json
        statements: list[Statement] = [
            (  # the old value is read inside the same transaction, so history never misses a change
                "INSERT INTO config_history (guild_id, actor_id, key, old_value, new_value, changed_at) "
                "VALUES (?, ?, ?, (SELECT value FROM guild_settings WHERE guild_id = ? AND key = ?), ?, ?)",
                (guild_id, actor_id, key, guild_id, key, stored, isoformat(self._clock())),
            )
        ]
        if stored is None:
            statements.append(("DELETE FROM guild_settings WHERE guild_id = ? AND key = ?", (guild_id, key)))
        else:
            statements.append(
                (
                    "INSERT INTO guild_settings (guild_id, key, value) VALUES (?, ?, ?) "
                    "ON CONFLICT (guild_id, key) DO UPDATE SET value = excluded.value",
                    (guild_id, key, stored),
                )
            )
        await _writer(self._db).write(*statements)
        self._cache[guild_id] = updated
        return updated, old_text, new_text

    async def history(self, guild_id: int, limit: int = 10) -> list[ConfigChange]:
        """The latest changes first."""
        async with self._db.connection.execute(
            "SELECT id, guild_id, actor_id, key, old_value, new_value, changed_at FROM config_history "
            "WHERE guild_id = ? ORDER BY id DESC LIMIT ?",
            (guild_id, limit),
        ) as cursor:
            rows = await cursor.fetchall()
        return [
            ConfigChange(int(r[0]), int(r[1]), int(r[2]), str(r[3]), r[4], r[5], _parse_time(str(r[6])) or _now())
            for r in rows
        ]

    async def daily_targets(self) -> list[GuildConfig]:
        """Every server with both a daily channel and a daily time set (whether trivia is on is theirs to check)."""
        async with self._db.connection.execute(
            "SELECT guild_id, key, value FROM guild_settings WHERE guild_id IN ("
            "  SELECT guild_id FROM guild_settings WHERE key IN ('daily.channel', 'daily.time') "
            "  GROUP BY guild_id HAVING COUNT(*) = 2"
            ") ORDER BY guild_id",
        ) as cursor:
            rows = await cursor.fetchall()
        by_guild: dict[int, list[tuple[str, str]]] = {}
        for guild_id, key, value in rows:
            by_guild.setdefault(int(guild_id), []).append((str(key), str(value)))
        configs = [from_rows(guild_id, _in_settings_order(items)) for guild_id, items in by_guild.items()]
        return [c for c in configs if c.daily_channel_id is not None and c.daily_time is not None]


def _in_settings_order(rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
    order = {key: index for index, key in enumerate(SETTINGS)}
    return sorted(rows, key=lambda row: order.get(row[0], len(order)))


# ----------------------------------------------------------------------------- custom questions


@dataclass(frozen=True, slots=True)
class CustomQuestion:
    """A server's own question: a member's suggestion or one question of an uploaded pack."""

    id: int
    guild_id: int
    origin: str  # suggestion | pack
    pack: str | None
    status: str  # pending | approved | rejected
    prompt: str
    answer: str
    distractors: tuple[str, ...]
    accepted: tuple[str, ...]
    category: str
    difficulty: str
    explanation: str | None
    source: str | None
    author_id: int
    created_at: dt.datetime
    reviewed_by: int | None = None
    reviewed_at: dt.datetime | None = None

    @property
    def question_id(self) -> str:
        return f"custom:{self.id}"

    def to_trivia(self) -> TriviaQuestion:
        """The question as the game asks it; without distractors it can only be played by typing (open mode)."""
        qid = self.question_id
        if not self.distractors:
            choices: tuple[str, ...] = ()
        elif {self.answer, *self.distractors} == set(TRUE_FALSE) and len(self.distractors) == 1:
            choices = TRUE_FALSE
        else:
            options = [self.answer, *self.distractors]
            seeded(qid).shuffle(options)
            choices = tuple(options)
        accepted = tuple(a for a in self.accepted if normalise(a) != normalise(self.answer))
        return TriviaQuestion(
            id=qid,
            prompt=self.prompt,
            answer=self.answer,
            choices=choices,
            category=self.category,
            difficulty=self.difficulty,
            explanation=self._explanation(accepted),
            sources=(),
            accepted=accepted,
            year=None,
            answer_ref=None,
            source_kind=self.origin,
            needs_choices=False,
        )

    def _explanation(self, accepted: tuple[str, ...]) -> str:
        """Never empty (embeds refuse empty fields); names the pack or suggestion and the free-text source."""
        if self.explanation:
            text = self.explanation
        elif self.pack:
            text = f"From this server's “{self.pack}” pack."
        else:
            text = "Suggested by a member of this server."
        if accepted:
            text += f" Also accepted: {', '.join(accepted)}."
        if self.source:
            text += f" Source: {self.source}"
        return text


@dataclass(frozen=True, slots=True)
class ReportedQuestion:
    """Unresolved reports of one question, for the moderators' review queue."""

    question_id: str
    reports: int
    member_ids: tuple[int, ...]
    reasons: tuple[str, ...]
    last_reported_at: dt.datetime


_COLUMNS = (
    "id, guild_id, origin, pack, status, prompt, answer, distractors, accepted, category, difficulty, explanation, "
    "source, author_id, created_at, reviewed_by, reviewed_at"
)


def _question(row: Sequence[Any]) -> CustomQuestion:
    return CustomQuestion(
        id=int(row[0]),
        guild_id=int(row[1]),
        origin=str(row[2]),
        pack=row[3],
        status=str(row[4]),
        prompt=str(row[5]),
        answer=str(row[6]),
        distractors=tuple(json.loads(row[7])),
        accepted=tuple(json.loads(row[8])),
        category=str(row[9]),
        difficulty=str(row[10]),
        explanation=row[11],
        source=row[12],
        author_id=int(row[13]),
        created_at=_parse_time(str(row[14])) or _now(),
        reviewed_by=row[15],
        reviewed_at=_parse_time(row[16]),
    )


def _clean(value: object, what: str, limit: int) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        raise SuggestionRefused(f"The {what} is empty.")
    if len(text) > limit:
        raise SuggestionRefused(f"The {what} is {len(text)} characters long (at most {limit}).")
    return text


def _optional(value: object, what: str) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return _clean(value, what, 1000)


def _check_choices(answer: str, distractors: Sequence[str]) -> None:
    keys = [normalise(item) for item in distractors]
    if len(distractors) != 3 or len(set(keys)) != 3:
        raise SuggestionRefused("Give exactly three different wrong answers.")
    if normalise(answer) in keys:
        raise SuggestionRefused("The answer is also among the wrong answers.")


def _check_options(origin: str, answer: str, distractors: Sequence[str]) -> None:
    """A suggestion needs three wrong answers; a pack question may also be true/false or open-only (none)."""
    if origin == "pack" and not distractors:
        return
    if origin == "pack" and len(distractors) == 1:
        if {answer, distractors[0]} != set(TRUE_FALSE):
            raise SuggestionRefused('A true/false question\'s answer and wrong answer are "True" and "False".')
        return
    _check_choices(answer, distractors)


def _check_kind(category: object, difficulty: object) -> tuple[str, str]:
    if category not in CATEGORIES:
        raise SuggestionRefused(f"The category must be one of: {', '.join(CATEGORIES)}.")
    if difficulty not in DIFFICULTIES:
        raise SuggestionRefused(f"The difficulty must be one of: {', '.join(DIFFICULTIES)}.")
    return str(category), str(difficulty)


class CustomQuestionStore:
    """Suggestions and their review, uploaded packs, and moderators' verdicts on reported questions."""

    MAX_PENDING_PER_MEMBER = 3

    def __init__(self, database: Database, *, clock: Clock = _now) -> None:
        self._db = database
        self._clock = clock

    # -- suggestions --------------------------------------------------------------------------

    async def suggest(
        self,
        guild_id: int,
        author_id: int,
        prompt: str,
        answer: str,
        distractors: Sequence[str],
        source: str | None,
        category: str = "revival",
        *,
        difficulty: str = "medium",
        explanation: str | None = None,
        known_prompts: Collection[str] = (),
    ) -> int:
        """Queue a member's question for review; returns its id or raises SuggestionRefused saying why.

        ``known_prompts`` are the prompts already in the bank (catalog questions), so a suggestion
        cannot duplicate one of those either.
        """
        prompt = _clean(prompt, "question", MAX_PROMPT)
        answer = _clean(answer, "answer", MAX_CHOICE)
        wrong = tuple(_clean(item, "wrong answer", MAX_CHOICE) for item in distractors)
        _check_choices(answer, wrong)
        category, difficulty = _check_kind(category, difficulty)
        explanation = _optional(explanation, "explanation")
        source = _optional(source, "source")
        key = prompt_key(prompt)
        if any(prompt_key(known) == key for known in known_prompts):
            raise SuggestionRefused("That question is already in the bot's question bank.")
        connection = self._db.connection
        async with connection.execute(
            "SELECT status FROM custom_questions WHERE guild_id = ? AND prompt_key = ?", (guild_id, key)
        ) as cursor:
            existing = await cursor.fetchone()
        if existing is not None:
            raise SuggestionRefused(f"That question was already suggested here (it is {existing[0]}).")
        if await self._pending_of(guild_id, author_id) >= self.MAX_PENDING_PER_MEMBER:
            raise SuggestionRefused(
                f"You already have {self.MAX_PENDING_PER_MEMBER} suggestions waiting for review: "
                "wait until a moderator has looked at them."
            )
        created = isoformat(self._clock())
        # The limit is checked again inside the transaction, so two quick clicks cannot exceed it.
        await _writer(self._db).write(
            (
                "INSERT INTO custom_questions (guild_id, origin, pack, status, prompt, answer, distractors, accepted, "
                "category, difficulty, explanation, source, author_id, created_at, prompt_key) "
                "SELECT ?, 'suggestion', NULL, 'pending', ?, ?, ?, '[]', ?, ?, ?, ?, ?, ?, ? "
                "WHERE (SELECT COUNT(*) FROM custom_questions WHERE guild_id = ? AND author_id = ? "
                "       AND status = 'pending') < ? "
                "ON CONFLICT (guild_id, prompt_key) DO NOTHING",
                (
                    guild_id,
                    prompt,
                    answer,
                    json.dumps(list(wrong)),
                    category,
                    difficulty,
                    explanation,
                    source,
                    author_id,
                    created,
                    key,
                    guild_id,
                    author_id,
                    self.MAX_PENDING_PER_MEMBER,
                ),
            )
        )
        async with connection.execute(
            "SELECT id FROM custom_questions WHERE guild_id = ? AND prompt_key = ? AND author_id = ? "
            "AND created_at = ? AND status = 'pending'",
            (guild_id, key, author_id, created),
        ) as cursor:
            row = await cursor.fetchone()
        if row is None:
            raise SuggestionRefused("That question was just suggested, or you reached the limit of pending ones.")
        return int(row[0])

    async def _pending_of(self, guild_id: int, author_id: int) -> int:
        async with self._db.connection.execute(
            "SELECT COUNT(*) FROM custom_questions WHERE guild_id = ? AND author_id = ? AND status = 'pending'",
            (guild_id, author_id),
        ) as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def pending(self, guild_id: int) -> list[CustomQuestion]:
        """The review queue, oldest first."""
        return await self._select(guild_id, "status = 'pending' ORDER BY id")

    async def get(self, guild_id: int, question_id: int) -> CustomQuestion | None:
        found = await self._select(guild_id, "id = ?", (question_id,))
        return found[0] if found else None

    async def approved(self, guild_id: int) -> list[CustomQuestion]:
        """Every question this server may be asked: approved suggestions and pack questions."""
        return await self._select(guild_id, "status = 'approved' ORDER BY id")

    async def _select(self, guild_id: int, where: str, params: Sequence[Any] = ()) -> list[CustomQuestion]:
        async with self._db.connection.execute(
            f"SELECT {_COLUMNS} FROM custom_questions WHERE guild_id = ? AND {where}",  # noqa: S608 - fixed clauses
            (guild_id, *params),
        ) as cursor:
            return [_question(row) for row in await cursor.fetchall()]

    async def review(
        self,
        guild_id: int,
        question_id: int,
        reviewer_id: int,
        status: str,
        *,
        edits: Mapping[str, object] | None = None,
    ) -> CustomQuestion:
        """Approve or reject a question, optionally correcting it first (edits are validated like a suggestion)."""
        if status not in REVIEW_STATUSES:
            raise ValueError(f"status must be one of {REVIEW_STATUSES}, not {status!r}")
        question = await self.get(guild_id, question_id)
        if question is None:
            raise UnknownQuestionError(f"There is no custom question #{question_id} in this server.")
        changes = dict(edits or {})
        unknown = sorted(set(changes) - EDITABLE)
        if unknown:
            raise SuggestionRefused(f"{unknown[0]!r} cannot be edited (only {', '.join(sorted(EDITABLE))}).")
        # Only what the moderator changed is checked for length; the answer and wrong answers are
        # checked together whenever either changes.
        prompt = _clean(changes["prompt"], "question", MAX_PROMPT) if "prompt" in changes else question.prompt
        answer = _clean(changes["answer"], "answer", MAX_CHOICE) if "answer" in changes else question.answer
        wrong = question.distractors
        if "distractors" in changes:
            raw_wrong = changes["distractors"]
            if isinstance(raw_wrong, str) or not isinstance(raw_wrong, Sequence):
                raise SuggestionRefused("The wrong answers must be a list.")
            wrong = tuple(_clean(item, "wrong answer", MAX_CHOICE) for item in raw_wrong)
        if "answer" in changes or "distractors" in changes:
            _check_options(question.origin, answer, wrong)
        accepted = question.accepted
        if "answer" in changes and accepted:  # a Red-format question: the corrected answer leads the list
            dropped = {normalise(question.answer), normalise(answer)}
            accepted = (answer, *(item for item in accepted if normalise(item) not in dropped))
        category, difficulty = question.category, question.difficulty
        if "category" in changes or "difficulty" in changes:
            category = str(changes.get("category", category))
            difficulty = str(changes.get("difficulty", difficulty))
            allowed = (*CATEGORIES, question.pack) if question.pack else CATEGORIES
            if category not in allowed:
                raise SuggestionRefused(f"The category must be one of: {', '.join(allowed)}.")
            _check_kind("revival", difficulty)
        explanation = _optional(changes.get("explanation", question.explanation), "explanation")
        source = _optional(changes.get("source", question.source), "source")
        key = prompt_key(prompt)
        if key != prompt_key(question.prompt):
            async with self._db.connection.execute(
                "SELECT 1 FROM custom_questions WHERE guild_id = ? AND prompt_key = ? AND id != ?",
                (guild_id, key, question_id),
            ) as cursor:
                if await cursor.fetchone() is not None:
                    raise SuggestionRefused("Another question of this server already asks that.")
        await _writer(self._db).write(
            (
                "UPDATE custom_questions SET status = ?, prompt = ?, answer = ?, distractors = ?, accepted = ?, "
                "category = ?, difficulty = ?, explanation = ?, source = ?, prompt_key = ?, reviewed_by = ?, "
                "reviewed_at = ? WHERE guild_id = ? AND id = ?",
                (
                    status,
                    prompt,
                    answer,
                    json.dumps(list(wrong)),
                    json.dumps(list(accepted)),
                    category,
                    difficulty,
                    explanation,
                    source,
                    key,
                    reviewer_id,
                    isoformat(self._clock()),
                    guild_id,
                    question_id,
                ),
            )
        )
        reviewed = await self.get(guild_id, question_id)
        assert reviewed is not None
        return reviewed

    # -- packs ----------------------------------------------------------------------------------

    async def add_pack(self, guild_id: int, author_id: int, name: str, questions: Sequence[PackQuestion]) -> int:
        """Store a parsed pack (approved at once), replacing a pack of the same name.

        Questions whose prompt another pack or a suggestion of this server already asks are left out;
        returns how many the pack now holds. Unchanged prompts keep their ids (and so their reports).
        """
        name = pack_name(name)
        existing = dict(await self.packs(guild_id))
        if name not in existing and len(existing) >= MAX_PACKS:
            raise PackLimitError(f"This server already has {MAX_PACKS} packs: remove one first.")
        async with self._db.connection.execute(
            "SELECT prompt_key FROM custom_questions WHERE guild_id = ? AND (pack IS NULL OR pack != ?)",
            (guild_id, name),
        ) as cursor:
            taken = {str(row[0]) for row in await cursor.fetchall()}
        created = isoformat(self._clock())
        keep: dict[str, PackQuestion] = {}
        for question in questions:
            key = prompt_key(question.prompt)
            if key and key not in taken and key not in keep:
                keep[key] = question
        statements: list[Statement] = []
        placeholders = ", ".join("?" for _ in keep)
        statements.append(
            (
                "DELETE FROM custom_questions WHERE guild_id = ? AND pack = ? "  # noqa: S608 - placeholders only
                f"AND prompt_key NOT IN ({placeholders})",
                (guild_id, name, *keep),
            )
        )
        for key, question in keep.items():
            category = question.category if question.category in CATEGORIES else name
            statements.append(
                (
                    "INSERT INTO custom_questions (guild_id, origin, pack, status, prompt, answer, distractors, "
                    "accepted, category, difficulty, explanation, source, author_id, created_at, reviewed_by, "
                    "reviewed_at, prompt_key) VALUES (?, 'pack', ?, 'approved', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (guild_id, prompt_key) DO UPDATE SET prompt = excluded.prompt, "
                    "answer = excluded.answer, distractors = excluded.distractors, accepted = excluded.accepted, "
                    "category = excluded.category, difficulty = excluded.difficulty, "
                    "explanation = excluded.explanation, source = excluded.source, author_id = excluded.author_id, "
                    "created_at = excluded.created_at, status = 'approved' "
                    "WHERE custom_questions.pack IS excluded.pack",
                    (
                        guild_id,
                        name,
                        question.prompt,
                        question.answer,
                        json.dumps(list(question.distractors)),
                        json.dumps(list(question.accepted)),
                        category,
                        question.difficulty,
                        question.explanation,
                        question.source,
                        author_id,
                        created,
                        author_id,
                        created,
                        key,
                    ),
                )
            )
        await _writer(self._db).write(*statements)
        return len(keep)

    async def packs(self, guild_id: int) -> list[tuple[str, int]]:
        """(name, number of questions) of every pack of this server."""
        async with self._db.connection.execute(
            "SELECT pack, COUNT(*) FROM custom_questions WHERE guild_id = ? AND pack IS NOT NULL "
            "GROUP BY pack ORDER BY pack",
            (guild_id,),
        ) as cursor:
            return [(str(name), int(count)) for name, count in await cursor.fetchall()]

    async def remove_pack(self, guild_id: int, name: str) -> int:
        """Delete a pack; returns how many questions went with it (0 when there is no such pack)."""
        name = pack_name(name)
        count = dict(await self.packs(guild_id)).get(name, 0)
        if count:
            await _writer(self._db).write(
                ("DELETE FROM custom_questions WHERE guild_id = ? AND pack = ?", (guild_id, name))
            )
        return count

    # -- reported questions ----------------------------------------------------------------------

    async def reported(self, guild_id: int) -> list[ReportedQuestion]:
        """Questions with unresolved reports, most reported first."""
        async with self._db.connection.execute(
            "SELECT question_id, member_id, reason, created_at FROM trivia_reports "
            "WHERE guild_id = ? AND resolved = 0 ORDER BY question_id, created_at",
            (guild_id,),
        ) as cursor:
            rows = await cursor.fetchall()
        grouped: dict[str, list[Sequence[Any]]] = {}
        for row in rows:
            grouped.setdefault(str(row[0]), []).append(row)
        out = [
            ReportedQuestion(
                question_id=question_id,
                reports=len(items),
                member_ids=tuple(int(item[1]) for item in items),
                reasons=tuple(str(item[2]) for item in items),
                last_reported_at=_parse_time(str(items[-1][3])) or _now(),
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
        await _writer(self._db).write(*statements)

    async def retired(self, guild_id: int) -> set[str]:
        """Question ids a moderator retired in this server: never ask them here again."""
        async with self._db.connection.execute(
            "SELECT question_id FROM question_reviews WHERE guild_id = ? AND status = 'retired'", (guild_id,)
        ) as cursor:
            return {str(row[0]) for row in await cursor.fetchall()}


# ----------------------------------------------------------------------------- daily posts


class DailyPostStore:
    """Makes sure the daily question is posted at most once per server per day, even across restarts."""

    def __init__(self, database: Database, *, clock: Clock = _now) -> None:
        self._db = database
        self._clock = clock

    async def claim(self, guild_id: int, day: dt.date, channel_id: int) -> bool:
        """True for exactly one caller per server and day; everyone else (a second tick, a restart) gets False.

        Written on the shared connection rather than the writer because the rowcount is the answer.
        """
        cursor = await self._db.connection.execute(
            "INSERT INTO daily_posts (guild_id, day, channel_id, posted_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (guild_id, day) DO NOTHING",
            (guild_id, day.isoformat(), channel_id, isoformat(self._clock())),
        )
        won = cursor.rowcount == 1
        await cursor.close()
        return won

    async def set_message(self, guild_id: int, day: dt.date, message_id: int) -> None:
        await _writer(self._db).write(
            (
                "UPDATE daily_posts SET message_id = ? WHERE guild_id = ? AND day = ?",
                (message_id, guild_id, day.isoformat()),
            )
        )

    async def release(self, guild_id: int, day: dt.date) -> None:
        """Give back a claim whose post failed (no message recorded), so a later tick may try again."""
        await _writer(self._db).write(
            (
                "DELETE FROM daily_posts WHERE guild_id = ? AND day = ? AND message_id IS NULL",
                (guild_id, day.isoformat()),
            )
        )


# ----------------------------------------------------------------------------- scores


async def last_answer_id(database: Database, guild_id: int) -> int | None:
    """The newest answer of a server: export and reset both stop there, so the CSV holds exactly what is cleared."""
    async with database.connection.execute(
        "SELECT MAX(id) FROM trivia_answers WHERE guild_id = ?", (guild_id,)
    ) as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row and row[0] is not None else None


async def export_scores_csv(
    database: Database, guild_id: int, since: dt.datetime | None, *, up_to_id: int | None = None
) -> str:
    """The server's scores for a period as CSV (member_id, points, correct, answered), best first."""
    async with database.connection.execute(
        "SELECT member_id, SUM(points), SUM(correct), COUNT(*) FROM trivia_answers "
        "WHERE guild_id = ? AND answered_at >= ? AND id <= ? GROUP BY member_id "
        "ORDER BY SUM(points) DESC, member_id",
        (guild_id, isoformat(since) if since else "", up_to_id if up_to_id is not None else 2**63 - 1),
    ) as cursor:
        rows = await cursor.fetchall()
    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\n")
    out.writerow(("member_id", "points", "correct", "answered"))
    out.writerows((int(m), int(p), int(c), int(a)) for m, p, c, a in rows)
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
    async with database.connection.execute(
        "SELECT COUNT(*), MAX(id) FROM trivia_answers WHERE guild_id = ? AND answered_at >= ? AND id <= ?",
        (guild_id, since_text, limit),
    ) as cursor:
        row = await cursor.fetchone()
    count, last_id = (int(row[0]), row[1]) if row else (0, None)
    if not count or last_id is None:
        return 0
    params = (guild_id, guild_id, since_text, last_id)
    await _writer(database).write(
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
