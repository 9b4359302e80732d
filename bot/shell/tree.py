"""The command tree: one error handler for every slash command, and the per-server feature switch."""

from __future__ import annotations

import discord
from discord import app_commands

from .errors import report_error

__all__ = ["FeatureUnavailable", "SoleTree"]


class FeatureUnavailable(app_commands.CheckFailure):
    """A moderator switched this feature off here; the message says where it does work."""


class SoleTree(app_commands.CommandTree[discord.Client]):
    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        """Enforce each server's feature settings on the server side, before any command runs."""
        command = interaction.command
        feature = getattr(getattr(command, "binding", None), "feature_switch", None)
        if feature is None or interaction.guild_id is None:
            return True
        settings = getattr(interaction.client, "guild_settings", None)
        if settings is None:
            return True
        config = await settings.get(interaction.guild_id)
        channel = interaction.channel
        channel_id = getattr(channel, "parent_id", None) or interaction.channel_id or 0
        if config.feature_allowed(feature, channel_id):
            return True
        if interaction.type is discord.InteractionType.autocomplete:
            # Autocomplete can only answer with choices: offer none; the command itself says why.
            await interaction.response.autocomplete([])
            return False
        if feature in config.disabled_features:
            raise FeatureUnavailable(f"The {feature} commands are switched off in this server.")
        where = ", ".join(f"<#{cid}>" for cid in sorted(config.where(feature)))
        raise FeatureUnavailable(f"The {feature} commands work in {where} here.")

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        await report_error(interaction, error)
