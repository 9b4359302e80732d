"""Errors that carry their own user-facing text.

Core code and cogs raise ``UserError`` for anything the member can fix (an unknown name, a bad
date); the one tree-level handler shows its message ephemerally, so no cog repeats that plumbing.
"""

from __future__ import annotations

__all__ = ["UserError"]


class UserError(Exception):
    """A problem with what the member asked for, explained in ``message``."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
