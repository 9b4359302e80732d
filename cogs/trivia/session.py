"""One running game in one channel: asks, waits, reveals, and saves, until the game ends.

Waiting is a plain ``asyncio.sleep`` that is cancelled when everyone has answered, so time can be
simulated in tests and a round ends the moment it can.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

import discord

from bot.catalog import Catalog
from bot.shell.tasks import TaskSet
from bot.storage import AnswerRecord, TriviaStore
from bot.trivia.game import AnswerOutcome, Game, RoundClosed, RoundResult
from bot.trivia.questions import Mode

from .render import question_embed, reveal_embed, standings_embed
from .views import QuestionView, RevealView

__all__ = ["INTERMISSION", "GameSession"]

log = logging.getLogger(__name__)

INTERMISSION = 6.0  # seconds between a reveal and the next question


class GameSession:
    def __init__(
        self,
        *,
        game: Game,
        channel: discord.abc.Messageable,
        store: TriviaStore,
        catalog: Callable[[], Catalog],
        on_end: Callable[[GameSession], None],
        quizmaster_role_id: int | None = None,
    ) -> None:
        self.game = game
        self.channel = channel
        self.store = store
        self._catalog = catalog
        self._on_end = on_end
        self.message: discord.Message | None = None
        self.task: asyncio.Task[None] | None = None
        self._waiter: asyncio.Future[Any] | None = None
        self._deadline_at: dt.datetime | None = None
        self._hints: list[str] = []
        self._refreshing = False
        self._refresh_again = False
        self._background = TaskSet()  # re-renders started by clicks, kept until done
        self.status = "running"  # then finished | stopped | idle | interrupted
        self.quizmaster_role_id = quizmaster_role_id

    @property
    def open_mode(self) -> bool:
        return self.game.mode is Mode.OPEN

    def start(self) -> None:
        self.task = asyncio.create_task(self._run(), name=f"trivia-game-{self.game.game_id}")

    def now(self) -> float:
        return asyncio.get_running_loop().time()

    # -- the game loop ----------------------------------------------------------------------------

    async def _run(self) -> None:
        game = self.game
        try:
            while self.status == "running" and not game.finished:
                await self._play_round()
                if self.status != "running" or game.finished:
                    break
                if game.should_end_for_inactivity():
                    self.status = "idle"
                    break
                await self._sleep(INTERMISSION)
            if self.status == "running":
                self.status = "finished"
        except asyncio.CancelledError:
            self.status = "interrupted" if self.status == "running" else self.status
            raise
        except Exception:
            log.exception("trivia game %s failed", game.game_id)
            self.status = "stopped"
        finally:
            await asyncio.shield(self._finish())

    async def _play_round(self) -> None:
        game = self.game
        question = game.start_round(self.now())
        self._hints = []
        self._deadline_at = discord.utils.utcnow() + dt.timedelta(seconds=game.seconds)
        await self.store.record_round(
            game.game_id, game.round_index, question.id, question.category, discord.utils.utcnow()
        )
        view = QuestionView(game.game_id, game.round_index, question.choices, open_mode=self.open_mode)
        self.message = await self.channel.send(embed=self._question_embed(), view=view)
        await self.store.set_message(game.game_id, self.message.id)
        await self._wait_for_round_end()
        if game.is_open:  # not already closed by a skip or a stop
            await self._reveal(game.close_round(self.now()))

    async def _wait_for_round_end(self) -> None:
        game = self.game
        deadline = game.deadline
        assert deadline is not None
        checkpoints = [deadline - game.seconds * 2 / 3, deadline - game.seconds / 3] if self.open_mode else []
        for checkpoint in [*checkpoints, deadline]:
            remaining = checkpoint - self.now()
            if remaining > 0 and not await self._sleep(remaining):
                return  # woken early: everyone answered, or the round was skipped/stopped
            if not game.is_open:
                return
            level = game.hints_shown(self.now())
            if self.open_mode and level > len(self._hints):
                self._hints = [game.hint(n) for n in range(1, level + 1)]
                await self.refresh()

    async def _sleep(self, seconds: float) -> bool:
        """Sleep unless woken; True when the full time passed."""
        self._waiter = asyncio.ensure_future(asyncio.sleep(seconds))
        try:
            await self._waiter
            return True
        except asyncio.CancelledError:
            task = asyncio.current_task()
            if task is not None and task.cancelling():
                raise  # the game itself is being cancelled
            return False
        finally:
            self._waiter = None

    def wake(self) -> None:
        if self._waiter is not None and not self._waiter.done():
            self._waiter.cancel()

    async def _reveal(self, result: RoundResult) -> None:
        if self.message is None:
            return
        embed = reveal_embed(
            self._catalog(),
            result,
            round_number=result.round_index + 1,
            rounds=self.game.rounds_total,
            open_mode=self.open_mode,
        )
        with contextlib.suppress(discord.HTTPException):
            await self.message.edit(embed=embed, view=RevealView(self.game.game_id, result.round_index))

    async def _finish(self) -> None:
        game = self.game
        if game.is_open:  # stopped mid-question: answers already in keep their points
            await self._reveal(game.close_round(self.now()))
        game.stop()
        try:
            standings = await self.store.finish_game(game.game_id, self.status, discord.utils.utcnow())
            with contextlib.suppress(discord.HTTPException):
                await self.channel.send(
                    embed=standings_embed(standings, status=self.status, rounds_played=game.round_index + 1)
                )
        finally:
            self._on_end(self)

    # -- players ------------------------------------------------------------------------------------

    async def submit(self, player_id: int, round_index: int, choice: int | str) -> AnswerOutcome:
        """Judge, durably save, then count an answer to round ``round_index``.

        ``choice`` is a choice's index (a button) or typed text. Every refusal is a GameError
        subclass, raised here or by the game: this is the one place a click is checked.
        """
        question = self.game.current
        if round_index != self.game.round_index or question is None:
            raise RoundClosed("that question is closed")
        if isinstance(choice, int):
            if not 0 <= choice < len(question.choices):
                raise RoundClosed("that choice is not on this question")
            choice = question.choices[choice]
        outcome = self.game.answer(player_id, choice, self.now())
        try:
            await self._store_answer(question.id, question.category, choice, outcome)
        except BaseException:
            self.game.withdraw(outcome)  # not stored, so not counted: the player may try again
            raise
        # The first round always runs its full time: nobody knows yet who is playing.
        if self.game.round_index > 0 and self.game.everyone_answered():
            self.wake()
        else:
            self._background.spawn(self.refresh(), name=f"trivia-refresh-{self.game.game_id}")
        return outcome

    async def _store_answer(self, question_id: str, category: str, choice: str, outcome: AnswerOutcome) -> None:
        """Durably save an answer (returns once committed)."""
        await self.store.record_answer(
            AnswerRecord(
                guild_id=self.game.guild_id,
                channel_id=self.game.channel_id,
                game_id=self.game.game_id,
                round_index=outcome.round_index,
                member_id=outcome.player_id,
                question_id=question_id,
                category=category,
                choice=choice[:200],
                correct=outcome.credit >= 1.0,
                credit=outcome.credit,
                points=outcome.points,
                answer_ms=round(outcome.elapsed * 1000),
                answered_at=discord.utils.utcnow(),
            )
        )

    async def refresh(self) -> None:
        """Re-render the open question (answer count, hints); concurrent calls coalesce into one edit."""
        if self._refreshing:
            self._refresh_again = True
            return
        self._refreshing = True
        try:
            while True:
                self._refresh_again = False
                if self.message is None or not self.game.is_open:
                    return
                with contextlib.suppress(discord.HTTPException):
                    await self.message.edit(embed=self._question_embed())
                if not self._refresh_again:
                    return
        finally:
            self._refreshing = False

    def _question_embed(self) -> discord.Embed:
        question = self.game.current
        assert question is not None and self._deadline_at is not None
        return question_embed(
            question,
            round_number=self.game.round_index + 1,
            rounds=self.game.rounds_total,
            deadline=self._deadline_at,
            answered=self.game.answered_count(),
            open_mode=self.open_mode,
            hints=self._hints,
        )

    # -- moderation ---------------------------------------------------------------------------------

    async def skip(self) -> None:
        """Throw the current question out (no points for anyone on it) and move on."""
        if self.game.is_open:
            result = self.game.skip_round(self.now())
            self.wake()
            await self.store.void_round(self.game.game_id, result.round_index)
            await self._reveal(result)

    def stop(self) -> None:
        """End the game after the current step; the open round is revealed and standings posted."""
        self.status = "stopped"
        self.wake()
