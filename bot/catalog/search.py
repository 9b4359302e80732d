"""Name search for autocomplete and "did you mean": prefix hits first, then typo-tolerant matches.

Autocomplete runs on every keystroke, so the common case (a prefix of a word of a name) is a
binary search over precomputed keys; rapidfuzz only scans when prefixes run short.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from .models import Ref
from .text import compact, normalise

__all__ = ["Match", "NameIndex", "NameKeys"]

MAX_QUERY = 100
MIN_FUZZY = 4  # keys shorter than this ("14", "k14") are left to exact and prefix matching


_NUMBER = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class Match:
    ref: Ref
    label: str
    score: float


@dataclass(frozen=True, slots=True)
class NameKeys:
    """The searchable forms of one entry's names: exact compact keys and word-suffix keys."""

    exact: tuple[str, ...]
    suffixes: tuple[str, ...]

    @classmethod
    def of(cls, names: Iterable[str]) -> NameKeys:
        exact: dict[str, None] = {}
        suffixes: dict[str, None] = {}
        for name in names:
            norm = normalise(name)
            if not norm:
                continue
            exact[norm.replace(" ", "")] = None
            suffix = ""
            for word in reversed(norm.split(" ")):  # "gelkayano14", "kayano14", "14"
                suffix = word + suffix
                suffixes[suffix] = None
        return cls(tuple(exact), tuple(suffixes))


