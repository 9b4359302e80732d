"""Immutable, typed entries of the fact catalog.

Every entry keeps its citations per field, so a lookup can show where a claim comes from and the
trivia engine can tell a solid fact from a disputed one without re-reading YAML.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import NamedTuple

from .dates import PartialDate

__all__ = [
    "EMPTY",
    "Brand",
    "Collaboration",
    "Confidence",
    "Dispute",
    "Entry",
    "Event",
    "Fact",
    "FieldRef",
    "Line",
    "Person",
    "Question",
    "Ref",
    "Release",
    "Silhouette",
    "Source",
    "Technology",
]

EMPTY: Mapping[str, tuple[str, ...]] = MappingProxyType({})


class Confidence(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


_NO_LEVELS: Mapping[str, Confidence] = MappingProxyType({})


class Ref(NamedTuple):
    """A typed reference such as ``person:kiko-kostadinov``."""

    kind: str
    id: str

    def __str__(self) -> str:
        return f"{self.kind}:{self.id}"


class FieldRef(NamedTuple):
    """One field of one entry, as a question's ``rests_on`` names it: ``silhouette:nb-990#first_release``."""

    ref: Ref
    field: str

    def __str__(self) -> str:
        return f"{self.ref}#{self.field}"


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    tier: str
    url: str | None = None
    publisher: str | None = None
    note: str | None = None

    @property
    def label(self) -> str:
        return f"{self.publisher}: {self.title}" if self.publisher else self.title


@dataclass(frozen=True, slots=True)
class Dispute:
    """Another value some source gives for a field, kept so the bot can show a caveat."""

    value: object
    sources: tuple[str, ...]
    confidence: Confidence = Confidence.LOW
    note: str | None = None


_NO_DISPUTES: Mapping[str, tuple[Dispute, ...]] = MappingProxyType({})


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    """What every catalog entry has: an id, its sources and per-field provenance."""

    KIND = "entry"

    id: str
    sources: tuple[str, ...]
    cite: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: EMPTY)
    confidence: Mapping[str, Confidence] = field(default_factory=lambda: _NO_LEVELS)
    disputes: Mapping[str, tuple[Dispute, ...]] = field(default_factory=lambda: _NO_DISPUTES)

    @property
    def ref(self) -> Ref:
        return Ref(self.KIND, self.id)

    def sources_for(self, field_name: str) -> tuple[str, ...]:
        return self.cite.get(field_name) or self.sources

    def confidence_of(self, field_name: str = "*") -> Confidence:
        """A field's own level, else the entry's ("*"), else high."""
        return self.confidence.get(field_name) or self.confidence.get("*", Confidence.HIGH)

    def is_disputed(self, field_name: str) -> bool:
        return field_name in self.disputes


@dataclass(frozen=True, slots=True, kw_only=True)
class Named(Entry):
    name: str
    aliases: tuple[str, ...] = ()
    summary: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Brand(Named):
    KIND = "brand"
    kind: str = "sportswear"
    founded: PartialDate | None = None
    founded_place: str | None = None
    founders: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Person(Named):
    KIND = "person"
    roles: tuple[str, ...] = ()
    brands: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Technology(Named):
    KIND = "technology"
    brand: str
    introduced: PartialDate | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Line(Named):
    KIND = "line"
    brand: str
    first_release: PartialDate | None = None
    named_after: Ref | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Silhouette(Named):
    KIND = "silhouette"
    brand: str
    line: str | None = None
    category: str | None = None
    first_release: PartialDate | None = None
    designers: tuple[str, ...] = ()
    technologies: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    derived_from: str | None = None
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Release(Entry):
    KIND = "release"
    silhouette: str
    name: str
    kind: str
    date: PartialDate | None = None
    region: str | None = None
    note: str | None = None
    aliases: tuple[str, ...] = ()
    status: str = "released"  # released | announced: an announced date is shown as such, never quizzed


@dataclass(frozen=True, slots=True, kw_only=True)
class Collaboration(Entry):
    KIND = "collab"
    partner: Ref
    brand: str
    name: str
    silhouette: str | None = None
    date: PartialDate | None = None
    note: str | None = None
    first_with_brand: bool = False
    aliases: tuple[str, ...] = ()  # what people type for it ("Travis Scott Jordan 1"): names of its shoe in search
    status: str = "released"  # released | announced


@dataclass(frozen=True, slots=True, kw_only=True)
class Event(Entry):
    KIND = "event"
    date: PartialDate
    subjects: tuple[Ref, ...]
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Fact(Entry):
    KIND = "fact"
    about: tuple[Ref, ...]
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Question(Entry):
    KIND = "question"
    type: str
    prompt: str
    answer: str
    distractors: tuple[str, ...] = ()
    difficulty: str
    category: str
    explanation: str
    about: tuple[Ref, ...] = ()
    rests_on: tuple[FieldRef, ...] = ()  # the catalog fields the question states as true
