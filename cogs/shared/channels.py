"""Channel lists typed by a moderator: only this server's channels may be named."""

from __future__ import annotations

import logging
from typing import Any

import discord

from bot.errors import UserError
from bot.guild_config import ConfigValueError, channel_ids

__all__ = ["refuse_foreign_channels"]

log = logging.getLogger(__name__)


def refuse_foreign_channels(interaction: discord.Interaction[Any], value: object) -> None:
    """Raise a UserError when ``value`` names a channel id that is not one of this server's channels.

    A value that does not parse is left to the setting's own parser, which says what it expects.
    """
    guild = interaction.guild
    try:
        wanted = channel_ids(value)
    except ConfigValueError:
        return
    if guild is None:
        return
    foreign = sorted(cid for cid in wanted if guild.get_channel_or_thread(cid) is None)
    if foreign:
        log.warning("refused channel ids %s from another server or none, in %s", foreign[:5], guild.id)
        raise UserError(f"`{foreign[0]}` isn't a channel of this server. Mention channels like #trivia.")
