"""Questions members find broken, from one server's own answers: the easy ones they keep missing.

An easy question (as its author rated it) that most of a server's players get wrong is usually keyed
wrong, worded ambiguously, or out of date: ``/config review`` lists these beside the reported ones.
Only the server's own answers go in (:meth:`bot.storage.QuestionStats.server_tallies`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .difficulty import Tally
from .kinds import Difficulty

__all__ = ["MIN_SERVER_ANSWERS", "MISSED_SHARE", "MissedQuestion", "most_missed_easy"]

MIN_SERVER_ANSWERS = 5  # answers in this server before a question can be listed
MISSED_SHARE = 0.5  # listed when at least half of them were wrong


@dataclass(frozen=True, slots=True)
class MissedQuestion:
    question_id: str
    tally: Tally

    @property
    def missed_rate(self) -> float:
        return self.tally.missed / self.tally.answered if self.tally.answered else 0.0


def most_missed_easy(
    tallies: Mapping[str, Tally],
    difficulty_of: Callable[[str], str | None],
    *,
    limit: int = 10,
    min_answers: int = MIN_SERVER_ANSWERS,
    missed_share: float = MISSED_SHARE,
) -> list[MissedQuestion]:
    """Easy questions this server misses at least ``missed_share`` of the time, the most missed first.

    ``difficulty_of`` gives a question's authored difficulty (None: no longer askable, left out).
    """
    found = [
        MissedQuestion(question_id, tally)
        for question_id, tally in tallies.items()
        if tally.answered >= min_answers
        and tally.missed >= missed_share * tally.answered
        and difficulty_of(question_id) == Difficulty.easy
    ]
    found.sort(key=lambda item: (-item.missed_rate, -item.tally.answered, item.question_id))
    return found[:limit]
