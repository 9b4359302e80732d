"""The question bank: hand-written plus generated questions, fair picks, and a stable question of the day."""

from __future__ import annotations

import dataclasses
import datetime
import random
from collections import Counter
from pathlib import Path

import pytest

from bot.catalog import Catalog, Confidence, Ref, load_catalog, normalise
from bot.catalog.models import Dispute
from bot.trivia.bank import QuestionBank
from bot.trivia.questions import Mode, TriviaQuestion

FIXTURE_DATA = Path(__file__).parent.parent / "fixtures" / "catalog"
VOMERO = Ref("silhouette", "nike-zoom-vomero-5")


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="module")
def bank(shipped: Catalog) -> QuestionBank:
    return QuestionBank(shipped)


def assert_unambiguous(question: TriviaQuestion) -> None:
    normalised = [normalise(choice) for choice in question.choices]
    assert len(set(normalised)) == len(normalised), question.id
    assert normalised.count(normalise(question.answer)) == 1, question.id
    if question.is_true_false:
        assert question.answer in ("True", "False")
    elif not question.id.startswith("gen:came-first:"):
        assert len(question.choices) == 4, question.id


def test_the_bank_holds_hand_written_and_generated_questions(bank: QuestionBank, shipped: Catalog) -> None:
    kinds = Counter(q.source_kind for q in bank)
    assert kinds["handwritten"] > 100 and kinds["generated"] > 100
    assert len(bank) == sum(kinds.values())
    assert set(bank.categories()) <= {"brands", "designers", "tech", "collabs", "eras", "revival"}
    assert bank.categories()[0] == "brands"
    some = next(iter(shipped.questions))
    found = bank.get(f"hand:{some}")
    assert found is not None and found.source_kind == "handwritten"
    assert bank.get("hand:nope") is None


def test_many_seeds_never_repeat_overload_a_subject_or_ask_ambiguously(bank: QuestionBank) -> None:
    mixed = 0
    for seed in range(300):
        picked = bank.pick(count=12, rng=random.Random(seed))
        assert len(picked) == 12
        assert len({q.id for q in picked}) == 12
        subjects = Counter(q.about[0] for q in picked if q.about)
        assert max(subjects.values()) <= 2
        facts = [(q.about[0], normalise(q.prompt if q.is_true_false else q.answer)) for q in picked]
        assert len(set(facts)) == len(facts)
        for question in picked:
            assert_unambiguous(question)
            assert not (question.source_kind == "generated" and VOMERO in question.about and question.year)
        kinds = Counter(q.source_kind for q in picked)
        mixed += kinds["handwritten"] >= 4 and kinds["generated"] >= 4
    assert mixed == 300


def test_picks_are_reproducible_from_the_rng(bank: QuestionBank) -> None:
    assert bank.pick(count=10, rng=random.Random(7)) == bank.pick(count=10, rng=random.Random(7))
    assert bank.pick(count=10, rng=random.Random(7)) != bank.pick(count=10, rng=random.Random(8))


def test_filters_and_exclusions(bank: QuestionBank) -> None:
    for category in bank.categories():
        picked = bank.pick(count=8, rng=random.Random(1), category=category)
        assert picked and all(q.category == category for q in picked)
    hard = bank.pick(count=8, rng=random.Random(1), difficulty="hard")
    assert hard and all(q.difficulty == "hard" for q in hard)
    first = bank.pick(count=10, rng=random.Random(2))
    again = bank.pick(count=10, rng=random.Random(2), exclude=[q.id for q in first])
    assert not {q.id for q in first} & {q.id for q in again}
    assert bank.pick(count=5, rng=random.Random(1), category="no-such-category") == []


def test_open_mode_only_picks_questions_that_can_be_typed(bank: QuestionBank) -> None:
    for seed in range(50):
        for question in bank.pick(count=10, rng=random.Random(seed), mode=Mode.OPEN):
            assert question.playable_open()
            assert not question.is_true_false and not question.needs_choices
            assert question.year is not None or question.answer_ref is not None


def test_a_narrow_filter_returns_fewer(shipped: Catalog) -> None:
    small = QuestionBank(load_catalog(FIXTURE_DATA))
    picked = small.pick(count=50, rng=random.Random(0))
    assert 0 < len(picked) < 50
    assert len(picked) <= len(small)


def test_daily_is_stable_for_a_server_and_day(bank: QuestionBank) -> None:
    day = datetime.date(2024, 11, 27)
    first = bank.daily(1, day)
    assert first is not None and bank.daily(1, day) == first
    days = {bank.daily(1, day + datetime.timedelta(days=n)) for n in range(30)}
    guilds = {bank.daily(g, day) for g in range(30)}
    assert len(days) > 20 and len(guilds) > 20
    assert bank.daily(1, day, exclude=[first.id]) != first
    assert bank.daily(1, day, exclude=[q.id for q in bank]) is None


def test_hand_written_questions_keep_their_text_and_become_typeable_when_possible(bank: QuestionBank) -> None:
    question = bank.get("hand:q-gk14-designer")
    assert question is not None
    assert question.answer == "Hidenori Yamashita" and question.answer_ref == Ref("person", "hidenori-yamashita")
    assert question.playable_open()
    assert_unambiguous(question)
    year = next(q for q in bank if q.source_kind == "handwritten" and q.year is not None)
    assert year.answer == str(year.year)
    true_false = next(q for q in bank if q.source_kind == "handwritten" and q.is_true_false)
    assert not true_false.playable_open()


def test_weak_or_disputed_hand_written_questions_are_skipped() -> None:
    catalog = load_catalog(FIXTURE_DATA)
    original = catalog.questions["q-gk14-designer"]
    for weak in (
        dataclasses.replace(original, confidence={"*": Confidence.MEDIUM}),
        dataclasses.replace(
            original, disputes={"answer": (Dispute(value="Toshikazu Kayano", sources=("gqjp-2020-gk14",)),)}
        ),
    ):
        changed = dataclasses.replace(catalog, questions={**catalog.questions, original.id: weak})
        assert QuestionBank(changed).get("hand:q-gk14-designer") is None
    assert QuestionBank(catalog).get("hand:q-gk14-designer") is not None


def test_extra_questions_join_the_bank() -> None:
    catalog = load_catalog(FIXTURE_DATA)
    pack = TriviaQuestion(
        id="pack:test:1",
        prompt="Which is a pack question?",
        answer="This one",
        choices=("This one", "Not this", "Nor this", "Nor that"),
        category="eras",
        difficulty="easy",
        explanation="It came from a server pack.",
        sources=(),
        source_kind="pack",
    )
    bank = QuestionBank(catalog, extra=[pack])
    assert bank.get(pack.id) == pack
    assert len(bank) == len(QuestionBank(catalog)) + 1
