"""Open-mode hints, defined once: the clue shown after a third of the round, the masked answer after two.

Level 1 is the question's own clue (the generator writes one where it knows the era or the brand),
else a clue from the catalog, else the decade, else the first letter. Level 2 masks every other
letter of the answer.
"""

from __future__ import annotations

import re

from .matching import AnswerMatcher
from .questions import TriviaQuestion

__all__ = ["decade", "hint", "mask"]

_ALNUM_RUN = re.compile(r"[^\W_]+")


def decade(year: int) -> str:
    """'2008' -> '2000s'."""
    return f"{year // 10 * 10}s"


def mask(text: str) -> str:
    """Every other letter or digit hidden, separators kept: 'GEL-KAYANO 14' -> 'G_L-K_Y_N_ 1_'."""
    return _ALNUM_RUN.sub(lambda m: "".join(ch if i % 2 == 0 else "_" for i, ch in enumerate(m.group())), text)


def hint(question: TriviaQuestion, level: int, matcher: AnswerMatcher | None = None) -> str:
    """The hint of ``level`` (0: none, 1: a clue, 2 or more: the masked answer)."""
    if level <= 0:
        return ""
    if level >= 2:
        return mask(question.answer)
    clue = question.clue or (matcher.clue(question) if matcher is not None else None)
    if clue is None and question.year is not None:
        clue = f"It's in the {decade(question.year)}."
    return clue or f"It starts with {question.answer[:1]!r}."
