"""Trivia: games with buttons or typed answers, the daily question, leaderboards and stats.

The rules, questions and scoring live in ``bot.trivia``; this package only talks to Discord.
"""

from bot.shell.client import SoleArchive

from .cog import Trivia
from .schedules import Scheduler
from .seasons import SeasonKeeper


async def setup(bot: SoleArchive) -> None:
    trivia = Trivia(bot)
    await bot.add_cog(trivia)
    await bot.add_cog(SeasonKeeper(bot))
    await bot.add_cog(Scheduler(bot, trivia.games))
