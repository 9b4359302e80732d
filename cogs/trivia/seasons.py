"""Seasons on Discord: closing a season at its end (champions posted, archived, the reward role handed on)
and ``/trivia seasons`` (this season so far and the archive of champions).

The season maths and storage live in ``bot.trivia.seasons`` and ``bot.storage.seasons``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence

import discord
from discord import app_commands
from discord.ext import commands, tasks

from bot.guild_config import GuildConfig
from bot.shell.client import Interaction, SoleArchive
from bot.trivia.seasons import Champion, Season, champions, season_of

from ..shared.render import ACCENT

__all__ = ["SeasonCommands", "SeasonKeeper", "role_problem", "seconds_to_boundary"]

log = logging.getLogger(__name__)

MEDALS = {1: "🥇", 2: "🥈", 3: "🥉"}


def seconds_to_boundary(now: dt.datetime, *, weekly: bool) -> float:
    """Seasons end at a 1st's UTC midnight (months, quarters), or a Monday's (weeks: only when a server uses
    them). Sleep until the next one (a minute at least): a quiet bot wakes about once a month, not nightly."""
    today = now.date()
    first = dt.date(today.year + 1, 1, 1) if today.month == 12 else dt.date(today.year, today.month + 1, 1)
    monday = today + dt.timedelta(days=7 - today.weekday())
    boundary = dt.datetime.combine(min(monday, first) if weekly else first, dt.time(), tzinfo=dt.UTC)
    return max((boundary - now).total_seconds() + 1.0, 60.0)


def role_problem(guild: discord.Guild, role: discord.Role | None) -> str | None:
    """Why the bot cannot hand out ``role``, in a sentence a moderator can act on; None when it can."""
    me = guild.me
    if role is None:
        return "The reward role no longer exists: pick another with `/config season reward_role:`."
    if me is None or not me.guild_permissions.manage_roles:
        return (
            f"I couldn't give {role.mention}: I need the **Manage Roles** permission "
            "(Server Settings → Roles → my role)."
        )
    if role >= me.top_role or role.managed:
        return (
            f"I couldn't give {role.mention}: it is above my highest role ({me.top_role.mention}). "
            "Drag my role above it in Server Settings → Roles."
        )
    return None


def champion_lines(found: Sequence[Champion]) -> str:
    return (
        "\n".join(f"{MEDALS.get(c.rank, f'`#{c.rank}`')} <@{c.member_id}> · **{c.points}** pts" for c in found)
        or "Nobody scored this season."
    )


class SeasonKeeper(commands.Cog):
    """Closes each server's season once it is over, also when the bot was down at the boundary."""

    def __init__(self, bot: SoleArchive) -> None:
        self.bot = bot
        self.store = bot.seasons

    async def cog_load(self) -> None:
        self.bot.guild_settings.add_listener(self._setting_changed)
        self.tick.start()

    async def cog_unload(self) -> None:
        self.bot.guild_settings.remove_listener(self._setting_changed)
        self.tick.cancel()

    def _setting_changed(self, guild_id: int, key: str) -> None:
        if key == "season.length" and self.tick.is_running():
            self.tick.restart()  # weekly seasons need a Monday wake-up

    @tasks.loop(hours=24)
    async def tick(self) -> None:
        now = discord.utils.utcnow()
        try:
            await self.close_seasons(now)
        except Exception:
            log.exception("closing trivia seasons failed")
        weekly = await self.store.weekly_seasons_in_use()
        self.tick.change_interval(seconds=seconds_to_boundary(discord.utils.utcnow(), weekly=weekly))

    @tick.before_loop
    async def _ready(self) -> None:
        await self.bot.wait_until_ready()

    async def close_seasons(self, now: dt.datetime) -> None:
        """Close the season just before the current one, for every server that played in it."""
        # The longest season is a quarter: any server that played in the last ~100 days may have one to close.
        for guild_id in await self.store.guilds_with_answers(now - dt.timedelta(days=100), now):
            config = await self.bot.guild_settings.get(guild_id)
            ended = season_of(now, config.season_length).previous(config.season_length)
            try:
                await self.close(config, ended, now)
            except Exception:
                log.exception("closing season %s of guild %s failed", ended.key, guild_id)

    async def close(self, config: GuildConfig, season: Season, now: dt.datetime) -> bool:
        guild_id = config.guild_id
        board = await self.store.board(guild_id, season)
        if not board or not await self.store.claim(guild_id, season, now):
            return False
        found = champions(board, config.season_top)
        await self.store.record_champions(guild_id, season, found)
        embed = discord.Embed(
            title=f"🏆 Season over · {season.label}",
            description=f"The champions of {season.label}:\n{champion_lines(found)}",
            colour=ACCENT,
        )
        guild = self.bot.get_guild(guild_id)
        if config.season_role_id is not None and guild is not None:
            embed.add_field(name="Reward role", value=await self.reward(guild, config, season, found), inline=False)
        embed.set_footer(text="A new season starts now · /trivia seasons shows every season's champions")
        channel_id = config.season_channel_id or await self.store.last_channel(guild_id, season)
        if channel_id is None:
            return True
        channel = self.bot.get_partial_messageable(channel_id, guild_id=guild_id)
        try:
            message = await channel.send(embed=embed, allowed_mentions=discord.AllowedMentions.none())
        except discord.HTTPException as error:
            log.warning("season post in guild %s failed: %s", guild_id, error)
            return True
        await self.store.set_message(guild_id, season, channel_id, message.id)
        return True

    async def reward(self, guild: discord.Guild, config: GuildConfig, season: Season, found: Sequence[Champion]) -> str:
        role = guild.get_role(config.season_role_id or 0)
        problem = role_problem(guild, role)
        if problem is not None or role is None:
            log.warning("season reward role in guild %s not given: %s", guild.id, problem)
            return problem or ""
        winners = {c.member_id for c in found}
        reason = f"Trivia champions of {season.label}"
        given = 0
        for member_id in sorted(set(await self.store.previous_champions(guild.id, season)) - winners):
            await self._change(guild, member_id, role, add=False, reason=reason)
        for member_id in sorted(winners):
            given += await self._change(guild, member_id, role, add=True, reason=reason)
        return f"{role.mention} goes to this season's {given} champion{'s' if given != 1 else ''}."

    @staticmethod
    async def _change(guild: discord.Guild, member_id: int, role: discord.Role, *, add: bool, reason: str) -> bool:
        try:
            member = guild.get_member(member_id) or await guild.fetch_member(member_id)
            if add:
                await member.add_roles(role, reason=reason)
            else:
                await member.remove_roles(role, reason=reason)
        except discord.NotFound:
            return False  # they left the server
        except discord.HTTPException as error:
            log.warning("season role change for %s in guild %s failed: %s", member_id, guild.id, error)
            return False
        return True


