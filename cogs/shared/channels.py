"""The channels a moderator types for a channel limit: '#trivia', 'trivia', a mention or an id, of this server only.

One parser for every channel-list option (``/config feature channels``, ``/config trivia channels``). It
turns the text into channel ids of the server it is typed in; the setting itself then stores the ids.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping

import discord

from bot.errors import UserError
from bot.guild_config import MAX_CHANNELS

from .text import quote_user

__all__ = ["EVERYWHERE", "channel_ids", "guild_channel_names", "parse_channels"]

EVERYWHERE = frozenset({"everywhere", "all", "any", "none", "clear", "reset", "default"})
_MENTION = re.compile(r"<#([0-9]{15,21})>")
_ID = re.compile(r"[0-9]{15,21}")  # ASCII digits only: "¹²³" is not an id


def guild_channel_names(guild: discord.Guild) -> dict[int, str]:
    """Every channel of the server a command can answer in (not categories), by id."""
    return {channel.id: channel.name for channel in guild.channels if not isinstance(channel, discord.CategoryChannel)}


def parse_channels(text: str, channels: Mapping[int, str]) -> list[int]:
    """Ids of the channels ``text`` names among ``channels`` (this server's, id -> name); [] for 'everywhere'.

    Raises UserError naming the first word that is not one of them, with the closest channel names.
    """
    words = [word for word in re.split(r"[\s,]+", text.strip()) if word]
    if not words or (len(words) == 1 and words[0].casefold() in EVERYWHERE):
        return []
    by_name = {name.casefold(): channel_id for channel_id, name in channels.items()}
    found: list[int] = []
    for word in words:
        mention = _MENTION.fullmatch(word)
        if mention or _ID.fullmatch(word):
            channel_id = int(mention[1] if mention else word)
            if channel_id not in channels:
                raise UserError(f"{quote_user(word, 40)} is not a channel of this server.{_closest(word, channels)}")
        else:
            name = word.removeprefix("#").casefold()
            if name not in by_name:
                shown = quote_user(word.removeprefix("#"), 40)
                raise UserError(f"There's no channel called {shown} here.{_closest(name, channels)}")
            channel_id = by_name[name]
        if channel_id not in found:
            found.append(channel_id)
    if len(found) > MAX_CHANNELS:
        raise UserError(f"At most {MAX_CHANNELS} channels can be listed.")
    return found


def _closest(word: str, channels: Mapping[int, str]) -> str:
    names = sorted(set(channels.values()))
    close = difflib.get_close_matches(word.removeprefix("#").casefold(), names, n=3, cutoff=0.5) or names[:5]
    return f" Channels here include: {', '.join(f'#{name}' for name in close)}." if close else ""


def channel_ids(text: str, guild: discord.Guild | None) -> list[int]:
    """``parse_channels`` against the channels of the server the command runs in."""
    if guild is None:
        raise UserError("Channel limits can only be set in a server.")
    return parse_channels(text, guild_channel_names(guild))
