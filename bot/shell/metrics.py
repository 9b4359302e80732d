"""What the bot counts for Prometheus, and whether it is healthy: read by ``/metrics`` and ``/healthz``.

One ``BotMetrics`` per bot, on a registry of its own (never prometheus-client's global one), so
several bots in one process (tests, benchmarks) each report only themselves. Live values (running
games, the gateway) are read when scraped, never polled.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from .errors import user_message

if TYPE_CHECKING:
    from .client import SoleArchive

__all__ = ["BotMetrics", "Health", "ShardState", "check_health", "shard_states"]

log = logging.getLogger(__name__)

STARTED = "sole_started"  # key in ``interaction.extras``: when the command tree first saw it
DATABASE_TIMEOUT = 3.0  # seconds /healthz waits for the database before calling it unhealthy

# Command handling takes about a millisecond; a deferred command that writes may take a second or more.
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
BATCH_BUCKETS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)


@dataclass(frozen=True, slots=True)
class ShardState:
    connected: bool
    latency: float  # seconds of the last heartbeat round trip; NaN before the first


def shard_states(bot: discord.Client) -> dict[int, ShardState]:
    """Every shard this process owns: connected or not, and its gateway latency.

    A plain ``Bot`` is one shard, 0. An ``AutoShardedBot`` owns ``shard_ids`` (all of ``shard_count``
    when unset); a shard it owns but has not launched yet counts as not connected.
    """
    if isinstance(bot, discord.AutoShardedClient):
        launched = bot.shards
        owned: Iterable[int]
        if bot.shard_ids is not None:
            owned = bot.shard_ids
        elif bot.shard_count:
            owned = range(bot.shard_count)
        else:
            owned = launched.keys()
        out: dict[int, ShardState] = {}
        for shard_id in sorted(owned):
            info = launched.get(shard_id)
            if info is None:
                out[shard_id] = ShardState(False, math.nan)
            else:
                out[shard_id] = ShardState(not info.is_closed() and not bot.is_closed(), _finite(info.latency))
        return out
    websocket: Any = bot.ws  # None until the first connection
    connected = websocket is not None and bool(websocket.open) and bot.is_ready() and not bot.is_closed()
    return {0: ShardState(connected, _finite(bot.latency))}


def _finite(value: float) -> float:
    return value if math.isfinite(value) else math.nan


class _LiveValues(Collector):
    """Gauges read at scrape time: running games, and each shard's gateway state."""

    def __init__(self, metrics: BotMetrics) -> None:
        self._metrics = metrics

    def collect(self) -> Iterator[Metric]:
        games = GaugeMetricFamily("sole_trivia_games_running", "Trivia games running in this process")
        games.add_metric([], float(self._metrics.running_games()))
        yield games
        bot = self._metrics.bot
        if bot is None:
            return
        connected = GaugeMetricFamily(
            "sole_gateway_connected", "1 when the shard's gateway connection is up, else 0", labels=["shard"]
        )
        latency = GaugeMetricFamily(
            "sole_gateway_latency_seconds", "Gateway heartbeat round trip of the shard", labels=["shard"]
        )
        for shard_id, state in shard_states(bot).items():
            connected.add_metric([str(shard_id)], 1.0 if state.connected else 0.0)
            latency.add_metric([str(shard_id)], state.latency)
        yield connected
        yield latency


