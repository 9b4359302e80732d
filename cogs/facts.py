"""/shoe profiles and /fact: the facts feature."""

from __future__ import annotations

import re
from typing import ClassVar

import discord
from discord import app_commands

from bot.catalog import Catalog, Fact, Ref, Silhouette, choose_fact
from bot.catalog.kinds import EntryKind
from bot.catalog.labels import display_name
from bot.errors import UserError
from bot.guild_config import Feature
from bot.shell.client import Interaction, SoleArchive
from bot.shell.tree import FeatureCog

from .shared.lookup import autocomplete_from, catalog_of, resolve, resolve_match
from .shared.render import (
    card_facts,
    collab_pages,
    fact_embed,
    shoe_embed,
    shoe_sources_embed,
    timeline_pages,
)
from .shared.text import plural
from .shared.views import ArchiveItem, asked_it, send_pages

NO_FILTER = "-"


def _shoe(catalog: Catalog, shoe_id: str) -> Silhouette:
    shoe = catalog.silhouettes.get(shoe_id)
    if shoe is None:
        raise UserError("That shoe is no longer in the archive (the data was updated). Run `/shoe` again.")
    return shoe


class ShoeAction(
    ArchiveItem,
    template=r"sa:shoe:(?P<action>timeline|collabs|fact|sources):(?P<shoe>[a-z0-9-]{1,64})(?::(?P<at>\d{1,3}))?",
):
    """The Timeline / Collabs / Another fact / Sources & disputes buttons of a profile (restart-proof).

    "Another fact" walks through the facts the card does not show, one per click, each answer carrying
    a "Next fact" button that knows where it is; at the end it says so instead of repeating.
    """

    LABELS: ClassVar[dict[str, tuple[str, str]]] = {
        "timeline": ("Timeline", "🗓️"),
        "collabs": ("Collabs", "🤝"),
        "fact": ("Another fact", "💡"),
        "sources": ("Sources & disputes", "📚"),
    }

    def __init__(self, action: str, shoe_id: str, *, at: int | None = None, disabled: bool = False) -> None:
        label, emoji = self.LABELS[action]
        if action == "fact" and at is not None:
            label = "Next fact"
        super().__init__(
            discord.ui.Button(
                label=label,
                emoji=emoji,
                style=discord.ButtonStyle.secondary,
                custom_id=f"sa:shoe:{action}:{shoe_id}" + (f":{at}" if at is not None else ""),
                disabled=disabled,
            )
        )
        self.action = action
        self.shoe_id = shoe_id
        self.at = at

    @classmethod
    def from_match(cls, match: re.Match[str], label: str) -> ShoeAction:
        return cls(match["action"], match["shoe"], at=int(match["at"]) if match["at"] else None)

    async def run(self, interaction: Interaction) -> None:
        catalog = catalog_of(interaction)
        shoe = _shoe(catalog, self.shoe_id)
        if self.action == "timeline":
            pages = timeline_pages(catalog, f"Timeline · {shoe.name}", catalog.timeline_of(shoe.ref))
            await send_pages(interaction, pages, ephemeral=True)
        elif self.action == "collabs":
            collabs = catalog.collaborations_of(shoe.ref)
            if not collabs:
                raise UserError(f"No collaborations on the {shoe.name} are recorded yet.")
            await send_pages(interaction, collab_pages(catalog, shoe.ref, collabs), ephemeral=True)
        elif self.action == "sources":
            await interaction.response.send_message(embed=shoe_sources_embed(catalog, shoe), ephemeral=True)
        else:
            await self._next_fact(interaction, catalog, shoe)

    async def _next_fact(self, interaction: Interaction, catalog: Catalog, shoe: Silhouette) -> None:
        facts = catalog.facts_about(shoe.ref)
        on_card = len(card_facts(catalog, shoe))
        position = on_card if self.at is None else self.at
        name = display_name(shoe, catalog.brands)
        if position >= len(facts):
            if len(facts) <= on_card:
                raise UserError(f"Every fact the archive has about the {name} is on its card.")
            raise UserError(
                f"That's every fact about the {name}: {plural(len(facts) - on_card, 'more fact')} "
                "beyond the card. Press **Another fact** on the card to start again."
            )
        view = discord.ui.View(timeout=None)
        if position + 1 < len(facts):
            view.add_item(ShoeAction("fact", shoe.id, at=position + 1))
        embed = fact_embed(catalog, facts[position])
        beyond = len(facts) - on_card
        last = " · that's every fact about this shoe" if position + 1 == len(facts) else ""
        embed.set_footer(text=f"Fact {position - on_card + 1} of {beyond} beyond the card{last} · Sole Archive")
        await interaction.response.send_message(embed=embed, view=view, ephemeral=True)


