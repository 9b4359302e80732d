"""How an entry is named in lists, defined once: its brand in front unless its name already starts with it."""

from __future__ import annotations

from collections.abc import Mapping

from .models import Brand, Line, Named, Silhouette, Technology
from .text import normalise

__all__ = ["display_name"]


def display_name(entry: Named, brands: Mapping[str, Brand]) -> str:
    """'GEL-KAYANO 14' of ASICS -> 'ASICS GEL-KAYANO 14'; a brand's or person's name stays as it is."""
    if isinstance(entry, Silhouette | Technology | Line) and entry.brand in brands:
        brand = brands[entry.brand].name
        if not normalise(entry.name).startswith(normalise(brand)):
            return f"{brand} {entry.name}"
    return entry.name
