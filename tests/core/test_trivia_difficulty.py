"""Difficulty from play: the rule, and the draw that uses it."""

from __future__ import annotations

import random

import pytest

from bot.catalog import Catalog
from bot.trivia.bank import QuestionBank
from bot.trivia.difficulty import (
    EASY_FROM,
    HARD_BELOW,
    MIN_ANSWERS,
    Tally,
    effective_difficulty,
    measured_difficulties,
    measured_difficulty,
)


@pytest.mark.parametrize(
    ("answered", "correct", "expected"),
    [
        (MIN_ANSWERS - 1, 0, None),  # too few answers: the author's difficulty stands
        (MIN_ANSWERS, 0, "hard"),
        (MIN_ANSWERS, 7, "hard"),  # 35 %
        (MIN_ANSWERS, 8, "medium"),  # 40 %: the hard threshold is strict
        (MIN_ANSWERS, 13, "medium"),  # 65 %
        (MIN_ANSWERS, 14, "easy"),  # 70 %: the easy threshold is inclusive
        (100, 100, "easy"),
    ],
)
def test_the_measured_right_rate_sets_the_difficulty(answered: int, correct: int, expected: str | None) -> None:
    measured = measured_difficulty(Tally(answered, correct))
    assert (measured.value if measured else None) == expected
    assert effective_difficulty("medium", Tally(answered, correct)) == (expected or "medium")


def test_the_thresholds_are_ordered_and_the_author_counts_until_enough_answers() -> None:
    assert 0 < HARD_BELOW < EASY_FROM <= 1 and MIN_ANSWERS >= 10
    assert effective_difficulty("easy", None) == "easy"
    assert measured_difficulties({"a": Tally(MIN_ANSWERS, 0), "b": Tally(3, 0), "c": Tally(50, 49)}) == {
        "a": "hard",
        "c": "easy",
    }


def test_the_draw_filters_by_measured_difficulty_and_shows_it(catalog: Catalog) -> None:
    bank = QuestionBank(catalog)
    easy = next(q for q in bank if q.difficulty == "easy")
    measured = {easy.id: "hard"}
    hard = bank.pick(count=10, rng=random.Random(1), difficulty="hard", measured=measured)
    assert easy.id in {q.id for q in hard}
    assert next(q for q in hard if q.id == easy.id).difficulty == "hard"
    still_easy = bank.pick(count=10, rng=random.Random(1), difficulty="easy", measured=measured)
    assert easy.id not in {q.id for q in still_easy}
    assert bank.get(easy.id) == easy  # the bank itself is unchanged


def test_most_missed_easy_lists_easy_questions_missed_half_the_time_or_more() -> None:
    from bot.trivia.broken import MIN_SERVER_ANSWERS, most_missed_easy

    level = {"a": "easy", "b": "easy", "c": "easy", "d": "hard", "e": "easy"}
    tallies = {
        "a": Tally(10, 2),  # 80 % missed
        "b": Tally(10, 5),  # 50 % missed: listed
        "c": Tally(10, 6),  # 40 % missed: not
        "d": Tally(10, 0),  # hard: allowed to be missed
        "e": Tally(MIN_SERVER_ANSWERS - 1, 0),  # too few answers here to tell
        "gone": Tally(10, 0),  # no longer askable
    }
    listed = most_missed_easy(tallies, level.get)
    assert [item.question_id for item in listed] == ["a", "b"]
    assert listed[0].missed_rate == 0.8
