"""Embeds for every lookup: one builder per kind of answer, used by all cogs and buttons."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import discord

from bot.catalog import Catalog, Collaboration, Fact, Ref, Silhouette, Source, TimelineItem
from bot.catalog.kinds import EntryKind
from bot.catalog.models import Entry

from .text import clip

__all__ = [
    "ACCENT",
    "PAGE_SIZE",
    "about_embed",
    "collab_pages",
    "fact_embed",
    "shoe_embed",
    "sources_text",
    "timeline_pages",
]

ACCENT = discord.Colour.from_rgb(232, 93, 4)
PAGE_SIZE = 6
FIELD_LIMIT = 1024
DESCRIPTION_LIMIT = 4096
CAVEAT = "⚠️"


def _footer(embed: discord.Embed, catalog: Catalog, extra: str | None = None) -> discord.Embed:
    text = f"Sole Archive · data {catalog.version}"
    embed.set_footer(text=f"{extra} · {text}" if extra else text)
    return embed


def sources_text(sources: Iterable[Source], limit: int = FIELD_LIMIT) -> str:
    lines = []
    for source in sources:
        label = clip(source.label, 120)
        lines.append(f"[{label}]({source.url})" if source.url else label)
    return _join_within(lines, limit)


def _join_within(lines: Sequence[str], limit: int, sep: str = "\n") -> str:
    out: list[str] = []
    used = 0
    for position, line in enumerate(lines):
        extra = len(line) + (len(sep) if out else 0)
        if used + extra > limit - 12:
            out.append(f"… {len(lines) - position} more")
            break
        out.append(line)
        used += extra
    return sep.join(out) or "—"


def _names(catalog: Catalog, kind: str, ids: Iterable[str]) -> str:
    return ", ".join(catalog.name_of(Ref(kind, ident)) for ident in ids)


def _date_with_caveat(catalog: Catalog, entry: Entry, field_name: str, value: object) -> str:
    text = value.render() if hasattr(value, "render") else str(value)
    return f"{text} {CAVEAT}" if catalog.caveat(entry, field_name) else text


def shoe_embed(catalog: Catalog, shoe: Silhouette) -> discord.Embed:
    brand = catalog.brands[shoe.brand]
    embed = discord.Embed(title=f"{brand.name} {shoe.name}", description=shoe.summary, colour=ACCENT)
    embed.add_field(name="Brand", value=brand.name)
    if shoe.line:
        embed.add_field(name="Model line", value=catalog.lines[shoe.line].name)
    if shoe.first_release:
        embed.add_field(name="Debut", value=_date_with_caveat(catalog, shoe, "first_release", shoe.first_release))
    if shoe.designers:
        embed.add_field(name="Designed by", value=_names(catalog, "person", shoe.designers), inline=False)
    if shoe.technologies:
        embed.add_field(name="Technology", value=_names(catalog, "technology", shoe.technologies), inline=False)
    facts = catalog.facts_about(shoe.ref)[:4]
    if facts:
        lines = [f"• {fact.text}" + (f" {CAVEAT}" if catalog.caveat(fact, "text") else "") for fact in facts]
        embed.add_field(name="Key facts", value=_join_within(lines, FIELD_LIMIT), inline=False)
    collabs = catalog.collaborations_of(shoe.ref)
    if collabs:
        lines = [f"• {catalog.name_of(c.partner)}" + (f" · {c.date.render()}" if c.date else "") for c in collabs]
        embed.add_field(name="Notable collaborations", value=_join_within(lines[:8], FIELD_LIMIT), inline=False)
    if shoe.related:
        embed.add_field(name="Related", value=_names(catalog, EntryKind.silhouette, shoe.related), inline=False)
    caveats = _caveats(catalog, shoe)
    if caveats:
        embed.add_field(name=f"{CAVEAT} Where sources disagree", value=_join_within(caveats, FIELD_LIMIT), inline=False)
    cited = [*shoe.sources, *(i for ids in shoe.cite.values() for i in ids), *(i for f in facts for i in f.sources)]
    embed.add_field(name="Sources", value=sources_text(catalog.source_list(cited)), inline=False)
    return _footer(embed, catalog)


def _caveats(catalog: Catalog, shoe: Silhouette) -> list[str]:
    lines: list[str] = []
    for field_name in ("first_release", "designers", "technologies"):
        note = catalog.caveat(shoe, field_name)
        if note:
            lines.append(f"• {field_name.replace('_', ' ').capitalize()}: {clip(note, 300)}")
    for release in catalog.releases_of(shoe.id):
        note = catalog.caveat(release, "date")
        if note and release.date:
            lines.append(f"• {release.name}: {release.date.render()} per the better sources; {clip(note, 250)}")
    for fact in catalog.facts_about(shoe.ref):
        note = catalog.caveat(fact, "text")
        if note:
            lines.append(f"• {clip(fact.text, 150)} — {clip(note, 200)}")
    return lines


def fact_embed(catalog: Catalog, fact: Fact) -> discord.Embed:
    subject = catalog.name_of(fact.about[0])
    embed = discord.Embed(title=f"Did you know? · {subject}", description=fact.text, colour=ACCENT)
    note = catalog.caveat(fact, "text")
    if note:
        embed.add_field(name=f"{CAVEAT} Caveat", value=clip(note, FIELD_LIMIT), inline=False)
    sources = catalog.source_list(fact.sources)
    embed.add_field(name="Source", value=sources_text(sources), inline=False)
    names = "; ".join(clip(source.label, 80) for source in sources)
    return _footer(embed, catalog, clip(f"Source: {names}", 1500))


def _timeline_line(catalog: Catalog, item: TimelineItem) -> str:
    line = f"**{item.date.render()}** · {item.title}"
    if item.detail and item.kind != "debut":
        line += f" — {clip(item.detail, 140)}"
    if item.caveat:
        line += f"\n  {CAVEAT} {clip(item.caveat, 220)}"
    return line


def timeline_pages(catalog: Catalog, title: str, items: Sequence[TimelineItem]) -> list[discord.Embed]:
    pages = _paged(items, PAGE_SIZE) or [[]]
    embeds = []
    for number, chunk in enumerate(pages, start=1):
        body = "\n".join(_timeline_line(catalog, item) for item in chunk) or "Nothing dated yet."
        embed = discord.Embed(title=title, description=clip(body, DESCRIPTION_LIMIT), colour=ACCENT)
        cited = [source for item in chunk for source in item.sources]
        embed.add_field(name="Sources", value=sources_text(catalog.source_list(cited)), inline=False)
        embeds.append(_footer(embed, catalog, f"Page {number}/{len(pages)} · {len(items)} entries"))
    return embeds


def collab_pages(catalog: Catalog, subject: Ref, collabs: Sequence[Collaboration]) -> list[discord.Embed]:
    by_partner = subject.kind in (EntryKind.brand, EntryKind.person) and any(c.partner == subject for c in collabs)
    title = f"Collaborations · {catalog.name_of(subject)}"
    lines = []
    for collab in collabs:
        if by_partner:
            shoe = catalog.name_of(Ref(EntryKind.silhouette, collab.silhouette)) if collab.silhouette else collab.name
            head = f"**{catalog.brands[collab.brand].name} {shoe}**" if collab.silhouette else f"**{collab.name}**"
        else:
            head = f"**{catalog.name_of(collab.partner)}** · {collab.name}"
        when = (
            f" · {_date_with_caveat(catalog, collab, 'date', collab.date)}" if collab.date else " · date not verified"
        )
        note = f"\n  {clip(collab.note, 200)}" if collab.note else ""
        lines.append(f"{head}{when}{note}")
    pages = _paged(lines, PAGE_SIZE) or [[]]
    embeds = []
    for number, chunk in enumerate(pages, start=1):
        embed = discord.Embed(
            title=title, description=clip("\n".join(chunk) or "None recorded.", DESCRIPTION_LIMIT), colour=ACCENT
        )
        start = (number - 1) * PAGE_SIZE
        cited = [source for collab in collabs[start : start + PAGE_SIZE] for source in collab.sources]
        embed.add_field(name="Sources", value=sources_text(catalog.source_list(cited)), inline=False)
        embeds.append(_footer(embed, catalog, f"Page {number}/{len(pages)} · {len(collabs)} collaborations"))
    return embeds


def about_embed(catalog: Catalog, commands: Sequence[tuple[str, str]]) -> discord.Embed:
    counts = catalog.counts()
    embed = discord.Embed(
        title="Sole Archive",
        description=(
            "Sneaker history, sourced. Shoe profiles, release timelines and collaboration lookups, "
            "every fact with the page it comes from. Where sources disagree, you see both sides."
        ),
        colour=ACCENT,
    )
    embed.add_field(
        name="Commands",
        value=_join_within([f"`/{name}` — {text}" for name, text in commands], FIELD_LIMIT),
        inline=False,
    )
    embed.add_field(
        name="Archive",
        value=(
            f"{counts.brands} brands · {counts.silhouettes} silhouettes · {counts.releases} releases · "
            f"{counts.collaborations} collaborations\n{counts.people} people · {counts.technologies} technologies · "
            f"{counts.facts} facts · {counts.questions} trivia questions · {counts.sources} sources"
        ),
        inline=False,
    )
    embed.add_field(name="Data version", value=f"`{catalog.version}` ({len(catalog.files)} files)", inline=False)
    return _footer(embed, catalog)


def _paged(items: Sequence[object], size: int) -> list[list]:  # type: ignore[type-arg]
    return [list(items[start : start + size]) for start in range(0, len(items), size)]
