"""One line per moment in a timeline: a drop recorded both as a release and as a collaboration is one drop.

The archive records the same moment from several sides on purpose (a collaboration, the release it
was, the silhouette it introduced, the event around it), because each side answers a different
command. A timeline must not list it twice. Items on the same date that concern the same shoe (or,
for a founding, the same brand) are folded into the most telling one: a collaboration tells more
than the bare release, a release more than an event, an event more than "debuts". Two items of the
same kind are never folded: two partners' takes on one shoe released on one day stay two lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from .dates import PartialDate
from .models import Ref
from .text import normalise

if TYPE_CHECKING:
    from .catalog import TimelineItem

__all__ = ["merge_same_moments"]

# Which item of a group speaks for it: lower is more telling.
_FOUNDING = re.compile(r"\b(found|form)", re.IGNORECASE)
_PRIORITY = {"collab": 0, "release": 1, "event": 2, "debut": 3, "founded": 4, "introduced": 5}


def _anchors(item: TimelineItem, *, lines: bool = False) -> set[Ref]:
    """What makes two items on one date the same moment: the shoe they are about, or a founded brand.

    An event is usually recorded against a model line ("the first Air Max Day"), so beside an event
    the line counts too; two shoes of one line released on one day stay two moments.
    """
    if item.kind == "founded":
        return {item.ref}
    kinds = {"silhouette", "line"} if lines else {"silhouette"}
    shoes = {subject for subject in item.subjects if subject.kind in kinds}
    if item.kind == "event" and not shoes and _FOUNDING.search(item.title):
        return {subject for subject in item.subjects if subject.kind == "brand"}
    return shoes


def _rank(item: TimelineItem) -> tuple[int, bool]:
    """Which item of a group leads it: the most telling kind; a shoe's debut before its line's."""
    return _PRIORITY.get(item.kind, len(_PRIORITY)), item.ref.kind != "silhouette"


def _kind(item: TimelineItem) -> tuple[str, str]:
    """Two items of one kind are never folded (a line's first year and a shoe's debut are two kinds)."""
    return item.kind, item.ref.kind


def _same_day(first: PartialDate, second: PartialDate) -> bool:
    """The same date, or one plain date inside the other ("2021" and "16 July 2021": one drop, two records)."""
    if first == second:
        return True
    if not (first.exact and second.exact) or first.year != second.year:
        return False
    if first.month is not None and second.month is not None and first.month != second.month:
        return False
    return first.day is None or second.day is None or first.day == second.day


_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str) -> set[str]:
    return set(_WORD.findall(normalise(text)))


def _same_drop(first: TimelineItem, second: TimelineItem) -> bool:
    """A release and a collaboration are one drop when the release's name is the collaboration's, give or take
    a word ("Salehe Bembury 2002R" and "Salehe Bembury x New Balance 2002R"); "GEL-KAYANO 14 lifestyle
    relaunch" and "Kiko Kostadinov UB1-S GEL-KAYANO 14" on the same day are two moments."""
    release, collab = (first, second) if first.kind == "release" else (second, first)
    missing = _words(release.title) - _words(collab.title)
    return len(missing) <= 1 and len(missing) * 4 <= len(_words(release.title))


def _same_moment(lead: TimelineItem, other: TimelineItem) -> bool:
    kinds = (lead.kind, other.kind)
    if "event" in kinds or "founded" in kinds:
        if other.date != lead.date:
            return False
        if "event" in kinds and "founded" not in kinds and lead.date.day is None:
            return False  # an event and a shoe in the same year are rarely one moment ("wins an award")
    elif not _same_day(lead.date, other.date):
        return False
    elif {"release", "collab"} == set(kinds) and not _same_drop(lead, other):
        return False  # a general release and a partner's pair on the same day are two moments
    # Beside an event or a line's first year, the model line counts: "Air Max line begins" is the Air Max 1.
    lines = "event" in (lead.kind, other.kind) or "line" in (lead.ref.kind, other.ref.kind)
    return bool(_anchors(lead, lines=lines) & _anchors(other, lines=lines))


def merge_same_moments(items: Iterable[TimelineItem]) -> list[TimelineItem]:
    """Fold items of different kinds that share a date and an anchor; keep everything else as it is.

    Only items of one year that share an anchor (with lines counted) can fold, so each item is compared
    with that small bucket, not with the whole archive: linear in the number of items.
    """
    pending = list(items)
    rank = {index: _rank(item) for index, item in enumerate(pending)}
    buckets: dict[tuple[int, Ref], list[int]] = {}
    for index, item in enumerate(pending):
        for anchor in _anchors(item, lines=True):
            buckets.setdefault((item.date.year, anchor), []).append(index)
    merged: list[TimelineItem] = []
    used = [False] * len(pending)
    for index in sorted(range(len(pending)), key=rank.__getitem__):
        if used[index]:
            continue
        used[index] = True
        lead = pending[index]
        kinds = {_kind(lead)}
        group = [lead]
        candidates = {
            other for anchor in _anchors(lead, lines=True) for other in buckets.get((lead.date.year, anchor), ())
        }
        for other_index in sorted(candidates, key=lambda other: (rank[other], other)):
            other = pending[other_index]
            if not used[other_index] and _kind(other) not in kinds and _same_moment(lead, other):
                used[other_index] = True
                kinds.add(_kind(other))
                group.append(other)
        merged.append(lead if len(group) == 1 else _fold(group))
    return merged


def _fold(group: list[TimelineItem]) -> TimelineItem:
    lead, rest = group[0], group[1:]
    details = [lead.detail] if lead.detail else []
    for other in rest:
        # An event's text is its whole statement; a release or debut adds its note, if any.
        extra = other.title if other.kind == "event" else other.detail
        if extra and extra not in details and extra != lead.title:
            details.append(extra)
    most_precise = max((item.date for item in group), key=lambda date: date.precision)
    return replace(
        lead,
        date=most_precise,
        detail=" ".join(details) or None,
        subjects=tuple(dict.fromkeys(subject for item in group for subject in item.subjects)),
        sources=tuple(dict.fromkeys(source for item in group for source in item.sources)),
        caveat=next((item.caveat for item in group if item.caveat), None),
    )