class SeasonCommands:
    """``/trivia seasons``: attached to the /trivia group by ``cogs.trivia.cog`` (its ``self`` is that cog)."""

    @app_commands.command(name="seasons", description="This season's leaders and every past season's champions")
    @app_commands.guild_only()
    async def seasons(self: commands.Cog, interaction: Interaction) -> None:
        assert interaction.guild_id is not None
        bot = interaction.client
        config = await bot.guild_settings.get(interaction.guild_id)
        now = discord.utils.utcnow()
        current = season_of(now, config.season_length)
        leaders = champions(await bot.seasons.board(interaction.guild_id, current), 10)
        embed = discord.Embed(
            title=f"🏆 Trivia seasons · {current.label}",
            description=(
                f"This season ends {discord.utils.format_dt(current.end, 'R')} "
                f"({discord.utils.format_dt(current.end, 'D')}).\n"
                + (champion_lines(leaders) if leaders else "No counted games yet this season.")
            ),
            colour=ACCENT,
        )
        for archived in (await bot.seasons.archive(interaction.guild_id, limit=12))[:12]:
            embed.add_field(name=archived.label, value=champion_lines(archived.champions)[:1024], inline=False)
        if not embed.fields:
            embed.add_field(name="Past seasons", value="None yet: champions are archived here when a season ends.")
        embed.set_footer(text=f"Seasons last a {config.season_length} (UTC) · top {config.season_top} are champions")
        await interaction.response.send_message(embed=embed, allowed_mentions=discord.AllowedMentions.none())