class BotMetrics:
    """The bot's counters and histograms. Built by ``SoleArchive``; ``attach`` wires it to the bot."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.bot: SoleArchive | None = None
        self.commands = Counter(
            "sole_commands",
            "Slash commands handled, by command and outcome (ok, user_error, error)",
            ["command", "outcome"],
            registry=self.registry,
        )
        self.command_latency = Histogram(
            "sole_command_duration_seconds",
            "Time from the command tree receiving a slash command to its handler finishing",
            ["command"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.writes_committed = Counter(
            "sole_writes_committed",
            "Acknowledged writes made durable by the group-commit writer (each trivia answer is one)",
            registry=self.registry,
        )
        self.commit_batch = Histogram(
            "sole_commit_batch_size",
            "Writes that shared one commit",
            buckets=BATCH_BUCKETS,
            registry=self.registry,
        )
        self._running_games: Callable[[], int] | None = None
        self.registry.register(_LiveValues(self))

    # -- wiring -----------------------------------------------------------------------------------

    def attach(self, bot: SoleArchive) -> None:
        """Listen to the bot's command completions and its database's commits."""
        self.bot = bot
        bot.add_listener(self.on_app_command_completion, "on_app_command_completion")
        writer = bot.database.writer
        if writer is not None:
            writer.add_commit_observer(self.observe_commit)

    def detach(self) -> None:
        """Stop observing the database's commits (the bot closed; another may reuse the database)."""
        bot = self.bot
        if bot is not None and bot.database.writer is not None:
            bot.database.writer.remove_commit_observer(self.observe_commit)

    def count_running_games(self, counter: Callable[[], int] | None) -> None:
        """The trivia feature says how to count its running games (None when it unloads)."""
        self._running_games = counter

    def running_games(self) -> int:
        return self._running_games() if self._running_games is not None else 0

    # -- observations -------------------------------------------------------------------------------

    @staticmethod
    def command_received(interaction: discord.Interaction[Any]) -> None:
        """Called by the command tree before any check: the start of the command's latency."""
        interaction.extras.setdefault(STARTED, time.perf_counter())

    async def on_app_command_completion(
        self, interaction: discord.Interaction[Any], command: app_commands.Command[Any, ..., Any] | Any
    ) -> None:
        self._observe(interaction, getattr(command, "qualified_name", None), "ok")

    def command_failed(self, interaction: discord.Interaction[Any], error: BaseException) -> None:
        outcome = "user_error" if user_message(error) is not None else "error"
        command = interaction.command
        self._observe(interaction, command.qualified_name if command is not None else None, outcome)

    def _observe(self, interaction: discord.Interaction[Any], name: str | None, outcome: str) -> None:
        if interaction.type is not discord.InteractionType.application_command:
            return
        command = name or "unknown"
        self.commands.labels(command=command, outcome=outcome).inc()
        started = interaction.extras.get(STARTED)
        if isinstance(started, float):
            self.command_latency.labels(command=command).observe(time.perf_counter() - started)

    def observe_commit(self, batch_size: int) -> None:
        self.writes_committed.inc(batch_size)
        self.commit_batch.observe(batch_size)

    def exposition(self) -> bytes:
        """The registry in the Prometheus text format."""
        return generate_latest(self.registry)


@dataclass(frozen=True, slots=True)
class Health:
    healthy: bool
    reasons: tuple[str, ...]
    shards: dict[int, ShardState]

    def as_json(self) -> dict[str, Any]:
        return {
            "status": "ok" if self.healthy else "unhealthy",
            "reasons": list(self.reasons),
            "shards": {
                str(shard_id): {
                    "connected": state.connected,
                    "latency": None if math.isnan(state.latency) else state.latency,
                }
                for shard_id, state in self.shards.items()
            },
        }


async def check_health(bot: SoleArchive, *, database_timeout: float = DATABASE_TIMEOUT) -> Health:
    """Healthy when every shard this process owns is connected and the database answers a read and
    can take writes (its file is still the one on disk)."""
    reasons: list[str] = []
    shards = shard_states(bot)
    if not bot.is_ready():
        reasons.append("not connected to Discord yet (waiting for READY)")
    reasons.extend(f"shard {shard_id} is not connected" for shard_id, state in shards.items() if not state.connected)
    try:
        async with asyncio.timeout(database_timeout):
            await bot.meta.get("health-check")
    except TimeoutError:
        reasons.append(f"the database did not answer within {database_timeout:g}s")
    except Exception as error:  # noqa: BLE001 - any failure to read is the answer: unhealthy, and why
        reasons.append(f"the database does not answer: {type(error).__name__}: {error}")
    writer = bot.database.writer
    problem = writer.problem() if writer is not None else "the database is not open for writing"
    if problem is not None:
        reasons.append(f"answers cannot be saved: {problem}")
    return Health(not reasons, tuple(reasons), shards)
