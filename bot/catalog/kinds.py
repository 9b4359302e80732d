"""The enumerated things of the archive's questions, each defined once: categories and difficulties.

They are ``StrEnum``s, so a member compares equal to its text (stored rows and YAML stay plain
strings), and the cogs use them directly as slash-command choices. Members are named by their value,
which is also what Discord shows in the choice list.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Category", "Difficulty"]


class Category(StrEnum):
    brands = "brands"
    designers = "designers"
    tech = "tech"
    collabs = "collabs"
    eras = "eras"
    revival = "revival"


class Difficulty(StrEnum):
    easy = "easy"
    medium = "medium"
    hard = "hard"
