"""A game mode's question rebuilt from its id (after a restart, for Learn more and /trivia review)."""

from __future__ import annotations

from bot.catalog import Catalog

from ..questions import TriviaQuestion
from .closest import closest_question
from .guess import guess_question

__all__ = ["mode_question"]


def mode_question(catalog: Catalog, question_id: str) -> TriviaQuestion | None:
    kind, _, entry_id = question_id.partition(":")
    if kind == "guess" and entry_id in catalog.silhouettes:
        built = guess_question(catalog, catalog.silhouettes[entry_id])
        return built.question if built else None
    if kind == "closest":
        return closest_question(catalog, entry_id)
    return None  # a timeline round is kept in memory only: its four moments were drawn at random
