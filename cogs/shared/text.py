"""Safe echoing of member text: short, one line, markdown and mentions defused."""

from __future__ import annotations

import discord

__all__ = ["clip", "quote_user"]


def clip(text: str, limit: int) -> str:
    """Cut ``text`` to ``limit`` characters, marking the cut with an ellipsis."""
    return text if len(text) <= limit else text[: max(limit - 1, 0)].rstrip() + "…"


def quote_user(text: str, limit: int = 60) -> str:
    """Member-supplied text, fit to show inside our own sentence."""
    one_line = " ".join(text.split())
    escaped = discord.utils.escape_mentions(discord.utils.escape_markdown(clip(one_line, limit)))
    return f"“{escaped}”"
