"""Views shared by the cogs: a base that routes errors to the one handler, and a paginator."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import Any

import discord

from bot.shell.errors import report_error, send_ephemeral

__all__ = ["ArchiveView", "Paginator", "send_pages"]


class ArchiveView(discord.ui.View):
    """A view whose errors reach the same handler as slash commands, and that greys out on timeout."""

    message: discord.Message | discord.InteractionMessage | None = None

    async def on_error(self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item[Any]) -> None:
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

    def __init__(self, pages: Sequence[discord.Embed], owner_id: int, *, timeout: float = 180.0) -> None:
        super().__init__(timeout=timeout)
        self.pages = list(pages)
        self.owner_id = owner_id
        self.index = 0
        self._sync_buttons()

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        await send_ephemeral(interaction, "These pages belong to someone else: run the command yourself to browse.")
        return False

    def _sync_buttons(self) -> None:
        last = len(self.pages) - 1
        self.first.disabled = self.previous.disabled = self.index == 0
        self.next.disabled = self.last.disabled = self.index >= last
        self.counter.label = f"{self.index + 1}/{len(self.pages)}"

    async def _show(self, interaction: discord.Interaction, index: int) -> None:
        self.index = max(0, min(index, len(self.pages) - 1))
        self._sync_buttons()
        await interaction.response.edit_message(embed=self.pages[self.index], view=self)

    @discord.ui.button(label="≪", style=discord.ButtonStyle.secondary)
    async def first(self, interaction: discord.Interaction, _button: discord.ui.Button[Paginator]) -> None:
        await self._show(interaction, 0)

    @discord.ui.button(label="‹ Prev", style=discord.ButtonStyle.primary)
    async def previous(self, interaction: discord.Interaction, _button: discord.ui.Button[Paginator]) -> None:
        await self._show(interaction, self.index - 1)

    @discord.ui.button(label="1/1", style=discord.ButtonStyle.secondary, disabled=True)
    async def counter(self, interaction: discord.Interaction, _button: discord.ui.Button[Paginator]) -> None:
        await interaction.response.defer()  # pragma: no cover - the counter is never enabled

    @discord.ui.button(label="Next ›", style=discord.ButtonStyle.primary)
    async def next(self, interaction: discord.Interaction, _button: discord.ui.Button[Paginator]) -> None:
        await self._show(interaction, self.index + 1)

    @discord.ui.button(label="≫", style=discord.ButtonStyle.secondary)
    async def last(self, interaction: discord.Interaction, _button: discord.ui.Button[Paginator]) -> None:
        await self._show(interaction, len(self.pages) - 1)


async def send_pages(
    interaction: discord.Interaction, pages: Sequence[discord.Embed], *, ephemeral: bool = False
) -> None:
    """Send one embed, or a paginator when there is more than one page."""
    if len(pages) <= 1:
        await interaction.response.send_message(embed=pages[0], ephemeral=ephemeral)
        return
    view = Paginator(pages, interaction.user.id)
    await interaction.response.send_message(embed=pages[0], view=view, ephemeral=ephemeral)
    view.message = await interaction.original_response()
