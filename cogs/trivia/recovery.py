"""After a crash: find the question a dead process left live, and say the game was interrupted there.

The question a game posted last is not always the one its row names: the process may have died after
posting question 2 and before saving its message id, or before posting question 1 at all. So the
channel's recent messages are searched for the game's live answer buttons; the saved message is the
fallback, and a channel with neither gets a new notice.
"""

from __future__ import annotations

import logging
import re

import discord

__all__ = ["interrupted_notice", "live_question_ids", "notify_interrupted"]

log = logging.getLogger(__name__)

SEARCHED = 25  # recent messages looked through per interrupted game


def interrupted_notice(*, posted: bool) -> discord.Embed:
    text = (
        "The bot restarted during this game, so it ended here. Points scored so far are kept."
        if posted
        else "The bot restarted while this game was starting, so it ended before its first question."
    )
    return discord.Embed(title="Game interrupted", description=text, colour=discord.Colour.dark_grey())


def live_question_ids(messages: list[discord.Message], game_id: int) -> list[int]:
    """Messages carrying this game's answer buttons (choices or the Answer button)."""
    live = re.compile(rf"^sa:t[qa]:{game_id}:\d+(?::\d)?$")
    found = []
    for message in messages:
        for row in message.components:
            children = getattr(row, "children", ())
            if any(live.match(getattr(child, "custom_id", None) or "") for child in children):
                found.append(message.id)
                break
    return found


async def notify_interrupted(channel: discord.PartialMessageable, game_id: int, message_id: int | None) -> None:
    """Put the notice on every live question of the game; else on its saved message; else post it."""
    try:
        recent = [message async for message in channel.history(limit=SEARCHED)]
    except discord.HTTPException as error:  # no permission to read history: the saved message will do
        log.info("could not look through channel %s for game %s's questions: %s", channel.id, game_id, error)
        recent = []
    targets = live_question_ids(recent, game_id) or ([message_id] if message_id is not None else [])
    try:
        for target in targets:
            await channel.get_partial_message(target).edit(embed=interrupted_notice(posted=True), view=None)
        if not targets:
            await channel.send(embed=interrupted_notice(posted=False))
    except discord.HTTPException as error:
        log.info("could not show that game %s was interrupted in channel %s: %s", game_id, channel.id, error)
