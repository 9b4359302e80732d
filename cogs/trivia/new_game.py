"""Record a new question game and build its state: the one way a plain game (not a special mode) begins."""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.storage import TriviaStore
from bot.trivia.game import Game
from bot.trivia.matching import AnswerMatcher
from bot.trivia.questions import Mode, TriviaQuestion
from bot.trivia.scoring import ScoreRules

__all__ = ["record_game"]


async def record_game(
    store: TriviaStore,
    *,
    guild_id: int,
    channel_id: int,
    host_id: int,
    questions: Sequence[TriviaQuestion],
    seconds: int,
    mode: Mode,
    category: str | None,
    difficulty: str | None,
    matcher: AnswerMatcher,
    rules: ScoreRules = ScoreRules(),  # noqa: B008 - frozen, so a shared default is safe
) -> Game:
    """Store the game's row (started now) and return the game, under the id the store gave it."""
    game_id = await store.create_game(
        guild_id=guild_id,
        channel_id=channel_id,
        host_id=host_id,
        mode=mode.value,
        category=category,
        difficulty=difficulty,
        rounds=len(questions),
        seconds=seconds,
        started_at=discord.utils.utcnow(),
    )
    return Game(
        game_id=game_id,
        guild_id=guild_id,
        channel_id=channel_id,
        host_id=host_id,
        questions=questions,
        seconds=float(seconds),
        mode=mode,
        rules=rules,
        matcher=matcher,
    )
