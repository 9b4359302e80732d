"""Trivia embeds: the question, its reveal, the final standings, leaderboards, stats and help."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import discord

from bot.catalog import Catalog
from bot.storage import BoardRow, FinalStanding, MemberStats
from bot.trivia.game import AnswerOutcome, RoundResult
from bot.trivia.questions import TriviaQuestion
from bot.trivia.scoring import Verdict

from ..shared.render import ACCENT, sources_text
from ..shared.text import clip, plural

__all__ = [
    "LETTERS",
    "daily_embed",
    "help_embed",
    "leaderboard_pages",
    "question_embed",
    "reveal_embed",
    "skip_note",
    "standings_embed",
    "stats_embed",
]

LETTERS = ("🇦", "🇧", "🇨", "🇩")
CORRECT, WRONG = "✅", "▫️"
MEDALS = {1: "🥇", 2: "🥈", 3: "🥉"}


def _choices_text(question: TriviaQuestion, reveal: bool) -> str:
    if not question.choices:
        return "Type the answer."
    lines = []
    for index, choice in enumerate(question.choices):
        marker = (CORRECT if index == question.answer_index else WRONG) if reveal else LETTERS[index]
        text = f"**{choice}**" if reveal and index == question.answer_index else choice
        lines.append(f"{marker} {text}")
    return "\n".join(lines)


def question_embed(
    question: TriviaQuestion,
    *,
    round_number: int,
    rounds: int,
    deadline: dt.datetime,
    answered: int,
    open_mode: bool,
    hints: Sequence[str] = (),
) -> discord.Embed:
    embed = discord.Embed(
        title=f"Question {round_number}/{rounds} · {question.category} · {question.difficulty}",
        description=f"### {question.prompt}",
        colour=ACCENT,
    )
    if open_mode:
        embed.add_field(name="How to answer", value="Press **Answer** and type it. One answer each.", inline=False)
    else:
        embed.add_field(name="Choices", value=_choices_text(question, reveal=False), inline=False)
    for level, hint in enumerate(hints, start=1):
        embed.add_field(name=f"Hint {level}", value=hint, inline=False)
    embed.add_field(name="Time", value=f"ends {discord.utils.format_dt(deadline, 'R')}")
    embed.add_field(name="Answers", value=f"{answered} answered")
    embed.set_footer(text="Your choice stays hidden until the reveal.")
    return embed


def reveal_embed(
    catalog: Catalog, result: RoundResult, *, round_number: int, rounds: int, open_mode: bool
) -> discord.Embed:
    question = result.question
    embed = discord.Embed(
        title=f"Question {round_number}/{rounds} · answer",
        description=f"### {question.prompt}",
        colour=discord.Colour.green(),
    )
    if open_mode or not question.choices:
        embed.add_field(name="Answer", value=f"{CORRECT} **{question.answer}**", inline=False)
    else:
        embed.add_field(name="Choices", value=_choices_text(question, reveal=True), inline=False)
    embed.add_field(name="Why", value=clip(question.explanation, 1024), inline=False)
    if result.skipped:
        embed.add_field(name="Skipped", value=_skipped_text(len(result.outcomes)), inline=False)
    else:
        right = result.with_verdict(Verdict.right)
        embed.add_field(name=f"Got it ({len(right)}/{len(result.outcomes)})", value=_who(right), inline=False)
        close = result.with_verdict(Verdict.close)
        if close:  # partial credit is shown as such, never counted as "got it"
            embed.add_field(name=f"Close ({len(close)})", value=_who(close), inline=False)
    if question.sources:  # a server's own questions carry their source in the explanation
        embed.add_field(name="Source", value=sources_text(catalog.source_list(question.sources)), inline=False)
    return embed


def _who(outcomes: Sequence[AnswerOutcome]) -> str:
    if not outcomes:
        return "Nobody this time."
    who = ", ".join(f"<@{o.player_id}> +{o.points}" for o in outcomes[:15])
    return who + (f" and {len(outcomes) - 15} more" if len(outcomes) > 15 else "")


def skip_note(discarded: int) -> str:
    """A skip throws the question out with its answers: say so when some had been given."""
    if not discarded:
        return ""
    return f" The {plural(discarded, 'answer')} already given to it {'was' if discarded == 1 else 'were'} discarded."


def _skipped_text(discarded: int) -> str:
    return f"This question was skipped: no points for anyone.{skip_note(discarded)}"


def _tally(correct: int, answered: int, close: int) -> str:
    """'2/3 correct' and, when some answers earned part of the points, '· 1 close'."""
    return f"{correct}/{answered} correct" + (f" · {close} close" if close else "")


def standings_embed(standings: Sequence[FinalStanding], *, status: str, rounds_played: int) -> discord.Embed:
    endings = {
        "finished": "Game over",
        "stopped": "Game stopped",
        "idle": "Game ended: nobody answered two rounds in a row",
        "interrupted": "Game interrupted by a restart",
        "maintenance": "Game stopped for maintenance",
    }
    embed = discord.Embed(title=f"🏁 {endings.get(status, 'Game over')}", colour=ACCENT)
    if not standings:
        embed.description = f"{plural(rounds_played, 'round')} played, no answers given."
        return embed
    lines = []
    for standing in standings[:20]:
        medal = MEDALS.get(standing.rank, f"`#{standing.rank}`")
        lines.append(
            f"{medal} <@{standing.member_id}> · **{standing.points}** pts · "
            f"{_tally(standing.correct, standing.answered, standing.close)} · best streak {standing.best_streak}"
        )
    winners = [s for s in standings if s.rank == 1 and s.points > 0]
    if len(winners) > 1:
        lines.insert(0, "It's a tie at the top!")
    embed.description = "\n".join(lines)
    embed.set_footer(text=f"{plural(rounds_played, 'round')} played · scores saved to the server leaderboard")
    return embed


PERIOD_TITLES = {"week": "this week", "month": "this month", "all": "all time"}


def leaderboard_pages(
    rows: Sequence[BoardRow], *, period: str, caller: BoardRow | None, caller_id: int, per_page: int = 10
) -> list[discord.Embed]:
    pages: list[discord.Embed] = []
    chunks = [rows[i : i + per_page] for i in range(0, len(rows), per_page)] or [[]]
    for number, chunk in enumerate(chunks, start=1):
        lines = [
            f"{MEDALS.get(row.rank, f'`#{row.rank}`')} <@{row.member_id}> · **{row.points}** pts · "
            f"{_tally(row.correct, row.answered, row.close)}" + (" ← you" if row.member_id == caller_id else "")
            for row in chunk
        ]
        embed = discord.Embed(
            title=f"🏆 Trivia leaderboard · {PERIOD_TITLES.get(period, period)}",
            description="\n".join(lines) or "No answers yet in this period. Start a game with `/trivia start`.",
            colour=ACCENT,
        )
        if caller is not None:
            embed.add_field(name="Your rank", value=f"#{caller.rank} · {caller.points} pts", inline=False)
        else:
            embed.add_field(name="Your rank", value="Not ranked yet: answer a question to join.", inline=False)
        embed.set_footer(text=f"Page {number}/{len(chunks)} · {plural(len(rows), 'player')}")
        pages.append(embed)
    return pages


def stats_embed(member: discord.abc.User, stats: MemberStats) -> discord.Embed:
    embed = discord.Embed(title=f"📊 Trivia stats · {member.display_name}", colour=ACCENT)
    if not stats.answers:
        embed.description = "No answers yet. Play a round with `/trivia start` or try `/trivia daily`."
        return embed
    accuracy = f"{stats.accuracy:.0%}" if stats.accuracy is not None else "—"
    embed.add_field(name="Games", value=f"{stats.games} ({stats.wins} won)")
    embed.add_field(name="Answers", value=f"{_tally(stats.correct, stats.answers, stats.close)} ({accuracy})")
    embed.add_field(name="Points", value=str(stats.points))
    embed.add_field(name="Best streak", value=str(stats.best_streak))
    if stats.average_ms is not None:
        embed.add_field(name="Average answer time", value=f"{stats.average_ms / 1000:.1f}s")
    embed.add_field(name="Rank", value=f"#{stats.rank}" if stats.rank else "—")
    if stats.by_category:
        lines = [
            f"{category}: {correct}/{answered} ({correct / answered:.0%})"
            for category, (correct, answered) in stats.by_category.items()
        ]
        embed.add_field(name="By category", value="\n".join(lines), inline=False)
    return embed


def daily_embed(
    question: TriviaQuestion, day: dt.date, *, answered: tuple[str, bool] | None, streak: int, catalog: Catalog
) -> discord.Embed:
    embed = discord.Embed(
        title=f"📅 Daily question · {day:%d %B %Y}", description=f"### {question.prompt}", colour=ACCENT
    )
    if answered is None:
        embed.add_field(name="Choices", value=_choices_text(question, reveal=False), inline=False)
        embed.set_footer(text="One try per day. Only you can see this.")
        return embed
    choice, correct = answered
    embed.colour = discord.Colour.green() if correct else discord.Colour.red()
    embed.add_field(name="Choices", value=_choices_text(question, reveal=True), inline=False)
    embed.add_field(name="You answered", value=f"{choice} {'✅' if correct else '❌'}", inline=False)
    embed.add_field(name="Why", value=clip(question.explanation, 1024), inline=False)
    embed.add_field(name="Day streak", value=f"🔥 {streak}" if streak else "0")
    embed.add_field(name="Source", value=sources_text(catalog.source_list(question.sources)), inline=False)
    return embed


def help_embed(rules_text: str, *, rounds: int, seconds: int) -> discord.Embed:
    embed = discord.Embed(title="How trivia works", colour=ACCENT)
    embed.add_field(
        name="Playing",
        value=(
            f"`/trivia start` runs {rounds} questions of {seconds}s (change them in the options). Click a choice, or "
            "with `mode: open` press **Answer** and type it. One answer per question; you can't change it. "
            "The round ends when time is up or everyone playing has answered."
        ),
        inline=False,
    )
    embed.add_field(name="Scoring", value=rules_text, inline=False)
    embed.add_field(
        name="More",
        value=(
            "`/trivia daily`: one question a day, privately, with a day streak.\n"
            "`/trivia leaderboard` and `/trivia stats`: the server's scores.\n"
            "`/trivia stop` / `/trivia skip`: the host, a quizmaster or a moderator.\n"
            "Spot a wrong question? Press **Report question** after the reveal."
        ),
        inline=False,
    )
    return embed
