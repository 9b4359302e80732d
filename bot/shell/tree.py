"""The command tree: one error handler for every slash command, and the per-server feature switch."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import discord
from discord import app_commands
from discord.ext import commands

from ..guild_config import Feature
from .errors import report_error

if TYPE_CHECKING:
    from .client import SoleArchive

__all__ = ["FeatureCog", "FeatureUnavailable", "SoleTree"]


class FeatureUnavailable(app_commands.CheckFailure):
    """A moderator switched this feature off here; the message says where it does work."""


class FeatureCog(commands.Cog):
    """A cog whose commands obey one per-server feature switch (``/config feature``)."""

    feature: ClassVar[Feature | None] = None


class SoleTree(app_commands.CommandTree["SoleArchive"]):
    async def interaction_check(self, interaction: discord.Interaction[SoleArchive]) -> bool:
        """Enforce each server's feature settings on the server side, before any command runs."""
        interaction.client.metrics.command_received(interaction)
        command = interaction.command
        if interaction.guild_id is None and _server_only(command):
            # Discord only honours guild_only on a top-level command: its subcommands still reach a DM.
            raise app_commands.NoPrivateMessage()
        binding: Any = command.binding if isinstance(command, app_commands.Command) else None
        feature = binding.feature if isinstance(binding, FeatureCog) else None
        if feature is None or interaction.guild_id is None:
            return True
        config = await interaction.client.guild_settings.get(interaction.guild_id)
        channel = interaction.channel
        parent_id = channel.parent_id if isinstance(channel, discord.Thread) else None
        channel_id = parent_id or interaction.channel_id or 0
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

    async def on_error(
        self, interaction: discord.Interaction[SoleArchive], error: app_commands.AppCommandError
    ) -> None:
        interaction.client.metrics.command_failed(interaction, error)
        await report_error(interaction, error)


def _server_only(command: object) -> bool:
    """True when the command or a group above it is marked ``guild_only``."""
    while isinstance(command, app_commands.Command | app_commands.Group):
        if command.guild_only:
            return True
        command = command.parent
    return False
