"""Buttons, modals and views of trivia. Every button is a DynamicItem: after a restart it still answers.

This module depends on nothing above it: a click reaches the game through ``TriviaPlay``, the typed
interface the trivia extension provides to the bot (``bot.provide(TriviaPlay, ...)``) while it is
loaded. Imports run one way: cog → games → session → views.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, ClassVar, Self

import discord

from bot.errors import UserError
from bot.shell.client import Interaction
from bot.trivia.questions import TriviaQuestion

from ..shared.text import clip
from ..shared.views import ArchiveItem, ArchiveModal, ArchiveView
from .render import LETTERS

__all__ = [
    "DYNAMIC_ITEMS",
    "AnswerButton",
    "AnswerModal",
    "ChoiceButton",
    "DailyChoice",
    "FixSuggestionView",
    "LearnMoreButton",
    "QuestionView",
    "ReportButton",
    "RevealView",
    "ShareDailyButton",
    "SuggestModal",
    "SuggestionText",
    "TriviaPlay",
    "daily_view",
    "shared_daily_view",
]


class TriviaPlay:
    """What a trivia click may ask of the running games. ``cogs.trivia.games.TriviaGames`` implements it.

    Each method does its own checks once and raises ``UserError`` (with the text the member sees)
    for anything it refuses.
    """

    async def answer(self, interaction: Interaction, game_id: int, round_index: int, choice: int | str) -> None:
        """Take a player's answer: a choice's index (buttons) or typed text (the answer modal)."""
        raise NotImplementedError

    def check_can_answer(self, game_id: int, round_index: int, player_id: int, guild_id: int | None = None) -> None:
        """Refuse before the answer modal opens when the answer could not count (or the game is elsewhere)."""
        raise NotImplementedError

    async def learn_more(self, interaction: Interaction, game_id: int, round_index: int) -> None:
        raise NotImplementedError

    async def asked(self, game_id: int, round_index: int, guild_id: int) -> TriviaQuestion:
        """The question a game asked in a round (UserError when it is no longer in the archive)."""
        raise NotImplementedError

    async def report(self, interaction: Interaction, game_id: int, round_index: int, reason: str) -> None:
        raise NotImplementedError

    async def answer_daily(self, interaction: Interaction, day: dt.date, index: int) -> None:
        raise NotImplementedError

    async def share_daily(self, interaction: Interaction, day: dt.date) -> None:
        raise NotImplementedError

    async def save_suggestion(
        self, interaction: Interaction, prompt: str, answer: str, wrong: str, source: str
    ) -> None:
        raise NotImplementedError


def _play(interaction: Interaction) -> TriviaPlay:
    return interaction.client.provided(TriviaPlay)


def _day(text: str) -> dt.date:
    return dt.datetime.strptime(text, "%Y%m%d").replace(tzinfo=dt.UTC).date()


class LetteredChoice(ArchiveItem, template=r"sa:never-choice:(?P<choice>\d)"):
    """A choice button: its letter as the emoji, the choice as the label. The custom id ends in its index."""

    def __init__(self, custom_id: str, index: int, label: str) -> None:
        super().__init__(
            discord.ui.Button(
                label=clip(label, 80), emoji=LETTERS[index], style=discord.ButtonStyle.secondary, custom_id=custom_id
            )
        )
        self.index = index


class _RoundItem(ArchiveItem, template=r"sa:never-round:(?P<game>\d+):(?P<round>\d+)"):
    """A button about one round of one game: its custom id is ``<prefix>:<game>:<round>``."""

    PREFIX: ClassVar[str] = "sa:never-round"
    LABEL: ClassVar[str] = ""
    EMOJI: ClassVar[str] = ""
    STYLE: ClassVar[discord.ButtonStyle] = discord.ButtonStyle.secondary

    def __init__(self, game_id: int, round_index: int) -> None:
        super().__init__(
            discord.ui.Button(
                label=self.LABEL, emoji=self.EMOJI, style=self.STYLE, custom_id=f"{self.PREFIX}:{game_id}:{round_index}"
            )
        )
        self.game_id, self.round_index = game_id, round_index

    @classmethod
    def from_match(cls, match: re.Match[str], label: str) -> Self:
        return cls(int(match["game"]), int(match["round"]))


class ChoiceButton(LetteredChoice, template=r"sa:tq:(?P<game>\d+):(?P<round>\d+):(?P<choice>\d)"):
    def __init__(self, game_id: int, round_index: int, index: int, label: str) -> None:
        super().__init__(f"sa:tq:{game_id}:{round_index}:{index}", index, label)
        self.game_id, self.round_index = game_id, round_index

    @classmethod
    def from_match(cls, match: re.Match[str], label: str) -> ChoiceButton:
        return cls(int(match["game"]), int(match["round"]), int(match["choice"]), label)

    async def run(self, interaction: Interaction) -> None:
        await _play(interaction).answer(interaction, self.game_id, self.round_index, self.index)


class AnswerModal(ArchiveModal, title="Your answer"):
    answer: discord.ui.TextInput[AnswerModal] = discord.ui.TextInput(
        label="Answer", placeholder="Type the name or year", max_length=100, custom_id="answer"
    )

    def __init__(self, game_id: int, round_index: int) -> None:
        super().__init__(timeout=None)
        self.game_id, self.round_index = game_id, round_index

    async def on_submit(self, interaction: discord.Interaction[Any]) -> None:
        await _play(interaction).answer(interaction, self.game_id, self.round_index, self.answer.value)


class AnswerButton(_RoundItem, template=r"sa:ta:(?P<game>\d+):(?P<round>\d+)"):
    """Open mode: opens the answer modal."""

    PREFIX, LABEL, EMOJI, STYLE = "sa:ta", "Answer", "✍️", discord.ButtonStyle.primary

    async def run(self, interaction: Interaction) -> None:
        _play(interaction).check_can_answer(self.game_id, self.round_index, interaction.user.id, interaction.guild_id)
        await interaction.response.send_modal(AnswerModal(self.game_id, self.round_index))


class QuestionView(discord.ui.View):
    """The open question's buttons: one per choice, or the Answer button in open mode."""

    def __init__(self, game_id: int, round_index: int, choices: tuple[str, ...], *, open_mode: bool) -> None:
        super().__init__(timeout=None)
        if open_mode:
            self.add_item(AnswerButton(game_id, round_index))
        else:
            for index, choice in enumerate(choices):
                self.add_item(ChoiceButton(game_id, round_index, index, choice))


