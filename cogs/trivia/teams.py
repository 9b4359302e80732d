"""Team games: the lobby (join a team by button, or the host balances them), then a game scored by team.

The teams and their standings are ``bot.trivia.teams``; each answer is stored for its player as in any
game, so team games count on the individual board, in seasons and in stats.
"""

from __future__ import annotations

import contextlib
from functools import partial
from typing import Any

import discord

from bot.errors import UserError
from bot.shell.client import Interaction, SoleArchive
from bot.storage import Database, FinalStanding
from bot.storage.mode_scores import record_teams
from bot.trivia.game import AnswerOutcome, GameError, RoundResult
from bot.trivia.teams import TeamSet, TeamStanding

from ..shared.render import ACCENT
from ..shared.text import clip, plural
from ..shared.views import ArchiveView
from .games import TriviaGames
from .launch import launch_game
from .session import GameSession
from .views import RevealView

__all__ = ["LOBBY_MINUTES", "TeamLobby", "TeamSession", "open_team_lobby", "team_lines"]

LOBBY_MINUTES = 15
MEDALS = {1: "🥇", 2: "🥈", 3: "🥉"}


class NotOnTeam(GameError):  # noqa: N818 - read as the sentence it is
    """Only the lobby's players answer in a team game."""


def team_lines(standings: list[TeamStanding], *, contributions: bool) -> str:
    lines = []
    for team in standings:
        medal = MEDALS.get(team.rank, f"`#{team.rank}`")
        lines.append(f"{medal} **{team.name}** · **{team.points}** pts")
        if contributions and team.members:
            lines.append("　" + " · ".join(f"<@{member}> {points}" for member, points in team.members[:10]))
    return "\n".join(lines)


class TeamSession(GameSession):
    def __init__(self, *, teams: TeamSet, **options: Any) -> None:
        super().__init__(**options)
        self.teams = teams
        board_hook = self.on_finished

        async def finished(session: GameSession, standings: list[FinalStanding], embed: discord.Embed) -> None:
            if board_hook is not None:
                await board_hook(session, standings, embed)
            self._team_standings(standings, embed)

        self.on_finished = finished

    async def submit(self, player_id: int, round_index: int, choice: int | str) -> AnswerOutcome:
        if self.teams.team_of(player_id) is None:
            raise NotOnTeam("You're not on a team in this game. Join the lobby of the next team game to play.")
        return await super().submit(player_id, round_index, choice)

    def _totals(self) -> list[TeamStanding]:
        return self.teams.standings({s.player_id: s.points for s in self.game.standings()})

    async def _reveal(self, result: RoundResult) -> None:
        if self.message is None:
            return
        embed = self._reveal_embed(result)
        embed.add_field(name="Teams", value=team_lines(self._totals(), contributions=False), inline=False)
        with contextlib.suppress(discord.HTTPException):
            await self.message.edit(embed=embed, view=RevealView(self.game.game_id, result.round_index))

    def _team_standings(self, standings: list[FinalStanding], embed: discord.Embed) -> None:
        teams = self.teams.standings({s.member_id: s.points for s in standings})
        players = embed.description or ""
        if standings and teams:
            winners = [t for t in teams if t.rank == 1]
            verdict = "it's a tie" if len(winners) > 1 else f"{winners[0].name} wins"
            embed.title = f"{embed.title} · {verdict}"
        embed.description = team_lines(teams, contributions=True) or "No team scored."
        if players:
            embed.add_field(name="Players", value=clip(players, 1024), inline=False)


