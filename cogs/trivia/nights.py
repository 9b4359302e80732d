"""What /trivia help says about trivia nights: fair play, seasons (and, as they arrive, modes and teams)."""

from __future__ import annotations

import discord

from bot.guild_config import GuildConfig
from bot.shell.client import Interaction
from bot.trivia.fairness import describe_fairness
from bot.trivia.modes import describe_modes

__all__ = ["add_nights_help"]


async def add_nights_help(interaction: Interaction, embed: discord.Embed) -> None:
    guild_id = interaction.guild_id
    config = await interaction.client.guild_settings.get(guild_id) if guild_id else GuildConfig(0)
    embed.add_field(name="Game modes", value=describe_modes(), inline=False)
    embed.add_field(name="Fair play", value=describe_fairness(config.trivia_min_players), inline=False)
    embed.add_field(
        name="Seasons",
        value=(
            f"The board runs in seasons (here: each calendar {config.season_length}, UTC). When one ends the top "
            f"{config.season_top} are posted as its champions and archived (`/trivia seasons`); a server can give "
            "them a reward role."
        ),
        inline=False,
    )
    embed.add_field(
        name="Scheduled games",
        value=(
            "Moderators schedule recurring games with `/config schedule`: announced beforehand with a **Join** "
            "button; a scheduled game waits for one already running in its channel."
        ),
        inline=False,
    )
    embed.add_field(
        name="Learn from mistakes",
        value="`/trivia review` privately shows your recent wrong answers with the right ones and **Learn more**.",
        inline=False,
    )
