"""Members' display names for what the bot writes out (the scores CSV), looked up without privileged intents."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable

import discord

__all__ = ["MAX_LOOKUPS", "display_names"]

MAX_LOOKUPS = 100  # members fetched one by one at most; beyond that only cached names are used


async def display_names(guild: discord.Guild | None, member_ids: Iterable[int]) -> dict[int, str]:
    """Display names of the members still in ``guild``: cached ones, then up to MAX_LOOKUPS fetched.

    A member who left (or whose lookup fails) is simply missing from the result.
    """
    if guild is None:
        return {}
    names: dict[int, str] = {}
    fetched = 0
    for member_id in member_ids:
        member = guild.get_member(member_id)
        if member is None and fetched < MAX_LOOKUPS:
            fetched += 1
            with contextlib.suppress(discord.HTTPException):
                member = await guild.fetch_member(member_id)
        if member is not None:
            names[member_id] = member.display_name
    return names
