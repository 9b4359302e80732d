"""How /config shows a server's settings and their history: each setting by its label, never its key."""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.guild_config import SETTINGS, GuildConfig, describe, description, label
from bot.storage import ConfigChange

from .render import ACCENT
from .text import clip

__all__ = ["SETTING_GROUPS", "change_line", "history_embed", "settings_embed"]

SETTING_GROUPS = (
    ("Features", [key for key in SETTINGS if key.startswith("feature.")]),
    ("Trivia", [key for key in SETTINGS if key.startswith("trivia.")]),
    ("Daily post", [key for key in SETTINGS if key.startswith("daily.")]),
    ("Seasons", [key for key in SETTINGS if key.startswith("season.")]),
)


def settings_embed(config: GuildConfig) -> discord.Embed:
    """Every setting: its label, its value, and one line of what it does."""
    embed = discord.Embed(title="Sole Archive settings", colour=ACCENT)
    for title, keys in SETTING_GROUPS:
        lines = [f"**{label(key)}**: {describe(config, key)}\n*{description(key)}*" for key in keys]
        embed.add_field(name=title, value="\n".join(lines), inline=False)
    embed.set_footer(text="Change them with /config feature, /config trivia and /config daily")
    return embed


def change_line(key: str, old: str, new: str) -> str:
    """One changed setting in a reply: 'Questions per game: 10 rounds → 5 rounds'."""
    name = label(key)
    return f"**{name}**: {old} → **{new}**" if old != new else f"**{name}**: already {new}"


def history_embed(changes: Sequence[ConfigChange]) -> discord.Embed:
    """The latest changes, each with an absolute Discord timestamp (every reader sees their own local time).

    The times are stamped with the bot's clock (the stores read discord.utils.utcnow), so they agree with
    everything else the bot shows, also in the playground's simulated Discord.
    """
    lines = [
        f"{discord.utils.format_dt(change.changed_at, 'f')} <@{change.actor_id}> **{label(change.key)}**: "
        f"{clip(change.old_text, 60)} → {clip(change.new_text, 60)}"
        for change in changes
    ]
    return discord.Embed(title="Setting changes", description="\n".join(lines) or "No changes yet.", colour=ACCENT)
