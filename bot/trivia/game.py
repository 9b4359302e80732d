"""One channel's trivia game as a pure state machine: no asyncio, no discord, no clock.

The cog owns timing: it passes ``now`` (seconds, any monotonic origin) into every call, so tests can play
a whole game in microseconds and a restart can rebuild a game from stored answers. Answers are recorded as
they arrive; points, streaks and idle counts are settled when a round closes, so a skipped round gives
no credit to anyone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TypedDict

from bot.catalog.text import normalise

from .fairness import shared_elapsed
from .hints import hint, mask
from .matching import AnswerMatcher
from .questions import Mode, TriviaQuestion
from .scoring import ScoreRules, Verdict, score, verdict

__all__ = [
    "AlreadyAnswered",
    "AlreadyAnsweredError",
    "AnswerOutcome",
    "Game",
    "GameError",
    "GameIds",
    "NotPlaying",
    "NotPlayingError",
    "RoundClosed",
    "RoundClosedError",
    "RoundResult",
    "Standing",
    "mask",
]


class GameError(Exception):
    """A move the game's state does not allow; the cog turns these into short private replies."""


class AlreadyAnswered(GameError):  # noqa: N818 - the name the cog was promised
    """The player has already answered this round."""


class RoundClosed(GameError):  # noqa: N818 - the name the cog was promised
    """The round's time is up, or it was closed or skipped."""


class NotPlaying(GameError):  # noqa: N818 - the name the cog was promised
    """No round is running: the game has not started a round, has finished or was stopped."""


# The same classes under the names ruff's naming rule prefers; either spelling catches the same errors.
AlreadyAnsweredError = AlreadyAnswered
RoundClosedError = RoundClosed
NotPlayingError = NotPlaying


@dataclass(frozen=True, slots=True)
class AnswerOutcome:
    player_id: int
    choice: str
    credit: float
    points: int
    elapsed: float
    round_index: int

    @property
    def verdict(self) -> Verdict:
        return verdict(self.credit)

    @property
    def correct(self) -> bool:
        return self.verdict is Verdict.right


@dataclass(frozen=True, slots=True)
class RoundResult:
    round_index: int
    question: TriviaQuestion
    outcomes: tuple[AnswerOutcome, ...]
    skipped: bool = False

    @property
    def correct_players(self) -> tuple[int, ...]:
        """Players who got it fully right, fastest first."""
        return tuple(o.player_id for o in sorted(self.outcomes, key=lambda o: o.elapsed) if o.correct)

    def with_verdict(self, kind: Verdict) -> tuple[AnswerOutcome, ...]:
        """The answers of one verdict (right, close or wrong), most points first."""
        return tuple(sorted((o for o in self.outcomes if o.verdict is kind), key=lambda o: -o.points))


@dataclass(frozen=True, slots=True)
class Standing:
    player_id: int
    points: int
    correct: int
    answered: int
    rank: int


@dataclass(slots=True)
class _Player:
    points: int = 0
    correct: int = 0
    answered: int = 0
    streak: int = 0
    best_streak: int = 0


class GameIds(TypedDict):
    """Which game this is and where it plays: the keywords every game's constructor takes alike."""

    game_id: int
    guild_id: int
    channel_id: int
    host_id: int


