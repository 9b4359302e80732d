"""/trivia review: your recent wrong answers, each with the right one, why, its source, and **Learn more**
(the same /shoe card, collaboration list or /timeline the reveal's Learn more opens). Always private."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import discord
from discord import app_commands
from discord.ext import commands

from bot.errors import UserError
from bot.shell.client import Interaction
from bot.storage.trivia_review import WrongAnswer, recent_wrong_answers
from bot.trivia.questions import TriviaQuestion

from ..shared.render import sources_text
from ..shared.text import clip, quote_user
from ..shared.views import Paginator
from .views import TriviaPlay

__all__ = ["ReviewCommands", "ReviewPager", "review_embed"]

REVIEWED = 10  # the most recent wrong answers shown


@dataclass(frozen=True, slots=True)
class Reviewed:
    answer: WrongAnswer
    question: TriviaQuestion


def review_embed(item: Reviewed, number: int, total: int, sources: str) -> discord.Embed:
    question, answer = item.question, item.answer
    embed = discord.Embed(
        title=f"📝 Review · {number}/{total} · {question.category}",
        description=f"### {question.prompt}",
        colour=discord.Colour.orange(),
    )
    close = f" (close: {answer.credit:.0%} of the points)" if answer.credit > 0 else ""
    embed.add_field(name="You answered", value=f"❌ {quote_user(answer.choice, 100)}{close}", inline=False)
    embed.add_field(name="Right answer", value=f"✅ **{discord.utils.escape_markdown(question.answer)}**", inline=False)
    embed.add_field(name="Why", value=clip(question.explanation or "—", 1024), inline=False)
    if sources:
        embed.add_field(name="Source", value=sources, inline=False)
    embed.set_footer(text=f"Game #{answer.game_id}, question {answer.round_index + 1} · only you can see this")
    embed.timestamp = answer.answered_at
    return embed


class ReviewPager(Paginator):
    """The paginator with a **Learn more** button about the question on the page shown."""

    def __init__(self, pages: Sequence[discord.Embed], items: Sequence[Reviewed], owner_id: int) -> None:
        super().__init__(pages, owner_id, timeout=600)
        self.items = list(items)

    @discord.ui.button(label="Learn more", emoji="📖", style=discord.ButtonStyle.success, row=1)
    async def learn_more(self, interaction: Interaction, _button: discord.ui.Button[ReviewPager]) -> None:
        answer = self.items[self.index].answer
        await interaction.client.provided(TriviaPlay).learn_more(interaction, answer.game_id, answer.round_index)


class ReviewCommands:
    """``/trivia review``: attached to the /trivia group by ``cogs.trivia.cog`` (its ``self`` is that cog)."""

    @app_commands.command(name="review", description="Your recent wrong answers, with the right ones (private)")
    @app_commands.guild_only()
    async def review(self: commands.Cog, interaction: Interaction) -> None:
        assert interaction.guild_id is not None
        bot = interaction.client
        play = bot.provided(TriviaPlay)
        found: list[Reviewed] = []
        for answer in await recent_wrong_answers(bot.database, interaction.guild_id, interaction.user.id, limit=50):
            try:
                question = await play.asked(answer.game_id, answer.round_index, interaction.guild_id)
            except UserError:
                continue  # no longer in the archive (retired, or a reload dropped it)
            found.append(Reviewed(answer, question))
            if len(found) == REVIEWED:
                break
        if not found:
            raise UserError("No wrong answers to review: every answer you gave in a game here was right. 🎯")
        catalog = bot.catalog
        pages = [
            review_embed(item, number, len(found), sources_text(catalog.source_list(item.question.sources)))
            for number, item in enumerate(found, start=1)
        ]
        view = ReviewPager(pages, found, interaction.user.id)
        await interaction.response.send_message(embed=pages[0], view=view, ephemeral=True)
        view.message = await interaction.original_response()
