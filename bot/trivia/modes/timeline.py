"""Timeline order: four releases or debuts, each in a different year, to be put in order.

A player's answer is the order they chose, as choice indices ('2,0,3,1'); each item in its right place
earns a quarter of the credit. The reveal shows the real dates and their sources.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Unpack

from bot.catalog import Catalog
from bot.catalog.dates import PartialDate
from bot.catalog.models import Ref

from ..game import Game, GameIds
from ..questions import Mode, TriviaQuestion

__all__ = [
    "LETTERS",
    "TIMELINE_ITEMS",
    "Moment",
    "TimelineGame",
    "TimelineRound",
    "order_text",
    "parse_order",
    "position_credit",
    "timeline_rounds",
]

TIMELINE_ITEMS = 4


@dataclass(frozen=True, slots=True)
class Moment:
    label: str
    date: PartialDate
    sources: tuple[str, ...]
    subject: Ref


@dataclass(frozen=True, slots=True)
class TimelineRound:
    question: TriviaQuestion
    moments: tuple[Moment, ...]  # in the order shown (the question's choices)

    @property
    def right_order(self) -> tuple[int, ...]:
        return tuple(sorted(range(len(self.moments)), key=lambda i: self.moments[i].date.sort_key))


YEAR_IN_NAME = re.compile(r"\b(?:1[89]|20)\d{2}\b")  # a name that says its own year gives the answer away


def _moments(catalog: Catalog) -> list[Moment]:
    out: list[Moment] = []
    for shoe in catalog.silhouettes.values():
        if shoe.first_release is not None and catalog.is_quizzable(shoe, "first_release"):
            out.append(
                Moment(
                    f"{shoe.name} debuts",
                    shoe.first_release,
                    shoe.sources_for("first_release"),
                    Ref("silhouette", shoe.id),
                )
            )
    for release in catalog.releases.values():
        if release.date is not None and catalog.is_quizzable(release, "date"):
            out.append(
                Moment(
                    f"{release.name} releases",
                    release.date,
                    release.sources_for("date"),
                    Ref("silhouette", release.silhouette),
                )
            )
    return sorted((m for m in out if not YEAR_IN_NAME.search(m.label)), key=lambda m: m.label)


def timeline_rounds(
    catalog: Catalog, rng: random.Random, count: int, *, exclude: frozenset[str] = frozenset()
) -> list[TimelineRound]:
    """Up to ``count`` rounds of four moments, each moment in a different year and about a different shoe."""
    pool = _moments(catalog)
    rng.shuffle(pool)
    rounds: list[TimelineRound] = []
    used: set[str] = set()
    while len(rounds) < count:
        picked: list[Moment] = []
        years: set[int] = set()
        subjects: set[Ref] = set()
        for moment in pool:
            if moment.label in used or moment.date.year in years or moment.subject in subjects:
                continue
            picked.append(moment)
            years.add(moment.date.year)
            subjects.add(moment.subject)
            if len(picked) == TIMELINE_ITEMS:
                break
        if len(picked) < TIMELINE_ITEMS:
            break
        used.update(m.label for m in picked)
        question_id = "timeline:" + "|".join(sorted(m.label for m in picked))[:180]
        if question_id in exclude:
            continue
        ordered = sorted(picked, key=lambda m: m.date.sort_key)
        question = TriviaQuestion(
            id=question_id,
            prompt="Put these in order, earliest first.",
            answer=order_text(tuple(picked.index(m) for m in ordered)),
            choices=tuple(m.label for m in picked),
            category="timeline order",
            difficulty="medium",
            explanation=" → ".join(f"{m.label} ({m.date.render()})" for m in ordered),
            sources=tuple(dict.fromkeys(source for m in picked for source in m.sources)),
            about=tuple(dict.fromkeys(m.subject for m in picked)),
        )
        rounds.append(TimelineRound(question, tuple(picked)))
    return rounds


LETTERS = "ABCD"


def order_text(order: tuple[int, ...]) -> str:
    """(2, 0, 3, 1) → 'C → A → D → B': how an order is stored and echoed."""
    return " → ".join(LETTERS[index] for index in order)


def parse_order(text: str, size: int = TIMELINE_ITEMS) -> tuple[int, ...] | None:
    """'C → A → D → B' → (2, 0, 3, 1) when it names every item once, else None."""
    letters = [part.strip().upper() for part in text.split("→")]
    if any(len(letter) != 1 or letter not in LETTERS[:size] for letter in letters):
        return None
    order = tuple(LETTERS.index(letter) for letter in letters)
    return order if sorted(order) == list(range(size)) else None


def position_credit(order: tuple[int, ...] | None, right: tuple[int, ...]) -> float:
    if order is None or len(order) != len(right):
        return 0.0
    return sum(1 for mine, truth in zip(order, right, strict=True) if mine == truth) / len(right)


class TimelineGame(Game):
    def __init__(self, *, rounds: list[TimelineRound], seconds: float, **ids: Unpack[GameIds]) -> None:
        self.rounds = tuple(rounds)
        super().__init__(questions=[r.question for r in rounds], seconds=seconds, mode=Mode.CHOICE, **ids)

    @property
    def current_round(self) -> TimelineRound | None:
        return self.rounds[self.round_index] if 0 <= self.round_index < len(self.rounds) else None

    def _judge(self, question: TriviaQuestion, choice: str) -> float:
        right = parse_order(question.answer)
        assert right is not None
        return position_credit(parse_order(choice), right)
