"""Running the bot for real, and one-off jobs that need a Discord login (sync)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal

from ..catalog import load_catalog
from ..config import Settings
from ..storage import Database
from .client import SoleArchive
from .sync import sync_commands

__all__ = ["run_bot", "sync_once"]

log = logging.getLogger(__name__)


async def run_bot(settings: Settings) -> None:
    """Connect to Discord and serve until SIGINT/SIGTERM, then close the gateway and the database."""
    catalog = await asyncio.to_thread(load_catalog, settings.data_dir)
    database = await Database.open(settings.database)
    try:
        bot = SoleArchive(settings=settings, catalog=catalog, database=database)
        async with bot:
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGINT, signal.SIGTERM):
                with contextlib.suppress(NotImplementedError):  # not on Windows
                    loop.add_signal_handler(signum, _shutdown, bot, signum)
            await bot.start(settings.token.reveal())
    finally:
        await database.close()
        log.info("database closed")


def _shutdown(bot: SoleArchive, signum: int) -> None:
    log.info("received %s, shutting down", signal.Signals(signum).name)
    asyncio.get_running_loop().create_task(bot.close())


async def sync_once(settings: Settings) -> int:
    """Log in, sync the command tree now (to the dev guild when set) and exit."""
    catalog = await asyncio.to_thread(load_catalog, settings.data_dir)
    database = await Database.open(settings.database)
    try:
        bot = SoleArchive(settings=settings, catalog=catalog, database=database, sync=False)
        async with bot:
            await bot.login(settings.token.reveal())
            await sync_commands(bot.tree, bot.meta, dev_guild_id=settings.dev_guild_id, force=True)
    finally:
        await database.close()
    return 0
