"""A server's own trivia questions: members' suggestions and their review, and uploaded packs.

The rules a suggestion must meet live in ``bot.trivia.suggestions``; this module stores what passed.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot.catalog.text import normalise
from bot.errors import UserError
from bot.trivia.packs import PackQuestion, pack_name
from bot.trivia.questions import CATEGORIES, TRUE_FALSE, TriviaQuestion, seeded
from bot.trivia.suggestions import (
    MAX_CHOICE,
    MAX_PROMPT,
    SuggestionRefused,
    check_choices,
    check_kind,
    check_options,
    clean,
    optional,
    prompt_key,
)

from .common import Clock, isoformat, now, parse_time, writer_of
from .database import Database
from .writer import Statement

__all__ = [
    "CustomQuestion",
    "CustomQuestionStore",
    "PackLimitError",
    "PackUpload",
    "SkippedQuestion",
    "UnknownQuestionError",
]

MAX_PACKS = 25
REVIEW_STATUSES = ("approved", "rejected")
EDITABLE = frozenset({"prompt", "answer", "distractors", "category", "difficulty", "explanation", "source"})


class PackLimitError(UserError):
    """A pack cannot be stored (too many packs)."""


class UnknownQuestionError(UserError, LookupError):
    """No custom question with that id in this server."""


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
            pack=self.pack,
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
class SkippedQuestion:
    """A pack question left out, and why ("a suggestion approved here already asks it")."""

    prompt: str
    reason: str


@dataclass(frozen=True, slots=True)
class PackUpload:
    """What storing a pack did: how many questions it now holds, and the ones left out."""

    count: int
    skipped: tuple[SkippedQuestion, ...] = ()


def _why_taken(origin: str, pack: str | None, status: str) -> str:
    """Why a pack question is left out: which of this server's questions already asks it."""
    if origin == "pack" and pack:
        return f"the “{pack}” pack already asks it"
    article = "an" if status == "approved" else "a"
    return f"it duplicates {article} {status} suggestion"  # pending, approved or rejected


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
        created_at=parse_time(str(row[14])) or now(),
        reviewed_by=row[15],
        reviewed_at=parse_time(row[16]),
    )


