"""The offline playground: the real bot against simcord's simulated Discord, in a browser.

Same cogs, same catalog, a real SQLite file; only Discord itself is simulated. Nothing leaves the
machine: every page is served on 127.0.0.1 and its URL carries its own access key.

Three things make it behave like Discord rather than like a test:

- **The same world on every start.** The server, its channels, roles and members are created at
  simcord's fixed epoch in a fixed order, so they get the same snowflakes each time and the
  playground database's settings, packs and scores stay attached to them across restarts.
- **Time passes as on Discord.** The simulated clock is set to now before the bot connects (so
  a configured daily post never has to replay the months since simcord's epoch), then follows
  the wall clock while the playground runs: rounds end, reveals and the next question appear,
  countdowns and answer times are right, with no refresh.
- **Every channel can be opened.** A simcord preview presents one channel; the playground's own
  front page lists the server's channels and opens the preview on the one you pick.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import html
import logging
import secrets
import signal
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import discord
import simcord
from aiohttp import web
from simcord.preview import Preview

from ..settings import Settings
from .app import open_bot
from .client import SoleArchive
from .metrics_server import serve_metrics

__all__ = [
    "PLAYGROUND_GUILD_ID",
    "Playground",
    "World",
    "open_playground",
    "playground_database",
    "run_playground",
    "seed_world",
]

log = logging.getLogger(__name__)

PLAYGROUND_GUILD_ID = 1_000_000_000_000_000_001
BOT_NAME = "Sole Archive"
CLOCK_TICK = 0.25  # seconds of wall time between two steps of the simulated clock
REPUBLISH_EVERY = 1.0  # seconds between two republications of an unchanged page


def playground_database(settings: Settings) -> Path:
    """A database of its own beside the real one, so trying things never touches real scores."""
    path = settings.database
    return path.with_name(f"{path.stem}-playground{path.suffix or '.sqlite3'}")


@dataclass(frozen=True, slots=True)
class World:
    """The "Sneakerheads" server as the playground presents it."""

    guild: simcord.GuildHandle
    channels: dict[str, simcord.ChannelHandle]
    viewers: tuple[simcord.MemberActor, ...]


def seed_world(env: simcord.Env) -> World:
    """The "Sneakerheads" server: #general, #trivia, a member and a moderator.

    Call it before the clock moves: ids are snowflakes of the simulated clock, so creating the same
    things in the same order at simcord's epoch gives the same ids on every start.
    """
    guild = env.create_guild("Sneakerheads", id=PLAYGROUND_GUILD_ID)
    general = guild.create_text_channel("general")
    trivia = guild.create_text_channel("trivia")
    moderators = guild.create_role(
        "Moderators", permissions=discord.Permissions(manage_guild=True, manage_messages=True)
    )
    member = guild.add_member(env.create_user("sneakerhead", global_name="Sneakerhead"))
    moderator = guild.add_member(env.create_user("moderator", global_name="Moderator"), roles=[moderators])
    return World(guild, {"general": general, "trivia": trivia}, (member, moderator))


class _SerialisedPreview(Preview):
    """simcord's preview, adapted to a clock that moves by itself.

    - Browser actions never overlap a step of the clock: simcord runs one operation at a time, and
      the clock is an operation too, so an action waits for the current step instead of being refused.
    - A republication that only moved the clock (nothing posted or edited) does not make the page's
      next action stale: simcord refuses an action made on an older revision than the latest, and
      the clock republishes every second so that relative times ("ends in 12 seconds") stay right.
    """

    def __init__(self, *args: Any, lock: asyncio.Lock, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._operation_lock = lock
        self._content_revision: dict[str, int] = {}  # page id -> revision of its last change of content

    async def _action(self, context_id: Any, body: Any) -> Any:
        async with self._operation_lock:
            page = self._pages.get(context_id) if isinstance(context_id, str) else None
            if page is not None and isinstance(body, dict):
                seen = body.get("published_revision")
                content = self._content_revision.get(page.id)
                if isinstance(seen, int) and content is not None and content <= seen < page.revision:
                    body = {**body, "published_revision": page.revision}
            try:
                return await super()._action(context_id, body)
            finally:
                self._mark_content()

    def _mark_content(self) -> None:
        self._content_revision = {page.id: page.revision for page in self._pages.values()}

    async def republish(self, *, content_changed: bool) -> None:
        """Publish the current state to every open page (the caller holds the operation lock)."""
        unmarked = {page.id: page.revision for page in self._pages.values()}
        await self.refresh()
        if content_changed:
            self._mark_content()
        else:
            self._content_revision = {**unmarked, **self._content_revision}


class Playground:
    """Owns the simulated Discord for one run: the world, the clock and the preview of one channel."""

    def __init__(self, env: simcord.Env, world: World, *, port: int) -> None:
        self.env = env
        self.world = world
        assert isinstance(env.bot, SoleArchive)
        self.bot: SoleArchive = env.bot
        self.key = secrets.token_urlsafe(24)
        self._port = port
        self._lock = asyncio.Lock()
        self._preview: _SerialisedPreview | None = None
        self._channel = "general"
        self._runner: web.AppRunner | None = None
        self.port: int | None = None

    # ------------------------------------------------------------------ front page

    @property
    def showing(self) -> str:
        """The channel the preview presents now."""
        return self._channel

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/?key={self.key}"

    def channel_url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/channel/{name}?key={self.key}"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/", self._index)
        app.router.add_get("/channel/{name}", self._open_channel)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", self._port)
        await site.start()
        self.port = int(self._runner.addresses[0][1])
        await self._present(self._channel)

    async def close(self) -> None:
        if self._preview is not None:
            await self._preview.close()
            self._preview = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def _authorised(self, request: web.Request) -> None:
        if not secrets.compare_digest(request.query.get("key", ""), self.key):
            raise web.HTTPForbidden(text="This playground link needs its key: use the address the terminal printed.")

    async def _index(self, request: web.Request) -> web.StreamResponse:
        self._authorised(request)
        items = "".join(
            f'<li><a href="{html.escape(self.channel_url(name))}">#{html.escape(name)}</a>'
            f"{' (open now)' if name == self._channel else ''}</li>"
            for name in self.world.channels
        )
        body = (
            "<!doctype html><html lang=en><meta charset=utf-8>"
            '<meta name=viewport content="width=device-width, initial-scale=1">'
            "<title>Sole Archive playground</title>"
            "<style>body{font:16px system-ui,sans-serif;background:#313338;color:#dbdee1;margin:2rem}"
            "a{color:#00a8fc;font-size:1.2rem}li{margin:.6rem 0}</style>"
            "<h1>Sole Archive playground</h1>"
            "<p>The real bot against a simulated Discord server, <b>Sneakerheads</b>. "
            "Nothing leaves your machine. Pick a channel; you can act as the member or the moderator.</p>"
            f"<ul>{items}</ul>"
            "<p>Opening a channel closes the previous one's page: come back here to switch.</p>"
        )
        return web.Response(text=body, content_type="text/html")

    async def _open_channel(self, request: web.Request) -> web.StreamResponse:
        self._authorised(request)
        name = request.match_info["name"]
        if name not in self.world.channels:
            raise web.HTTPNotFound(text=f"There is no #{name} in this server.")
        if name != self._channel or self._preview is None:
            await self._present(name)
        assert self._preview is not None
        raise web.HTTPFound(self._preview.url)

    async def _present(self, name: str) -> None:
        async with self._lock:
            if self._preview is not None:
                await self._preview.close()
                self._preview = None
            preview = _SerialisedPreview(
                self.env,
                self.world.channels[name],
                self.world.viewers,
                layout="channel",
                display="responsive",
                width=960,
                height=720,
                locale="en-US",
                timezone="UTC",
                presentation_time=None,
                assets=None,
                port=0,
                lock=self._lock,
            )
            await preview.__aenter__()
            self._preview = preview
            self._channel = name
            log.info("playground: showing #%s", name)

    # ------------------------------------------------------------------ the clock

    async def follow_wall_clock(self, stop: asyncio.Event) -> None:
        """Move the simulated clock with the wall clock until ``stop``, republishing the page as it changes.

        The page is republished when the simulated Discord changed (a message posted or edited) and
        otherwise once a second, which keeps relative times ("ends in 12 seconds") right without
        re-rendering a page that a person is typing in four times a second.
        """
        loop = asyncio.get_running_loop()
        last = published = loop.time()
        seen = len(self.env.backend.transcript)
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), CLOCK_TICK)
            now = loop.time()
            async with self._lock:
                try:
                    await self.env.advance_time(now - last)
                    changed = len(self.env.backend.transcript) != seen
                    if self._preview is not None and (changed or now - published >= REPUBLISH_EVERY):
                        await self._preview.republish(content_changed=changed)
                        published = now
                        seen = len(self.env.backend.transcript)
                except TimeoutError:
                    # The bot was still busy at the end of the step; the next step carries on from here.
                    log.warning("playground: the bot was busy for a whole clock step", exc_info=True)
                last = now


class _NoLoginNoise(logging.Filter):
    """discord.py announces a token login; the playground has no token and logs in nowhere."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "logging in using static token" not in record.getMessage()


