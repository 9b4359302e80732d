"""Corroboration: which sources support a field, how many independent publishers they are, and
whether the field is solid enough to be asked in trivia.

A field is *quizzable* when

- it is high confidence and no source on hand disputes it,
- at least two different publishers support it: the field's own ``cite`` entry, else the entry's
  ``sources``; ``low`` and ``article`` tier sources never count toward the two, and every ``official``
  page (a brand's own site, newsroom or press release) counts as one voice together,
- and, for a release's or collaboration's date, the date is not merely announced.

Publishers are compared by :func:`publisher_key`: case, spacing and punctuation do not matter, and a
copy or mirror counts as the publisher it copies (``GQ (copy on news-papers.co.uk)`` is GQ,
``WikiMili (Wikipedia mirror)`` is Wikipedia, ``oxak (copy of a Highsnobiety post)`` is Highsnobiety).
A single-source field can still be shown, with its source; it is never asked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from .models import Collaboration, Confidence, Entry, Question, Ref, Release, Source
from .text import normalise

__all__ = [
    "COUNTING_TIERS",
    "MIN_PUBLISHERS",
    "NON_COUNTING_TIERS",
    "OFFICIAL",
    "Corroboration",
    "Support",
    "is_announced",
    "publisher_key",
    "publisher_keys",
    "thin",
]

MIN_PUBLISHERS = 2
NON_COUNTING_TIERS = frozenset({"low", "article"})
COUNTING_TIERS = frozenset({"official", "press", "retailer", "wiki"})
OFFICIAL = "official"  # the one publisher key every official page shares

_PAREN = re.compile(r"^(?P<outer>.*?)\s*\((?P<inner>[^()]*)\)\s*$")
_COPY_OF = re.compile(
    r"^(?:[\w-]+ )?copy of (?:an? |the )?(?P<name>.+?)(?:'s)?"
    r"(?: (?:post|article|interview|review|feature|piece|story|page|news item))?$",
)
_MIRROR_OF = re.compile(r"^(?P<name>.+?) mirror\b")
_GENERIC = frozenset({"book", "development", "offline", "cdn", "staging", "rss", "site", "an", "a", "the"})
_PRESS_RELEASE = re.compile(r"\bpress release\b|\bpress room\b|\bofficial site\b", re.IGNORECASE)
_CORPORATE = re.compile(r"\b(?:inc|ltd|llc|corp|plc|gmbh)\b\.?", re.IGNORECASE)


def _copied_name(text: str) -> str | None:
    """The original publisher a 'copy of …' or '… mirror' note names, when it names one."""
    copied = _COPY_OF.match(text)
    if copied:
        name = copied.group("name")
        return name if name[:1].isupper() else None  # "copy of a trade-press feature" names nobody
    mirrored = _MIRROR_OF.match(text)
    if mirrored and "copy" not in text and mirrored.group("name").lower() not in _GENERIC:
        return mirrored.group("name")
    return None


@lru_cache(maxsize=4096)
def _publisher_text_key(text: str) -> str:
    name = text.strip()
    match = _PAREN.match(name)
    if match:
        outer = match.group("outer").strip()
        name = _copied_name(match.group("inner").strip()) or outer
    elif _COPY_OF.match(name):
        name = _copied_name(name) or ""  # a copy of an unnamed original: the caller falls back to the URL
    words = normalise(_CORPORATE.sub(" ", name)).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _url_host(url: str) -> str:
    return re.sub(r"^[a-z]+://", "", url.lower()).split("/", 1)[0].removeprefix("www.")


def publisher_key(source: Source, official: Collection[str] = ()) -> str:
    """Who really published a source, as a comparable key: two equal keys are one voice.

    ``official`` holds the keys of the catalog's official publishers, so a copy of a brand's own page
    on another site ("PUMA (copy on sneakertv.net)") still counts as that brand's one official voice.
    """
    if source.tier == OFFICIAL or (source.publisher and _PRESS_RELEASE.search(source.publisher)):
        return OFFICIAL
    key = _publisher_text_key(source.publisher) if source.publisher else ""
    if not key and source.url:
        key = _url_host(source.url)
    if not key:
        return f"source:{source.id}"
    return OFFICIAL if key in official else key


def publisher_keys(sources: Mapping[str, Source]) -> dict[str, str]:
    """Every source id's publisher key, with copies of official pages folded into the official voice."""
    official = {
        _publisher_text_key(source.publisher)
        for source in sources.values()
        if source.tier == OFFICIAL and source.publisher
    }
    official.discard("")
    return {source_id: publisher_key(source, official) for source_id, source in sources.items()}


