"""How an upload tells a moderator which pack questions were left out, and why."""

from __future__ import annotations

from collections.abc import Sequence

from bot.storage.custom_questions import SkippedQuestion

from .text import plural, quote_user

__all__ = ["SHOWN_SKIPPED", "skipped_text"]

SHOWN_SKIPPED = 10


def skipped_text(skipped: Sequence[SkippedQuestion]) -> str:
    """'\\nLeft out 1 question: • “Which city…”: it duplicates an approved suggestion', or nothing."""
    if not skipped:
        return ""
    lines = [f"• {quote_user(item.prompt, 80)}: {item.reason}" for item in skipped[:SHOWN_SKIPPED]]
    if len(skipped) > SHOWN_SKIPPED:
        lines.append(f"… and {len(skipped) - SHOWN_SKIPPED} more")
    return f"\nLeft out {plural(len(skipped), 'question')}:\n" + "\n".join(lines)
