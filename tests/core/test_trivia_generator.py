"""Generated trivia: deterministic, unambiguous, and only ever from solid (high, undisputed, cited) facts."""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

import pytest

from bot.catalog import Catalog, Confidence, Entry, Ref, load_catalog, normalise
from bot.catalog.models import Dispute
from bot.trivia.generator import TEMPLATES, generate, solid
from bot.trivia.questions import TriviaQuestion

FIXTURE_DATA = Path(__file__).parent.parent / "fixtures" / "catalog"


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="module")
def questions(shipped: Catalog) -> list[TriviaQuestion]:
    return generate(shipped)


def template(question: TriviaQuestion) -> str:
    return question.id.split(":")[1]


def fields_used(catalog: Catalog, question: TriviaQuestion) -> list[tuple[Entry, str]]:
    """The (entry, field) pairs a generated question states as true, read back from its id and refs."""
    kind, ids = template(question), question.id.split(":")[2:]
    if kind == "truefalse":
        assert question.rests_on, question.id
        return [(catalog.get(field_ref.ref), field_ref.field) for field_ref in question.rests_on]
    shoe = catalog.silhouettes.get(ids[0])
    if kind in ("debut-year", "designer", "brand-of", "technology"):
        assert shoe is not None
        field = {"debut-year": "first_release", "brand-of": "brand", "technology": "technologies"}.get(
            kind, "designers"
        )
        return [(shoe, field)]
    if kind == "came-first":
        return [(catalog.silhouettes[i], "first_release") for i in ids]
    if kind == "named-after":
        return [(catalog.lines[ids[0]], "named_after")]
    if kind == "collab-partner":
        collab = catalog.get(question.about[1])
        return [(collab, "partner"), (collab, "silhouette")]
    if kind == "not-collab":
        assert shoe is not None
        true = [c for c in catalog.collaborations_of(shoe.ref) if catalog.name_of(c.partner) in question.choices]
        assert len({c.partner for c in true}) == 3
        # A partner may have several collaborations on the shoe; the claim rests on its best-supported one.
        best: dict[Ref, Entry] = {}
        for collab in sorted(true, key=lambda c: -catalog.support(c, "partner").independent):
            best.setdefault(collab.partner, collab)
        return [(collab, "partner") for collab in best.values()]
    if kind in ("brand-year", "brand-place"):
        return [(catalog.brands[ids[0]], "founded" if kind == "brand-year" else "founded_place")]
    if kind == "tech-year":
        return [(catalog.technologies[ids[0]], "introduced")]
    raise AssertionError(f"unknown template {kind}")


def test_generation_is_deterministic(shipped: Catalog, questions: list[TriviaQuestion]) -> None:
    assert generate(shipped) == questions
    assert generate(load_catalog()) == questions  # a fresh load: same ids, distractors and choice order
    fixture = load_catalog(FIXTURE_DATA)
    assert generate(fixture) == generate(load_catalog(FIXTURE_DATA))


@pytest.mark.parametrize(
    "name",
    list(TEMPLATES),
)
def test_every_template_yields_questions_on_the_shipped_data(questions: list[TriviaQuestion], name: str) -> None:
    counts = Counter(template(q) for q in questions)
    assert counts[name] > 0, counts
    assert len({q.id for q in questions}) == len(questions)


def test_choices_are_distinct_and_exactly_one_is_the_answer(questions: list[TriviaQuestion]) -> None:
    for question in questions:
        expected = 2 if template(question) in ("came-first", "truefalse") else 4
        assert len(question.choices) == expected, question.id
        normalised = [normalise(choice) for choice in question.choices]
        assert len(set(normalised)) == len(normalised), question.id
        assert normalised.count(normalise(question.answer)) == 1, question.id
        assert question.choices[question.answer_index] == question.answer
        assert question.source_kind == "generated"
        assert question.category in ("brands", "designers", "tech", "collabs", "eras", "revival")
        assert question.difficulty in ("easy", "medium", "hard")
        assert question.sources and question.about and question.explanation


def test_choice_order_is_seeded_not_always_first(questions: list[TriviaQuestion]) -> None:
    positions = Counter(q.answer_index for q in questions if len(q.choices) == 4)
    assert len(positions) == 4 and min(positions.values()) > len(questions) / 10


def test_no_question_rests_on_a_disputed_weak_or_article_only_field(
    shipped: Catalog, questions: list[TriviaQuestion]
) -> None:
    for question in questions:
        for entry, field in fields_used(shipped, question):
            assert entry.confidence_of(field) is Confidence.HIGH, (question.id, field)
            assert not entry.is_disputed(field), (question.id, field)
            tiers = {shipped.sources[s].tier for s in entry.sources_for(field)}
            assert tiers - {"low", "article"}, (question.id, field)
            assert shipped.support(entry, field).independent >= 2, (question.id, field)
            value = getattr(entry, field)
            if hasattr(value, "exact"):
                assert value.exact, (question.id, field)


def test_the_vomero_5_debut_year_is_never_asked(shipped: Catalog, questions: list[TriviaQuestion]) -> None:
    vomero = Ref("silhouette", "nike-zoom-vomero-5")
    assert shipped.silhouettes[vomero.id].is_disputed("first_release")  # the premise, from data/
    for question in questions:
        if template(question) in ("debut-year", "came-first"):
            assert vomero not in question.about, question.id
        if vomero in question.about:
            assert question.year is None
    fixture = load_catalog(FIXTURE_DATA)
    assert not [q for q in generate(fixture) if vomero in q.about and template(q) in ("debut-year", "came-first")]


