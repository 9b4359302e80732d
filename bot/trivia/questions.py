"""The question type every part of trivia shares: the bank builds them, the game asks them, the cog renders them."""

from __future__ import annotations

import random
from dataclasses import dataclass
from enum import StrEnum

from bot.catalog.kinds import Category, Difficulty
from bot.catalog.models import FieldRef, Ref

__all__ = ["CATEGORIES", "DIFFICULTIES", "TRUE_FALSE", "Mode", "TriviaQuestion", "seeded"]

CATEGORIES: tuple[str, ...] = tuple(c.value for c in Category)  # in the order players see them
DIFFICULTIES: tuple[str, ...] = tuple(d.value for d in Difficulty)
TRUE_FALSE: tuple[str, str] = ("True", "False")


class Mode(StrEnum):
    """How players answer: by clicking one of the choices, or by typing the answer."""

    CHOICE = "choice"
    OPEN = "open"


@dataclass(frozen=True, slots=True)
class TriviaQuestion:
    """One askable question, immutable so a running game never sees it change under a catalog reload."""

    id: str
    prompt: str
    answer: str
    choices: tuple[str, ...]
    category: str
    difficulty: str
    explanation: str
    sources: tuple[str, ...]
    about: tuple[Ref, ...] = ()
    accepted: tuple[str, ...] = ()
    year: int | None = None
    answer_ref: Ref | None = None
    source_kind: str = "generated"
    # Added: the prompt only makes sense with its choices on screen ("which of these…", odd one out).
    needs_choices: bool = False
    # Added: the level-1 open-mode hint (the brand or era), prepared where the catalog is at hand.
    clue: str | None = None
    # Added: the catalog fields the question states as true (a generated question's, or a hand-written
    # one's ``rests_on``), so an audit can check each is quizzable.
    rests_on: tuple[FieldRef, ...] = ()
    # Added: the brand the question is about, so a game does not ask the same template of one brand twice in a row.
    brand: str | None = None
    # Added: the server pack a question comes from, so `/trivia start category: <pack>` plays that pack.
    pack: str | None = None

    def in_category(self, name: str) -> bool:
        """Whether `category: name` asks this question: its own category, or the pack it comes from."""
        return name in (self.category, self.pack)

    @property
    def template(self) -> str:
        """The question's shape: a generated template ("debut-year"), else where it came from and its category."""
        parts = self.id.split(":")
        if self.source_kind == "generated" and len(parts) > 1:
            return parts[1]
        return f"{self.source_kind}:{self.category}"

    @property
    def answer_index(self) -> int:
        """Position of the answer among the choices, so a renderer can mark it."""
        return self.choices.index(self.answer)

    @property
    def is_true_false(self) -> bool:
        return self.choices == TRUE_FALSE

    @property
    def subject(self) -> Ref | None:
        """What the question is mainly about, used to cap questions per subject in a game."""
        return self.about[0] if self.about else None

    def playable_open(self) -> bool:
        """Typed answers only work when the answer is a name we can match or a year we can score.

        A question with no choices at all (a Red-format pack's) exists only to be typed.
        """
        if not self.choices:
            return True
        if self.is_true_false or self.needs_choices:
            return False
        return self.year is not None or self.answer_ref is not None

    def playable_choice(self) -> bool:
        """Buttons need choices to show."""
        return bool(self.choices)


def seeded(seed: str) -> random.Random:
    """A generator seeded by text, so a question id always yields the same choices and order."""
    return random.Random(seed)  # noqa: S311 - shuffling quiz choices, not security
