"""One running game in one channel: asks, waits, reveals, and saves, until the game ends.

Waiting is a plain ``asyncio.sleep`` that is cancelled when everyone has answered, so time can be
simulated in tests and a round ends the moment it can.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import sqlite3
from collections.abc import Awaitable, Callable
from typing import Any

import discord

from bot.catalog import Catalog
from bot.shell.tasks import TaskSet
from bot.storage import AnswerRecord, FinalStanding, TriviaStore
from bot.storage.writer import DatabaseGoneError
from bot.trivia.game import AlreadyAnswered, AnswerOutcome, Game, GameError, RoundClosed, RoundResult
from bot.trivia.questions import Mode, TriviaQuestion

from ..shared.text import clip
from .render import question_embed, reveal_embed, standings_embed
from .views import QuestionView, RevealView

__all__ = ["INTERMISSION", "FinishHook", "GameSession"]

log = logging.getLogger(__name__)

INTERMISSION = 6.0  # seconds between a reveal and the next question
END_RETRIES = (0.0, 5.0, 10.0)  # pauses before each try at recording a game's end (each try waits out a lock)

# Called with the final standings and their embed before it is posted (whether the game counts, teams…).
FinishHook = Callable[["GameSession", list[FinalStanding], discord.Embed], Awaitable[None]]


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
        on_finished: FinishHook | None = None,
    ) -> None:
        self.game = game
        self.on_finished = on_finished
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
        self._saving: dict[int, asyncio.Task[None]] = {}  # player id -> their answer being committed
        self.status = "running"  # then finished | stopped | idle | interrupted | maintenance
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
                posted = await self._play_round()
                if self.status != "running" or game.finished:
                    break
                if not posted:
                    continue  # a question Discord refused is skipped: straight on to the next one
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

    async def _play_round(self) -> bool:
        """Ask one question and wait for its end; False when Discord refused to post it (it is skipped)."""
        game = self.game
        question = game.start_round(self.now())
        self._hints = []
        self._deadline_at = discord.utils.utcnow() + dt.timedelta(seconds=game.seconds)
        await self.store.record_round(
            game.game_id, game.round_index, question.id, question.category, discord.utils.utcnow()
        )
        try:
            self.message = await self.channel.send(embed=self._question_embed(), view=self._question_view())
        except discord.HTTPException as error:
            if error.status != 400:  # not this question's fault (permissions, an outage): the game ends
                raise
            log.warning(
                "game %s: Discord refused question %d (%s, %s); skipping it",
                game.game_id,
                game.round_index + 1,
                question.id,
                error.text,
            )
            self.message = None
            game.skip_round(self.now())
            return False
        try:
            await self.store.set_message(game.game_id, self.message.id)
        except (sqlite3.Error, DatabaseGoneError) as error:  # after a crash, the question is found by its buttons
            log.warning(
                "game %s: could not save which message asks question %d: %s", game.game_id, game.round_index + 1, error
            )
        await self._wait_for_round_end()
        await self._saves_done()
        if game.is_open:  # not already closed by a skip or a stop
            await self._reveal(game.close_round(self.now()))
        return True

    async def _wait_for_round_end(self) -> None:
        game = self.game
        deadline = game.deadline
        assert deadline is not None
        checkpoints = [deadline - game.seconds + offset for offset in game.hint_offsets()]
        for checkpoint in [*checkpoints, deadline]:
            remaining = checkpoint - self.now()
            if remaining > 0 and not await self._sleep(remaining):
                return  # woken early: everyone answered, or the round was skipped/stopped
            if not game.is_open:
                return
            level = game.hints_shown(self.now())
            if level > len(self._hints):
                self._hints = [game.hint(n) for n in range(1, level + 1)]
                await self.refresh()

    async def _sleep(self, seconds: float) -> bool:
        """Sleep unless woken; True when the full time passed. A stopped game does not wait at all."""
        if self.status != "running":
            return False  # a stop that came while the question was being posted
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

    def _reveal_embed(self, result: RoundResult) -> discord.Embed:
        """The round's answer, as this game shows it (team games add their standings to it)."""
        return reveal_embed(
            self._catalog(),
            result,
            round_number=result.round_index + 1,
            rounds=self.game.rounds_total,
            open_mode=self.open_mode,
        )

    async def _reveal(self, result: RoundResult) -> None:
        if self.message is None:
            return
        embed = self._reveal_embed(result)
        view = RevealView(self.game.game_id, result.round_index)
        try:
            await self.message.edit(embed=embed, view=view)
        except discord.HTTPException as error:
            # Never leave live answer buttons behind: a short reveal, or at least no buttons.
            log.warning(
                "game %s: the reveal of question %d was refused (%s)",
                self.game.game_id,
                result.round_index + 1,
                error.text,
            )
            short = discord.Embed(
                title=f"Question {result.round_index + 1}/{self.game.rounds_total} · answer",
                description=clip(f"The answer: {result.question.answer}", 1000),
            )
            try:
                await self.message.edit(embed=short, view=view)
            except discord.HTTPException:
                with contextlib.suppress(discord.HTTPException):
                    await self.message.edit(view=None)

    async def _finish(self) -> None:
        game = self.game
        await self._saves_done()
        if game.is_open:  # stopped mid-question: answers already in keep their points
            await self._reveal(game.close_round(self.now()))
        game.stop()
        try:
            standings = await self._record_end()
            embed = standings_embed(standings, status=self.status, rounds_played=game.round_index + 1)
            if self.on_finished is not None:
                try:  # whether the game counts, team standings: never a reason to withhold the standings
                    await self.on_finished(self, standings, embed)
                except (sqlite3.Error, DatabaseGoneError) as error:
                    log.warning("game %s: recording whether it counts failed: %s", game.game_id, error)
            with contextlib.suppress(discord.HTTPException):
                await self.channel.send(embed=embed)
        finally:
            self._on_end(self)

    async def _record_end(self) -> list[FinalStanding]:
        """Close the game's row, retrying a locked or full database; else the standings as played.

        When every try fails the row stays ``running``: the next ``/trivia start`` in the channel (or the
        next start-up) closes it, so memory and the database never disagree for good.
        """
        status = "stopped" if self.status == "maintenance" else self.status
        for pause in END_RETRIES:
            if pause:
                await asyncio.sleep(pause)
            try:
                return await self.store.finish_game(self.game.game_id, status, discord.utils.utcnow())
            except DatabaseGoneError:
                break
            except sqlite3.Error as error:
                log.warning("recording the end of trivia game %s failed (%s); retrying", self.game.game_id, error)
        log.error(
            "could not record the end of trivia game %s; its row is closed at the next /trivia start in the "
            "channel or the next start-up",
            self.game.game_id,
        )
        return [
            FinalStanding(s.player_id, s.points, s.correct, s.answered, self.game.best_streak(s.player_id), s.rank)
            for s in self.game.standings()
        ]

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
                log.warning(
                    "game %s: %s sent choice %s of a %d-choice question",
                    self.game.game_id,
                    player_id,
                    choice,
                    len(question.choices),
                )
                raise GameError("That choice isn't on this question.")
            choice = question.choices[choice]
        if player_id in self._saving:
            raise AlreadyAnswered("your answer is still being saved")
        # Judge, commit, then count: an answer the database refused is in no reveal and no score, and
        # the player may answer again.
        outcome = self.game.judge(player_id, choice, self.now())
        saving = asyncio.ensure_future(self.store.record_answer(self._answer_record(outcome, question)))
        self._saving[player_id] = saving
        try:
            await asyncio.shield(saving)
        finally:
            del self._saving[player_id]
        self.game.record(outcome)
        # The first round always runs its full time: nobody knows yet who is playing.
        if self.game.round_index > 0 and self.game.everyone_answered():
            self.wake()
        else:
            self._background.spawn(self.refresh(), name=f"trivia-refresh-{self.game.game_id}")
        return outcome

    def is_saving(self, player_id: int) -> bool:
        """The player's answer to the open question is being committed right now."""
        return player_id in self._saving

    async def _saves_done(self) -> None:
        """Let answers judged before the deadline finish committing before the round is settled."""
        if self._saving:
            await asyncio.gather(*self._saving.values(), return_exceptions=True)

    def _answer_record(self, outcome: AnswerOutcome, question: TriviaQuestion) -> AnswerRecord:
        return AnswerRecord(
            guild_id=self.game.guild_id,
            channel_id=self.game.channel_id,
            game_id=self.game.game_id,
            round_index=outcome.round_index,
            member_id=outcome.player_id,
            question_id=question.id,
            category=question.category,
            choice=outcome.choice[:200],
            correct=outcome.credit >= 1.0,
            credit=outcome.credit,
            points=outcome.points,
            answer_ms=round(outcome.elapsed * 1000),
            answered_at=discord.utils.utcnow(),
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

    def _question_view(self) -> discord.ui.View:
        """The open question's buttons (a game mode may offer others: ``cogs.trivia.modes``)."""
        question = self.game.current
        assert question is not None
        return QuestionView(self.game.game_id, self.game.round_index, question.choices, open_mode=self.open_mode)

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

    def stop(self, status: str = "stopped") -> None:
        """End the game after the current step; the open round is revealed and standings posted.

        ``status``: "stopped" (by a moderator) or "maintenance" (the bot is shutting down).
        """
        self.status = status
        self.wake()
