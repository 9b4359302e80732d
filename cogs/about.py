"""/about: what the bot does, its commands and the size of the archive."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.shell.client import Interaction, SoleArchive

from .shared.lookup import catalog_of
from .shared.render import about_embed


class About(commands.Cog):
    def __init__(self, bot: SoleArchive) -> None:
        self.bot = bot

    @app_commands.command(name="about", description="What Sole Archive does, its commands and what the archive holds")
    async def about(self, interaction: Interaction) -> None:
        listed = []
        for command in self.bot.tree.get_commands(type=discord.AppCommandType.chat_input):
            if isinstance(command, app_commands.Group):
                subcommands = " · ".join(sub.name for sub in command.commands)
                listed.append((command.name, f"{subcommands}: {command.description}"))
            else:
                listed.append((command.name, command.description))
        await interaction.response.send_message(embed=about_embed(catalog_of(interaction), sorted(listed)))


async def setup(bot: SoleArchive) -> None:
    await bot.add_cog(About(bot))
