"""Fair play: which games count toward the board, and a shared speed bonus for near-simultaneous answers.

- A game counts toward the board only when at least ``min_players`` people answered in it (each server
  picks the number; two by default), so one member cannot farm points alone.
- Right answers within ``SHARED_BONUS_WINDOW`` seconds of an earlier right answer earn the same speed
  bonus as that answer: a click that lost a race by a network hiccup is not worth fewer points.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["SHARED_BONUS_WINDOW", "counts_for_board", "describe_fairness", "shared_elapsed"]

SHARED_BONUS_WINDOW = 0.25  # seconds


def counts_for_board(players: int, min_players: int) -> bool:
    return players >= max(min_players, 1)


def shared_elapsed(elapsed: float, earlier_right: Iterable[float], window: float = SHARED_BONUS_WINDOW) -> float:
    """The answer time the speed bonus is computed from: the earliest earlier right answer at most ``window``
    seconds before this one, else this answer's own time."""
    close = [other for other in earlier_right if 0.0 <= elapsed - other <= window + 1e-9]
    return min(close, default=elapsed)


def describe_fairness(min_players: int) -> str:
    players = "player" if min_players == 1 else "players"
    return "\n".join(
        [
            f"• A game counts toward the board and the season only with at least **{min_players}** {players} "
            "(moderators set it: `/config season`).",
            f"• Right answers within **{round(SHARED_BONUS_WINDOW * 1000)} ms** of each other share the speed "
            "bonus of the first.",
            "• Bots can't play; one answer per player per question.",
        ]
    )
