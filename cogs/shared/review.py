"""What ``/config review`` shows of a question members find broken: the question itself, never an internal id.

A reported or much-missed question is shown as players saw it (prompt, choices, the keyed answer), with
the reporters' reasons or this server's miss count, so a moderator can judge it. Ids such as
``gen:collab-partner:asics-gel-korika`` are resolved through the question bank, ``custom:N`` through the
server's own questions.
"""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.shell.client import SoleArchive
from bot.storage import ReportedQuestion
from bot.trivia.broken import MissedQuestion
from bot.trivia.questions import TriviaQuestion

from .text import clip, plain, plural

__all__ = ["broken_overview", "missed_embed", "question_line", "reported_embed", "resolve_question"]

_LISTED = 5  # lines per list in the overview


async def resolve_question(bot: SoleArchive, guild_id: int, question_id: str) -> TriviaQuestion | None:
    """The question behind an id: the bank's (hand-written or generated), else this server's own; None if gone."""
    question = bot.question_bank().get(question_id)
    number = question_id.removeprefix("custom:")
    if question is None and question_id.startswith("custom:") and number.isdigit():
        custom = await bot.custom_questions.get(guild_id, int(number))
        question = custom.to_trivia() if custom is not None else None
    return question


def question_line(question: TriviaQuestion | None, limit: int = 90) -> str:
    """A question in one line of a list; a question no longer askable says so."""
    return plain(clip(" ".join(question.prompt.split()), limit)) if question else "*(no longer in the archive)*"


def _show_question(embed: discord.Embed, question: TriviaQuestion | None) -> None:
    if question is None:
        embed.description = "This question is no longer in the archive or in this server's questions."
        return
    embed.description = f"### {plain(clip(question.prompt, 400))}"
    if question.choices:
        lines = [
            f"{'✅' if choice == question.answer else '▫️'} {plain(clip(choice, 100))}" for choice in question.choices
        ]
        embed.add_field(name="Choices", value="\n".join(lines), inline=False)
    keyed = plain(clip(question.answer, 200))
    if question.accepted:
        keyed += f" (also accepted: {plain(clip(', '.join(question.accepted), 300))})"
    embed.add_field(name="Keyed answer", value=keyed, inline=False)
    embed.add_field(name="Category", value=f"{question.category} · {question.difficulty}")


def reported_embed(item: ReportedQuestion, question: TriviaQuestion | None) -> discord.Embed:
    embed = discord.Embed(title=f"Reported question · {plural(item.reports, 'report')}", colour=discord.Colour.orange())
    _show_question(embed, question)
    reasons = "\n".join(
        f"• <@{member}>: {plain(clip(' '.join(reason.split()), 200)) or '(no reason given)'}"
        for member, reason in zip(item.member_ids, item.reasons, strict=False)
    )
    embed.add_field(name="Reasons", value=clip(reasons, 1024) or "—", inline=False)
    return embed


def missed_embed(item: MissedQuestion, question: TriviaQuestion | None) -> discord.Embed:
    tally = item.tally
    embed = discord.Embed(
        title=f"Easy, but missed · {tally.missed} of {plural(tally.answered, 'answer')} wrong here",
        colour=discord.Colour.gold(),
    )
    _show_question(embed, question)
    return embed


def broken_overview(
    reported: Sequence[tuple[ReportedQuestion, TriviaQuestion | None]],
    missed: Sequence[tuple[MissedQuestion, TriviaQuestion | None]],
) -> discord.Embed | None:
    """The two lists of what members find broken in this server, or None when both are empty."""
    if not reported and not missed:
        return None
    embed = discord.Embed(title="What members find broken", colour=discord.Colour.dark_orange())
    if reported:
        lines = [f"**{item.reports}** · {question_line(q)}" for item, q in reported[:_LISTED]]
        embed.add_field(name="Most reported", value=clip("\n".join(lines), 1024), inline=False)
    if missed:
        lines = [
            f"**{item.tally.missed}/{item.tally.answered}** missed · {question_line(q)}" for item, q in missed[:_LISTED]
        ]
        embed.add_field(name="Most missed of the easy ones", value=clip("\n".join(lines), 1024), inline=False)
    embed.set_footer(text="From this server's reports and answers only.")
    return embed