class CustomQuestionStore:
    """Suggestions and their review, uploaded packs, and moderators' verdicts on reported questions."""

    MAX_PENDING_PER_MEMBER = 3

    def __init__(self, database: Database, *, clock: Clock = now) -> None:
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
        prompt = clean(prompt, "question", MAX_PROMPT)
        answer = clean(answer, "answer", MAX_CHOICE)
        wrong = tuple(clean(item, "wrong answer", MAX_CHOICE) for item in distractors)
        check_choices(answer, wrong)
        category, difficulty = check_kind(category, difficulty)
        explanation = optional(explanation, "explanation")
        source = optional(source, "source")
        key = prompt_key(prompt)
        if any(prompt_key(known) == key for known in known_prompts):
            raise SuggestionRefused("That question is already in the bot's question bank.")
        database = self._db
        existing = await database.fetch_one(
            "SELECT status FROM custom_questions WHERE guild_id = ? AND prompt_key = ?", (guild_id, key)
        )
        if existing is not None:
            raise SuggestionRefused(f"That question was already suggested here (it is {existing[0]}).")
        if await self._pending_of(guild_id, author_id) >= self.MAX_PENDING_PER_MEMBER:
            raise SuggestionRefused(
                f"You already have {self.MAX_PENDING_PER_MEMBER} suggestions waiting for review: "
                "wait until a moderator has looked at them."
            )
        created = isoformat(self._clock())
        # The limit is checked again inside the transaction, so two quick clicks cannot exceed it.
        await writer_of(self._db).write(
            (
                "INSERT INTO custom_questions (guild_id, origin, pack, status, prompt, answer, distractors, accepted, "
                "category, difficulty, explanation, source, author_id, created_at, prompt_key) "
                # the casts tell PostgreSQL the parameters' types, which INSERT … SELECT does not infer
                "SELECT CAST(? AS BIGINT), 'suggestion', NULL, 'pending', ?, ?, ?, '[]', ?, ?, ?, ?, "
                "CAST(? AS BIGINT), ?, ? "
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
        row = await database.fetch_one(
            "SELECT id FROM custom_questions WHERE guild_id = ? AND prompt_key = ? AND author_id = ? "
            "AND created_at = ? AND status = 'pending'",
            (guild_id, key, author_id, created),
        )
        if row is None:
            raise SuggestionRefused("That question was just suggested, or you reached the limit of pending ones.")
        return int(row[0])

    async def _pending_of(self, guild_id: int, author_id: int) -> int:
        row = await self._db.fetch_one(
            "SELECT COUNT(*) FROM custom_questions WHERE guild_id = ? AND author_id = ? AND status = 'pending'",
            (guild_id, author_id),
        )
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
        return [
            _question(row)
            for row in await self._db.fetch_all(
                f"SELECT {_COLUMNS} FROM custom_questions WHERE guild_id = ? AND {where}",  # noqa: S608 - fixed clauses
                (guild_id, *params),
            )
        ]

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
        prompt = clean(changes["prompt"], "question", MAX_PROMPT) if "prompt" in changes else question.prompt
        answer = clean(changes["answer"], "answer", MAX_CHOICE) if "answer" in changes else question.answer
        wrong = question.distractors
        if "distractors" in changes:
            raw_wrong = changes["distractors"]
            if isinstance(raw_wrong, str) or not isinstance(raw_wrong, Sequence):
                raise SuggestionRefused("The wrong answers must be a list.")
            wrong = tuple(clean(item, "wrong answer", MAX_CHOICE) for item in raw_wrong)
        if "answer" in changes or "distractors" in changes:
            check_options(question.origin, answer, wrong)
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
            check_kind("revival", difficulty)
        explanation = optional(changes.get("explanation", question.explanation), "explanation")
        source = optional(changes.get("source", question.source), "source")
        key = prompt_key(prompt)
        if key != prompt_key(question.prompt) and (
            await self._db.fetch_one(
                "SELECT 1 FROM custom_questions WHERE guild_id = ? AND prompt_key = ? AND id != ?",
                (guild_id, key, question_id),
            )
            is not None
        ):
            raise SuggestionRefused("Another question of this server already asks that.")
        await writer_of(self._db).write(
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
        """Store a parsed pack (approved at once), replacing a pack of the same name; returns how many it holds.

        :meth:`upload_pack` does the same and also says which questions were left out and why.
        """
        return (await self.upload_pack(guild_id, author_id, name, questions)).count

    async def upload_pack(
        self, guild_id: int, author_id: int, name: str, questions: Sequence[PackQuestion]
    ) -> PackUpload:
        """Store a parsed pack (approved at once), replacing a pack of the same name.

        Questions whose prompt another pack or a suggestion of this server already asks are left out,
        each with the reason. Unchanged prompts keep their ids (and so their reports).
        """
        name = pack_name(name)
        existing = dict(await self.packs(guild_id))
        if name not in existing and len(existing) >= MAX_PACKS:
            raise PackLimitError(f"This server already has {MAX_PACKS} packs: remove one first.")
        taken = {
            str(row[0]): _why_taken(row[1], row[2], row[3])
            for row in await self._db.fetch_all(
                "SELECT prompt_key, origin, pack, status FROM custom_questions WHERE guild_id = ? "
                "AND (pack IS NULL OR pack != ?)",
                (guild_id, name),
            )
        }
        created = isoformat(self._clock())
        keep: dict[str, PackQuestion] = {}
        skipped: list[SkippedQuestion] = []
        for question in questions:
            key = prompt_key(question.prompt)
            if not key:
                skipped.append(SkippedQuestion(question.prompt, "it has no words to ask"))
            elif key in taken:
                skipped.append(SkippedQuestion(question.prompt, taken[key]))
            elif key in keep:
                skipped.append(SkippedQuestion(question.prompt, "the pack asks it twice"))
            else:
                keep[key] = question
        statements: list[Statement] = []
        placeholders = ", ".join("?" for _ in keep)
        kept = f" AND prompt_key NOT IN ({placeholders})" if keep else ""  # PostgreSQL refuses an empty IN ()
        statements.append(
            (
                f"DELETE FROM custom_questions WHERE guild_id = ? AND pack = ?{kept}",  # noqa: S608 - placeholders
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
                    "WHERE custom_questions.pack IS NOT DISTINCT FROM excluded.pack",
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
        await writer_of(self._db).write(*statements)
        return PackUpload(len(keep), tuple(skipped))

    async def packs(self, guild_id: int) -> list[tuple[str, int]]:
        """(name, number of questions) of every pack of this server."""
        return [
            (str(name), int(count))
            for name, count in await self._db.fetch_all(
                "SELECT pack, COUNT(*) FROM custom_questions WHERE guild_id = ? AND pack IS NOT NULL "
                "GROUP BY pack ORDER BY pack",
                (guild_id,),
            )
        ]

    async def remove_pack(self, guild_id: int, name: str) -> int:
        """Delete a pack; returns how many questions went with it (0 when there is no such pack)."""
        name = pack_name(name)
        count = dict(await self.packs(guild_id)).get(name, 0)
        if count:
            await writer_of(self._db).write(
                ("DELETE FROM custom_questions WHERE guild_id = ? AND pack = ?", (guild_id, name))
            )
        return count
