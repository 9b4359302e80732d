"""The offline playground: the real bot against simcord's simulated Discord, in a browser.

Same cogs, same catalog, a real SQLite file; only Discord itself is simulated. Nothing leaves the
machine: the page is served on 127.0.0.1 and the URL carries its own access key.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import signal
from collections.abc import Callable
from pathlib import Path

import discord
import simcord

from ..settings import Settings
from .app import open_bot

__all__ = ["playground_database", "run_playground", "seed_world"]

log = logging.getLogger(__name__)


def playground_database(settings: Settings) -> Path:
    """A database of its own beside the real one, so trying things never touches real scores."""
    path = settings.database
    return path.with_name(f"{path.stem}-playground{path.suffix or '.sqlite3'}")


def seed_world(env: simcord.Env) -> tuple[simcord.ChannelHandle, list[simcord.MemberActor]]:
    """The "Sneakerheads" server: #general, #trivia, a member and a moderator."""
    guild = env.create_guild("Sneakerheads")
    general = guild.create_text_channel("general")
    guild.create_text_channel("trivia")
    moderators = guild.create_role(
        "Moderators", permissions=discord.Permissions(manage_guild=True, manage_messages=True)
    )
    member = guild.add_member(env.create_user("sneakerhead", global_name="Sneakerhead"))
    moderator = guild.add_member(env.create_user("moderator", global_name="Moderator"), roles=[moderators])
    return general, [member, moderator]


async def run_playground(
    settings: Settings, *, port: int | None = None, announce: Callable[[str], None] = print
) -> None:
    async with open_bot(settings, database=playground_database(settings), force_sync=True) as bot:  # noqa: SIM117
        async with simcord.run(bot, check_errors=False) as env:
            # simcord's clock starts on 1 January 2026; move it to now so "today" means today.
            lag = (dt.datetime.now(dt.UTC) - env.now()).total_seconds()
            if lag > 0:
                await env.advance_time(lag)
            general, viewers = seed_world(env)
            chosen_port = settings.playground_port if port is None else port
            async with env.preview(general, viewers=viewers, layout="channel", port=chosen_port) as preview:
                announce(
                    "\nSole Archive playground is running (offline, simulated Discord).\n"
                    f"  Open: {preview.url}\n"
                    "  Server 'Sneakerheads': #general and #trivia, a member and a moderator.\n"
                    "  Try /shoe GEL-KAYANO 14, /timeline, /collab JJJJound, /onthisday 11-27, /about.\n"
                    "  To connect to real Discord instead, set DISCORD_TOKEN (in .env or the environment)\n"
                    "  and run `python -m bot` again. Stop with Ctrl+C.\n"
                )
                stop = asyncio.Event()
                loop = asyncio.get_running_loop()
                for signum in (signal.SIGINT, signal.SIGTERM):
                    with contextlib.suppress(NotImplementedError):
                        loop.add_signal_handler(signum, stop.set)
                closed = asyncio.ensure_future(preview.wait_closed())
                stopped = asyncio.ensure_future(stop.wait())
                await asyncio.wait({closed, stopped}, return_when=asyncio.FIRST_COMPLETED)
                for task in (closed, stopped):
                    task.cancel()
    log.info("playground stopped")
