"""The game modes' rules in the core: clue scoring, year parsing and ties, ordering credit, clue safety."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from bot.catalog import Catalog, load_catalog
from bot.catalog.text import normalise
from bot.trivia.modes.closest import ClosestGame, closest_rounds, parse_year
from bot.trivia.modes.guess import guess_points, guess_rounds
from bot.trivia.modes.timeline import order_text, parse_order, position_credit, timeline_rounds

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    return load_catalog(DATA)


def test_fewer_clues_earn_more() -> None:
    assert [guess_points(seen, 5, 0) for seen in range(1, 6)] == [100, 80, 60, 40, 20]
    assert guess_points(1, 4, 3) == 130  # a streak adds as in every game
    assert guess_points(9, 3, 0) == 33


def test_years_and_orders() -> None:
    assert parse_year("1987", 1990) == 1987 and parse_year("'87", 1990) == 1987 and parse_year("05", 2008) == 2005
    assert parse_year("no idea", 1990) is None
    assert parse_order(order_text((2, 0, 3, 1))) == (2, 0, 3, 1)
    assert parse_order("A → A → B → C") is None and parse_order("A → B") is None
    assert position_credit((0, 1, 2, 3), (0, 1, 2, 3)) == 1.0
    assert position_credit((1, 0, 2, 3), (0, 1, 2, 3)) == 0.5
    assert position_credit(None, (0, 1, 2, 3)) == 0.0


def test_closest_exact_wins_the_bonus_and_ties_go_to_the_first(shipped: Catalog) -> None:
    [question] = closest_rounds(shipped, random.Random(3), 1)
    assert question.year is not None
    game = ClosestGame(game_id=1, guild_id=1, channel_id=1, host_id=1, questions=[question], seconds=20)
    game.start_round(0.0)
    game.answer(1, str(question.year + 1), 1.0)
    game.answer(2, str(question.year - 1), 2.0)
    game.answer(3, "no idea", 3.0)
    result = game.close_round(5.0)
    assert game.winner is not None and game.winner.player_id == 1 and game.winner.points == 100
    assert {o.player_id: o.points for o in result.outcomes} == {1: 100, 2: 0, 3: 0}
    assert [g.player_id for g in game.guesses] == [1, 2, 3]
    game2 = ClosestGame(game_id=2, guild_id=1, channel_id=1, host_id=1, questions=[question], seconds=20)
    game2.start_round(0.0)
    game2.answer(5, str(question.year), 4.0)
    game2.close_round(5.0)
    assert game2.winner is not None and game2.winner.points == 150


def test_clues_never_name_the_shoe_and_rounds_are_fair(shipped: Catalog) -> None:
    rounds = guess_rounds(shipped, random.Random(1), 500)
    assert len(rounds) > 50
    for built in rounds:
        name_words = {w for w in normalise(built.question.answer).split() if len(w) > 2}
        for clue in built.clues:
            named = clue.partition("“")[2].rstrip("”.") if "“" in clue else ""
            named = named or (clue.partition(" with ")[2] if clue.startswith("🤝") else "")
            assert not name_words & set(normalise(named).split()), (built.question.answer, clue)
    for timeline in timeline_rounds(shipped, random.Random(2), 20):
        years = [m.date.year for m in timeline.moments]
        assert len(set(years)) == 4  # four different years: one right order
        assert all(str(year) not in label for year, label in zip(years, timeline.question.choices, strict=True))
