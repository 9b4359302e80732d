"""Command sync on purpose: only when the command tree changed since the last sync, or when asked."""

from __future__ import annotations

import hashlib
import json
import logging

import discord
from discord import app_commands

from ..storage import MetaStore

__all__ = ["sync_commands", "tree_hash"]

log = logging.getLogger(__name__)


def tree_hash(tree: app_commands.CommandTree[discord.Client], guild: discord.abc.Snowflake | None) -> str:
    payload = sorted(
        (command.to_dict(tree) for command in tree.get_commands(guild=guild)),
        key=lambda item: (item.get("type", 1), item["name"]),
    )
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


async def sync_commands(
    tree: app_commands.CommandTree[discord.Client],
    meta: MetaStore,
    *,
    dev_guild_id: int | None,
    force: bool = False,
    where: str | None = None,
) -> bool:
    """Sync when the tree differs from the last synced one (or ``force``); True when a sync happened."""
    guild = discord.Object(id=dev_guild_id) if dev_guild_id else None
    if guild is not None:
        tree.copy_global_to(guild=guild)
    key = f"command_tree_hash:{dev_guild_id or 'global'}"
    current = tree_hash(tree, guild)
    if not force and await meta.get(key) == current:
        log.info("command tree unchanged since the last sync; not syncing")
        return False
    synced = await tree.sync(guild=guild)
    await meta.set(key, current)
    if where is None:
        where = f"to guild {dev_guild_id}" if guild else "globally"
    log.info("synced %d commands %s", len(synced), where)
    return True
