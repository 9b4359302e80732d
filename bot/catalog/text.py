"""One normaliser for every name a member types, so "GEL-KAYANO™ 14" finds "gel kayano 14"."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["compact", "normalise"]

_MARKS = str.maketrans({"™": " ", "®": " ", "©": " ", "*": " "})
_SEPARATORS = re.compile(r"[\s\-_/.,:;'\"`’‘“”!?()\[\]{}+&]+")


@lru_cache(maxsize=1 << 18)
def normalise(text: str) -> str:
    """Casefold, strip accents and trademark signs, treat separators alike, collapse spaces."""
    if text.isascii():  # most names: no accents to strip, no full-width forms to fold
        return _SEPARATORS.sub(" ", text.translate(_MARKS).lower()).strip()
    decomposed = unicodedata.normalize("NFKD", text.translate(_MARKS))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SEPARATORS.sub(" ", stripped.casefold()).strip()


def compact(text: str) -> str:
    """The normalised text with every separator removed: '1906 R' and '1906r' meet here."""
    return normalise(text).replace(" ", "")
