"""Holds the catalog being served and swaps in a new one only when it validates."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from pathlib import Path

from .catalog import Catalog
from .loader import load_catalog

__all__ = ["CatalogStore"]

log = logging.getLogger(__name__)


class CatalogStore:
    """``current`` is always a complete, valid catalog; a failed reload leaves it untouched."""

    def __init__(self, catalog: Catalog, paths: Sequence[Path] | Path | None = None) -> None:
        self._current = catalog
        self._paths = paths
        self._lock = asyncio.Lock()

    @property
    def current(self) -> Catalog:
        return self._current

    async def reload(self) -> Catalog:
        """Re-read the files off the event loop; raise CatalogError (and keep serving) when invalid."""
        async with self._lock:
            catalog = await asyncio.to_thread(load_catalog, self._paths)
            previous, self._current = self._current, catalog
            log.info("catalog reloaded: %s -> %s", previous.version, catalog.version)
            return catalog
