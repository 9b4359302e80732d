"""/collab: collaborations by partner (JJJJound) or by shoe (GEL-KAYANO 14)."""

from __future__ import annotations

from discord import app_commands

from bot.errors import UserError
from bot.guild_config import Feature
from bot.shell.client import Interaction, SoleArchive
from bot.shell.tree import FeatureCog

from .shared.lookup import autocomplete_from, catalog_of, resolve
from .shared.render import collab_pages
from .shared.views import send_pages


class Collabs(FeatureCog):
    feature = Feature.collabs

    def __init__(self, bot: SoleArchive) -> None:
        self.bot = bot

    @app_commands.command(name="collab", description="Collaborations of a partner, or on a shoe")
    @app_commands.describe(query="A partner (JJJJound, Kiko Kostadinov) or a shoe (GEL-KAYANO 14)")
    @app_commands.autocomplete(query=autocomplete_from(lambda catalog: catalog.collab_index))
    async def collab(self, interaction: Interaction, query: app_commands.Range[str, 0, 200]) -> None:
        catalog = catalog_of(interaction)
        ref = resolve(catalog, catalog.collab_index, query, what="partner or shoe", example="JJJJound")
        collabs = catalog.collaborations_of(ref)
        if not collabs:
            raise UserError(f"No collaborations with {catalog.name_of(ref)} are recorded yet.")
        await send_pages(interaction, collab_pages(catalog, ref, collabs))


async def setup(bot: SoleArchive) -> None:
    await bot.add_cog(Collabs(bot))
