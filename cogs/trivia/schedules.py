"""Scheduled games on Discord: the announcement with its **Join** button, then the game, at most one per channel.

Everything lives in the database (``bot.storage.schedules``): the schedules, each run's state and who
joined, so a restart between the announcement and the start loses nothing. The loop sleeps until the
next announcement or start (an hour at most), and wakes when a schedule is added or removed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import re
from typing import Self

import discord
from discord.ext import commands, tasks

from bot.errors import UserError
from bot.shell.client import Interaction, SoleArchive
from bot.trivia.schedules import Schedule, next_run

from ..shared.render import ACCENT
from ..shared.text import plural
from ..shared.views import ArchiveItem
from .games import TriviaGames
from .launch import launch_game

__all__ = ["BUSY_RETRY", "GRACE", "JoinButton", "ScheduledGames", "Scheduler", "announcement_embed"]

log = logging.getLogger(__name__)

GRACE = dt.timedelta(hours=3)  # a run may start this long after its time (waiting for a game, a restart)
BUSY_RETRY = 15.0  # seconds between looks at a busy channel


class ScheduledGames:
    """What the Join button and /config schedule ask of the scheduler (``Scheduler`` implements it)."""

    async def join(self, interaction: Interaction, schedule_id: int, run_at: dt.datetime) -> None:
        raise NotImplementedError

    def reschedule(self) -> None:
        raise NotImplementedError


class JoinButton(ArchiveItem, template=r"sa:sj:(?P<schedule>\d+):(?P<at>\d+)"):
    def __init__(self, schedule_id: int, run_at: dt.datetime) -> None:
        stamp = int(run_at.timestamp())
        super().__init__(
            discord.ui.Button(
                label="Join", emoji="🙋", style=discord.ButtonStyle.success, custom_id=f"sa:sj:{schedule_id}:{stamp}"
            )
        )
        self.schedule_id, self.run_at = schedule_id, run_at

    @classmethod
    def from_match(cls, match: re.Match[str], label: str) -> Self:
        return cls(int(match["schedule"]), dt.datetime.fromtimestamp(int(match["at"]), tz=dt.UTC))

    async def run(self, interaction: Interaction) -> None:
        await interaction.client.provided(ScheduledGames).join(interaction, self.schedule_id, self.run_at)


def announcement_embed(schedule: Schedule, run_at: dt.datetime, joined: list[int]) -> discord.Embed:
    rounds = plural(schedule.rounds, "question") if schedule.rounds else "the server's usual number of questions"
    what = f"{rounds}{f', {schedule.category}' if schedule.category else ''}, mode: {schedule.mode}"
    embed = discord.Embed(
        title="📅 Scheduled trivia",
        description=(
            f"Starts {discord.utils.format_dt(run_at, 'R')} ({discord.utils.format_dt(run_at, 't')}): {what}.\n"
            "Press **Join** to say you're in; everyone may answer once it starts."
        ),
        colour=ACCENT,
    )
    names = " ".join(f"<@{member}>" for member in joined[:40]) + (" …" if len(joined) > 40 else "")
    embed.add_field(name=f"Joined ({len(joined)})", value=names or "Nobody yet.", inline=False)
    embed.set_footer(text=f"Schedule #{schedule.id} · {schedule.when()}")
    return embed


class Scheduler(ScheduledGames, commands.Cog):
    def __init__(self, bot: SoleArchive, games: TriviaGames) -> None:
        self.bot = bot
        self.games = games
        self.store = bot.schedules

    async def cog_load(self) -> None:
        self.bot.provide(ScheduledGames, self)
        self.bot.add_dynamic_items(JoinButton)
        self.tick.start()

    async def cog_unload(self) -> None:
        self.tick.cancel()
        self.bot.remove_dynamic_items(JoinButton)
        self.bot.withdraw(ScheduledGames)

    def reschedule(self) -> None:
        """A schedule was added or removed: look again now."""
        if self.tick.is_running():
            self.tick.restart()

    @tasks.loop(hours=1)
    async def tick(self) -> None:
        now = discord.utils.utcnow()
        schedules = await self.store.all()
        # Nothing scheduled: sleep long (adding a schedule wakes the loop); else until the next step, 6 h at most.
        wait = 365 * 24 * 3600.0 if not schedules else 6 * 3600.0
        for schedule in schedules:
            try:
                wait = min(wait, await self.step(schedule, now))
            except Exception:
                log.exception("scheduled trivia #%s failed", schedule.id)
        self.tick.change_interval(seconds=max(wait, 1.0))

    @tick.before_loop
    async def _ready(self) -> None:
        await self.bot.wait_until_ready()

    async def step(self, schedule: Schedule, now: dt.datetime) -> float:
        """Do what is due for the schedule's current run; returns the seconds until it next needs a look."""
        run_at = next_run(schedule, now - GRACE)
        state = await self.store.run_state(schedule.id, run_at)
        if state is not None and state[0] in {"started", "missed"}:  # this run is done: the next one
            run_at = next_run(schedule, run_at)
            state = await self.store.run_state(schedule.id, run_at)
        announce_at = run_at - dt.timedelta(minutes=schedule.announce_minutes)
        if now < announce_at:
            return (announce_at - now).total_seconds()
        if state is None:
            if not await self.store.claim_run(schedule, run_at):
                return 1.0
            await self.announce(schedule, run_at)
            state = ("announced", None, None)
        if now < run_at:
            return (run_at - now).total_seconds()
        return await self.start(schedule, run_at, state[0])

    async def announce(self, schedule: Schedule, run_at: dt.datetime) -> None:
        channel = self.bot.get_partial_messageable(schedule.channel_id, guild_id=schedule.guild_id)
        view = discord.ui.View(timeout=None)
        view.add_item(JoinButton(schedule.id, run_at))
        try:
            message = await channel.send(embed=announcement_embed(schedule, run_at, []), view=view)
        except discord.HTTPException as error:
            log.warning("scheduled trivia #%s: announcement failed: %s", schedule.id, error)
            return
        await self.store.set_run(schedule.id, run_at, "announced", expect=("announced",), message_id=message.id)

    async def start(self, schedule: Schedule, run_at: dt.datetime, status: str) -> float:
        channel = self.bot.get_partial_messageable(schedule.channel_id, guild_id=schedule.guild_id)
        running = self.games.in_channel(schedule.channel_id)
        if running is not None:
            if status == "announced" and await self.store.set_run(
                schedule.id, run_at, "waiting", expect=("announced",)
            ):
                game = running.game
                await channel.send(
                    f"⏳ Scheduled trivia is due, but a game is running here (question {game.round_index + 1}/"
                    f"{game.rounds_total}). It starts as soon as that one ends.",
                    allowed_mentions=discord.AllowedMentions.none(),
                )
            return BUSY_RETRY
        if not await self.store.set_run(schedule.id, run_at, "started", expect=("announced", "waiting")):
            return 1.0
        joined = await self.store.joined(schedule.id, run_at)
        who = f" with {plural(len(joined), 'player')} joined" if joined else ""
        try:
            session = await launch_game(
                self.bot,
                self.games,
                channel=channel,
                guild_id=schedule.guild_id,
                channel_id=schedule.channel_id,
                host_id=schedule.created_by,
                rounds=schedule.rounds,
                category=schedule.category,
                mode=schedule.mode,
                intro=f"🏁 Scheduled trivia (#{schedule.id}) starting{who}:",
            )
        except UserError as error:
            await self.store.set_run(schedule.id, run_at, "missed", expect=("started",))
            log.warning("scheduled trivia #%s could not start: %s", schedule.id, error.message)
            with contextlib.suppress(discord.HTTPException):  # the channel may refuse this too
                await channel.send(f"⚠️ Scheduled trivia #{schedule.id} couldn't start: {error.message}")
            return 1.0
        await self.store.set_run(schedule.id, run_at, "started", expect=("started",), game_id=session.game.game_id)
        return 1.0

    # -- the Join button ------------------------------------------------------------------------------

    async def join(self, interaction: Interaction, schedule_id: int, run_at: dt.datetime) -> None:
        assert interaction.guild_id is not None
        schedule = await self.store.get(interaction.guild_id, schedule_id)
        state = await self.store.run_state(schedule_id, run_at)
        if schedule is None or state is None:
            raise UserError("That schedule was removed.")
        if state[0] != "announced" and state[0] != "waiting":
            raise UserError("That game has already started: just answer the questions in the channel.")
        if not await self.store.join(schedule_id, run_at, interaction.user.id, discord.utils.utcnow()):
            raise UserError(f"You've already joined: it starts {discord.utils.format_dt(run_at, 'R')}.")
        joined = await self.store.joined(schedule_id, run_at)
        await interaction.response.edit_message(embed=announcement_embed(schedule, run_at, joined))
        await interaction.followup.send(
            f"🙋 You're in: the game starts {discord.utils.format_dt(run_at, 'R')} in this channel.", ephemeral=True
        )
