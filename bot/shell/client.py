"""The Discord client: owns nothing it did not build, loads one extension per feature.

Every service a cog needs is a typed attribute here, so ``interaction.client.<service>`` and
``self.bot.<service>`` are checked by mypy and "go to definition" lands. A feature that other code
must reach (the trivia buttons reach the running games) provides an interface by type with
``provide``; callers get it back with ``provided``. No cog is ever looked up by name.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Sequence
from typing import Any, TypeAlias, TypeVar

import discord
from discord.ext import commands

from ..catalog import Catalog
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


class SoleArchive(commands.Bot):
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
        intents = discord.Intents.none()
        intents.guilds = True  # slash commands and buttons need no privileged intent
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            tree_cls=SoleTree,
            help_command=None,
            allowed_mentions=discord.AllowedMentions.none(),
            owner_ids=set(settings.owner_ids) or None,
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
        # What /metrics reports (served by the runner when SOLE_METRICS_PORT is set): a registry per bot.
        self.metrics = BotMetrics()
        self.metrics.attach(self)

    @property
    def catalog(self) -> Catalog:
        return self.catalogs.current

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
        if self._sync:
            await sync_commands(
                self.tree,
                self.meta,
                dev_guild_id=None if self.simulated else self.settings.dev_guild_id,
                force=self._force_sync,
                where="with the simulated Discord" if self.simulated else None,
            )

    async def close(self) -> None:
        self.metrics.detach()
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
