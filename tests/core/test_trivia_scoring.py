"""Trivia scoring: base points, speed bonus, streaks, hints and partial credit."""

from __future__ import annotations

import pytest

from bot.trivia.scoring import ScoreRules, describe_rules, score


def test_an_instant_right_answer_gets_base_and_full_speed_bonus() -> None:
    assert score(credit=1.0, elapsed=0.0, limit=20.0, streak_before=0) == 150


def test_the_speed_bonus_falls_linearly_to_nothing_at_the_limit() -> None:
    assert score(credit=1.0, elapsed=10.0, limit=20.0, streak_before=0) == 125
    assert score(credit=1.0, elapsed=20.0, limit=20.0, streak_before=0) == 100
    assert score(credit=1.0, elapsed=99.0, limit=20.0, streak_before=0) == 100


def test_a_wrong_answer_scores_nothing_whatever_the_streak() -> None:
    assert score(credit=0.0, elapsed=0.0, limit=20.0, streak_before=5, hints_shown=0) == 0


def test_streak_bonus_grows_by_step_and_is_capped() -> None:
    assert score(credit=1.0, elapsed=20.0, limit=20.0, streak_before=3) == 130
    assert score(credit=1.0, elapsed=20.0, limit=20.0, streak_before=5) == 150
    assert score(credit=1.0, elapsed=20.0, limit=20.0, streak_before=40) == 150


def test_partial_credit_scales_base_and_speed_but_earns_no_streak_bonus() -> None:
    assert score(credit=0.6, elapsed=0.0, limit=20.0, streak_before=4) == 90
    assert score(credit=0.3, elapsed=20.0, limit=20.0, streak_before=4) == 30


@pytest.mark.parametrize(("hints", "points"), [(0, 100), (1, 75), (2, 50), (3, 25), (9, 25)])
def test_hints_cost_a_quarter_each_down_to_a_floor(hints: int, points: int) -> None:
    assert score(credit=1.0, elapsed=20.0, limit=20.0, streak_before=0, hints_shown=hints) == points


def test_points_are_integers_and_never_negative() -> None:
    for elapsed in (-5.0, 0.0, 3.3, 7.77, 100.0):
        for credit in (-1.0, 0.0, 0.3, 0.6, 1.0, 2.0):
            points = score(credit=credit, elapsed=elapsed, limit=15.0, streak_before=2, hints_shown=1)
            assert isinstance(points, int)
            assert 0 <= points <= 150 + 50


def test_a_zero_limit_gives_no_speed_bonus() -> None:
    assert score(credit=1.0, elapsed=0.0, limit=0.0, streak_before=0) == 100


def test_custom_rules() -> None:
    rules = ScoreRules(base=10, speed_bonus=0, streak_step=1, streak_cap=2, hint_penalty=0.5)
    assert score(credit=1.0, elapsed=0.0, limit=10.0, streak_before=7, rules=rules) == 12
    assert score(credit=1.0, elapsed=0.0, limit=10.0, streak_before=0, hints_shown=1, rules=rules) == 5


def test_describe_rules_names_the_numbers() -> None:
    text = describe_rules(ScoreRules(base=120, speed_bonus=40, streak_step=15, streak_cap=45))
    for number in ("120", "40", "15", "45"):
        assert number in text
