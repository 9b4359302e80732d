"""Difficulty from play: once enough players have answered a question, its right-rate sets its difficulty.

A question starts at the difficulty its author gave it. After :data:`MIN_ANSWERS` answers (across all
servers: only this aggregate is shared between servers), the measured share of right answers decides:

- at least :data:`EASY_FROM` (70 %) right: **easy**;
- below :data:`HARD_BELOW` (40 %) right: **hard** (a four-choice question guessed blindly scores 25 %);
- in between: **medium**.

``/trivia start difficulty:`` draws by this effective difficulty, and the question shows it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .kinds import Difficulty

__all__ = ["EASY_FROM", "HARD_BELOW", "MIN_ANSWERS", "Tally", "effective_difficulty", "measured_difficulties"]

MIN_ANSWERS = 20  # answers before the measured rate overrides the author's difficulty
EASY_FROM = 0.70  # right-rate at or above which a question is easy
HARD_BELOW = 0.40  # right-rate below which a question is hard


@dataclass(frozen=True, slots=True)
class Tally:
    """Right and wrong answers to one question."""

    answered: int
    correct: int

    @property
    def missed(self) -> int:
        return self.answered - self.correct

    @property
    def right_rate(self) -> float | None:
        return self.correct / self.answered if self.answered else None


def measured_difficulty(tally: Tally) -> Difficulty | None:
    """The difficulty play has shown, or None while fewer than :data:`MIN_ANSWERS` answers are in."""
    rate = tally.right_rate
    if tally.answered < MIN_ANSWERS or rate is None:
        return None
    if rate >= EASY_FROM:
        return Difficulty.easy
    if rate < HARD_BELOW:
        return Difficulty.hard
    return Difficulty.medium


def effective_difficulty(authored: str, tally: Tally | None) -> str:
    """What a question counts as: measured when enough answers are in, else what its author said."""
    measured = measured_difficulty(tally) if tally is not None else None
    return measured.value if measured is not None else authored


def measured_difficulties(tallies: Mapping[str, Tally]) -> dict[str, str]:
    """Question id -> measured difficulty, for the questions with enough answers."""
    out: dict[str, str] = {}
    for question_id, tally in tallies.items():
        measured = measured_difficulty(tally)
        if measured is not None:
            out[question_id] = measured.value
    return out