class AnotherFact(ArchiveItem, template=r"sa:fact:(?P<shoe>[a-z0-9-]{1,64}|-):(?P<brand>[a-z0-9-]{1,64}|-)"):
    """/fact's Another button: the member who asked gets a different fact of the same filter in place;
    anyone else gets one of their own, privately, with their own Another button (``asked_it``).
    """

    def __init__(self, shoe_id: str | None, brand_id: str | None) -> None:
        super().__init__(
            discord.ui.Button(
                label="Another",
                emoji="🔁",
                style=discord.ButtonStyle.primary,
                custom_id=f"sa:fact:{shoe_id or NO_FILTER}:{brand_id or NO_FILTER}",
            )
        )
        self.shoe_id = shoe_id
        self.brand_id = brand_id

    @classmethod
    def from_match(cls, match: re.Match[str], label: str) -> AnotherFact:
        shoe, brand = match["shoe"], match["brand"]
        return cls(None if shoe == NO_FILTER else shoe, None if brand == NO_FILTER else brand)

    async def run(self, interaction: Interaction) -> None:
        fact = await next_fact(interaction, self.shoe_id, self.brand_id)
        embed = fact_embed(catalog_of(interaction), fact)
        if asked_it(interaction):
            await interaction.response.edit_message(embed=embed, view=self.view)
        else:
            await interaction.response.send_message(
                embed=embed, view=_fact_view(self.shoe_id, self.brand_id), ephemeral=True
            )


def _fact_view(shoe_id: str | None, brand_id: str | None) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(AnotherFact(shoe_id, brand_id))
    return view


async def next_fact(interaction: Interaction, shoe_id: str | None, brand_id: str | None) -> Fact:
    """A fact for the filter that is not the one this channel saw last; remembers the choice."""
    bot = interaction.client
    catalog = bot.catalog
    about = Ref(EntryKind.silhouette, shoe_id) if shoe_id else None
    if shoe_id and shoe_id not in catalog.silhouettes:
        raise UserError("That shoe is no longer in the archive (the data was updated).")
    candidates = catalog.facts_matching(about=about, brand=brand_id)
    if not candidates:
        what = " and ".join(
            name
            for name in (
                catalog.name_of(about) if about else None,
                catalog.brands[brand_id].name if brand_id and brand_id in catalog.brands else None,
            )
            if name
        )
        raise UserError(f"No facts about {what or 'that'} are recorded yet. Try `/fact` without a filter.")
    channel_id = interaction.channel_id or 0
    last = await bot.channel_facts.last(channel_id)
    fact = choose_fact(candidates, avoid=last, rng=bot.rng)
    assert fact is not None
    await bot.channel_facts.remember(channel_id, interaction.guild_id, fact.id)
    return fact


def _shoe_view(shoe: Silhouette) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    for action in ("timeline", "collabs", "fact", "sources"):
        view.add_item(ShoeAction(action, shoe.id))
    return view


class Facts(FeatureCog):
    feature = Feature.facts

    def __init__(self, bot: SoleArchive) -> None:
        self.bot = bot

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(ShoeAction, AnotherFact)

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(ShoeAction, AnotherFact)

    @app_commands.command(name="shoe", description="A silhouette's profile: debut, designers, tech, facts, collabs")
    @app_commands.describe(name="The shoe, e.g. GEL-KAYANO 14, 2002R or Vomero 5")
    @app_commands.autocomplete(name=autocomplete_from(lambda catalog: catalog.shoe_index))
    async def shoe(self, interaction: Interaction, name: app_commands.Range[str, 0, 200]) -> None:
        catalog = catalog_of(interaction)
        ref, matched = resolve_match(catalog, catalog.shoe_index, name, what="shoe", example="GEL-KAYANO 14")
        shoe = catalog.silhouettes[ref.id]
        await interaction.response.send_message(content=matched, embed=shoe_embed(catalog, shoe), view=_shoe_view(shoe))

    @app_commands.command(name="fact", description="A random sourced fact, optionally about one shoe or brand")
    @app_commands.describe(shoe="Only facts about this shoe", brand="Only facts about this brand's shoes and tech")
    @app_commands.autocomplete(
        shoe=autocomplete_from(lambda catalog: catalog.shoe_index),
        brand=autocomplete_from(lambda catalog: catalog.brand_index),
    )
    async def fact(
        self,
        interaction: Interaction,
        shoe: app_commands.Range[str, 0, 200] | None = None,
        brand: app_commands.Range[str, 0, 200] | None = None,
    ) -> None:
        catalog = catalog_of(interaction)
        shoe_id = resolve(catalog, catalog.shoe_index, shoe, what="shoe", example="Vomero 5").id if shoe else None
        brand_id = resolve(catalog, catalog.brand_index, brand, what="brand", example="ASICS").id if brand else None
        chosen = await next_fact(interaction, shoe_id, brand_id)
        await interaction.response.send_message(embed=fact_embed(catalog, chosen), view=_fact_view(shoe_id, brand_id))


async def setup(bot: SoleArchive) -> None:
    await bot.add_cog(Facts(bot))
