"""The sneaker game modes on Discord: Guess the shoe, Timeline order, Closest year.

Each mode is a ``GameSession`` subclass (its own question, buttons and reveal) around a ``Game`` subclass
from ``bot.trivia.modes`` (its own judging and scoring). Scores go through the same store as every game,
so they count on the board, in seasons and in /trivia stats.
"""

from __future__ import annotations

import contextlib
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, Self

import discord

from bot.errors import UserError
from bot.shell.client import Interaction, SoleArchive
from bot.storage import Database
from bot.storage.mode_scores import award
from bot.trivia.game import Game, GameIds, RoundResult
from bot.trivia.modes import MODE_NAMES, GameMode
from bot.trivia.modes.closest import ClosestGame, closest_rounds
from bot.trivia.modes.guess import GuessGame, guess_rounds
from bot.trivia.modes.timeline import LETTERS, TimelineGame, order_text, timeline_rounds

from ..shared.render import ACCENT, sources_text
from ..shared.text import clip, plural
from ..shared.views import ArchiveItem, ArchiveView
from .games import TriviaGames
from .session import GameSession
from .views import RevealView, TriviaPlay

__all__ = ["DYNAMIC_MODE_ITEMS", "SPECIAL_MODES", "ModeGame", "build_mode_game", "start_mode_game"]

SPECIAL_MODES = frozenset({GameMode.guess, GameMode.timeline, GameMode.closest})
ORDINALS = ("1st", "2nd", "3rd", "4th")


def _base_embed(session: GameSession, *, reveal: bool) -> discord.Embed:
    game = session.game
    question = game.current
    assert question is not None
    title = f"Question {game.round_index + 1}/{game.rounds_total} · {question.category}"
    return discord.Embed(
        title=f"Question {game.round_index + 1}/{game.rounds_total} · answer" if reveal else title,
        description=f"### {question.prompt}",
        colour=discord.Colour.green() if reveal else ACCENT,
    )


def _timing(session: GameSession, embed: discord.Embed) -> None:
    deadline = session._deadline_at
    if deadline is not None:
        embed.add_field(name="Time", value=f"ends {discord.utils.format_dt(deadline, 'R')}")
    embed.add_field(name="Answers", value=f"{session.game.answered_count()} answered")


def _sources(session: GameSession, embed: discord.Embed) -> None:
    question = session.game.current
    if question is not None and question.sources:
        catalog = session._catalog()
        embed.add_field(name="Source", value=sources_text(catalog.source_list(question.sources)), inline=False)


async def _show_reveal(session: GameSession, embed: discord.Embed, result: RoundResult) -> None:
    if session.message is None:
        return
    with contextlib.suppress(discord.HTTPException):
        await session.message.edit(embed=embed, view=RevealView(session.game.game_id, result.round_index))


def _scored(result: RoundResult) -> str:
    scored = sorted((o for o in result.outcomes if o.points > 0), key=lambda o: -o.points)
    text = ", ".join(f"<@{o.player_id}> +{o.points}" for o in scored[:15])
    return text or "Nobody this time."


# -- Guess the shoe ----------------------------------------------------------------------------------


class GuessSession(GameSession):
    def _question_embed(self) -> discord.Embed:
        game = self.game
        assert isinstance(game, GuessGame)
        embed = _base_embed(self, reveal=False)
        shown = game.current_clues[: 1 + len(self._hints)]
        embed.add_field(
            name=f"Clues ({len(shown)}/{len(game.current_clues)})",
            value="\n".join(f"{n}. {clue}" for n, clue in enumerate(shown, start=1)),
            inline=False,
        )
        _timing(self, embed)
        embed.set_footer(text="Press Answer and type the shoe. Fewer clues seen, more points.")
        return embed

    async def _reveal(self, result: RoundResult) -> None:
        game = self.game
        assert isinstance(game, GuessGame)
        embed = _base_embed(self, reveal=True)
        embed.add_field(name="The shoe", value=f"✅ **{discord.utils.escape_markdown(result.question.answer)}**")
        embed.add_field(name="All the clues", value="\n".join(game.clues[result.round_index]), inline=False)
        if result.skipped:
            embed.add_field(name="Skipped", value="This question was skipped: no points for anyone.", inline=False)
        else:
            right = sum(1 for o in result.outcomes if o.correct)
            embed.add_field(name=f"Got it ({right}/{len(result.outcomes)})", value=_scored(result), inline=False)
        _sources(self, embed)
        await _show_reveal(self, embed, result)


# -- Closest year ------------------------------------------------------------------------------------


