"""``/metrics`` and ``/healthz`` over HTTP (aiohttp, which discord.py already depends on).

Started and stopped with the bot by the runner (``SOLE_METRICS_PORT``); bound to 127.0.0.1 unless
``SOLE_METRICS_HOST`` says otherwise. Stopping never waits on a slow scraper for more than a second.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST

from ..settings import ConfigError
from .metrics import check_health

if TYPE_CHECKING:
    from .client import SoleArchive

__all__ = ["MetricsServer", "serve_metrics"]

log = logging.getLogger(__name__)

SHUTDOWN_TIMEOUT = 1.0  # seconds an open request may delay the bot's stop


class MetricsServer:
    def __init__(self, bot: SoleArchive, *, host: str = "127.0.0.1", port: int = 0) -> None:
        self.bot = bot
        self.host = host
        self.port = port  # 0 picks a free port; the bound one replaces it in ``start``
        app = web.Application()
        app.router.add_get("/metrics", self._metrics)
        app.router.add_get("/healthz", self._healthz)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=SHUTDOWN_TIMEOUT)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    async def start(self) -> None:
        """Listen; a port in use or a host that is not this machine's is a ConfigError naming the setting."""
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        try:
            await site.start()
        except OSError as error:
            await self._runner.cleanup()
            raise ConfigError(
                f"SOLE_METRICS_PORT={self.port} / SOLE_METRICS_HOST={self.host}: cannot listen there "
                f"({error.strerror or error})"
            ) from None
        addresses = self._runner.addresses  # the bound socket tells which port 0 became
        if addresses:
            self.port = int(addresses[0][1])
        log.info("serving /metrics and /healthz on %s", self.url)

    async def stop(self) -> None:
        await self._runner.cleanup()

    async def _metrics(self, request: web.Request) -> web.Response:
        body = self.bot.metrics.exposition()
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})

    async def _healthz(self, request: web.Request) -> web.Response:
        health = await check_health(self.bot)
        return web.json_response(health.as_json(), status=200 if health.healthy else 503)


@asynccontextmanager
async def serve_metrics(bot: SoleArchive) -> AsyncIterator[MetricsServer | None]:
    """Serve while the block runs when ``SOLE_METRICS_PORT`` is set; otherwise do nothing."""
    port = bot.settings.metrics_port
    if port is None:
        yield None
        return
    server = MetricsServer(bot, host=bot.settings.metrics_host, port=port)
    await server.start()
    try:
        yield server
    finally:
        await server.stop()
        log.info("stopped serving /metrics and /healthz")
