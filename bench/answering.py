"""What the trivia benchmarks share: the games they open and the click they time.

``bench/trivia_load.py`` and ``bench/backends.py`` time the same click (judge the answer, record it
durably) on the same kind of game; both build them here so their figures stay comparable.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import random

from bot.storage import AnswerRecord, TriviaStore
from bot.trivia.bank import QuestionBank
from bot.trivia.game import Game
from bot.trivia.matching import AnswerMatcher

NOW = dt.datetime(2026, 11, 26, tzinfo=dt.UTC)


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def game_row(store: TriviaStore, *, guild_id: int = 1, channel_id: int, rounds: int) -> int:
    """A stored multiple-choice game of 20 s rounds, started at NOW: the id its answers are recorded under."""
    return await store.create_game(
        guild_id=guild_id,
        channel_id=channel_id,
        host_id=1,
        mode="choice",
        category=None,
        difficulty=None,
        rounds=rounds,
        seconds=20,
        started_at=NOW,
    )


async def open_games(
    store: TriviaStore, bank: QuestionBank, matcher: AnswerMatcher, games: int, *, offset: int = 0
) -> list[Game]:
    """``games`` stored one-question games (50 servers, one channel each), their question open from now."""
    loop = asyncio.get_running_loop()
    opened = []
    for n in range(games):
        guild, channel = offset + n % 50, offset + n
        game_id = await game_row(store, guild_id=guild, channel_id=channel, rounds=1)
        game = Game(
            game_id=game_id,
            guild_id=guild,
            channel_id=channel,
            host_id=1,
            questions=bank.pick(count=1, rng=random.Random(n)),
            seconds=20.0,
            matcher=matcher,
        )
        game.start_round(loop.time())
        opened.append(game)
    return opened


async def answer_click(store: TriviaStore, game: Game, player: int) -> None:
    """What the answer button's callback waits for before it acknowledges the click: judge, then record."""
    question = game.current
    assert question is not None
    outcome = game.answer(player, question.choices[player % len(question.choices)], asyncio.get_running_loop().time())
    await store.record_answer(
        AnswerRecord(
            game.guild_id,
            game.channel_id,
            game.game_id,
            outcome.round_index,
            player,
            question.id,
            question.category,
            outcome.choice,
            outcome.credit >= 1,
            outcome.credit,
            outcome.points,
            round(outcome.elapsed * 1000),
            NOW,
        )
    )
