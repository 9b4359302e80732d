"""Safe echoing of member text: short, one line, markdown and mentions defused."""

from __future__ import annotations

import discord

__all__ = ["clip", "plain", "plural", "quote_user"]


def clip(text: str, limit: int) -> str:
    """Cut ``text`` to ``limit`` characters, at a word break where there is one, marking the cut."""
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 0)]
    space = cut.rfind(" ")
    if space >= limit // 2:  # never "27 Novembe…": back up to the last whole word
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """ "1 entry", "2 entries": a count with its noun in the right number."""
    if count == 1:
        return f"{count} {singular}"
    if plural_form is None:
        plural_form = (
            singular[:-1] + "ies" if singular.endswith("y") and singular[-2:-1] not in "aeiou" else singular + "s"
        )
    return f"{count} {plural_form}"


def plain(text: str) -> str:
    """Archive text shown as written: a name like A-COLD-WALL* must not turn the rest of a line italic."""
    return discord.utils.escape_markdown(text)


def quote_user(text: str, limit: int = 60) -> str:
    """Member-supplied text, fit to show inside our own sentence."""
    one_line = " ".join(text.split())
    escaped = discord.utils.escape_mentions(discord.utils.escape_markdown(clip(one_line, limit)))
    return f"“{escaped}”"
