"""Autocomplete and name resolution: what a member typed or picked, turned into a catalog entry."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from discord import app_commands

from bot.catalog import Catalog, NameIndex, Ref
from bot.errors import UserError
from bot.shell.client import Interaction

from .text import clip, quote_user

__all__ = ["autocomplete_from", "catalog_of", "resolve", "resolve_match"]


def catalog_of(interaction: Interaction) -> Catalog:
    """The catalog being served now (a reload swaps it whole)."""
    return interaction.client.catalog


AutocompleteCallback = Callable[[Interaction, str], Coroutine[Any, Any, list[app_commands.Choice[str]]]]


def autocomplete_from(pick: Callable[[Catalog], NameIndex]) -> AutocompleteCallback:
    """An autocomplete callback over one of the catalog's name indexes (values are typed refs)."""

    async def complete(interaction: Interaction, current: str) -> list[app_commands.Choice[str]]:
        index = pick(catalog_of(interaction))
        matches = index.complete(current)
        return [app_commands.Choice(name=clip(match.label, 100), value=str(match.ref)) for match in matches]

    return complete


def resolve(catalog: Catalog, index: NameIndex, value: str, *, what: str, example: str) -> Ref:
    """The entry a submitted option names: a picked suggestion, a name/alias typed in full, or a near miss
    that clearly names one entry ("gel kayno 14").

    Raises UserError with "did you mean" suggestions when nothing matches.
    """
    return resolve_match(catalog, index, value, what=what, example=example)[0]


def resolve_match(catalog: Catalog, index: NameIndex, value: str, *, what: str, example: str) -> tuple[Ref, str | None]:
    """Like :func:`resolve`, with a line for the member when a near miss was taken ("Showing … for …")."""
    text = value.strip()
    if not text:
        raise UserError(f"Type a {what} name, for example **{example}**, or pick one from the suggestions.")
    if ":" in text:
        kind, _, ident = text.partition(":")
        ref = Ref(kind, ident)
        if ref in index:  # a suggestion of this option, not a value another option offered
            return ref, None
    hits = list(dict.fromkeys(index.exact(text)))
    if len(hits) == 1:
        return hits[0], None
    if len(hits) > 1:
        options = ", ".join(f"**{catalog.name_of(ref)}** ({ref.kind})" for ref in hits[:5])
        raise UserError(f"{quote_user(text)} could mean {options}. Pick one from the suggestions.")
    best = index.clear_best(text)
    if best is not None:
        return best.ref, f"Showing **{clip(best.label, 80)}** for {quote_user(text)}."
    suggestions = index.suggest(text, limit=3)
    if suggestions:
        names = ", ".join(f"**{clip(match.label, 80)}**" for match in suggestions)
        raise UserError(f"No {what} called {quote_user(text)} in the archive. Did you mean {names}?")
    raise UserError(f"No {what} called {quote_user(text)} in the archive. Try `/about` to see what it covers.")
