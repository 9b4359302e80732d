"""The Discord client: owns nothing it did not build, loads one extension per feature.

Every service a cog needs is a typed attribute here, so ``interaction.client.<service>`` and
``self.bot.<service>`` are checked by mypy and "go to definition" lands. A feature that other code
must reach (the trivia buttons reach the running games) provides an interface by type with
``provide``; callers get it back with ``provided``. No cog is ever looked up by name.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Sequence
from typing import Any, TypeAlias, TypeVar

import discord
from discord.ext import commands

from ..catalog import Catalog, CatalogError
from ..catalog.store import CatalogStore
from ..errors import UserError
from ..settings import Settings
from ..storage import (
    ChannelFacts,
    CustomQuestionStore,
    DailyPostStore,
    Database,
    GuildSettingsStore,
    MetaStore,
    QuestionHistory,
    QuestionStats,
    ReportQueue,
    ScheduleStore,
    SeasonStore,
    TriviaStore,
)
from ..trivia.bank import BankCache, QuestionBank
from .metrics import BotMetrics
from .sync import sync_commands
from .tasks import TaskSet
from .tree import SoleTree

__all__ = ["EXTENSIONS", "Interaction", "SoleArchive"]

log = logging.getLogger(__name__)

T = TypeVar("T")

EXTENSIONS: tuple[str, ...] = (
    "cogs.facts",
    "cogs.timelines",
    "cogs.collabs",
    "cogs.trivia",
    "cogs.admin",
    "cogs.owner",
    "cogs.daily",
    "cogs.about",
)


class FeatureNotLoadedError(UserError):
    """What a click needs is not running (its extension is unloaded)."""


RELOAD_CHANNEL = "facts.reload"  # an event every process on the database hears: reload data/


class SoleArchive(commands.AutoShardedBot):
    """Sole Archive. Settings, the catalog and the database are built by the caller and passed in."""

    tree: SoleTree

    def __init__(
        self,
        *,
        settings: Settings,
        catalog: Catalog | CatalogStore,
        database: Database,
        extensions: Sequence[str] = EXTENSIONS,
        sync: bool = True,
        force_sync: bool = False,
        simulated: bool = False,
        rng: random.Random | None = None,
    ) -> None:
        shard_count = settings.shard_count
        if shard_count is None and simulated:
            shard_count = 1  # a simulated Discord has no recommended count to ask for
        intents = discord.Intents.none()
        intents.guilds = True  # slash commands and buttons need no privileged intent
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            tree_cls=SoleTree,
            help_command=None,
            allowed_mentions=discord.AllowedMentions.none(),
            owner_ids=set(settings.owner_ids) or None,
            shard_count=shard_count,
            shard_ids=list(settings.shard_ids) if settings.shard_ids is not None else None,  # type: ignore[arg-type]
        )
        self.settings = settings
        self.catalogs = catalog if isinstance(catalog, CatalogStore) else CatalogStore(catalog, settings.data_dir)
        self.database = database
        # The repositories, one per group of tables, built once and shared by every cog. They read the time
        # where the bot does (discord.utils.utcnow), so what they stamp agrees with what the bot shows and
        # schedules, also against a simulated Discord (the playground, the tests).
        clock = discord.utils.utcnow
        self.meta = MetaStore(database)
        self.channel_facts = ChannelFacts(database)
        self.guild_settings = GuildSettingsStore(database, clock=clock)
        self.custom_questions = CustomQuestionStore(database, clock=clock)
        self.trivia_reports = ReportQueue(database, clock=clock)
        self.daily_posts = DailyPostStore(database, clock=clock)
        self.seasons = SeasonStore(database)
        self.schedules = ScheduleStore(database)
        assert database.writer is not None, "the database must be open for writing"
        self.trivia_store = TriviaStore(database, database.writer)
        self.question_history = QuestionHistory(database)
        self.question_stats = QuestionStats(database)
        self._banks = BankCache()  # the questions of the catalog being served, shared by trivia and /config
        # Which fact or question comes up: one generator, so a test can seed every draw.
        self.rng = rng or random.Random()  # noqa: S311 - picking facts and questions, not security
        self._provided: dict[type[Any], object] = {}
        self._extensions = tuple(extensions)
        self._sync = sync
        self._force_sync = force_sync or simulated  # a simulated Discord starts with no commands
        self.simulated = simulated  # the offline playground: say so instead of claiming a real login
        self._background = TaskSet()
        database.subscribe(RELOAD_CHANNEL, self._reload_asked_elsewhere)
        # What /metrics reports (served by the runner when SOLE_METRICS_PORT is set): a registry per bot.
        self.metrics = BotMetrics()
        self.metrics.attach(self)

    @property
    def catalog(self) -> Catalog:
        return self.catalogs.current

    async def reload_catalog(self) -> Catalog:
        """Swap in data/ here (raises CatalogError, keeping the old data, when invalid), then in every
        other process on the same database (each validates it again before swapping)."""
        catalog = await self.catalogs.reload()
        await self.database.publish(RELOAD_CHANNEL, catalog.version)
        return catalog

    def _reload_asked_elsewhere(self, version: str) -> None:
        async def reload() -> None:
            try:
                catalog = await self.catalogs.reload()
            except CatalogError as error:
                log.error(
                    "facts reload (asked by another process) refused, still serving %s:\n%s",
                    self.catalog.version,
                    error.report(),
                )
            else:
                log.info(
                    "facts reloaded (asked by another process, which has %s): now serving %s", version, catalog.version
                )

        self._background.spawn(reload(), name="facts-reload-elsewhere")

    def question_bank(self, catalog: Catalog | None = None) -> QuestionBank:
        """Every askable question of ``catalog`` (default: the one being served), rebuilt when it changes."""
        return self._banks.of(catalog or self.catalog)

    # -- interfaces features provide to each other -----------------------------------------------

    def provide(self, kind: type[T], implementation: T) -> None:
        """Offer ``implementation`` as ``kind`` (an extension does this in ``cog_load``)."""
        self._provided[kind] = implementation

    def withdraw(self, kind: type[Any]) -> None:
        """Stop offering ``kind`` (an extension does this in ``cog_unload``)."""
        self._provided.pop(kind, None)

    def provided(self, kind: type[T]) -> T:
        """The implementation of ``kind``; raises FeatureNotLoadedError when no extension offers it."""
        implementation = self._provided.get(kind)
        if not isinstance(implementation, kind):
            raise FeatureNotLoadedError("That feature isn't available right now. Try again in a moment.")
        return implementation

    # -- lifecycle ----------------------------------------------------------------------------------

    async def setup_hook(self) -> None:
        for extension in self._extensions:
            await self.load_extension(extension)
        if self._sync and await self._owns_command_sync():
            await sync_commands(
                self.tree,
                self.meta,
                dev_guild_id=None if self.simulated else self.settings.dev_guild_id,
                force=self._force_sync,
                where="with the simulated Discord" if self.simulated else None,
            )

    async def _owns_command_sync(self) -> bool:
        """One process syncs the commands: the one running shard 0 that also takes the database's lock
        (two processes may both run shard 0 for a moment while shards move)."""
        if self.shard_ids is not None and 0 not in self.shard_ids:
            log.info("not syncing commands: shard 0's process does")
            return False
        if not await self.database.try_lock("command-sync"):
            log.info("not syncing commands: another process holds the command-sync lock")
            return False
        return True

    # -- shards: each one's connect, resume and disconnect is logged ---------------------------------

    async def on_shard_connect(self, shard_id: int) -> None:
        log.info("shard %d/%s connected", shard_id, self.shard_count)

    async def on_shard_ready(self, shard_id: int) -> None:
        guilds = sum(1 for guild in self.guilds if guild.shard_id == shard_id)
        log.info(
            "shard %d/%s ready with %d %s", shard_id, self.shard_count, guilds, "server" if guilds == 1 else "servers"
        )

    async def on_shard_resumed(self, shard_id: int) -> None:
        log.info("shard %d/%s resumed", shard_id, self.shard_count)

    async def on_shard_disconnect(self, shard_id: int) -> None:
        log.warning("shard %d/%s disconnected", shard_id, self.shard_count)

    async def close(self) -> None:
        self._background.cancel()
        self.metrics.detach()
        # AutoShardedClient.close() posts to a queue made at login; a bot closed without ever logging in
        # (a second bot on the same database, a failed start) gets an empty one, as commands.Bot needs none.
        vars(self).setdefault("_AutoShardedClient__queue", asyncio.PriorityQueue())
        await super().close()

    async def on_ready(self) -> None:
        user = self.user
        servers = len(self.guilds)
        log.info(
            "ready%s as %s in %d %s; catalog %s",
            " in the offline playground" if self.simulated else "",
            user,
            servers,
            "server" if servers == 1 else "servers",
            self.catalog.version,
        )


Interaction: TypeAlias = discord.Interaction[SoleArchive]
"""What every command, autocomplete, button and modal of Sole Archive receives."""
