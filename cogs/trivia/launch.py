"""Starting a game without a slash command (a scheduled game): the same choices /trivia start makes.

``/trivia start`` keeps its own code path (it answers an interaction); this one posts its own intro.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import discord

from bot.errors import UserError
from bot.shell.client import SoleArchive
from bot.trivia.modes import MODE_NAMES, GameMode
from bot.trivia.questions import Mode

from ..shared.text import plural
from .games import TriviaGames
from .modes import SPECIAL_MODES, build_mode_game
from .new_game import record_game
from .session import GameSession

__all__ = ["launch_game"]


async def launch_game(
    bot: SoleArchive,
    games: TriviaGames,
    *,
    channel: discord.abc.Messageable,
    guild_id: int,
    channel_id: int,
    host_id: int,
    rounds: int | None,
    category: str | None,
    mode: str,
    intro: str,
    seconds: int | None = None,
    session_type: Callable[..., GameSession] = GameSession,
) -> GameSession:
    """Pick the questions, record the game, post ``intro`` (+ the game's size) and start it."""
    config = await bot.guild_settings.get(guild_id)
    if not config.game_allowed(channel_id):
        raise UserError("Trivia games can't run in that channel any more (see `/config trivia channels`).")
    count = rounds or config.trivia_rounds
    seconds = seconds or config.trivia_seconds
    if mode in SPECIAL_MODES:  # Guess the shoe, Timeline order, Closest year
        built = await build_mode_game(
            bot,
            games,
            mode=GameMode(mode),
            guild_id=guild_id,
            channel_id=channel_id,
            host_id=host_id,
            rounds=count,
            seconds=seconds,
        )
        await _announce(
            bot,
            channel,
            built.game.game_id,
            f"{intro} **{MODE_NAMES[GameMode(mode)]}**, **{plural(built.count, 'round')}**, {seconds}s each.",
        )
        return games.begin(
            built.game, channel, quizmaster_role_id=config.quizmaster_role_id, session_type=built.session_type
        )
    bank = games.bank()
    extra = [question.to_trivia() for question in await bot.custom_questions.approved(guild_id)]
    excluded = await bot.trivia_store.held_questions(guild_id) | await bot.trivia_reports.retired(guild_id)
    play_mode = Mode(mode) if mode in {m.value for m in Mode} else Mode.CHOICE
    questions = bank.pick(
        count=count,
        rng=random.Random(),  # noqa: S311 - picking quiz questions, not security
        category=category,
        difficulty=config.trivia_difficulty,
        mode=play_mode,
        exclude=excluded,
        extra=extra,
        categories=config.trivia_categories,
    )
    if not questions:
        raise UserError("No questions match this schedule's category any more.")
    game = await record_game(
        bot.trivia_store,
        guild_id=guild_id,
        channel_id=channel_id,
        host_id=host_id,
        questions=questions,
        seconds=seconds,
        mode=play_mode,
        category=category,
        difficulty=config.trivia_difficulty,
        matcher=bank.matcher,
    )
    how = "Type your answers with the **Answer** button" if play_mode is Mode.OPEN else "Click your answer"
    await _announce(
        bot,
        channel,
        game.game_id,
        f"{intro} **{plural(len(questions), 'question')}**, {seconds}s each"
        f"{f', {category}' if category else ''}. {how}.",
    )
    return games.begin(game, channel, quizmaster_role_id=config.quizmaster_role_id, session_type=session_type)


async def _announce(bot: SoleArchive, channel: discord.abc.Messageable, game_id: int, text: str) -> None:
    """Post the intro; when the channel refuses it, end the recorded game so the channel is free again."""
    try:
        await channel.send(text, allowed_mentions=discord.AllowedMentions.none())
    except discord.HTTPException as error:
        await bot.trivia_store.finish_game(game_id, "stopped", discord.utils.utcnow())
        raise UserError(f"I can't post in that channel ({error.text or error.status}).") from None
