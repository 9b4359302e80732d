"""Closest year: everyone types a year for a dated event; the closest guess wins, a tie goes to the first.

Answers are taken (and stored) with no points; the round's winner is settled when it closes.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Unpack

from bot.catalog import Catalog
from bot.catalog.labels import display_name
from bot.catalog.models import Ref, Release, Silhouette

from ..game import AnswerOutcome, Game, GameIds, RoundResult
from ..questions import Mode, TriviaQuestion
from .timeline import YEAR_IN_NAME

__all__ = [
    "CLOSEST_POINTS",
    "EXACT_BONUS",
    "ClosestGame",
    "Guess",
    "closest_question",
    "closest_rounds",
    "parse_year",
]

CLOSEST_POINTS = 100
EXACT_BONUS = 50
_YEAR = re.compile(r"(?<!\d)(\d{4}|'?\d{2})(?!\d)")


def parse_year(text: str, near: int) -> int | None:
    """'1987', '87', "'87" → a year ('87' is read in the century nearest ``near``)."""
    match = _YEAR.search(text.strip())
    if match is None:
        return None
    digits = match[1].lstrip("'")
    if len(digits) == 4:
        return int(digits)
    century = near - near % 100
    return min(
        (century - 100 + int(digits), century + int(digits), century + 100 + int(digits)), key=lambda y: abs(y - near)
    )


@dataclass(frozen=True, slots=True)
class Guess:
    player_id: int
    year: int | None
    distance: int | None
    elapsed: float


def _year_question(
    entry_id: str, *, prompt: str, year: int, explanation: str, sources: tuple[str, ...], about: Ref
) -> TriviaQuestion:
    """A closest-year question: the answer is the year, typed, with no choices."""
    return TriviaQuestion(
        id=f"closest:{entry_id}",
        prompt=prompt,
        answer=str(year),
        choices=(),
        category="closest year",
        difficulty="medium",
        explanation=explanation,
        sources=sources,
        about=(about,),
        year=year,
    )


def _debut_question(catalog: Catalog, shoe: Silhouette) -> TriviaQuestion | None:
    if shoe.first_release is None or not catalog.is_quizzable(shoe, "first_release"):
        return None
    name = display_name(shoe, catalog.brands)
    return _year_question(
        shoe.id,
        prompt=f"In what year did the **{name}** first come out?",
        year=shoe.first_release.year,
        explanation=f"The {name} first came out in {shoe.first_release.render()}.",
        sources=shoe.sources_for("first_release"),
        about=Ref("silhouette", shoe.id),
    )


def _release_question(catalog: Catalog, release: Release) -> TriviaQuestion | None:
    if release.date is None or not catalog.is_quizzable(release, "date"):
        return None
    return _year_question(
        release.id,
        prompt=f"In what year did the **{release.name}** release?",
        year=release.date.year,
        explanation=f"The {release.name} released in {release.date.render()}.",
        sources=release.sources_for("date"),
        about=Ref("silhouette", release.silhouette),
    )


def closest_question(catalog: Catalog, entry_id: str) -> TriviaQuestion | None:
    """The question about a shoe's debut or a release's date, by the entry's id."""
    if entry_id in catalog.silhouettes:
        return _debut_question(catalog, catalog.silhouettes[entry_id])
    if entry_id in catalog.releases:
        return _release_question(catalog, catalog.releases[entry_id])
    return None


def closest_rounds(
    catalog: Catalog, rng: random.Random, count: int, *, exclude: frozenset[str] = frozenset()
) -> list[TriviaQuestion]:
    """Debuts and releases whose year is quizzable (and not in their name), one per shoe, in random order."""
    built = [
        *(_debut_question(catalog, shoe) for shoe in sorted(catalog.silhouettes.values(), key=lambda s: s.id)),
        *(_release_question(catalog, release) for release in sorted(catalog.releases.values(), key=lambda r: r.id)),
    ]
    found = [q for q in built if q is not None and q.id not in exclude and not YEAR_IN_NAME.search(q.prompt)]
    rng.shuffle(found)
    picked: list[TriviaQuestion] = []
    subjects: set[Ref | None] = set()
    for question in found:  # one question per shoe in a game
        if question.subject in subjects:
            continue
        subjects.add(question.subject)
        picked.append(question)
        if len(picked) == count:
            break
    return picked


class ClosestGame(Game):
    def __init__(self, *, questions: Sequence[TriviaQuestion], seconds: float, **ids: Unpack[GameIds]) -> None:
        super().__init__(questions=questions, seconds=seconds, mode=Mode.OPEN, **ids)
        self.guesses: list[Guess] = []
        self.winner: AnswerOutcome | None = None

    def hint_offsets(self) -> tuple[float, ...]:
        return ()

    def _judge(self, question: TriviaQuestion, choice: str) -> float:
        return 0.0  # settled at the close: see close_round

    def _points(self, player_id: int, credit: float, elapsed: float, now: float) -> int:
        return 0

    def close_round(self, now: float) -> RoundResult:
        question = self.current
        assert question is not None and question.year is not None
        answer = question.year
        guesses = []
        for outcome in self._answers.values():
            year = parse_year(outcome.choice, answer)
            guesses.append(
                Guess(outcome.player_id, year, abs(year - answer) if year is not None else None, outcome.elapsed)
            )
        self.guesses = sorted(guesses, key=lambda g: (g.distance is None, g.distance or 0, g.elapsed, g.player_id))
        self.winner = None
        best = self.guesses[0] if self.guesses and self.guesses[0].distance is not None else None
        if best is not None:
            points = CLOSEST_POINTS + (EXACT_BONUS if best.distance == 0 else 0)
            won = replace(self._answers[best.player_id], credit=1.0, points=points)
            self._answers[best.player_id] = won
            self.winner = won
        return super().close_round(now)
