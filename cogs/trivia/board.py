"""Whether a finished game counts toward the board (the server's trivia.min_players), said on its standings."""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.shell.client import SoleArchive
from bot.storage import FinalStanding
from bot.trivia.fairness import counts_for_board

from ..shared.text import plural

__all__ = ["settle_board"]


async def settle_board(
    bot: SoleArchive,
    guild_id: int,
    game_id: int,
    standings: Sequence[FinalStanding],
    embed: discord.Embed | None = None,
) -> bool:
    """Record whether the game counts; when it does not, say why on its standings ``embed``."""
    config = await bot.guild_settings.get(guild_id)
    players = len({standing.member_id for standing in standings})
    counted = counts_for_board(players, config.trivia_min_players)
    await bot.seasons.settle_game(guild_id, game_id, players=players, counted=counted)
    if embed is not None and not counted and players:
        embed.add_field(
            name="Not counted",
            value=(
                f"This game doesn't count toward the board or the season: it needs at least "
                f"{plural(config.trivia_min_players, 'player')} ({plural(players, 'player')} played)."
            ),
            inline=False,
        )
        embed.set_footer(text="Practice game · not on the leaderboard")
    return counted
