"""The bases every view, button and modal builds on, and the paginator.

Each base owns the error routing: whatever a click or a submitted modal raises reaches the same
handler as slash commands (``bot.shell.errors.report_error``), so no cog writes its own try/except.

One rule for buttons that walk through something (pages, "Another" fact) on a public answer: the member
who asked moves it; anyone else who clicks gets their own copy, privately, and the public answer stays
as it was (``asked_it``).
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Self

import discord

from bot.shell.client import Interaction
from bot.shell.errors import report_error, send_ephemeral

__all__ = ["ArchiveItem", "ArchiveModal", "ArchiveView", "PagesFor", "Paginator", "asked_it", "send_pages"]

PagesFor = Callable[[Interaction], Awaitable[Sequence[discord.Embed]]]
"""Builds a paginator's pages for another member (a leaderboard marks *their* rank), for their private copy."""


def asked_it(interaction: discord.Interaction[Any]) -> bool:
    """Whether the member clicking is the one the message answers: it is private to them, or they ran it.

    A public message nobody asked for (a post the bot made by itself) answers no one: every click gets a copy.
    """
    message = interaction.message
    if message is None or message.flags.ephemeral:
        return True
    metadata = message.interaction_metadata
    return metadata is not None and metadata.user.id == interaction.user.id


log = logging.getLogger(__name__)

MALFORMED = "That button doesn't work (it isn't one the bot made). Run the command again for a fresh one."


class ArchiveItem(discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"sa:never:(?P<x>.)"):
    """A restart-proof button (a DynamicItem) whose failures reach the one error handler.

    Subclasses give their own ``template`` and define ``run``; ``from_custom_id`` rebuilds them from
    the custom id's named groups, so most need nothing more.
    """

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        try:
            await self.run(interaction)
        except Exception as error:  # noqa: BLE001 - every failure goes to the one handler
            await report_error(interaction, error)

    async def run(self, interaction: Interaction) -> None:  # pragma: no cover - every button overrides it
        """What the click does; each concrete button defines it."""
        raise NotImplementedError(f"{type(self).__name__} must define run()")

    _malformed = False

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> Self:
        try:
            return cls.from_match(match, getattr(item, "label", None) or "")
        except (ValueError, IndexError, OverflowError) as error:  # the right shape, but no real meaning
            log.warning(
                "a click on a malformed button id %r by %s in %s: %s",
                match.string,
                interaction.user.id,
                interaction.guild_id,
                error,
            )
            await send_ephemeral(interaction, MALFORMED)
            placeholder = cls.__new__(cls)  # answered already; it refuses to run (``interaction_check``)
            discord.ui.DynamicItem.__init__(placeholder, discord.ui.Button(custom_id=match.string))
            placeholder._malformed = True
            return placeholder

    async def interaction_check(self, interaction: discord.Interaction[Any], /) -> bool:
        return not self._malformed

    @classmethod
    def from_match(cls, match: re.Match[str], label: str) -> Self:  # pragma: no cover - overridden
        """The button a custom id describes (``label``: the label it was sent with)."""
        raise NotImplementedError(f"{cls.__name__} must define from_match()")


class ArchiveModal(discord.ui.Modal):
    """A modal whose failures reach the one error handler."""

    async def on_error(self, interaction: discord.Interaction[Any], error: Exception, /) -> None:  # type: ignore[override]  # Modal.on_error is typed unlike View.on_error
        await report_error(interaction, error)


class ArchiveView(discord.ui.View):
    """A view whose errors reach the same handler as slash commands, and that greys out on timeout."""

    message: discord.Message | discord.InteractionMessage | None = None

    async def on_error(
        self, interaction: discord.Interaction[Any], error: Exception, item: discord.ui.Item[Any]
    ) -> None:
        await report_error(interaction, error)

    async def on_timeout(self) -> None:
        for child in self.children:
            if isinstance(child, discord.ui.Button | discord.ui.Select):
                child.disabled = True
        if self.message is not None:
            # The message may be gone or its interaction token expired: then there is nothing to grey out.
            with contextlib.suppress(discord.HTTPException):
                await self.message.edit(view=self)


class Paginator(ArchiveView):
    """Pages through embeds; only the member who asked may turn the pages."""

    def __init__(
        self,
        pages: Sequence[discord.Embed],
        owner_id: int,
        *,
        timeout: float = 180.0,
        pages_for: PagesFor | None = None,
        index: int = 0,
    ) -> None:
        super().__init__(timeout=timeout)
        self.pages = list(pages)
        self.owner_id = owner_id
        self.pages_for = pages_for
        self.index = max(0, min(index, len(self.pages) - 1))
        self._sync_buttons()

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        # Someone else's click never turns the owner's pages: they get their own copy, privately, at this page.
        pages = await self.pages_for(interaction) if self.pages_for is not None else self.pages
        copy = Paginator(pages, interaction.user.id, pages_for=self.pages_for, index=self.index)
        await interaction.response.send_message(embed=copy.pages[copy.index], view=copy, ephemeral=True)
        copy.message = await interaction.original_response()
        return False

    def _sync_buttons(self) -> None:
        last = len(self.pages) - 1
        self.first.disabled = self.previous.disabled = self.index == 0
        self.next.disabled = self.last.disabled = self.index >= last
        self.counter.label = f"{self.index + 1}/{len(self.pages)}"

    async def _show(self, interaction: Interaction, index: int) -> None:
        self.index = max(0, min(index, len(self.pages) - 1))
        self._sync_buttons()
        await interaction.response.edit_message(embed=self.pages[self.index], view=self)

    @discord.ui.button(label="≪", style=discord.ButtonStyle.secondary)
    async def first(self, interaction: Interaction, _button: discord.ui.Button[Paginator]) -> None:
        await self._show(interaction, 0)

    @discord.ui.button(label="‹ Prev", style=discord.ButtonStyle.primary)
    async def previous(self, interaction: Interaction, _button: discord.ui.Button[Paginator]) -> None:
        await self._show(interaction, self.index - 1)

    @discord.ui.button(label="1/1", style=discord.ButtonStyle.secondary, disabled=True)
    async def counter(self, interaction: Interaction, _button: discord.ui.Button[Paginator]) -> None:
        await interaction.response.defer()  # pragma: no cover - the counter is never enabled

    @discord.ui.button(label="Next ›", style=discord.ButtonStyle.primary)
    async def next(self, interaction: Interaction, _button: discord.ui.Button[Paginator]) -> None:
        await self._show(interaction, self.index + 1)

    @discord.ui.button(label="≫", style=discord.ButtonStyle.secondary)
    async def last(self, interaction: Interaction, _button: discord.ui.Button[Paginator]) -> None:
        await self._show(interaction, len(self.pages) - 1)


async def send_pages(
    interaction: Interaction,
    pages: Sequence[discord.Embed],
    *,
    ephemeral: bool = False,
    pages_for: PagesFor | None = None,
    index: int = 0,
) -> None:
    """Send one embed, or a paginator opened at page ``index`` when there are more (``pages_for``: see ``PagesFor``)."""
    if len(pages) <= 1:
        await interaction.response.send_message(embed=pages[0], ephemeral=ephemeral)
        return
    view = Paginator(pages, interaction.user.id, pages_for=pages_for, index=index)
    await interaction.response.send_message(embed=view.pages[view.index], view=view, ephemeral=ephemeral)
    view.message = await interaction.original_response()
