"""Running the bot for real, and one-off jobs that need a Discord login (sync)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
from pathlib import Path

from ..catalog import CatalogError
from ..settings import Settings
from .app import open_bot
from .client import SoleArchive
from .metrics_server import serve_metrics
from .sync import sync_commands
from .tasks import TaskSet

__all__ = ["install_signal_handlers", "pidfile_for", "run_bot", "sync_once"]

log = logging.getLogger(__name__)


async def run_bot(settings: Settings) -> None:
    """Connect to Discord and serve until SIGINT/SIGTERM, then close the gateway and the database."""
    pidfile = pidfile_for(settings)
    written = False
    try:
        # Exits inner first: the gateway closes, then /metrics and /healthz stop, then the database.
        async with open_bot(settings) as bot, serve_metrics(bot), bot:
            install_signal_handlers(bot)
            try:
                pidfile.write_text(str(os.getpid()), encoding="utf-8")
                written = True
            except OSError as error:  # the bot still runs; only `facts reload` from the shell cannot reach it
                log.warning(
                    "cannot write the pid file %s (%s): `python -m bot facts reload` won't find this bot",
                    pidfile,
                    error.strerror,
                )
            await bot.start(settings.token.reveal())
    finally:
        if written:
            with contextlib.suppress(OSError):
                pidfile.unlink(missing_ok=True)


def install_signal_handlers(bot: SoleArchive) -> None:
    """SIGINT/SIGTERM: a graceful stop (``bot.close()`` ends each game in the open first); SIGHUP: reload."""
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):  # not on Windows
            loop.add_signal_handler(signum, _shutdown, bot, signum)
    with contextlib.suppress(NotImplementedError, AttributeError):
        loop.add_signal_handler(signal.SIGHUP, _reload, bot)


def pidfile_for(settings: Settings) -> Path:
    """Where a running bot leaves its process id, so `python -m bot facts reload` can reach it."""
    return settings.database.with_suffix(".pid")


_background = TaskSet()  # work started from signal handlers, kept until done


def _reload(bot: SoleArchive) -> None:
    async def reload() -> None:
        try:
            catalog = await bot.reload_catalog()  # here, then in every other process on the database
        except CatalogError as error:
            log.error("facts reload refused, still serving %s:\n%s", bot.catalog.version, error.report())
        else:
            log.info("facts reloaded on SIGHUP: now serving %s", catalog.version)

    _background.spawn(reload(), name="facts-reload")


def _shutdown(bot: SoleArchive, signum: int) -> None:
    log.info("received %s, shutting down", signal.Signals(signum).name)
    _background.spawn(bot.close(), name="shutdown")


async def sync_once(settings: Settings) -> int:
    """Log in, sync the command tree now (to the dev guild when set) and exit."""
    async with open_bot(settings, sync=False) as bot, bot:
        await bot.login(settings.token.reveal())
        await sync_commands(bot.tree, bot.meta, dev_guild_id=settings.dev_guild_id, force=True)
    return 0