class TeamLobby(ArchiveView):
    """The lobby message: a Join button per team; Balance, Start and Cancel for the host."""

    def __init__(
        self,
        bot: SoleArchive,
        games: TriviaGames,
        *,
        host_id: int,
        guild_id: int,
        channel_id: int,
        teams: int,
        rounds: int,
        seconds: int,
        category: str | None,
    ) -> None:
        super().__init__(timeout=LOBBY_MINUTES * 60)
        self.bot, self.games = bot, games
        self.host_id, self.guild_id, self.channel_id = host_id, guild_id, channel_id
        self.teams = TeamSet(teams)
        self.rounds, self.seconds, self.category = rounds, seconds, category
        for index, name in enumerate(self.teams.names):
            button: discord.ui.Button[TeamLobby] = discord.ui.Button(
                label=f"Join {name.split(' ', 1)[1]}", emoji=name.split(" ", 1)[0], custom_id=f"team:{index}", row=0
            )
            button.callback = partial(self._join, index)  # type: ignore[method-assign]
            self.add_item(button)
        for label, style, action in (
            ("Balance teams", discord.ButtonStyle.secondary, self._balance),
            ("Start", discord.ButtonStyle.success, self._start),
            ("Cancel", discord.ButtonStyle.danger, self._cancel),
        ):
            control: discord.ui.Button[TeamLobby] = discord.ui.Button(label=label, style=style, row=1)
            control.callback = action  # type: ignore[method-assign,assignment]
            self.add_item(control)

    def embed(self) -> discord.Embed:
        embed = discord.Embed(
            title="👥 Team trivia · lobby",
            description=(
                f"<@{self.host_id}> is hosting **{plural(self.rounds, 'question')}**, {self.seconds}s each"
                f"{f', {self.category}' if self.category else ''}. Join a team; the host presses **Start** "
                "(or **Balance teams** first)."
            ),
            colour=ACCENT,
        )
        for index, name in enumerate(self.teams.names):
            members = self.teams.members(index)
            embed.add_field(
                name=f"{name} ({len(members)})", value=" ".join(f"<@{m}>" for m in members) or "Nobody yet."
            )
        embed.set_footer(text=f"The lobby closes after {LOBBY_MINUTES} minutes without a start.")
        return embed

    def _host_only(self, interaction: Interaction) -> None:
        if interaction.user.id != self.host_id:
            raise UserError(f"Only the host (<@{self.host_id}>) can do that.")

    async def _join(self, team: int, interaction: Interaction) -> None:
        if not self.teams.join(interaction.user.id, team):
            raise UserError(f"You're already on {self.teams.names[team]}.")
        await interaction.response.edit_message(embed=self.embed(), view=self)

    async def _balance(self, interaction: Interaction) -> None:
        self._host_only(interaction)
        if len(self.teams.players()) < 2:
            raise UserError("Balancing needs at least two players in the lobby.")
        board = await self.bot.trivia_store.leaderboard(self.guild_id, None, limit=10_000)
        self.teams.balance({row.member_id: row.points for row in board})
        await interaction.response.edit_message(embed=self.embed(), view=self)

    async def _cancel(self, interaction: Interaction) -> None:
        self._host_only(interaction)
        self._close()
        embed = self.embed()
        embed.title = "👥 Team trivia · lobby closed"
        await interaction.response.edit_message(embed=embed, view=None)

    async def _start(self, interaction: Interaction) -> None:
        self._host_only(interaction)
        if self.teams.teams_with_players() < 2:
            raise UserError("At least two teams need players before the game can start.")
        if self.games.in_channel(self.channel_id) is not None:
            raise UserError("A game started in this channel meanwhile: start the team game when it ends.")
        channel = interaction.channel
        assert isinstance(channel, discord.abc.Messageable)
        self._close()
        embed = self.embed()
        embed.title = "👥 Team trivia · started"
        await interaction.response.edit_message(embed=embed, view=None)
        session = await launch_game(
            self.bot,
            self.games,
            channel=channel,
            guild_id=self.guild_id,
            channel_id=self.channel_id,
            host_id=self.host_id,
            rounds=self.rounds,
            category=self.category,
            mode="choice",
            seconds=self.seconds,
            intro=f"🏁 Team trivia starting ({' vs '.join(self.teams.names[: self.teams.count])}):",
            session_type=partial(TeamSession, teams=self.teams),
        )
        teams = {member: team for member in self.teams.players() if (team := self.teams.team_of(member)) is not None}
        await record_teams(self.database, session.game.game_id, self.guild_id, teams)

    @property
    def database(self) -> Database:
        return self.bot.database

    def _close(self) -> None:
        self.stop()
        if self.games.lobbies.get(self.channel_id) is self:
            del self.games.lobbies[self.channel_id]

    async def on_timeout(self) -> None:
        self._close()
        await super().on_timeout()


async def open_team_lobby(
    bot: SoleArchive,
    games: TriviaGames,
    interaction: Interaction,
    *,
    teams: int,
    rounds: int,
    seconds: int,
    category: str | None,
) -> None:
    """/trivia start mode: teams — post the lobby (one per channel)."""
    assert interaction.guild_id is not None
    channel_id = interaction.channel_id or 0
    if channel_id in games.lobbies:
        raise UserError("A team lobby is already open here: join a team with its buttons.")
    lobby = TeamLobby(
        bot,
        games,
        host_id=interaction.user.id,
        guild_id=interaction.guild_id,
        channel_id=channel_id,
        teams=teams,
        rounds=rounds,
        seconds=seconds,
        category=category,
    )
    games.lobbies[channel_id] = lobby
    await interaction.response.send_message(embed=lobby.embed(), view=lobby)
    lobby.message = await interaction.original_response()
