"""The enumerated things of the archive, each defined once: entry kinds, question categories and difficulties.

They are ``StrEnum``s, so a member compares equal to its text (stored rows and YAML stay plain
strings), and the cogs use them directly as slash-command choices. Members are named by their value,
which is also what Discord shows in the choice list.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Category", "Difficulty", "EntryKind"]


class EntryKind(StrEnum):
    """The kind of a ``Ref`` (``silhouette:asics-gel-kayano-14``): one per section of the fact files."""

    brand = "brand"
    person = "person"
    technology = "technology"
    line = "line"
    silhouette = "silhouette"
    release = "release"
    collab = "collab"
    event = "event"
    fact = "fact"
    question = "question"


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