class LearnMoreButton(_RoundItem, template=r"sa:tl:(?P<game>\d+):(?P<round>\d+)"):
    PREFIX, LABEL, EMOJI = "sa:tl", "Learn more", "📖"

    async def run(self, interaction: Interaction) -> None:
        await _play(interaction).learn_more(interaction, self.game_id, self.round_index)


class ReportModal(ArchiveModal, title="Report this question"):
    reason: discord.ui.TextInput[ReportModal] = discord.ui.TextInput(
        label="What's wrong with it?",
        style=discord.TextStyle.paragraph,
        min_length=3,
        max_length=300,
        placeholder="e.g. the year is wrong: the source says 2009",
        custom_id="reason",
    )

    def __init__(self, game_id: int, round_index: int) -> None:
        super().__init__(timeout=600)
        self.game_id, self.round_index = game_id, round_index

    async def on_submit(self, interaction: discord.Interaction[Any]) -> None:
        await _play(interaction).report(interaction, self.game_id, self.round_index, self.reason.value)


class ReportButton(_RoundItem, template=r"sa:tr:(?P<game>\d+):(?P<round>\d+)"):
    PREFIX, LABEL, EMOJI, STYLE = "sa:tr", "Report question", "🚩", discord.ButtonStyle.danger

    async def run(self, interaction: Interaction) -> None:
        await interaction.response.send_modal(ReportModal(self.game_id, self.round_index))


class RevealView(discord.ui.View):
    def __init__(self, game_id: int, round_index: int) -> None:
        super().__init__(timeout=None)
        self.add_item(LearnMoreButton(game_id, round_index))
        self.add_item(ReportButton(game_id, round_index))


