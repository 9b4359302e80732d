"""Buttons and modals of trivia. Every button is a DynamicItem: after a restart it still answers."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import discord

from bot.errors import UserError
from bot.shell.errors import report_error, send_ephemeral
from bot.trivia.game import AlreadyAnsweredError, GameError, RoundClosedError

from ..shared.text import clip, quote_user
from .render import LETTERS

if TYPE_CHECKING:
    from .cog import Trivia
    from .session import GameSession

__all__ = [
    "AnswerButton",
    "AnswerModal",
    "ChoiceButton",
    "DailyChoice",
    "LearnMoreButton",
    "QuestionView",
    "ReportButton",
    "RevealView",
    "ShareDailyButton",
    "SuggestModal",
]


def _cog(interaction: discord.Interaction) -> Trivia:
    cog = interaction.client.get_cog("Trivia")  # type: ignore[attr-defined]
    if cog is None:
        raise UserError("Trivia is not available right now.")
    return cog  # type: ignore[no-any-return]


class _ArchiveItem(discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"sa:never:(?P<x>.)"):
    """Routes any failure of a button to the one error handler."""

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            await self.run(interaction)
        except Exception as error:  # noqa: BLE001 - every failure goes to the one handler
            await report_error(interaction, error)

    async def run(self, interaction: discord.Interaction) -> None:  # pragma: no cover - every button overrides it
        """What the click does; each concrete button defines it."""
        raise NotImplementedError(f"{type(self).__name__} must define run()")


class _RoundItem(_ArchiveItem, template=r"sa:never-round:(?P<game>\d+):(?P<round>\d+)"):
    """A button about one round of one game: its custom id is ``<prefix>:<game>:<round>``."""

    PREFIX = "sa:never-round"
    LABEL, EMOJI, STYLE = "", "", discord.ButtonStyle.secondary

    def __init__(self, game_id: int, round_index: int) -> None:
        super().__init__(
            discord.ui.Button(
                label=self.LABEL, emoji=self.EMOJI, style=self.STYLE, custom_id=f"{self.PREFIX}:{game_id}:{round_index}"
            )
        )
        self.game_id, self.round_index = game_id, round_index

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> Any:
        return cls(int(match["game"]), int(match["round"]))


async def _submit(interaction: discord.Interaction, game_id: int, round_index: int, choice: str) -> None:
    cog = _cog(interaction)
    session = cog.session_for_game(game_id)
    if session is None:
        raise UserError("This game is over. Start a new one with `/trivia start`.")
    if session.game.round_index != round_index or not session.game.is_open:
        raise UserError("Too late: that question is closed.")
    try:
        outcome = await session.submit(interaction.user.id, choice)
    except AlreadyAnsweredError:
        raise UserError("You already answered this one. Answers can't be changed.") from None
    except RoundClosedError:
        raise UserError("Too late: that question is closed.") from None
    except GameError as error:
        raise UserError(str(error) or "That answer can't be taken right now.") from None
    await send_ephemeral(
        interaction,
        f"Locked in: {quote_user(outcome.choice)} after {outcome.elapsed:.1f}s. You'll see how you did at the reveal.",
    )


class ChoiceButton(_ArchiveItem, template=r"sa:tq:(?P<game>\d+):(?P<round>\d+):(?P<choice>\d)"):
    def __init__(self, game_id: int, round_index: int, index: int, label: str) -> None:
        super().__init__(
            discord.ui.Button(
                label=clip(label, 80),
                emoji=LETTERS[index],
                style=discord.ButtonStyle.secondary,
                custom_id=f"sa:tq:{game_id}:{round_index}:{index}",
            )
        )
        self.game_id, self.round_index, self.index = game_id, round_index, index

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> ChoiceButton:
        label = getattr(item, "label", None) or ""
        return cls(int(match["game"]), int(match["round"]), int(match["choice"]), label)

    async def run(self, interaction: discord.Interaction) -> None:
        session = _cog(interaction).session_for_game(self.game_id)
        question = session.game.current if session else None
        if question is None or session is None or session.game.round_index != self.round_index:
            raise UserError("Too late: that question is closed." if session else "This game is over.")
        await _submit(interaction, self.game_id, self.round_index, question.choices[self.index])


class AnswerModal(discord.ui.Modal, title="Your answer"):
    answer: discord.ui.TextInput[AnswerModal] = discord.ui.TextInput(
        label="Answer", placeholder="Type the name or year", max_length=100, custom_id="answer"
    )

    def __init__(self, game_id: int, round_index: int) -> None:
        super().__init__(timeout=None)
        self.game_id, self.round_index = game_id, round_index

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await _submit(interaction, self.game_id, self.round_index, self.answer.value)

    async def on_error(self, interaction: discord.Interaction, error: Exception, /) -> None:  # type: ignore[override]
        await report_error(interaction, error)


class AnswerButton(_RoundItem, template=r"sa:ta:(?P<game>\d+):(?P<round>\d+)"):
    """Open mode: opens the answer modal."""

    PREFIX, LABEL, EMOJI, STYLE = "sa:ta", "Answer", "✍️", discord.ButtonStyle.primary

    async def run(self, interaction: discord.Interaction) -> None:
        session = _cog(interaction).session_for_game(self.game_id)
        if session is None:
            raise UserError("This game is over. Start a new one with `/trivia start`.")
        if session.game.round_index != self.round_index or not session.game.is_open:
            raise UserError("Too late: that question is closed.")
        if interaction.user.id in session.game.answered_by():
            raise UserError("You already answered this one. Answers can't be changed.")
        await interaction.response.send_modal(AnswerModal(self.game_id, self.round_index))


class QuestionView(discord.ui.View):
    def __init__(self, session: GameSession) -> None:
        super().__init__(timeout=None)
        game = session.game
        question = game.current
        assert question is not None
        if session.open_mode:
            self.add_item(AnswerButton(game.game_id, game.round_index))
        else:
            for index, choice in enumerate(question.choices):
                self.add_item(ChoiceButton(game.game_id, game.round_index, index, choice))


class LearnMoreButton(_RoundItem, template=r"sa:tl:(?P<game>\d+):(?P<round>\d+)"):
    PREFIX, LABEL, EMOJI = "sa:tl", "Learn more", "📖"

    async def run(self, interaction: discord.Interaction) -> None:
        await _cog(interaction).learn_more(interaction, self.game_id, self.round_index)


class ReportModal(discord.ui.Modal, title="Report this question"):
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

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await _cog(interaction).report(interaction, self.game_id, self.round_index, self.reason.value)

    async def on_error(self, interaction: discord.Interaction, error: Exception, /) -> None:  # type: ignore[override]
        await report_error(interaction, error)


class ReportButton(_RoundItem, template=r"sa:tr:(?P<game>\d+):(?P<round>\d+)"):
    PREFIX, LABEL, EMOJI, STYLE = "sa:tr", "Report question", "🚩", discord.ButtonStyle.danger

    async def run(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(ReportModal(self.game_id, self.round_index))


class RevealView(discord.ui.View):
    def __init__(self, game_id: int, round_index: int) -> None:
        super().__init__(timeout=None)
        self.add_item(LearnMoreButton(game_id, round_index))
        self.add_item(ReportButton(game_id, round_index))


class DailyChoice(_ArchiveItem, template=r"sa:td:(?P<day>\d{8}):(?P<choice>\d)"):
    def __init__(self, day: str, index: int, label: str) -> None:
        super().__init__(
            discord.ui.Button(
                label=clip(label, 80),
                emoji=LETTERS[index],
                style=discord.ButtonStyle.secondary,
                custom_id=f"sa:td:{day}:{index}",
            )
        )
        self.day, self.index = day, index

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> DailyChoice:
        return cls(match["day"], int(match["choice"]), getattr(item, "label", None) or "")

    async def run(self, interaction: discord.Interaction) -> None:
        await _cog(interaction).answer_daily(interaction, self.day, self.index)


class SuggestModal(discord.ui.Modal, title="Suggest a trivia question"):
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

    def __init__(self, cog: Trivia) -> None:
        super().__init__(timeout=900)
        self.cog = cog

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await self.cog.save_suggestion(
            interaction, self.prompt.value, self.answer.value, self.wrong.value, self.source.value
        )

    async def on_error(self, interaction: discord.Interaction, error: Exception, /) -> None:  # type: ignore[override]
        await report_error(interaction, error)


class ShareDailyButton(_ArchiveItem, template=r"sa:ts:(?P<day>\d{8})"):
    def __init__(self, day: str) -> None:
        super().__init__(
            discord.ui.Button(
                label="Share my result", emoji="📣", style=discord.ButtonStyle.primary, custom_id=f"sa:ts:{day}"
            )
        )
        self.day = day

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> ShareDailyButton:
        return cls(match["day"])

    async def run(self, interaction: discord.Interaction) -> None:
        await _cog(interaction).share_daily(interaction, self.day)
