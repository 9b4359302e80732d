"""The one builder every entry point shares: run, sync and the playground get the same bot.

It loads the catalog off the event loop, opens the database, builds ``SoleArchive`` with every
service it needs, and closes the database when the caller is done.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from ..catalog import load_catalog
from ..settings import Settings
from ..storage import Database
from .client import SoleArchive

__all__ = ["open_bot"]

log = logging.getLogger(__name__)


@asynccontextmanager
async def open_bot(
    settings: Settings,
    *,
    database: Path | None = None,
    sync: bool = True,
    force_sync: bool = False,
    simulated: bool = False,
) -> AsyncIterator[SoleArchive]:
    """The bot with its catalog and database (``database`` overrides the settings' file); closed after.

    ``simulated``: the offline playground's bot, which says so in its log instead of claiming a login.
    """
    catalog = await asyncio.to_thread(load_catalog, settings.data_dir)
    opened = await Database.open(database or settings.database_target)
    try:
        yield SoleArchive(
            settings=settings,
            catalog=catalog,
            database=opened,
            sync=sync,
            force_sync=force_sync,
            simulated=simulated,
        )
    finally:
        await opened.close()
        log.info("database closed")