@dataclass(frozen=True, slots=True)
class Support:
    """The sources behind one field, and the independent publishers among them."""

    field: str
    sources: tuple[Source, ...]
    publishers: tuple[str, ...]  # distinct keys of the sources that count (not low, not article)

    @property
    def independent(self) -> int:
        return len(self.publishers)

    @property
    def corroborated(self) -> bool:
        return self.independent >= MIN_PUBLISHERS

    @property
    def tiers(self) -> frozenset[str]:
        return frozenset(source.tier for source in self.sources)


def is_announced(entry: Entry, field_name: str = "date") -> bool:
    """A release or collaboration whose date is only announced (or scheduled), not yet a release."""
    return field_name == "date" and isinstance(entry, Release | Collaboration) and entry.status == "announced"


class Corroboration:
    """Per-catalog view of the sources: what supports each field and whether it may be asked."""

    def __init__(self, sources: Mapping[str, Source]) -> None:
        self.sources = sources
        self.keys = publisher_keys(sources)

    def support_of(self, field_name: str, ids: Iterable[str]) -> Support:
        found = tuple(self.sources[source_id] for source_id in dict.fromkeys(ids) if source_id in self.sources)
        publishers = tuple(
            dict.fromkeys(self.keys[source.id] for source in found if source.tier not in NON_COUNTING_TIERS)
        )
        return Support(field_name, found, publishers)

    def field(self, entry: Entry, field_name: str) -> Support:
        """The sources of a field (its ``cite``, else the entry's ``sources``) and their publishers."""
        return self.support_of(field_name, entry.sources_for(field_name))

    def field_reason(self, entry: Entry, field_name: str) -> str | None:
        """Why a field may not be asked in trivia, or None when it is quizzable."""
        level = entry.confidence_of(field_name)
        if level is not Confidence.HIGH:
            return f"{level.value} confidence"
        if entry.is_disputed(field_name):
            return "disputed"
        if is_announced(entry, field_name):
            return "announced, not released"
        return thin(self.field(entry, field_name))

    def question_reason(self, question: Question, find: Callable[[Ref], Entry | None]) -> str | None:
        """Why a hand-written question may not be asked, or None: high confidence, undisputed, its own
        sources two independent publishers, and every field it ``rests_on`` quizzable."""
        levels = {question.confidence_of("*"), *question.confidence.values()}
        if levels != {Confidence.HIGH}:
            return "not high confidence"
        if question.disputes:
            return "disputed"
        reason = thin(self.support_of("sources", question.sources))
        if reason is not None:
            return f"its sources: {reason}"
        for field_ref in question.rests_on:
            entry = find(field_ref.ref)
            if entry is None:
                return f"rests on {field_ref}, which does not exist"
            reason = self.field_reason(entry, field_ref.field)
            if reason is not None:
                return f"rests on {field_ref}: {reason}"
        return None


def thin(support: Support) -> str | None:
    """None when a field's support is corroborated, else what is missing."""
    if support.corroborated:
        return None
    if not support.publishers:
        return "no source that counts (low and article tier never do)"
    return f"only one independent publisher ({support.publishers[0]}); two are needed"
