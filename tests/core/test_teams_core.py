"""Teams in the core: joining and moving, snake balancing by strength, standings by team then player."""

from __future__ import annotations

import pytest

from bot.trivia.teams import TeamSet


def test_join_move_and_refuse_the_same_team() -> None:
    teams = TeamSet(2)
    assert teams.join(1, 0) and not teams.join(1, 0)
    assert teams.join(1, 1) and teams.team_of(1) == 1 and teams.members(0) == []
    with pytest.raises(ValueError, match="no such team"):
        teams.join(2, 2)
    with pytest.raises(ValueError, match="2 to 4 teams"):
        TeamSet(5)


def test_balance_deals_the_strongest_out_in_a_snake() -> None:
    teams = TeamSet(2)
    for member in (1, 2, 3, 4, 5, 6):
        teams.join(member, 0)
    teams.balance({1: 600, 2: 500, 3: 400, 4: 300, 5: 200, 6: 100})
    assert teams.members(0) == [1, 4, 5] and teams.members(1) == [2, 3, 6]
    three = TeamSet(3)
    for member in (1, 2, 3, 4):
        three.join(member, 2)
    three.balance({})  # nobody has points: join order, still even
    assert [len(three.members(t)) for t in range(3)] == [1, 1, 2]  # the snake turns at the last team


def test_standings_by_team_then_player_with_shared_ranks() -> None:
    teams = TeamSet(3)
    for member, team in ((1, 0), (2, 0), (3, 1), (4, 2)):
        teams.join(member, team)
    standings = teams.standings({1: 100, 2: 250, 3: 350, 4: 0})
    assert [(s.name, s.points, s.rank) for s in standings] == [
        ("🔴 Red", 350, 1),
        ("🔵 Blue", 350, 1),
        ("🟢 Green", 0, 3),
    ]
    assert standings[0].members == ((2, 250), (1, 100))