class DailyChoice(LetteredChoice, template=r"sa:td:(?P<day>\d{8}):(?P<choice>\d)"):
    def __init__(self, day: dt.date, index: int, label: str) -> None:
        super().__init__(f"sa:td:{day:%Y%m%d}:{index}", index, label)
        self.day = day

    @classmethod
    def from_match(cls, match: re.Match[str], label: str) -> DailyChoice:
        return cls(_day(match["day"]), int(match["choice"]), label)

    async def run(self, interaction: Interaction) -> None:
        await _play(interaction).answer_daily(interaction, self.day, self.index)


class SuggestModal(ArchiveModal, title="Suggest a trivia question"):
    prompt: discord.ui.TextInput[SuggestModal] = discord.ui.TextInput(
        label="Question", style=discord.TextStyle.paragraph, min_length=10, max_length=300, custom_id="prompt"
    )
    answer: discord.ui.TextInput[SuggestModal] = discord.ui.TextInput(
        label="Correct answer", max_length=80, custom_id="answer"
    )
    wrong: discord.ui.TextInput[SuggestModal] = discord.ui.TextInput(
        label="Three wrong answers, one per line",
        style=discord.TextStyle.paragraph,
        max_length=260,
        placeholder="Plausible but certainly wrong",
        custom_id="wrong",
    )
    source: discord.ui.TextInput[SuggestModal] = discord.ui.TextInput(
        label="Source (a link or where you read it)", max_length=300, custom_id="source"
    )

    def __init__(self, typed: SuggestionText | None = None) -> None:
        super().__init__(timeout=900)
        if typed is not None:  # reopened to fix a refused suggestion: everything typed is still there
            self.prompt.default, self.answer.default = typed.prompt, typed.answer
            self.wrong.default, self.source.default = typed.wrong, typed.source

    def typed(self) -> SuggestionText:
        return SuggestionText(self.prompt.value, self.answer.value, self.wrong.value, self.source.value)

    async def on_submit(self, interaction: discord.Interaction[Any]) -> None:
        typed = self.typed()
        try:
            await _play(interaction).save_suggestion(interaction, typed.prompt, typed.answer, typed.wrong, typed.source)
        except UserError as error:
            if interaction.response.is_done():
                raise
            # The reason, and a button that reopens the form with what the member typed, so nothing is lost.
            await interaction.response.send_message(error.message, view=FixSuggestionView(typed), ephemeral=True)


@dataclass(frozen=True, slots=True)
class SuggestionText:
    """What a member typed into the suggestion form."""

    prompt: str
    answer: str
    wrong: str
    source: str


class FixSuggestionView(ArchiveView):
    """Under a refused suggestion: reopens the form filled in with what was typed."""

    def __init__(self, typed: SuggestionText) -> None:
        super().__init__(timeout=900)
        self.typed = typed

    @discord.ui.button(label="Fix my suggestion", emoji="✏️", style=discord.ButtonStyle.primary)
    async def fix(self, interaction: Interaction, _button: discord.ui.Button[FixSuggestionView]) -> None:
        await interaction.response.send_modal(SuggestModal(self.typed))


class ShareDailyButton(ArchiveItem, template=r"sa:ts:(?P<day>\d{8})"):
    def __init__(self, day: dt.date) -> None:
        super().__init__(
            discord.ui.Button(
                label="Share my result", emoji="📣", style=discord.ButtonStyle.primary, custom_id=f"sa:ts:{day:%Y%m%d}"
            )
        )
        self.day = day

    @classmethod
    def from_match(cls, match: re.Match[str], label: str) -> ShareDailyButton:
        return cls(_day(match["day"]))

    async def run(self, interaction: Interaction) -> None:
        await _play(interaction).share_daily(interaction, self.day)


def daily_view(day: dt.date, choices: tuple[str, ...]) -> discord.ui.View:
    """Today's question, one button per choice."""
    view = discord.ui.View(timeout=None)
    for index, choice in enumerate(choices):
        view.add_item(DailyChoice(day, index, choice))
    return view


def shared_daily_view(day: dt.date) -> discord.ui.View:
    """After answering: the button that shares the result without the answer."""
    view = discord.ui.View(timeout=None)
    view.add_item(ShareDailyButton(day))
    return view


DYNAMIC_ITEMS = (ChoiceButton, AnswerButton, LearnMoreButton, ReportButton, DailyChoice, ShareDailyButton)
