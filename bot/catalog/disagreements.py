"""Where sources disagree, and what rests on thin evidence, in words written for members.

The data's dispute notes are written for maintainers ("the founding article dates it to 2021"). What a
member reads is built from the structure instead: the value the better sources give and who gives it,
then what others say: "Relaunch: 27 November 2020 (GQ Japan, atmos); some say 2021".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .models import Confidence, Entry, Fact, Release, Silhouette

if TYPE_CHECKING:
    from .catalog import Catalog

__all__ = ["Disagreement", "Uncertainty", "disagreements", "uncertainties"]

FIELD_LABELS = {
    "first_release": "Debut",
    "designers": "Designed by",
    "technologies": "Technology",
    "date": "Date",
    "founded": "Founded",
    "founded_place": "Founded in",
    "founders": "Founders",
    "introduced": "Introduced",
    "partner": "Partner",
    "text": "Fact",
}


@dataclass(frozen=True, slots=True)
class Disagreement:
    subject: str  # what the line is about: "Debut", or a release's name
    value: str  # what the better sources give
    publishers: tuple[str, ...]  # who gives it
    others: tuple[str, ...]  # what other sources say

    def line(self) -> str:
        who = f" ({', '.join(self.publishers)})" if self.publishers else ""
        return f"{self.subject}: {self.value}{who}; some say {' or '.join(self.others)}"


@dataclass(frozen=True, slots=True)
class Uncertainty:
    subject: str
    value: str
    publishers: tuple[str, ...]
    level: Confidence

    def reason(self) -> str:
        """Why it is less certain, with who says it: "from one source (Highsnobiety)"."""
        basis = "one source" if len(self.publishers) <= 1 else "sources not yet confirmed elsewhere"
        if self.level is Confidence.LOW:
            basis = "weak sources only"
        who = f" ({', '.join(self.publishers)})" if self.publishers else ""
        return f"from {basis}{who}"

    def line(self) -> str:
        return f"{self.subject}: {self.value}, {self.reason()}"


def _publishers(catalog: Catalog, ids: Iterable[str]) -> tuple[str, ...]:
    names = (source.publisher or source.title for source in catalog.source_list(ids))
    return tuple(dict.fromkeys(names))


def _subject(entry: Entry, field_name: str) -> str:
    if isinstance(entry, Release) and field_name == "date":
        return entry.name
    if isinstance(entry, Fact):
        return "This fact"
    return FIELD_LABELS.get(field_name, field_name.replace("_", " ").capitalize())


def disagreements(catalog: Catalog, entries: Iterable[Entry]) -> list[Disagreement]:
    """Every field of these entries that some source gives differently, as one line each."""
    out = []
    for entry in entries:
        for field_name, disputes in entry.disputes.items():
            current = getattr(entry, field_name, None)
            if current is None or not disputes:
                continue
            out.append(
                Disagreement(
                    _subject(entry, field_name),
                    catalog.shown_value(field_name, current),
                    _publishers(catalog, entry.sources_for(field_name)),
                    tuple(dict.fromkeys(catalog.shown_value(field_name, d.value) for d in disputes)),
                )
            )
    return out


def uncertainties(catalog: Catalog, entries: Iterable[Entry]) -> list[Uncertainty]:
    """Fields shown with less than high confidence (and no dispute), as one line each."""
    out = []
    for entry in entries:
        named = [name for name in entry.confidence if name != "*"]
        fields = named or (["text"] if isinstance(entry, Fact) else [])
        if isinstance(entry, Silhouette) and not named and "*" in entry.confidence:
            fields = ["first_release"]
        for field_name in fields:
            level = entry.confidence_of(field_name)
            value = getattr(entry, field_name, None)
            if level is Confidence.HIGH or value in (None, (), "") or entry.disputes.get(field_name):
                continue
            shown = catalog.shown_value(field_name, value)
            if isinstance(entry, Fact):
                shown = shown if len(shown) <= 120 else shown[:119] + "…"
            out.append(
                Uncertainty(
                    _subject(entry, field_name),
                    shown,
                    _publishers(catalog, entry.sources_for(field_name)),
                    level,
                )
            )
    return out