class ClosestSession(GameSession):
    def __init__(self, *, database: Database, **options: Any) -> None:
        super().__init__(**options)
        self.database = database

    def _question_embed(self) -> discord.Embed:
        embed = _base_embed(self, reveal=False)
        embed.add_field(name="How to answer", value="Press **Answer** and type a year. Closest wins.", inline=False)
        _timing(self, embed)
        embed.set_footer(text="Nobody sees your year until the reveal. A tie goes to whoever answered first.")
        return embed

    async def _reveal(self, result: RoundResult) -> None:
        game = self.game
        assert isinstance(game, ClosestGame)
        winner = game.winner if not result.skipped else None
        if winner is not None:
            await award(self.database, game.game_id, result.round_index, winner.player_id, winner.points)
        embed = _base_embed(self, reveal=True)
        embed.add_field(name="Answer", value=f"✅ **{result.question.answer}**", inline=False)
        embed.add_field(name="Why", value=clip(result.question.explanation, 1024), inline=False)
        lines = []
        for guess in game.guesses[:15]:
            said = str(guess.year) if guess.year is not None else "no year"
            off = "exact!" if guess.distance == 0 else f"{plural(guess.distance, 'year')} off" if guess.distance else ""
            medal = "🥇 " if winner is not None and guess.player_id == winner.player_id else ""
            points = f" · +{winner.points}" if medal and winner is not None else ""
            lines.append(f"{medal}<@{guess.player_id}> {said}{f' ({off})' if off else ''}{points}")
        if result.skipped:
            embed.add_field(name="Skipped", value="This question was skipped: no points for anyone.", inline=False)
        else:
            embed.add_field(
                name=f"Guesses ({len(game.guesses)})", value="\n".join(lines) or "Nobody guessed.", inline=False
            )
        _sources(self, embed)
        await _show_reveal(self, embed, result)


# -- Timeline order ----------------------------------------------------------------------------------


class OrderButton(ArchiveItem, template=r"sa:to:(?P<game>\d+):(?P<round>\d+)"):
    """Opens your private ordering menus for the round."""

    def __init__(self, game_id: int, round_index: int) -> None:
        super().__init__(
            discord.ui.Button(
                label="Put them in order",
                emoji="🗓️",
                style=discord.ButtonStyle.primary,
                custom_id=f"sa:to:{game_id}:{round_index}",
            )
        )
        self.game_id, self.round_index = game_id, round_index

    @classmethod
    def from_match(cls, match: re.Match[str], label: str) -> Self:
        return cls(int(match["game"]), int(match["round"]))

    async def run(self, interaction: Interaction) -> None:
        play = interaction.client.provided(TriviaPlay)
        play.check_can_answer(self.game_id, self.round_index, interaction.user.id)
        question = await play.asked(self.game_id, self.round_index, interaction.guild_id or 0)
        view = OrderView(self.game_id, self.round_index, question.choices, interaction.user.id)
        await interaction.response.send_message(
            "Pick what came **1st**, **2nd**, **3rd** and **4th**, then **Lock in**.", view=view, ephemeral=True
        )


class OrderView(ArchiveView):
    """Four menus (one per place) and Lock in; private to the player who opened them."""

    def __init__(self, game_id: int, round_index: int, labels: tuple[str, ...], owner_id: int) -> None:
        super().__init__(timeout=300)
        self.game_id, self.round_index, self.owner_id = game_id, round_index, owner_id
        self.picks: list[int | None] = [None] * len(labels)
        for place in range(len(labels)):
            menu: discord.ui.Select[OrderView] = discord.ui.Select(
                placeholder=f"{ORDINALS[place]}…",
                custom_id=f"order:{place}",
                options=[
                    discord.SelectOption(label=clip(f"{LETTERS[i]}. {label}", 100), value=str(i))
                    for i, label in enumerate(labels)
                ],
                row=place,
            )
            menu.callback = self._picked(place, menu)  # type: ignore[method-assign]
            self.add_item(menu)
        lock: discord.ui.Button[OrderView] = discord.ui.Button(
            label="Lock in", style=discord.ButtonStyle.success, row=4
        )
        lock.callback = self._lock  # type: ignore[method-assign,assignment]
        self.add_item(lock)

    def _picked(self, place: int, menu: discord.ui.Select[OrderView]) -> Any:
        async def callback(interaction: Interaction) -> None:
            self.picks[place] = int(menu.values[0])
            for option in menu.options:
                option.default = option.value == menu.values[0]
            await interaction.response.edit_message(view=self)

        return callback

    async def _lock(self, interaction: Interaction) -> None:
        if any(pick is None for pick in self.picks):
            raise UserError("Pick an item for every place first.")
        order = tuple(pick for pick in self.picks if pick is not None)
        if len(set(order)) != len(order):
            raise UserError("Each item goes in one place: you picked one twice.")
        await interaction.client.provided(TriviaPlay).answer(
            interaction, self.game_id, self.round_index, order_text(order)
        )