class Game:
    """Rounds of questions in one channel, with per-player scores and streaks."""

    def __init__(
        self,
        *,
        game_id: int,
        guild_id: int,
        channel_id: int,
        host_id: int,
        questions: Sequence[TriviaQuestion],
        seconds: float,
        mode: Mode = Mode.CHOICE,
        rules: ScoreRules = ScoreRules(),  # noqa: B008 - frozen, so a shared default is safe
        matcher: AnswerMatcher | None = None,
        idle_limit: int = 2,
    ) -> None:
        if seconds <= 0:
            raise ValueError("a round needs a positive time limit")
        self.game_id = game_id
        self.guild_id = guild_id
        self.channel_id = channel_id
        self.host_id = host_id
        self.questions: tuple[TriviaQuestion, ...] = tuple(questions)
        self.seconds = float(seconds)
        self.mode = mode
        self.rules = rules
        self.matcher = matcher
        self.idle_limit = idle_limit
        self.round_index = -1
        self.results: list[RoundResult] = []
        self._open = False
        self._stopped = False
        self._started_at = 0.0
        self._deadline = 0.0
        self._answers: dict[int, AnswerOutcome] = {}
        self._judged_right: dict[int, float] = {}  # this round's right answers as judged: player -> seconds
        self._players: dict[int, _Player] = {}
        self._idle = 0

    # -- state -------------------------------------------------------------------------------------

    @property
    def current(self) -> TriviaQuestion | None:
        """The question of the current (or last) round; None before the first."""
        return self.questions[self.round_index] if 0 <= self.round_index < len(self.questions) else None

    @property
    def deadline(self) -> float | None:
        """When the open round stops taking answers; None when no round is open."""
        return self._deadline if self._open else None

    @property
    def is_open(self) -> bool:
        return self._open

    @property
    def finished(self) -> bool:
        last_done = self.round_index >= len(self.questions) - 1 and not self._open
        return self._stopped or last_done

    @property
    def stopped(self) -> bool:
        return self._stopped

    @property
    def rounds_total(self) -> int:
        return len(self.questions)

    def players(self) -> set[int]:
        """Everyone who has answered in any round, this one included."""
        return set(self._players) | set(self._answers)

    @property
    def idle_rounds(self) -> int:
        """Rounds in a row that closed with nobody answering (a skip breaks the run)."""
        return self._idle

    def should_end_for_inactivity(self) -> bool:
        return self.idle_limit > 0 and self._idle >= self.idle_limit

    # -- rounds ------------------------------------------------------------------------------------

    def start_round(self, now: float) -> TriviaQuestion:
        """Open the next round; its deadline is ``now`` plus the game's seconds."""
        if self.finished:
            raise NotPlaying("the game is over")
        if self._open:
            raise GameError("the current round is still open")
        self.round_index += 1
        self._answers = {}
        self._judged_right = {}
        self._open = True
        self._started_at = now
        self._deadline = now + self.seconds
        question = self.current
        assert question is not None
        return question

    def answer(self, player_id: int, choice: str, now: float) -> AnswerOutcome:
        """Judge and record one player's answer; points count once the round closes."""
        return self.record(self.judge(player_id, choice, now))

    def record(self, outcome: AnswerOutcome) -> AnswerOutcome:
        """Count an answer ``judge`` produced (once it is safely stored): it shows in the reveal and scores."""
        if self._stopped or not self._open or outcome.round_index != self.round_index:
            raise RoundClosed("that round is closed")
        if outcome.player_id in self._answers:
            raise AlreadyAnswered("you have already answered this round")
        self._answers[outcome.player_id] = outcome
        return outcome

    def judge(self, player_id: int, choice: str, now: float) -> AnswerOutcome:
        """What an answer would score, without counting it: the caller stores it, then ``record``s it."""
        if self._stopped or self.round_index < 0:
            raise NotPlaying("no round is running")
        if not self._open or now > self._deadline:
            raise RoundClosed("time is up for this round")
        if player_id in self._answers:
            raise AlreadyAnswered("you have already answered this round")
        question = self.current
        assert question is not None
        credit = self._judge(question, choice)
        elapsed = min(max(now - self._started_at, 0.0), self.seconds)
        points = self._points(player_id, credit, elapsed, now)
        if credit >= 1.0:  # judged right, maybe not yet recorded: a near-simultaneous answer shares its bonus
            self._judged_right.setdefault(player_id, elapsed)
        return AnswerOutcome(player_id, choice, credit, points, elapsed, self.round_index)

    def _points(self, player_id: int, credit: float, elapsed: float, now: float) -> int:
        """Points for an answer as it arrives (a game mode may score its own way: ``bot.trivia.modes``)."""
        earlier = [at for who, at in self._judged_right.items() if who != player_id] if credit >= 1.0 else []
        return score(
            credit=credit,
            elapsed=shared_elapsed(elapsed, earlier),  # near-ties share the speed bonus (bot.trivia.fairness)
            limit=self.seconds,
            streak_before=self.streak(player_id),
            hints_shown=self.hints_shown(now),
            rules=self.rules,
        )

    def hint_offsets(self) -> tuple[float, ...]:
        """Seconds into a round at which the next hint (or clue) shows: open mode at a third and two thirds."""
        return (self.seconds / 3, self.seconds * 2 / 3) if self.mode is Mode.OPEN else ()

    def _judge(self, question: TriviaQuestion, choice: str) -> float:
        if self.mode is Mode.OPEN:
            if self.matcher is not None:
                return self.matcher.judge(question, choice)
            wanted = {normalise(question.answer), *(normalise(alias) for alias in question.accepted)}
            return 1.0 if normalise(choice) in wanted else 0.0
        return 1.0 if normalise(choice) == normalise(question.answer) else 0.0

    def answered_count(self) -> int:
        return len(self._answers)

    def answered_by(self) -> set[int]:
        """Players who have answered the current round."""
        return set(self._answers)

    def everyone_answered(self) -> bool:
        """True once every known player has answered this round, so the cog can close it early."""
        if not self._answers:
            return False
        return set(self._players) <= set(self._answers)

    def hints_shown(self, now: float) -> int:
        """Open mode: one hint after a third of the round, two after two thirds; choice mode has none."""
        if self.round_index < 0:
            return 0
        into = now - self._started_at
        return sum(1 for offset in self.hint_offsets() if into >= offset - 1e-9)

    def hint(self, level: int) -> str:
        """Level 1: the brand or the era; level 2: the answer with every other letter masked."""
        question = self.current
        if question is None:
            raise NotPlaying("no round is running")
        return hint(question, level, self.matcher)

    def close_round(self, now: float) -> RoundResult:
        """Close the open round and settle it: points, streaks, and the idle count."""
        if not self._open:
            raise RoundClosed("no round is open")
        return self._settle(skipped=False)

    def skip_round(self, now: float) -> RoundResult:
        """Close the open round with no credit for anyone; streaks are left as they were, the idle run ends."""
        if not self._open:
            raise RoundClosed("no round is open")
        return self._settle(skipped=True)

    def _settle(self, *, skipped: bool) -> RoundResult:
        question = self.current
        assert question is not None
        self._open = False
        outcomes = tuple(self._answers.values())
        if skipped:
            outcomes = tuple(replace(o, credit=0.0, points=0) for o in outcomes)
        else:
            for outcome in outcomes:
                player = self._players.setdefault(outcome.player_id, _Player())
                player.points += outcome.points
                player.answered += 1
                if outcome.correct:
                    player.correct += 1
                    player.streak += 1
                    player.best_streak = max(player.best_streak, player.streak)
                else:
                    player.streak = 0
            for player_id, player in self._players.items():
                if player_id not in self._answers:
                    player.streak = 0  # sitting a round out ends a streak
        for outcome in outcomes:
            self._players.setdefault(outcome.player_id, _Player())
        # A skip is someone (the host) at the table, so it ends an idle run rather than extending it.
        self._idle = 0 if outcomes or skipped else self._idle + 1
        result = RoundResult(self.round_index, question, outcomes, skipped)
        self.results.append(result)
        return result

    def stop(self) -> None:
        """End the game now; an open round is dropped without credit."""
        self._open = False
        self._stopped = True

    # -- scores ------------------------------------------------------------------------------------

    def standings(self) -> list[Standing]:
        """Players by points; equal points share a rank (1, 1, 3)."""
        ordered = sorted(self._players.items(), key=lambda item: (-item[1].points, -item[1].correct, item[0]))
        out: list[Standing] = []
        for position, (player_id, player) in enumerate(ordered):
            rank = out[-1].rank if out and out[-1].points == player.points else position + 1
            out.append(Standing(player_id, player.points, player.correct, player.answered, rank))
        return out

    def streak(self, player_id: int) -> int:
        player = self._players.get(player_id)
        return player.streak if player else 0

    def best_streak(self, player_id: int) -> int:
        player = self._players.get(player_id)
        return player.best_streak if player else 0