def test_year_distractors_are_real_distinct_and_never_a_disputed_value(
    shipped: Catalog, questions: list[TriviaQuestion]
) -> None:
    latest = max(shipped.years())
    for question in questions:
        if question.year is None:
            continue
        years = [int(choice) for choice in question.choices]
        assert len(set(years)) == 4 and str(question.year) == question.answer
        assert all(1850 <= year <= latest for year in years)
        for entry, field in fields_used(shipped, question):
            disputed = {d.value.year for d in entry.disputes.get(field, ()) if hasattr(d.value, "year")}
            assert not disputed & set(years), question.id


def test_distractors_are_never_another_true_value(shipped: Catalog, questions: list[TriviaQuestion]) -> None:
    for question in questions:
        kind = template(question)
        wrong = {normalise(c) for c in question.choices} - {normalise(question.answer)}
        if kind == "designer":
            shoe = shipped.silhouettes[question.about[0].id]
            assert not wrong & {normalise(shipped.people[p].name) for p in shoe.designers}, question.id
        elif kind == "collab-partner":
            partners = {normalise(shipped.name_of(c.partner)) for c in shipped.collaborations_of(question.about[0])}
            assert not wrong & partners, question.id
        elif kind == "not-collab":
            partners = {normalise(shipped.name_of(c.partner)) for c in shipped.collaborations_of(question.about[0])}
            assert normalise(question.answer) not in partners and wrong <= partners, question.id
        elif kind == "technology":
            shoe = shipped.silhouettes[question.about[0].id]
            assert not wrong & {normalise(shipped.technologies[t].name) for t in shoe.technologies}, question.id
        elif kind == "brand-of":
            shoe = shipped.silhouettes[question.about[0].id]
            assert normalise(question.answer) == normalise(shipped.brands[shoe.brand].name)


def test_which_came_first_needs_at_least_two_years_between(shipped: Catalog, questions: list[TriviaQuestion]) -> None:
    pairs = [q for q in questions if template(q) == "came-first"]
    assert pairs
    for question in pairs:
        first, second = (shipped.silhouettes[ref.id] for ref in question.about)
        assert first.first_release and second.first_release
        assert second.first_release.year - first.first_release.year >= 2
        assert question.answer_ref == first.ref


def test_multi_answer_questions_are_choice_only(questions: list[TriviaQuestion]) -> None:
    for question in questions:
        if "of these" in question.prompt:
            assert question.needs_choices and not question.playable_open()


def test_the_gate_rejects_medium_disputed_low_and_article_only_fields() -> None:
    catalog = load_catalog(FIXTURE_DATA)
    shoe = catalog.silhouettes["asics-gel-kayano-14"]
    assert solid(catalog, shoe, "first_release")
    cases = [
        dataclasses.replace(shoe, confidence={"first_release": Confidence.MEDIUM}),
        dataclasses.replace(shoe, confidence={"*": Confidence.LOW}),
        dataclasses.replace(shoe, disputes={"first_release": (Dispute(value="2009", sources=("generated-page",)),)}),
        dataclasses.replace(shoe, cite={"first_release": ("generated-page",)}),
        dataclasses.replace(shoe, cite={"first_release": ("founding-article", "generated-page")}),
    ]
    for weak in cases:
        assert not solid(catalog, weak, "first_release")
        changed = dataclasses.replace(catalog, silhouettes={**catalog.silhouettes, shoe.id: weak})
        ids = {q.id for q in generate(changed)}
        assert "gen:debut-year:asics-gel-kayano-14" not in ids
        assert not any(i.startswith("gen:came-first:") and "asics-gel-kayano-14" in i for i in ids)


def test_a_question_is_skipped_rather_than_asked_with_fewer_than_three_distractors() -> None:
    catalog = load_catalog(FIXTURE_DATA)
    ids = {q.id for q in generate(catalog)}
    # Only two brands make shoes and only two other designers exist in the fixture: not enough distractors.
    assert not any(i.startswith(("gen:brand-of:", "gen:designer:")) for i in ids)
    assert "gen:debut-year:asics-gel-kayano-14" in ids


def test_true_false_is_balanced_and_the_explanation_gives_the_true_value(
    shipped: Catalog, questions: list[TriviaQuestion]
) -> None:
    statements = [q for q in questions if template(q) == "truefalse"]
    answers = Counter(q.answer for q in statements)
    assert len(statements) >= 20
    assert 0.4 <= answers["True"] / len(statements) <= 0.6, answers
    for question in statements:
        assert question.choices == ("True", "False") and question.rests_on, question.id
        [field_ref] = question.rests_on
        value = getattr(shipped.get(field_ref.ref), field_ref.field)
        true_value = str(value.year) if hasattr(value, "year") else shipped.people[value[0]].name
        assert question.explanation.startswith(f"{question.answer}:"), question.id
        assert true_value in question.explanation, question.id
        if question.answer == "False":
            assert true_value not in question.prompt, question.id  # a near miss, never the true value


def test_a_single_publisher_field_is_never_asked() -> None:
    catalog = load_catalog(FIXTURE_DATA)
    shoe = catalog.silhouettes["asics-gel-kayano-14"]
    assert catalog.support(shoe, "first_release").independent == 2
    ids = {q.id for q in generate(catalog)}
    assert "gen:debut-year:asics-gel-kayano-14" in ids
    one = dataclasses.replace(shoe, cite={"first_release": ("gqjp-2020-gk14",)})
    changed = dataclasses.replace(catalog, silhouettes={**catalog.silhouettes, shoe.id: one})
    assert not changed.is_quizzable(one, "first_release")
    assert "only one independent publisher" in (changed.quizzable_reason(one, "first_release") or "")
    assert not [q for q in generate(changed) if Ref("silhouette", shoe.id) in q.about and q.year]
