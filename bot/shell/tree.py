"""The command tree: one error handler for every slash command, autocomplete and component."""

from __future__ import annotations

import discord
from discord import app_commands

from .errors import report_error

__all__ = ["SoleTree"]


class SoleTree(app_commands.CommandTree[discord.Client]):
    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        await report_error(interaction, error)
