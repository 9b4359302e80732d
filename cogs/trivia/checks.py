"""What only a forged request could send to /trivia start, refused in a sentence before anything changes.

Discord enforces a command's ranges and choices in its own client, but the bot receives whatever a
request says: a ``seconds`` of 0, a ``rounds`` too large for SQLite, a ``mode`` that is not offered.
"""

from __future__ import annotations

from bot.errors import UserError
from bot.trivia.modes import GameMode
from bot.trivia.questions import Mode

__all__ = ["checked_mode", "checked_number"]


def checked_number(value: int | None, bounds: tuple[int, int], name: str) -> int | None:
    """``value`` when it lies within ``bounds`` (or is absent); a UserError naming the range otherwise."""
    if value is None:
        return None
    low, high = bounds
    if not isinstance(value, int) or not low <= value <= high:
        raise UserError(f"`{name}` must be a whole number from {low} to {high}.")
    return value


def checked_mode(value: str | None) -> Mode:
    """How a request's mode takes answers (a sneaker mode or teams: by its own rules, see ``bot.trivia.modes``),
    or a UserError listing the modes there are."""
    if value is None:
        return Mode.CHOICE
    if value not in {str(mode) for mode in GameMode}:
        raise UserError(f"`mode` must be one of: {', '.join(str(mode) for mode in GameMode)}.")
    return Mode(value) if value in {str(mode) for mode in Mode} else Mode.CHOICE
