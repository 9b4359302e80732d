"""The Discord client: owns nothing it did not build, loads one extension per feature."""

from __future__ import annotations

import logging
import random
from collections.abc import Sequence

import discord
from discord.ext import commands

from ..catalog import Catalog
from ..catalog.store import CatalogStore
from ..settings import Settings
from ..storage import ChannelFacts, Database, GuildSettingsStore, MetaStore
from .sync import sync_commands
from .tree import SoleTree

__all__ = ["EXTENSIONS", "SoleArchive"]

log = logging.getLogger(__name__)

EXTENSIONS: tuple[str, ...] = (
    "cogs.facts",
    "cogs.timelines",
    "cogs.collabs",
    "cogs.trivia",
    "cogs.admin",
    "cogs.daily",
    "cogs.about",
)


class SoleArchive(commands.Bot):
    """Sole Archive. Settings, the catalog and the database are built by the caller and passed in."""

    def __init__(
        self,
        *,
        settings: Settings,
        catalog: Catalog | CatalogStore,
        database: Database,
        extensions: Sequence[str] = EXTENSIONS,
        sync: bool = True,
        force_sync: bool = False,
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
        self.meta = MetaStore(database)
        self.channel_facts = ChannelFacts(database)
        self.guild_settings = GuildSettingsStore(database)
        # Which fact or question comes up: one generator, so a test can seed every draw.
        self.rng = rng or random.Random()  # noqa: S311 - picking facts and questions, not security
        self._extensions = tuple(extensions)
        self._sync = sync
        self._force_sync = force_sync

    @property
    def catalog(self) -> Catalog:
        return self.catalogs.current

    async def setup_hook(self) -> None:
        for extension in self._extensions:
            await self.load_extension(extension)
        if self._sync:
            await sync_commands(self.tree, self.meta, dev_guild_id=self.settings.dev_guild_id, force=self._force_sync)

    async def on_ready(self) -> None:
        user = self.user
        log.info(
            "ready as %s (%s) in %d servers; catalog %s",
            user,
            user.id if user else "?",
            len(self.guilds),
            self.catalog.version,
        )
