"""Trivia: questions from the catalog, a question bank, answer matching, scoring and a pure game state machine.

The core never imports discord; the cog drives a :class:`Game` with times passed in as plain floats.
"""

from .bank import QuestionBank
from .game import AlreadyAnswered, AnswerOutcome, Game, GameError, NotPlaying, RoundClosed, RoundResult, Standing
from .generator import generate
from .matching import AnswerMatcher
from .questions import Mode, TriviaQuestion
from .scoring import ScoreRules, describe_rules, score

__all__ = [
    "AlreadyAnswered",
    "AnswerMatcher",
    "AnswerOutcome",
    "Game",
    "GameError",
    "Mode",
    "NotPlaying",
    "QuestionBank",
    "RoundClosed",
    "RoundResult",
    "ScoreRules",
    "Standing",
    "TriviaQuestion",
    "describe_rules",
    "generate",
    "score",
]