class NameIndex:
    """Names and aliases of one set of entries, searchable by prefix and by similarity."""

    def __init__(
        self,
        items: Iterable[tuple[Ref, str, Sequence[str], float]],
        keys_cache: dict[tuple[str, ...], NameKeys] | None = None,
    ) -> None:
        """``items``: (ref, display label, every name/alias, rank weight: higher shows first).

        Indexes built from one catalog share ``keys_cache``, so each entry's names are normalised once.
        """
        cache = {} if keys_cache is None else keys_cache
        self._refs: list[Ref] = []
        self._labels: list[str] = []
        self._weights: list[float] = []
        exact: dict[str, list[int]] = {}
        suffixes: list[str] = []
        suffix_slots: list[int] = []
        for ref, label, names, weight in items:
            slot = len(self._refs)
            self._refs.append(ref)
            self._labels.append(label)
            self._weights.append(weight)
            names_key = tuple(names)
            keys = cache.get(names_key)
            if keys is None:
                keys = cache[names_key] = NameKeys.of(names_key)
            for key in keys.exact:
                exact.setdefault(key, []).append(slot)
            suffixes.extend(keys.suffixes)
            suffix_slots.extend([slot] * len(keys.suffixes))
        order = sorted(range(len(suffixes)), key=suffixes.__getitem__)
        self._exact = exact
        self._word_keys = [suffixes[i] for i in order]
        self._word_slots = [suffix_slots[i] for i in order]
        # Typo matching compares against every word-suffix key, bucketed by first letter: a query is
        # scored against the buckets of its first two letters, so one wrong, missing or extra
        # leading letter is still found, at a fraction of a full scan's cost.
        buckets: dict[str, tuple[list[str], list[int]]] = {}
        for key, slot in zip(self._word_keys, self._word_slots, strict=True):
            if len(key) >= MIN_FUZZY:
                bucket_keys, owners = buckets.setdefault(key[0], ([], []))
                bucket_keys.append(key)
                owners.append(slot)
        self._buckets = buckets
        self._members = frozenset(self._refs)
        self._featured = sorted(range(len(self._refs)), key=lambda i: (-self._weights[i], self._labels[i]))[:25]

    def __len__(self) -> int:
        return len(self._refs)

    def __contains__(self, ref: object) -> bool:
        """Whether ``ref`` is one of this index's entries (a picked suggestion must be)."""
        return ref in self._members

    def exact(self, text: str) -> list[Ref]:
        """Entries whose name or alias is exactly ``text`` once normalised."""
        return [self._refs[slot] for slot in self._exact.get(compact(text[:MAX_QUERY]), ())]

    def complete(self, text: str, limit: int = 25) -> list[Match]:
        """Autocomplete: exact names, then word prefixes (by weight), then close spellings."""
        query = normalise(text[:MAX_QUERY])
        if not query:
            return [Match(self._refs[i], self._labels[i], 100.0) for i in self._featured[:limit]]
        key = query.replace(" ", "")
        chosen: dict[int, float] = dict.fromkeys(self._exact.get(key, ()), 100.0)
        prefix_hits = self._prefix(key, limit * 4)
        for slot in sorted(prefix_hits, key=lambda s: (-self._weights[s], len(self._labels[s]))):
            if len(chosen) >= limit:
                break
            chosen.setdefault(slot, 90.0)
        if len(chosen) < limit:
            for slot, score in self._similar(query, limit * 2, cutoff=60):
                if len(chosen) >= limit:
                    break
                chosen.setdefault(slot, score)
        ranked = sorted(chosen.items(), key=lambda item: (-item[1], -self._weights[item[0]], self._labels[item[0]]))
        return [Match(self._refs[slot], self._labels[slot], score) for slot, score in ranked[:limit]]

    def suggest(self, text: str, limit: int = 3) -> list[Match]:
        """ "Did you mean": the closest names, best first, for an answer that matched nothing."""
        query = normalise(text[:MAX_QUERY])
        if not query:
            return []
        key = query.replace(" ", "")
        scores: dict[int, float] = {}
        for slot in self._prefix(key, 50):
            scores[slot] = 95.0
        for slot, score in self._similar(query, 50, cutoff=50):
            scores[slot] = max(scores.get(slot, 0.0), score)
        if not scores:
            return []
        # Re-rank the short list with the slower, word-order-aware scorer.
        reranked = sorted(
            ((max(fuzz.WRatio(query, normalise(self._labels[slot])), score), slot) for slot, score in scores.items()),
            key=lambda item: (-item[0], -self._weights[item[1]]),
        )
        return [Match(self._refs[slot], self._labels[slot], score) for score, slot in reranked[:limit]]

    def clear_best(self, text: str, *, min_score: float = 90.0, margin: float = 3.0) -> Match | None:
        """The one entry a near-miss clearly names ("gel kayno 14"), or None when it is not that clear.

        Clear means: the best "did you mean" scores at least ``min_score``, beats the runner-up by
        ``margin``, and carries every number typed ("gel kayano 13" never becomes the GEL-KAYANO 14:
        a number names a different shoe, not a typo).
        """
        ranked = self.suggest(text, limit=2)
        if not ranked or ranked[0].score < min_score:
            return None
        if len(ranked) > 1 and ranked[0].score - ranked[1].score < margin:
            return None
        typed = set(_NUMBER.findall(normalise(text[:MAX_QUERY])))
        if not typed <= set(_NUMBER.findall(normalise(ranked[0].label))):
            return None
        return ranked[0]

    def _prefix(self, key: str, limit: int) -> list[int]:
        keys = self._word_keys
        position = bisect_left(keys, key)
        out: list[int] = []
        seen: set[int] = set()
        while position < len(keys) and keys[position].startswith(key) and len(out) < limit:
            slot = self._word_slots[position]
            if slot not in seen:
                seen.add(slot)
                out.append(slot)
            position += 1
        return out

    def _similar(self, query: str, limit: int, cutoff: float) -> list[tuple[int, float]]:
        key = query.replace(" ", "")
        best: dict[int, float] = {}
        for letter in dict.fromkeys(key[:2]):
            bucket = self._buckets.get(letter)
            if bucket is None:
                continue
            keys, owners = bucket
            for _key, score, position in process.extract(
                key, keys, scorer=fuzz.ratio, processor=None, limit=limit, score_cutoff=cutoff
            ):
                slot = owners[position]
                if score > best.get(slot, 0.0):
                    best[slot] = score
        return sorted(best.items(), key=lambda item: -item[1])
