"""One game's draw: one question per subject, no template + brand twice in a row, no reveal that answers a
later question, and a server's unseen questions before any it has seen."""

from __future__ import annotations

import itertools
import random

import pytest

from bot.catalog import Catalog, Ref, load_catalog
from bot.trivia.bank import QuestionBank
from bot.trivia.questions import TriviaQuestion
from bot.trivia.selection import conflict, select_game_questions


def make(
    qid: str,
    subject: str,
    *,
    answer: str = "",
    explanation: str = "Something new to learn about it.",
    brand: str | None = None,
    kind: str = "generated",
    extra_about: tuple[Ref, ...] = (),
) -> TriviaQuestion:
    answer = answer or f"answer {qid}"
    return TriviaQuestion(
        id=qid,
        prompt=f"Question {qid}?",
        answer=answer,
        choices=(answer, "w1", "w2", "w3"),
        category="eras",
        difficulty="medium",
        explanation=explanation,
        sources=("s",),
        about=(Ref("silhouette", subject), *extra_about),
        source_kind=kind,
        brand=brand,
    )


def assert_follows_the_rules(picked: list[TriviaQuestion]) -> None:
    for position, question in enumerate(picked):
        assert conflict(picked[:position], question) is None, (position, question.id)


def test_two_questions_about_one_subject_never_meet() -> None:
    pool = [make("gen:brand-of:xt-6", "xt-6"), make("hand:xt6-team", "xt-6", kind="handwritten")]
    for seed in range(20):
        assert len(select_game_questions(pool, 2, random.Random(seed))) == 1
    gel = Ref("technology", "asics-gel")
    shared = [make("a", "gel-korika", extra_about=(gel,)), make("b", "gel-lyte", extra_about=(gel,))]
    assert len(select_game_questions(shared, 2, random.Random(0))) == 1
    asics = Ref("brand", "asics")  # a brand alone is not a shared subject
    brands = [make("a", "gel-korika", extra_about=(asics,)), make("b", "gel-lyte", extra_about=(asics,))]
    assert len(select_game_questions(brands, 2, random.Random(0))) == 2


def test_no_template_and_brand_twice_in_a_row() -> None:
    xt6 = make("gen:brand-of:xt-6", "xt-6", brand="salomon")
    xt4 = make("gen:brand-of:xt-4", "xt-4", brand="salomon")
    assert conflict([xt6], xt4) is not None and conflict([xt6], xt4).rule == "template-brand"  # type: ignore[union-attr]
    assert len(select_game_questions([xt6, xt4], 2, random.Random(0))) == 1
    other = make("gen:debut-year:cortez", "cortez", brand="nike")
    for seed in range(20):
        picked = select_game_questions([xt6, xt4, other], 3, random.Random(seed))
        assert_follows_the_rules(picked)
        if len(picked) == 3:
            assert picked[1] is other


def test_no_reveal_answers_a_later_question() -> None:
    bunny = make(
        "hand:boston-day",
        "response-cl-boston",
        explanation="The pair dropped in store only at Concepts Boston on Bad Bunny Day.",
        kind="handwritten",
    )
    store = make("gen:store", "concepts", answer="Concepts Boston")
    for seed in range(30):
        picked = select_game_questions([bunny, store], 2, random.Random(seed))
        assert_follows_the_rules(picked)
        if len(picked) == 2:
            assert picked[0] is store  # asked first, the reveal afterwards spoils nothing
    assert conflict([bunny], store) is not None and conflict([bunny], store).rule == "reveal"  # type: ignore[union-attr]


def test_unseen_questions_come_first_then_the_longest_unseen() -> None:
    pool = [make(f"q{n}", f"shoe-{n}") for n in range(10)]
    seen = ["q3", "q1", "q7", "q0", "q9", "q5"]  # oldest first
    for seed in range(20):
        fresh = select_game_questions(pool, 4, random.Random(seed), seen=seen)
        assert {q.id for q in fresh} == {"q2", "q4", "q6", "q8"}
        wrapped = select_game_questions(pool, 6, random.Random(seed), seen=seen)
        assert {q.id for q in wrapped[:4]} | {q.id for q in wrapped} >= {"q2", "q4", "q6", "q8"}
        assert [q.id for q in wrapped if q.id in seen] == ["q3", "q1"]


def test_the_draw_is_reproducible_from_the_rng() -> None:
    pool = [make(f"q{n}", f"shoe-{n}", kind="handwritten" if n % 2 else "generated") for n in range(30)]
    assert select_game_questions(pool, 8, random.Random(5)) == select_game_questions(pool, 8, random.Random(5))
    kinds = [q.source_kind for q in select_game_questions(pool, 8, random.Random(5))]
    assert all(a != b for a, b in itertools.pairwise(kinds))  # hand-written and generated alternate


@pytest.fixture(scope="module")
def shipped_bank() -> QuestionBank:
    return QuestionBank(load_catalog())


def test_shipped_games_follow_every_rule(shipped_bank: QuestionBank) -> None:
    for seed in range(200):
        picked = shipped_bank.pick(count=12, rng=random.Random(seed))
        assert len(picked) == 12
        assert_follows_the_rules(picked)


def test_a_server_sees_no_repeat_until_the_pool_is_used_up(shipped_bank: QuestionBank) -> None:
    """Games in a row with the server's history: a question comes back only when no unseen one fits."""
    rng = random.Random(11)
    seen: list[str] = []
    pool = list(shipped_bank)
    first_repeat = None
    for _ in range(len(pool)):
        game = shipped_bank.pick(count=10, rng=rng, seen=seen)
        assert len(game) == 10
        for position, question in enumerate(game):
            if question.id in seen:
                first_repeat = len(seen) if first_repeat is None else first_repeat
                taken = {q.id for q in game} | set(seen)
                fits = [q for q in pool if q.id not in taken and conflict(game[:position], q) is None]
                assert fits == [], (question.id, [q.id for q in fits][:5])
        seen.extend(q.id for q in game if q.id not in seen)
        if len(set(seen)) == len(pool):
            break
    assert len(set(seen)) == len(pool)  # every eligible question was asked once
    assert first_repeat is not None and first_repeat >= 0.9 * len(pool)


def test_catalog_fixture_games_still_run(catalog: Catalog) -> None:
    picked = QuestionBank(catalog).pick(count=10, rng=random.Random(0))
    assert len(picked) >= 5
    assert_follows_the_rules(picked)
