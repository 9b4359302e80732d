"""/facts reload: the bot's owners swap in new fact files; invalid data never replaces good data."""

from __future__ import annotations

import io
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.catalog import CatalogError
from bot.shell.client import Interaction, SoleArchive

from .shared.text import clip


@app_commands.default_permissions(administrator=True)
class Owner(commands.GroupCog, group_name="facts", group_description="Maintainer tools (bot owners only)"):
    def __init__(self, bot: SoleArchive) -> None:
        self.bot = bot
        super().__init__()

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        if not await self.bot.is_owner(interaction.user):
            raise app_commands.CheckFailure("Only the bot's owners can reload the facts.")
        return True

    @app_commands.command(name="reload", description="Re-read data/; keep serving the old data if the new is invalid")
    async def reload(self, interaction: Interaction) -> None:
        old = self.bot.catalogs.current
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            new = await self.bot.reload_catalog()  # and in every other process of the bot
        except CatalogError as error:
            report = error.report()
            file = discord.File(io.BytesIO(report.encode()), filename="fact-file-problems.txt")
            await interaction.followup.send(
                f"❌ The new data is invalid ({error}); still serving version `{old.version}`.\n"
                f"```\n{clip(error.report(limit=12), 1700)}\n```",
                file=file,
                ephemeral=True,
            )
            return
        counts = new.counts()
        await interaction.followup.send(
            f"✅ Reloaded: `{old.version}` → `{new.version}` ({counts.silhouettes} silhouettes, "
            f"{counts.questions} questions). Games in progress keep their questions.",
            ephemeral=True,
        )


async def setup(bot: SoleArchive) -> None:
    await bot.add_cog(Owner(bot))
