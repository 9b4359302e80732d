"""Teams for a trivia night: who is on which team, balanced teams, and standings by team then player.

Pure code. A team's points are the sum of its members' points in the game; every answer also counts
for its player on the individual board.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["MAX_TEAMS", "MIN_TEAMS", "TEAM_NAMES", "TeamSet", "TeamStanding"]

MIN_TEAMS, MAX_TEAMS = 2, 4
TEAM_NAMES = ("🔴 Red", "🔵 Blue", "🟢 Green", "🟡 Yellow")


@dataclass(frozen=True, slots=True)
class TeamStanding:
    team: int
    name: str
    points: int
    members: tuple[tuple[int, int], ...]  # (member, points), best first
    rank: int


class TeamSet:
    def __init__(self, count: int) -> None:
        if not MIN_TEAMS <= count <= MAX_TEAMS:
            raise ValueError(f"a game has {MIN_TEAMS} to {MAX_TEAMS} teams")
        self.count = count
        self._team_of: dict[int, int] = {}  # member -> team, in join order

    @property
    def names(self) -> tuple[str, ...]:
        return TEAM_NAMES[: self.count]

    def join(self, member_id: int, team: int) -> bool:
        """Put a member on a team (moving them if needed); False when they were already on it."""
        if not 0 <= team < self.count:
            raise ValueError("no such team")
        if self._team_of.get(member_id) == team:
            return False
        self._team_of.pop(member_id, None)
        self._team_of[member_id] = team
        return True

    def team_of(self, member_id: int) -> int | None:
        return self._team_of.get(member_id)

    def members(self, team: int) -> list[int]:
        return [member for member, on in self._team_of.items() if on == team]

    def players(self) -> list[int]:
        return list(self._team_of)

    def teams_with_players(self) -> int:
        return len(set(self._team_of.values()))

    def balance(self, strength: Mapping[int, int]) -> None:
        """Even teams: strongest first (by ``strength``, e.g. board points), dealt out in a snake (1 2 2 1 …)."""
        ordered = sorted(
            self._team_of, key=lambda member: (-strength.get(member, 0), list(self._team_of).index(member))
        )
        self._team_of = {}
        for position, member in enumerate(ordered):
            lap, offset = divmod(position, self.count)
            self._team_of[member] = offset if lap % 2 == 0 else self.count - 1 - offset

    def standings(self, points: Mapping[int, int]) -> list[TeamStanding]:
        """Teams by points (equal points share a rank), each with its members' contributions."""
        rows = []
        for team in range(self.count):
            members = tuple(sorted(((m, points.get(m, 0)) for m in self.members(team)), key=lambda mp: (-mp[1], mp[0])))
            rows.append((team, sum(p for _m, p in members), members))
        rows.sort(key=lambda row: (-row[1], row[0]))
        out: list[TeamStanding] = []
        for position, (team, total, members) in enumerate(rows, start=1):
            rank = out[-1].rank if out and out[-1].points == total else position
            out.append(TeamStanding(team, TEAM_NAMES[team], total, members, rank))
        return out
