"""/config season (and /config schedule): trivia nights' settings, attached to the /config group by
``cogs.admin`` so that file stays small. Each command's ``self`` at run time is the /config cog."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.errors import UserError
from bot.guild_config import ROUNDS_RANGE
from bot.shell.client import Interaction
from bot.storage.schedules import MAX_SCHEDULES
from bot.trivia.modes import GameMode
from bot.trivia.questions import CATEGORIES
from bot.trivia.schedules import MAX_ANNOUNCE_MINUTES, next_run, parse_time_of_day, parse_weekdays
from bot.trivia.seasons import SeasonLength

from .shared.render import ACCENT
from .shared.text import plural, quote_user
from .trivia.schedules import ScheduledGames
from .trivia.seasons import role_problem

__all__ = ["ScheduleGroup", "SeasonConfig"]


class SeasonConfig:
    @app_commands.command(name="season", description="Seasons of the trivia board: length, champions, reward role")
    @app_commands.describe(
        length="How long a season lasts (calendar weeks, months or quarters, UTC)",
        min_players="Players a game needs to count toward the board (1-10; default 2)",
        channel="Where the champions are posted (default: where the season's last game ran)",
        reward_role="Role for the season's champions (taken back from the previous ones)",
        top="How many top players are champions (1-10; default 3)",
        no_reward_role="Stop giving a reward role",
    )
    async def season(
        self: commands.Cog,
        interaction: Interaction,
        length: SeasonLength | None = None,
        min_players: app_commands.Range[int, 1, 10] | None = None,
        channel: discord.TextChannel | None = None,
        reward_role: discord.Role | None = None,
        top: app_commands.Range[int, 1, 10] | None = None,
        no_reward_role: bool = False,
    ) -> None:
        assert interaction.guild_id is not None
        changes: list[tuple[str, object]] = []
        if length is not None:
            changes.append(("season.length", length.value))
        if min_players is not None:
            changes.append(("trivia.min_players", min_players))
        if channel is not None:
            changes.append(("season.channel", channel.id))
        if no_reward_role:
            changes.append(("season.reward_role", None))
        elif reward_role is not None:
            changes.append(("season.reward_role", reward_role.id))
        if top is not None:
            changes.append(("season.reward_top", top))
        if not changes:
            raise UserError("Give at least one setting to change.")
        store = interaction.client.guild_settings
        lines = []
        for key, value in changes:
            _config, old, new = await store.set(interaction.guild_id, interaction.user.id, key, value)
            lines.append(f"`{key}`: {old} → **{new}**" if old != new else f"`{key}`: already {new}")
        embed = discord.Embed(title="Settings updated", description="\n".join(lines), colour=ACCENT)
        if reward_role is not None and not no_reward_role and interaction.guild is not None:
            problem = role_problem(interaction.guild, reward_role)
            if problem is not None:
                embed.add_field(name="⚠️ Until this is fixed", value=problem, inline=False)
        embed.set_footer(text="Every change is recorded: /config history")
        await interaction.response.send_message(embed=embed, ephemeral=True)


SCHEDULE_MODES = [
    app_commands.Choice(name=str(mode), value=str(mode)) for mode in GameMode if mode is not GameMode.teams
]


class ScheduleGroup(app_commands.Group):
    """/config schedule add · list · remove: recurring games, announced with a Join button."""

    def __init__(self) -> None:
        super().__init__(name="schedule", description="Recurring trivia games in a channel (UTC)")

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        permissions = interaction.permissions
        if interaction.guild_id is None or not (permissions.manage_guild or permissions.administrator):
            raise app_commands.CheckFailure("The /config commands need the Manage Server permission.")
        return True

    @app_commands.command(name="add", description="Schedule a recurring game: channel, weekdays, UTC time")
    @app_commands.describe(
        channel="Where the game runs",
        weekdays="e.g. fri · mon wed fri · mon-fri · weekends · daily",
        time="UTC time it starts, HH:MM",
        rounds="How many questions (default: the server's)",
        category="One category or pack (default: all)",
        mode="choice, open, guess (the shoe), timeline (order) or closest (year); team games start from a lobby",
        announce="Minutes before the start the announcement is posted (default 10)",
    )
    @app_commands.choices(mode=SCHEDULE_MODES)
    async def add(
        self,
        interaction: Interaction,
        channel: discord.TextChannel,
        weekdays: app_commands.Range[str, 1, 60],
        time: app_commands.Range[str, 3, 9],
        rounds: app_commands.Range[int, ROUNDS_RANGE[0], ROUNDS_RANGE[1]] | None = None,
        category: app_commands.Range[str, 1, 40] | None = None,
        mode: app_commands.Choice[str] | None = None,
        announce: app_commands.Range[int, 0, MAX_ANNOUNCE_MINUTES] = 10,
    ) -> None:
        assert interaction.guild_id is not None
        bot = interaction.client
        days = parse_weekdays(weekdays)
        at = parse_time_of_day(time)
        if category is not None:
            known = set(CATEGORIES) | {name for name, _count in await bot.custom_questions.packs(interaction.guild_id)}
            if category not in known:
                raise UserError(f"There's no category or pack called {quote_user(category, 40)}.")
        config = await bot.guild_settings.get(interaction.guild_id)
        if not config.game_allowed(channel.id):
            raise UserError(f"Trivia games can't run in {channel.mention} (see `/config trivia channels`).")
        if len(await bot.schedules.of_guild(interaction.guild_id)) >= MAX_SCHEDULES:
            raise UserError(f"A server can have {MAX_SCHEDULES} schedules: remove one first.")
        schedule_id = await bot.schedules.add(
            guild_id=interaction.guild_id,
            channel_id=channel.id,
            weekdays=days,
            at=at,
            rounds=rounds,
            category=category,
            mode=mode.value if mode else "choice",
            announce_minutes=announce,
            created_by=interaction.user.id,
            created_at=discord.utils.utcnow(),
        )
        schedule = await bot.schedules.get(interaction.guild_id, schedule_id)
        assert schedule is not None
        bot.provided(ScheduledGames).reschedule()
        first = next_run(schedule, discord.utils.utcnow())
        await interaction.response.send_message(
            f"📅 Schedule #{schedule_id}: {channel.mention}, {schedule.when()}, announced {announce} min before. "
            f"First game {discord.utils.format_dt(first, 'F')}.",
            ephemeral=True,
        )

    @app_commands.command(name="list", description="This server's scheduled games")
    async def list_(self, interaction: Interaction) -> None:
        assert interaction.guild_id is not None
        schedules = await interaction.client.schedules.of_guild(interaction.guild_id)
        now = discord.utils.utcnow()
        lines = [
            f"**#{s.id}** <#{s.channel_id}> · {s.when()} · "
            f"{plural(s.rounds, 'question') if s.rounds else 'default rounds'}"
            f"{f' · {s.category}' if s.category else ''} · {s.mode} · announced {s.announce_minutes} min before · "
            f"next {discord.utils.format_dt(next_run(s, now), 'R')}"
            for s in schedules
        ]
        embed = discord.Embed(
            title="Scheduled trivia",
            description="\n".join(lines) or "No scheduled games. Add one with `/config schedule add`.",
            colour=ACCENT,
        )
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @app_commands.command(name="remove", description="Remove a scheduled game")
    @app_commands.describe(schedule="The schedule's number (see /config schedule list)")
    async def remove(self, interaction: Interaction, schedule: app_commands.Range[int, 1]) -> None:
        assert interaction.guild_id is not None
        if not await interaction.client.schedules.remove(interaction.guild_id, schedule):
            raise UserError(f"There's no schedule #{schedule} in this server (see `/config schedule list`).")
        interaction.client.provided(ScheduledGames).reschedule()
        await interaction.response.send_message(f"🗑️ Schedule #{schedule} removed.", ephemeral=True)
