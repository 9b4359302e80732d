"""Points for one answer: pure arithmetic, so the cog, the tests and /trivia help agree on the rules."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

__all__ = ["HINT_FLOOR", "ScoreRules", "Verdict", "describe_rules", "score", "verdict"]

HINT_FLOOR = 0.25  # hints never cost more than three quarters of the base points


class Verdict(StrEnum):
    """What an answer was, said the same way in the reveal, the standings and the stats."""

    right = "right"  # full credit
    close = "close"  # partial credit: a typed year near the answer
    wrong = "wrong"


def verdict(credit: float) -> Verdict:
    """The one rule: full credit is right, any other credit above nothing is close, nothing is wrong."""
    if credit >= 1.0:
        return Verdict.right
    return Verdict.close if credit > 0.0 else Verdict.wrong


@dataclass(frozen=True, slots=True)
class ScoreRules:
    """Tunable weights; a server could one day pick its own."""

    base: int = 100
    speed_bonus: int = 50
    streak_step: int = 10
    streak_cap: int = 50
    hint_penalty: float = 0.25


def score(
    *,
    credit: float,
    elapsed: float,
    limit: float,
    streak_before: int,
    hints_shown: int = 0,
    rules: ScoreRules = ScoreRules(),
) -> int:
    """Points for an answer worth ``credit`` (1 right, 0 wrong, between for a close year)."""
    credit = min(max(credit, 0.0), 1.0)
    if credit <= 0.0:
        return 0
    hint_factor = max(HINT_FLOOR, 1.0 - rules.hint_penalty * max(hints_shown, 0))
    base = rules.base * credit * hint_factor
    remaining = 1.0 - min(max(elapsed, 0.0), limit) / limit if limit > 0 else 0.0
    speed = rules.speed_bonus * remaining * credit
    streak = min(rules.streak_step * max(streak_before, 0), rules.streak_cap) if credit >= 1.0 else 0
    return max(0, math.floor(base + speed + streak + 0.5))


def describe_rules(rules: ScoreRules = ScoreRules()) -> str:
    """The scoring rules in words, for /trivia help."""
    hint_pct = round(rules.hint_penalty * 100)
    floor_pct = round(HINT_FLOOR * 100)
    return "\n".join(
        [
            f"• A right answer is worth **{rules.base}** points.",
            f"• Answer fast for up to **{rules.speed_bonus}** bonus points: the full bonus at once, "
            "nothing at the buzzer.",
            f"• Streaks: **+{rules.streak_step}** for each right answer in a row before this one, "
            f"up to **+{rules.streak_cap}**.",
            "• Typed answers to year questions earn part of the points when close: "
            "60% within a year, 30% within three. They show as **Close**: not right, not wrong.",
            f"• Each hint shown before you answer a typed question costs {hint_pct}% of the base points "
            f"(you always keep at least {floor_pct}%).",
            "• A wrong answer scores nothing and ends your streak.",
        ]
    )
