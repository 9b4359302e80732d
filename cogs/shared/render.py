"""Embeds for every lookup: one builder per kind of answer, used by all cogs and buttons."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import discord

from bot.catalog import Catalog, Collaboration, Fact, Ref, Silhouette, Source, TimelineItem
from bot.catalog.disagreements import disagreements, uncertainties
from bot.catalog.kinds import EntryKind
from bot.catalog.labels import display_name
from bot.catalog.models import Entry, Named

from .text import clip, plain, plural

__all__ = [
    "ACCENT",
    "PAGE_SIZE",
    "about_embed",
    "card_facts",
    "collab_pages",
    "fact_embed",
    "shoe_embed",
    "shoe_sources_embed",
    "shown_name",
    "sources_text",
    "timeline_pages",
]

ACCENT = discord.Colour.from_rgb(232, 93, 4)
PAGE_SIZE = 6
FIELD_LIMIT = 1024
DESCRIPTION_LIMIT = 4096
CAVEAT = "⚠️"


def _footer(embed: discord.Embed, extra: str | None = None) -> discord.Embed:
    """Every answer is signed; the data version is for /about, not for every footer."""
    embed.set_footer(text=f"{extra} · Sole Archive" if extra else "Sole Archive")
    return embed


def shown_name(catalog: Catalog, ref: Ref) -> str:
    """How a member recognises any referenced entry: named ones through the one display_name, others as named."""
    entry = catalog.find(ref)
    return display_name(entry, catalog.brands) if isinstance(entry, Named) else catalog.name_of(ref)


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


def _date_with_caveat(catalog: Catalog, entry: Entry, field_name: str, value: object) -> str:
    text = value.render() if hasattr(value, "render") else str(value)
    return f"{text} {CAVEAT}" if catalog.caveat(entry, field_name) else text


CARD_FACTS = 2  # facts on the shoe card; "Another fact" walks through the rest


def card_facts(catalog: Catalog, shoe: Silhouette) -> tuple[Fact, ...]:
    return catalog.facts_about(shoe.ref)[:CARD_FACTS]


def _shoe_entries(catalog: Catalog, shoe: Silhouette) -> list[Entry]:
    """Everything the card and its sources view speak for: the shoe, its releases and its facts."""
    return [shoe, *catalog.releases_of(shoe.id), *catalog.facts_about(shoe.ref)]


def shoe_embed(catalog: Catalog, shoe: Silhouette) -> discord.Embed:
    """A compact profile whose headline facts fit one phone screen; sources and disputes sit behind a button."""
    embed = discord.Embed(
        title=plain(display_name(shoe, catalog.brands)), description=plain(shoe.summary or ""), colour=ACCENT
    )
    if shoe.first_release:
        embed.add_field(name="Debut", value=_date_with_caveat(catalog, shoe, "first_release", shoe.first_release))
    if shoe.designers:
        embed.add_field(name="Designed by", value=plain(catalog.shown_value("designers", shoe.designers)))
    if shoe.technologies:
        embed.add_field(name="Technology", value=plain(catalog.shown_value("technologies", shoe.technologies)))
    facts = card_facts(catalog, shoe)
    if facts:
        lines = [
            f"• {plain(clip(fact.text, 160))}" + (f" {CAVEAT}" if catalog.caveat(fact, "text") else "")
            for fact in facts
        ]
        embed.add_field(name="Key facts", value=_join_within(lines, FIELD_LIMIT), inline=False)
    collabs = catalog.collaborations_of(shoe.ref)
    if collabs:
        partners = list(dict.fromkeys(plain(catalog.name_of(collab.partner)) for collab in collabs))
        shown = ", ".join(partners[:4]) + (f" and {len(partners) - 4} more" if len(partners) > 4 else "")
        embed.add_field(name="Collaborations", value=shown, inline=False)
    disputed = len(disagreements(catalog, _shoe_entries(catalog, shoe)))
    note = f"{CAVEAT} sources disagree on {plural(disputed, 'point')}: see Sources & disputes" if disputed else None
    return _footer(embed, note)


def shoe_sources_embed(catalog: Catalog, shoe: Silhouette) -> discord.Embed:
    """What the card rests on: each disagreement as one readable line, what is less certain, every source."""
    entries = _shoe_entries(catalog, shoe)
    embed = discord.Embed(title=f"Sources & disputes · {plain(display_name(shoe, catalog.brands))}", colour=ACCENT)
    disputes = [f"• {plain(clip(item.line(), 220))}" for item in disagreements(catalog, entries)]
    if disputes:
        embed.add_field(
            name=f"{CAVEAT} Where sources disagree", value=_join_within(disputes, FIELD_LIMIT), inline=False
        )
    thin = [f"• {plain(clip(item.line(), 220))}" for item in uncertainties(catalog, entries)]
    if thin:
        embed.add_field(name="Less certain", value=_join_within(thin, FIELD_LIMIT), inline=False)
    cited = [
        source for entry in entries for source in (*entry.sources, *(i for ids in entry.cite.values() for i in ids))
    ]
    embed.add_field(name="Sources", value=sources_text(catalog.source_list(cited)), inline=False)
    if not disputes:
        embed.description = "The sources agree on everything this card shows."
    return _footer(embed)


def fact_embed(catalog: Catalog, fact: Fact) -> discord.Embed:
    subject = plain(shown_name(catalog, fact.about[0]))
    embed = discord.Embed(title=f"Did you know? · {subject}", description=plain(fact.text), colour=ACCENT)
    disputes = disagreements(catalog, [fact])
    if disputes:
        embed.add_field(
            name=f"{CAVEAT} Sources disagree", value=plain(clip(disputes[0].line(), FIELD_LIMIT)), inline=False
        )
    elif thin := uncertainties(catalog, [fact]):
        embed.add_field(name=f"{CAVEAT} Less certain", value=plain(clip(thin[0].reason(), FIELD_LIMIT)), inline=False)
    sources = catalog.source_list(fact.sources)
    embed.add_field(name="Source" if len(sources) == 1 else "Sources", value=sources_text(sources), inline=False)
    return _footer(embed)


def _timeline_line(catalog: Catalog, item: TimelineItem) -> str:
    line = f"**{item.date.render()}** · {plain(item.title)}"
    if item.detail and item.kind != "debut":
        line += f" — {plain(clip(item.detail, 140))}"
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
        embeds.append(_footer(embed, f"Page {number}/{len(pages)} · {plural(len(items), 'entry')}"))
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
        embeds.append(_footer(embed, f"Page {number}/{len(pages)} · {plural(len(collabs), 'collaboration')}"))
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
    embed.add_field(
        name="Data version", value=f"`{catalog.version}` ({plural(len(catalog.files), 'file')})", inline=False
    )
    return _footer(embed)


def _paged(items: Sequence[object], size: int) -> list[list]:  # type: ignore[type-arg]
    return [list(items[start : start + size]) for start in range(0, len(items), size)]