def _set_clock_to_now(env: simcord.Env) -> None:
    """Start the simulated clock at the real now, before the bot has any timer to replay."""
    lag = (dt.datetime.now(dt.UTC) - env.now()).total_seconds()
    if lag > 0:
        env.backend.advance_clock(lag)


@contextlib.asynccontextmanager
async def open_playground(settings: Settings, *, port: int | None = None) -> AsyncIterator[Playground]:
    """The bot connected to a simulated Discord, its world seeded, the front page served; closed on exit."""
    async with open_bot(settings, database=playground_database(settings), simulated=True) as bot:
        env = simcord.Env(bot, check_errors=False)
        world = seed_world(env)
        env.backend.edit_bot_profile(BOT_NAME)
        _set_clock_to_now(env)
        await env.start()
        log.info("connected to the simulated Discord: no token, nothing leaves this machine")
        playground = Playground(env, world, port=settings.playground_port if port is None else port)
        try:
            with env.time_context():
                await playground.start()
                yield playground
        finally:
            await playground.close()
            await env.shutdown()


async def run_playground(
    settings: Settings, *, port: int | None = None, announce: Callable[[str], None] = print
) -> None:
    """Serve the playground until Ctrl+C (or SIGTERM), with the simulated clock following the wall clock."""
    logging.getLogger("discord.client").addFilter(_NoLoginNoise())
    async with open_playground(settings, port=port) as playground, serve_metrics(playground.bot) as metrics:
        if metrics is not None:
            announce(f"\n/metrics and /healthz: {metrics.url}")
        announce(
            "\nSole Archive playground is running (offline, simulated Discord).\n"
            f"  Open: {playground.url}\n"
            "  Server 'Sneakerheads': #general and #trivia, a member and a moderator;\n"
            "  its settings, packs and scores are kept between runs.\n"
            "  Try /shoe GEL-KAYANO 14, /timeline, /collab JJJJound, /onthisday 11-27, /trivia start.\n"
            "  To connect to real Discord instead, set DISCORD_TOKEN (in .env or the environment)\n"
            "  and run `python -m bot` again. Stop with Ctrl+C.\n"
        )
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):
                loop.add_signal_handler(signum, stop.set)
        await playground.follow_wall_clock(stop)
    log.info("playground stopped")
