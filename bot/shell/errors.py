"""The one place that turns an exception into what a member sees, and logs what they cannot fix."""

from __future__ import annotations

import logging
import sqlite3
from typing import Any

import discord
from discord import app_commands

from ..catalog.dates import DateError
from ..errors import UserError
from ..storage.writer import DatabaseGoneError

__all__ = ["describe_invocation", "report_error", "send_ephemeral"]

log = logging.getLogger("bot.errors")

MAX_CONTENT = 2000  # characters of a message's content
UNEXPECTED = "Something went wrong on our side. It has been logged; please try again in a moment."
STORAGE_BUSY = "Nothing was saved: the database is busy or full right now. Please try again in a moment."
STORAGE_GONE = (
    "Nothing was saved: the bot's database file went missing, so nothing can be kept until the bot is "
    "restarted. Its log says so for whoever runs it."
)


async def send_ephemeral(interaction: discord.Interaction[Any], text: str) -> None:
    """Answer privately, whether or not the interaction was already answered or deferred."""
    if len(text) > MAX_CONTENT:  # whatever a message quotes, the reply stays within Discord's limit
        text = text[: MAX_CONTENT - 1] + "…"
    try:
        if interaction.response.is_done():
            await interaction.followup.send(text, ephemeral=True, allowed_mentions=discord.AllowedMentions.none())
        else:
            await interaction.response.send_message(
                text, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
            )
    except discord.HTTPException:
        log.warning("could not deliver an error message for %s", describe_invocation(interaction))


def user_message(error: BaseException) -> str | None:
    """The text for errors the member can act on; None for bugs."""
    if isinstance(error, app_commands.CommandInvokeError | app_commands.TransformerError) and error.__cause__:
        inner = error.__cause__
        if isinstance(inner, UserError | DateError | sqlite3.OperationalError | DatabaseGoneError):
            return user_message(inner)
    if isinstance(error, DatabaseGoneError):
        return STORAGE_GONE
    if isinstance(error, sqlite3.OperationalError):
        return STORAGE_BUSY
    if isinstance(error, UserError):
        return error.message
    if isinstance(error, DateError):
        return f"That date doesn't work: {error}."
    if isinstance(error, app_commands.CommandOnCooldown):
        return f"Slow down a little: try again in {error.retry_after:.0f}s."
    if isinstance(error, app_commands.MissingPermissions):
        needed = ", ".join(p.replace("_", " ").title() for p in error.missing_permissions)
        return f"You need the {needed} permission to use this."
    if isinstance(error, app_commands.BotMissingPermissions):
        needed = ", ".join(p.replace("_", " ").title() for p in error.missing_permissions)
        return f"I need the {needed} permission here to do that."
    if isinstance(error, app_commands.NoPrivateMessage):
        return "This command only works in a server."
    if isinstance(error, app_commands.TransformerError):
        return "I couldn't understand one of the options. Pick a suggestion from the list or check the spelling."
    if isinstance(error, app_commands.CheckFailure):
        return str(error) or "You can't use this command here."
    return None


async def report_error(interaction: discord.Interaction[Any], error: BaseException) -> None:
    text = user_message(error)
    if text in (STORAGE_GONE, STORAGE_BUSY):
        cause = error.__cause__ if isinstance(error, app_commands.CommandInvokeError) and error.__cause__ else error
        log.warning("nothing saved for %s: %s", describe_invocation(interaction), cause)
    if text is None:
        cause = error.__cause__ if isinstance(error, app_commands.CommandInvokeError) and error.__cause__ else error
        log.error("unhandled error in %s", describe_invocation(interaction), exc_info=cause)
        text = UNEXPECTED
    await send_ephemeral(interaction, text)


def describe_invocation(interaction: discord.Interaction[Any]) -> str:
    """Command and options (or component id) of an interaction, for the log."""
    data: dict[str, Any] = dict(interaction.data or {})
    if interaction.type is discord.InteractionType.application_command:
        name = interaction.command.qualified_name if interaction.command else data.get("name", "?")
        options = interaction.namespace.__dict__ if interaction.namespace else {}
        shown = ", ".join(f"{key}={_short(value)}" for key, value in options.items())
        return f"/{name} ({shown}) by {interaction.user.id} in {interaction.guild_id}"
    custom_id = data.get("custom_id", "?") if isinstance(data, dict) else "?"
    return f"component {custom_id!r} by {interaction.user.id} in {interaction.guild_id}"


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
