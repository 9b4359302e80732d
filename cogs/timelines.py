"""/timeline and /onthisday: the history feature."""

from __future__ import annotations

import calendar

import discord
from discord import app_commands

from bot.catalog.dates import parse_month_day
from bot.errors import UserError
from bot.guild_config import Feature
from bot.shell.client import Interaction, SoleArchive
from bot.shell.tree import FeatureCog

from .shared.lookup import autocomplete_from, catalog_of, resolve
from .shared.render import PAGE_SIZE, timeline_pages
from .shared.text import quote_user
from .shared.views import send_pages


class Timelines(FeatureCog):
    feature = Feature.timelines

    def __init__(self, bot: SoleArchive) -> None:
        self.bot = bot

    @app_commands.command(
        name="timeline", description="The history of a shoe, line, brand or collaborator, or of one year"
    )
    @app_commands.describe(
        subject="A silhouette, model line, brand or collaborator, e.g. GEL-KAYANO or JJJJound",
        year="Everything that happened in one year",
    )
    @app_commands.autocomplete(subject=autocomplete_from(lambda catalog: catalog.subject_index))
    async def timeline(
        self,
        interaction: Interaction,
        subject: app_commands.Range[str, 0, 200] | None = None,
        year: app_commands.Range[int, 1850, 2100] | None = None,
    ) -> None:
        catalog = catalog_of(interaction)
        start = 0
        if subject is None and year is None:
            raise UserError("Give a `subject` (e.g. GEL-KAYANO 14) or a `year` (e.g. 2008).")
        if subject is not None:
            ref = resolve(
                catalog,
                catalog.subject_index,
                subject,
                what="shoe, line, brand or collaborator",
                example="GEL-KAYANO 14",
            )
            items = catalog.timeline_of(ref)
            if year is not None:
                items = tuple(item for item in items if item.date.year == year)
            title = f"Timeline · {catalog.name_of(ref)}" + (f" · {year}" if year is not None else "")
            if not items:
                raise UserError(f"Nothing dated is recorded for {title.removeprefix('Timeline · ')} yet.")
            # A colourway's or collaboration's nickname opens the shoe's history at that moment's page.
            named = catalog.nicknamed(subject)
            start = next((i // PAGE_SIZE for i, item in enumerate(items) if item.ref == named), 0) if named else 0
        else:
            assert year is not None
            items = catalog.timeline_year(year)
            title = f"Sneaker history · {year}"
            if not items:
                known = catalog.years()
                nearest = min(known, key=lambda y: abs(y - year)) if known else None
                hint = f" The closest year with entries is {nearest}." if nearest is not None else ""
                raise UserError(f"Nothing is recorded for {year} yet.{hint}")
        await send_pages(interaction, timeline_pages(catalog, title, items), index=start)

    @app_commands.command(name="onthisday", description="Releases and events on a calendar day (today by default)")
    @app_commands.describe(date="A day such as 11-27, 27/11, 27 November, Nov 27 or tomorrow (default: today, UTC)")
    async def onthisday(self, interaction: Interaction, date: app_commands.Range[str, 0, 40] | None = None) -> None:
        catalog = catalog_of(interaction)
        today = discord.utils.utcnow().date()
        if date is None or not date.strip():
            month, day = today.month, today.day
        else:
            try:
                month, day = parse_month_day(date, today=today)
            except ValueError as exc:
                raise UserError(f"{quote_user(date)} isn't a day I understand: {exc}.") from None
        label = f"{day} {calendar.month_name[month]}"
        items = catalog.on_this_day(month, day)
        if not items:
            nearest = [f"{d} {calendar.month_name[m]}" for m, d in catalog.nearest_days(month, day)]
            hint = f" The nearest days that have something: {', '.join(nearest)}." if nearest else ""
            raise UserError(
                f"Nothing in the archive happened on {label} (only moments known to the exact day count).{hint}"
            )
        await send_pages(interaction, timeline_pages(catalog, f"On this day · {label}", items))


async def setup(bot: SoleArchive) -> None:
    await bot.add_cog(Timelines(bot))
