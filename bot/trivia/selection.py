"""Drawing one game's questions from an eligible pool: varied, never self-spoiling, unseen first.

:func:`select_game_questions` is pure: the pool, a count, a random generator and the ids the server has
already seen go in; the game's questions come out. The rules, in order of priority:

1. **Unseen first.** Questions whose id is not in ``seen`` are drawn before any seen one; a seen question
   comes back only once every eligible unseen one has been used (then the longest-unseen first, when
   ``seen`` is ordered oldest first, e.g. a list or dict built from the server's history).
2. **One question per subject.** No two questions share a subject: any entry they are about, except a
   brand (three Salomon XT-6 questions, or "which technology does X use" next to "when did ASICS
   introduce GEL", never meet in one game).
3. **No template + brand pair twice in a row** ("Which brand makes the XT-6?" then "…the XT-4?").
4. **No reveal answers a later question**: an earlier question's explanation or prompt never contains a
   later answer.
5. Hand-written (and server) questions alternate with generated ones while both last.

Fewer than ``count`` come back only when the rules leave fewer.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.catalog.models import Ref
from bot.catalog.text import normalise

from .questions import TRUE_FALSE, TriviaQuestion

__all__ = ["Rejection", "conflict", "select_game_questions", "subjects_of"]

_TF = {normalise(choice) for choice in TRUE_FALSE}


def subjects_of(question: TriviaQuestion) -> frozenset[Ref]:
    """The entries a question is about, brands left out (a brand is shared by too much to count)."""
    return frozenset(ref for ref in question.about if ref.kind != "brand")


def _reveals(earlier: TriviaQuestion, answer: str) -> bool:
    key = normalise(answer)
    if not key or key in _TF:
        return False
    text = f" {normalise(earlier.explanation)} {normalise(earlier.prompt)} "
    return f" {key} " in text


@dataclass(frozen=True, slots=True)
class Rejection:
    rule: str  # subject | template-brand | reveal
    message: str


def conflict(chosen: Sequence[TriviaQuestion], candidate: TriviaQuestion) -> Rejection | None:
    """Why ``candidate`` may not follow the questions already ``chosen`` for this game, or None."""
    subjects = subjects_of(candidate)
    for earlier in chosen:
        shared = subjects & subjects_of(earlier)
        if shared or (candidate.subject is not None and candidate.subject == earlier.subject):
            what = ", ".join(sorted(str(ref) for ref in shared)) or str(candidate.subject)
            return Rejection("subject", f"{earlier.id} is already about {what}")
        if _reveals(earlier, candidate.answer):
            return Rejection("reveal", f"{earlier.id} gives away the answer {candidate.answer!r}")
    if chosen:
        last = chosen[-1]
        if last.template == candidate.template and last.brand is not None and last.brand == candidate.brand:
            return Rejection("template-brand", f"{last.id} asked {candidate.template} of {candidate.brand} just before")
    return None


def _ordered(pool: Sequence[TriviaQuestion], rng: random.Random, seen: Sequence[str]) -> list[TriviaQuestion]:
    """Unseen questions (shuffled) first, then seen ones, the longest-unseen first."""
    rank = {question_id: position for position, question_id in enumerate(seen)}
    unseen = [q for q in pool if q.id not in rank]
    again = [q for q in pool if q.id in rank]
    rng.shuffle(unseen)
    rng.shuffle(again)  # ties (an unordered ``seen``) are broken at random
    again.sort(key=lambda q: rank[q.id])
    return unseen + again


def select_game_questions(
    pool: Sequence[TriviaQuestion],
    count: int,
    rng: random.Random,
    seen: Iterable[str] = (),
) -> list[TriviaQuestion]:
    """Up to ``count`` questions for one game, following the module's rules; reproducible from ``rng``.

    ``seen`` holds the ids the server has already been asked, ideally oldest first. Each step takes the
    first question that breaks no rule, preferring the least-seen tier, then the kind (hand-written or
    generated) whose turn it is.
    """
    seen_ids = list(dict.fromkeys(seen))
    seen_set = set(seen_ids)
    unique = list({q.id: q for q in pool}.values())
    ordered = _ordered(unique, rng, seen_ids)
    queues = [
        [q for q in ordered if q.source_kind != "generated"],
        [q for q in ordered if q.source_kind == "generated"],
    ]
    turn = rng.randrange(2)
    chosen: list[TriviaQuestion] = []
    used: set[str] = set()
    while len(chosen) < count:
        picked = _next(queues, turn, chosen, used, seen_set)
        if picked is None:
            break
        question, kind = picked
        chosen.append(question)
        used.add(question.id)
        turn = 1 - kind
    return chosen


def _next(
    queues: list[list[TriviaQuestion]],
    turn: int,
    chosen: Sequence[TriviaQuestion],
    used: set[str],
    seen: set[str],
) -> tuple[TriviaQuestion, int] | None:
    """The first allowed question, unseen before seen, this turn's kind before the other."""
    firsts: list[tuple[TriviaQuestion, int] | None] = []
    for kind in (turn, 1 - turn):
        found = next(
            (q for q in queues[kind] if q.id not in used and conflict(chosen, q) is None),
            None,
        )
        firsts.append((found, kind) if found is not None else None)
    options = [item for item in firsts if item is not None]
    if not options:
        return None
    unseen = [item for item in options if item[0].id not in seen]
    return (unseen or options)[0]
