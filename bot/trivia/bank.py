"""Every askable question, hand-written and generated, and fair ways to draw a game's worth of them."""

from __future__ import annotations

import dataclasses
import datetime
import random
import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence

from bot.catalog.catalog import Catalog
from bot.catalog.models import Named, Question
from bot.catalog.text import normalise

from .generator import generate
from .matching import AnswerMatcher
from .quality import check as quality_check
from .questions import CATEGORIES, TRUE_FALSE, Mode, TriviaQuestion, seeded
from .selection import select_game_questions

__all__ = ["MAX_PER_SUBJECT", "BankCache", "QuestionBank"]

MAX_PER_SUBJECT = 1  # one question per subject in a game (see bot.trivia.selection)

_YEAR = re.compile(r"\d{4}")
_ASKS_YEAR = re.compile(r"\byear\b", re.IGNORECASE)
_NEEDS_CHOICES = re.compile(r"\bof these\b|\bNOT\b")


def _in_any(question: TriviaQuestion, allowed: Collection[str]) -> bool:
    return any(question.in_category(name) for name in allowed)


class QuestionBank:
    """The question pool of one catalog; rebuilt with the catalog, never mutated."""

    def __init__(self, catalog: Catalog, extra: Sequence[TriviaQuestion] = ()) -> None:
        self.catalog = catalog
        self.matcher = AnswerMatcher(catalog)
        hand = [q for q in (self._handwritten(question) for question in catalog.questions.values()) if q is not None]
        # A generated question worded exactly like a hand-written one adds nothing: keep the hand-written one.
        hand_prompts = {normalise(q.prompt) for q in hand}
        generated = [q for q in generate(catalog) if normalise(q.prompt) not in hand_prompts]
        self._questions: dict[str, TriviaQuestion] = {}
        for question in (*hand, *generated, *extra):
            self._questions.setdefault(question.id, question)
        self._sorted = tuple(sorted(self._questions.values(), key=lambda q: q.id))

    def __len__(self) -> int:
        return len(self._questions)

    def __iter__(self) -> Iterator[TriviaQuestion]:
        return iter(self._sorted)

    def get(self, question_id: str) -> TriviaQuestion | None:
        return self._questions.get(question_id)

    def categories(self) -> tuple[str, ...]:
        """Categories that have questions, in the documented order (then any a pack adds)."""
        present = {q.category for q in self._sorted}
        return tuple(c for c in CATEGORIES if c in present) + tuple(sorted(present - set(CATEGORIES)))

    def pick(
        self,
        *,
        count: int,
        rng: random.Random,
        category: str | None = None,
        difficulty: str | None = None,
        mode: Mode = Mode.CHOICE,
        exclude: Collection[str] = (),
        extra: Sequence[TriviaQuestion] = (),
        categories: Collection[str] = (),
        seen: Iterable[str] = (),
        measured: Mapping[str, str] | None = None,
    ) -> list[TriviaQuestion]:
        """Up to ``count`` distinct questions, alternating hand-written (and ``extra``: a server's own) and generated.

        The draw is :func:`~bot.trivia.selection.select_game_questions`: one question per subject, no template
        and brand twice in a row, no reveal that answers a later question, and the ids in ``seen`` (the
        server's history, oldest first) only once every unseen eligible question has been asked. ``exclude``
        removes questions outright (held or retired ones). Fewer than ``count`` when the filters leave fewer.
        ``categories`` limits the pool to those categories (a server's allowed list) when ``category`` is not given.
        ``measured`` maps question ids to the difficulty play has measured (:mod:`bot.trivia.difficulty`): those
        questions are filtered, and come back, with that difficulty instead of their author's.
        """
        excluded = set(exclude)
        allowed = set(categories)
        pool = [
            q
            for q in _with_difficulty((*self._sorted, *extra), measured or {})
            if q.id not in excluded
            and (q.in_category(category) if category is not None else (not allowed or _in_any(q, allowed)))
            and (difficulty is None or q.difficulty == difficulty)
            and (q.playable_choice() if mode is Mode.CHOICE else q.playable_open())
        ]
        return select_game_questions(pool, count, rng, seen=seen)

    def daily(
        self, guild_id: int, day: datetime.date, exclude: Collection[str] = (), seen: Sequence[str] = ()
    ) -> TriviaQuestion | None:
        """The question of the day: the same for a server and day given its history, different between servers.

        A question the server has not seen (``seen``: its history, oldest first) comes first; when it has
        seen them all, the longest-unseen. The caller keeps the day's choice (it must not move when a game
        later adds to the history).
        """
        excluded = set(exclude)
        pool = [q for q in self._sorted if q.id not in excluded and q.playable_choice()]
        if not pool:
            return None
        rank = {question_id: position for position, question_id in enumerate(seen)}
        unseen = [q for q in pool if q.id not in rank]
        if not unseen:
            return min(pool, key=lambda q: rank[q.id])
        return seeded(f"daily:{guild_id}:{day.isoformat()}").choice(unseen)

    # -- hand-written questions --------------------------------------------------------------------

    def _handwritten(self, question: Question) -> TriviaQuestion | None:
        """A data/ question as a TriviaQuestion; None when it is not quizzable or breaks a quality rule.

        Quizzable: high confidence, undisputed, its own sources two independent publishers, and every field
        it ``rests_on`` quizzable (:meth:`Catalog.question_reason`). Quality: :mod:`bot.trivia.quality`.
        """
        if self.catalog.question_reason(question) is not None:
            return None
        made = self.build_handwritten(question)
        return None if made is None or quality_check(self.catalog, made) else made

    def build_handwritten(self, question: Question) -> TriviaQuestion | None:
        """A data/ question as a TriviaQuestion, whatever its sources (the audit reads it this way too)."""
        qid = f"hand:{question.id}"
        if question.type == "truefalse":
            answer = "True" if normalise(question.answer) == "true" else "False"
            choices: tuple[str, ...] = TRUE_FALSE
        else:
            answer = question.answer
            options = [answer, *question.distractors]
            if len(options) != 4 or len({normalise(option) for option in options}) != 4:
                return None
            seeded(qid).shuffle(options)
            choices = tuple(options)
        year = int(answer) if _YEAR.fullmatch(answer) and _ASKS_YEAR.search(question.prompt) else None
        answer_ref = None
        accepted: tuple[str, ...] = ()
        if year is None and choices != TRUE_FALSE:
            answer_ref = self.matcher.resolve(answer)
            entry = self.catalog.find(answer_ref) if answer_ref else None
            if isinstance(entry, Named) and normalise(answer) in {normalise(n) for n in self.matcher.labels(entry)}:
                accepted = tuple(name for name in entry.aliases if normalise(name) != normalise(answer))
            else:
                # Only an entry's own name: "Blue Ribbon Sports" (Nike's old name) must not accept "Nike".
                answer_ref = None
        return TriviaQuestion(
            id=qid,
            prompt=question.prompt,
            answer=answer,
            choices=choices,
            category=question.category,
            difficulty=question.difficulty,
            explanation=question.explanation,
            sources=question.sources,
            about=question.about,
            accepted=accepted,
            year=year,
            answer_ref=answer_ref,
            source_kind="handwritten",
            needs_choices=bool(_NEEDS_CHOICES.search(question.prompt)),
            rests_on=question.rests_on,
            brand=self.catalog.brand_of(question.about[0]) if question.about else None,
        )


def _with_difficulty(questions: Iterable[TriviaQuestion], measured: Mapping[str, str]) -> Iterator[TriviaQuestion]:
    for question in questions:
        level = measured.get(question.id)
        if level is None or level == question.difficulty:
            yield question
        else:
            yield dataclasses.replace(question, difficulty=level)


class BankCache:
    """The bank of the catalog being served, built once per catalog version and shared by every feature."""

    def __init__(self) -> None:
        self._bank: tuple[str, QuestionBank] | None = None

    def of(self, catalog: Catalog) -> QuestionBank:
        if self._bank is None or self._bank[0] != catalog.version:
            self._bank = (catalog.version, QuestionBank(catalog))
        return self._bank[1]