class TimelineSession(GameSession):
    def _question_view(self) -> discord.ui.View:
        view = discord.ui.View(timeout=None)
        view.add_item(OrderButton(self.game.game_id, self.game.round_index))
        return view

    def _question_embed(self) -> discord.Embed:
        question = self.game.current
        assert question is not None
        embed = _base_embed(self, reveal=False)
        embed.add_field(
            name="Releases and debuts",
            value="\n".join(
                f"**{LETTERS[i]}.** {discord.utils.escape_markdown(c)}" for i, c in enumerate(question.choices)
            ),
            inline=False,
        )
        _timing(self, embed)
        embed.set_footer(text="Each item in its right place earns a quarter of the points.")
        return embed

    async def _reveal(self, result: RoundResult) -> None:
        game = self.game
        assert isinstance(game, TimelineGame)
        moments = game.rounds[result.round_index].moments
        right = game.rounds[result.round_index].right_order
        catalog = self._catalog()
        embed = _base_embed(self, reveal=True)
        embed.add_field(
            name="The real order",
            value="\n".join(
                f"{place}. **{LETTERS[i]}.** {discord.utils.escape_markdown(moments[i].label)} · "
                f"{moments[i].date.render()}"
                for place, i in enumerate(right, start=1)
            ),
            inline=False,
        )
        if result.skipped:
            embed.add_field(name="Skipped", value="This question was skipped: no points for anyone.", inline=False)
        else:
            lines = [
                f"<@{o.player_id}> {o.choice} · {round(o.credit * 4)}/4 in place · +{o.points}"
                for o in sorted(result.outcomes, key=lambda o: -o.points)[:15]
            ]
            embed.add_field(
                name=f"Orders ({len(result.outcomes)})", value="\n".join(lines) or "Nobody answered.", inline=False
            )
        dated = [f"{LETTERS[i]}: {sources_text(catalog.source_list(moments[i].sources), limit=240)}" for i in right]
        embed.add_field(name="Sources", value=clip("\n".join(dated), 1024), inline=False)
        await _show_reveal(self, embed, result)


DYNAMIC_MODE_ITEMS = (OrderButton,)


# -- starting a game in a mode ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ModeGame:
    """A mode's game, ready to begin: the game, the session that runs it, and how many rounds it has."""

    game: Game
    session_type: Callable[..., GameSession]
    count: int


async def build_mode_game(
    bot: SoleArchive,
    games: TriviaGames,
    *,
    mode: GameMode,
    guild_id: int,
    channel_id: int,
    host_id: int,
    rounds: int,
    seconds: int,
) -> ModeGame:
    """Draw a mode's rounds and record its game (UserError when the archive has none for it)."""
    rng = random.Random()  # noqa: S311 - picking quiz rounds, not security
    catalog = bot.catalog
    excluded = frozenset(await bot.trivia_store.held_questions(guild_id) | await bot.trivia_reports.retired(guild_id))
    if mode is GameMode.guess:
        guess = guess_rounds(catalog, rng, rounds, exclude=excluded)
        count = len(guess)
    elif mode is GameMode.closest:
        closest = closest_rounds(catalog, rng, rounds, exclude=excluded)
        count = len(closest)
    elif mode is GameMode.timeline:
        timeline = timeline_rounds(catalog, rng, rounds, exclude=excluded)
        count = len(timeline)
    else:
        raise ValueError(f"{mode} is not a sneaker mode")
    if count == 0:
        raise UserError(f"The archive has no rounds for {MODE_NAMES[mode]} right now.")
    game_id = await bot.trivia_store.create_game(
        guild_id=guild_id,
        channel_id=channel_id,
        host_id=host_id,
        mode="choice" if mode is GameMode.timeline else "open",
        category=MODE_NAMES[mode].lower(),
        difficulty=None,
        rounds=count,
        seconds=seconds,
        started_at=discord.utils.utcnow(),
    )
    ids = GameIds(game_id=game_id, guild_id=guild_id, channel_id=channel_id, host_id=host_id)
    if mode is GameMode.guess:
        game = GuessGame(rounds=guess, seconds=float(seconds), matcher=games.bank().matcher, **ids)
        return ModeGame(game, GuessSession, count)
    if mode is GameMode.closest:
        closest_game = ClosestGame(questions=closest, seconds=float(seconds), **ids)
        return ModeGame(closest_game, partial(ClosestSession, database=bot.database), count)
    return ModeGame(TimelineGame(rounds=timeline, seconds=float(seconds), **ids), TimelineSession, count)


async def start_mode_game(
    bot: SoleArchive,
    games: TriviaGames,
    interaction: Interaction,
    *,
    mode: GameMode,
    rounds: int,
    seconds: int,
    quizmaster_role_id: int | None,
) -> None:
    """/trivia start mode: guess | timeline | closest."""
    assert interaction.guild_id is not None and isinstance(interaction.channel, discord.abc.Messageable)
    built = await build_mode_game(
        bot,
        games,
        mode=mode,
        guild_id=interaction.guild_id,
        channel_id=interaction.channel_id or 0,
        host_id=interaction.user.id,
        rounds=rounds,
        seconds=seconds,
    )
    note = f" ({built.count} found)" if built.count < rounds else ""
    await interaction.response.send_message(
        f"🏁 **{MODE_NAMES[mode]}** starting: **{plural(built.count, 'round')}**{note}, {seconds}s each. "
        "`/trivia help` explains the scoring."
    )
    games.begin(built.game, interaction.channel, quizmaster_role_id=quizmaster_role_id, session_type=built.session_type)
