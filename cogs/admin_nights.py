"""/config season (and /config schedule): trivia nights' settings, attached to the /config group by
``cogs.admin`` so that file stays small. Each command's ``self`` at run time is the /config cog."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.errors import UserError
from bot.shell.client import Interaction
from bot.trivia.seasons import SeasonLength

from .shared.render import ACCENT
from .trivia.seasons import role_problem

__all__ = ["SeasonConfig"]


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
