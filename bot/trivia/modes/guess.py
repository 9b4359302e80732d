"""Guess the shoe: a silhouette described by clues, one more every few seconds; fewer clues seen, more points.

Clues come only from quizzable fields (``Catalog.is_quizzable``: high confidence, undisputed, two
independent publishers), hardest first: era, technology, designer, a collaboration, a nickname, the brand.
A nickname that names the shoe itself ('Kayano 14 "Cream"') is never a clue.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Unpack

from bot.catalog import Catalog
from bot.catalog.labels import display_name
from bot.catalog.models import Ref, Silhouette
from bot.catalog.text import normalise

from ..game import Game, GameIds
from ..matching import AnswerMatcher
from ..questions import Mode, TriviaQuestion

__all__ = ["GUESS_BASE", "MIN_CLUES", "GuessGame", "GuessRound", "guess_points", "guess_question", "guess_rounds"]

GUESS_BASE = 100
MIN_CLUES = 3
MAX_CLUES = 6


@dataclass(frozen=True, slots=True)
class GuessRound:
    question: TriviaQuestion
    clues: tuple[str, ...]


def _names(catalog: Catalog, kind: str, ids: Sequence[str]) -> list[str]:
    out = []
    for entry_id in ids:
        ref = Ref(kind, entry_id)
        out.append(catalog.name_of(ref) if catalog.find(ref) is not None else entry_id)
    return out


def _gives_away(text: str, shoe: Silhouette) -> bool:
    """Whether a nickname or partner names the shoe: a word of its name, a word sharing its first four
    letters ('Foams' for Foamposite), or its number inside a word ('11s')."""
    names = [word for word in normalise(shoe.name).split() if len(word) > 2 or word.isdigit()]
    for word in normalise(text).split():
        for name in names:
            if word == name or (name.isdigit() and name in word):
                return True
            if len(name) >= 4 and len(word) >= 4 and word[:4] == name[:4]:
                return True
    return False


def clues_for(catalog: Catalog, shoe: Silhouette) -> tuple[str, ...]:
    clues: list[str] = []
    if shoe.first_release is not None and catalog.is_quizzable(shoe, "first_release"):
        decade = shoe.first_release.year - shoe.first_release.year % 10
        clues.append(f"🕰️ It first came out in the {decade}s.")
    if shoe.technologies and catalog.is_quizzable(shoe, "technologies"):
        clues.append(f"⚙️ Technology: {', '.join(_names(catalog, 'technology', shoe.technologies))}.")
    if shoe.designers and catalog.is_quizzable(shoe, "designers"):
        clues.append(f"✏️ Designed by {', '.join(_names(catalog, 'person', shoe.designers))}.")
    collabs = [
        c
        for c in catalog.collaborations.values()
        if c.silhouette == shoe.id and catalog.is_quizzable(c, "partner") and not _gives_away(c.name, shoe)
    ]
    if collabs:
        partner = catalog.name_of(sorted(collabs, key=lambda c: c.id)[0].partner)
        clues.append(f"🤝 There is a collaboration on it with {partner}.")
    nicknames = [
        alias
        for release in catalog.releases_of(shoe.id)
        if catalog.is_quizzable(release, "aliases")
        for alias in release.aliases
        if not _gives_away(alias, shoe)
    ]
    if nicknames:
        clues.append(f"🏷️ One of its colourways is nicknamed “{sorted(nicknames)[0]}”.")
    if catalog.is_quizzable(shoe, "brand") and shoe.brand in catalog.brands:
        clues.append(f"🏢 Brand: {catalog.brands[shoe.brand].name}.")
    return tuple(clues[:MAX_CLUES])


def guess_question(catalog: Catalog, shoe: Silhouette) -> GuessRound | None:
    """The round about one shoe, or None when the archive has too few quizzable clues for it."""
    clues = clues_for(catalog, shoe)
    if len(clues) < MIN_CLUES:
        return None
    fields = ("first_release", "designers", "technologies", "brand")
    sources = tuple(dict.fromkeys(source for field in fields for source in shoe.sources_for(field)))
    question = TriviaQuestion(
        id=f"guess:{shoe.id}",
        prompt="Guess the shoe! Type its name. A new clue appears every few seconds.",
        answer=shoe.name,
        choices=(),
        category="guess the shoe",
        difficulty="medium",
        explanation=f"The clues described the {display_name(shoe, catalog.brands)}.",
        sources=sources,
        about=(Ref("silhouette", shoe.id),),
        accepted=tuple(shoe.aliases),
        answer_ref=Ref("silhouette", shoe.id),
    )
    return GuessRound(question, clues)


def guess_rounds(
    catalog: Catalog, rng: random.Random, count: int, *, exclude: frozenset[str] = frozenset()
) -> list[GuessRound]:
    """Up to ``count`` shoes with at least ``MIN_CLUES`` clues, in random order."""
    rounds = [
        built
        for shoe in sorted(catalog.silhouettes.values(), key=lambda s: s.id)
        if f"guess:{shoe.id}" not in exclude and (built := guess_question(catalog, shoe)) is not None
    ]
    rng.shuffle(rounds)
    return rounds[:count]


def guess_points(clues_seen: int, clues_total: int, streak_before: int) -> int:
    """All of GUESS_BASE with one clue seen, one share less per further clue (never below a sixth)."""
    total = max(clues_total, 1)
    seen = min(max(clues_seen, 1), total)
    factor = max((total - seen + 1) / total, 1 / MAX_CLUES)
    streak = min(10 * max(streak_before, 0), 50)
    return math.floor(GUESS_BASE * factor + streak + 0.5)


class GuessGame(Game):
    """Typed answers (the forgiving matcher); clue ``n`` shows at ``n / clues`` of the round."""

    def __init__(
        self, *, rounds: Sequence[GuessRound], seconds: float, matcher: AnswerMatcher, **ids: Unpack[GameIds]
    ) -> None:
        self.clues: tuple[tuple[str, ...], ...] = tuple(r.clues for r in rounds)
        super().__init__(
            questions=[r.question for r in rounds], seconds=seconds, mode=Mode.OPEN, matcher=matcher, **ids
        )

    @property
    def current_clues(self) -> tuple[str, ...]:
        return self.clues[self.round_index] if 0 <= self.round_index < len(self.clues) else ()

    def hint_offsets(self) -> tuple[float, ...]:
        count = len(self.current_clues)
        return tuple(self.seconds * n / count for n in range(1, count))

    def clues_seen(self, now: float) -> int:
        return 1 + self.hints_shown(now)

    def hint(self, level: int) -> str:
        clues = self.current_clues
        return clues[min(level, len(clues) - 1)]

    def _points(self, player_id: int, credit: float, elapsed: float, now: float) -> int:
        if credit < 1.0:
            return 0
        return guess_points(self.clues_seen(now), len(self.current_clues), self.streak(player_id))
