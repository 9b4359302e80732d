"""Game modes beyond a plain quiz: what each is called, and how each scores (shown in /trivia help).

- ``guess``: Guess the shoe, from clues revealed one at a time (``guess.py``)
- ``timeline``: put four releases or debuts in order (``timeline.py``)
- ``closest``: everyone types a year; the closest wins (``closest.py``)
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["MODE_NAMES", "GameMode", "describe_modes"]


class GameMode(StrEnum):
    """What /trivia start's ``mode`` offers; ``choice`` and ``open`` are the plain quiz."""

    choice = "choice"
    open = "open"
    guess = "guess"
    timeline = "timeline"
    closest = "closest"
    teams = "teams"


MODE_NAMES = {
    GameMode.choice: "Multiple choice",
    GameMode.open: "Type the answer",
    GameMode.guess: "Guess the shoe",
    GameMode.timeline: "Timeline order",
    GameMode.closest: "Closest year",
    GameMode.teams: "Team game",
}


def describe_modes() -> str:
    from .closest import CLOSEST_POINTS, EXACT_BONUS
    from .guess import GUESS_BASE
    from .timeline import TIMELINE_ITEMS

    return "\n".join(
        [
            f"• **Guess the shoe** (`mode: guess`): clues appear one at a time (era, technology, designer, a "
            f"collaboration, a nickname, the brand). Type the shoe: **{GUESS_BASE}** points with one clue shown, "
            "less for each further clue you waited for, down to a sixth. Streaks count; no speed bonus.",
            f"• **Timeline order** (`mode: timeline`): put {TIMELINE_ITEMS} releases or debuts in order with the "
            "menus. Each item in its right place earns a quarter of the points (and of the speed bonus); the "
            "reveal shows the real dates and their sources.",
            f"• **Closest year** (`mode: closest`): everyone types a year. The closest guess wins **{CLOSEST_POINTS}** "
            f"(+{EXACT_BONUS} when exact); a tie goes to whoever answered first; nobody else scores.",
            "• **Teams** (`mode: teams`): join one of 2–4 teams in the lobby (or the host balances them). Questions "
            "score as usual for each player; a team's score is the sum of its members', and every answer counts "
            "on the individual board too.",
        ]
    )
