"""The shipped archive in data/: loads through the real loader, is big enough, sourced and quiz-safe.

Like Red-DiscordBot's test of its trivia lists, a failure names the exact file and problem.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from bot.catalog import Catalog, CatalogError, Confidence, Ref, load_catalog, normalise
from bot.catalog.loader import DEFAULT_DATA_DIR, discover

MINIMUMS = {
    "brands": 12,
    "silhouettes": 50,
    "releases": 120,
    "collaborations": 50,
    "questions": 120,
}
# Every shoe, brand and partner the founding article names must answer with a real profile.
ARTICLE_SUBJECTS = [
    "silhouette:asics-gel-kayano-14",
    "silhouette:nb-1906r",
    "silhouette:nb-2002r",
    "silhouette:nike-zoom-vomero-5",
    "silhouette:adidas-response-cl",
    "line:asics-gel-kayano",
    "brand:asics",
    "brand:new-balance",
    "brand:nike",
    "brand:adidas",
    "brand:salomon",
    "brand:hoka",
    "brand:jjjjound",
    "brand:awake-ny",
    "brand:aime-leon-dore",
    "brand:ganni",
    "person:kiko-kostadinov",
    "person:toshikazu-kayano",
    "technology:asics-gel",
]


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    try:
        return load_catalog(DEFAULT_DATA_DIR)
    except CatalogError as exc:  # pragma: no cover - the message is the point
        pytest.fail(f"data/ does not validate:\n{exc.report()}")


@pytest.mark.parametrize("path", discover(DEFAULT_DATA_DIR), ids=lambda p: p.name)
def test_each_file_is_part_of_a_valid_catalog(path: Path, shipped: Catalog) -> None:
    assert path.relative_to(DEFAULT_DATA_DIR.parent).as_posix() in shipped.files


@pytest.mark.parametrize(("section", "minimum"), MINIMUMS.items())
def test_minimum_sizes(shipped: Catalog, section: str, minimum: int) -> None:
    assert len(getattr(shipped, section)) >= minimum


def test_people_and_technologies(shipped: Catalog) -> None:
    assert len(shipped.people) + len(shipped.technologies) >= 30


def test_every_entry_names_a_source_that_exists(shipped: Catalog) -> None:
    tables = (
        shipped.brands,
        shipped.people,
        shipped.technologies,
        shipped.lines,
        shipped.silhouettes,
        shipped.releases,
        shipped.collaborations,
        shipped.events,
        shipped.facts,
        shipped.questions,
    )
    for table in tables:
        for entry in table.values():
            assert entry.sources, entry.id
            assert all(source in shipped.sources for source in entry.sources), entry.id


def test_sources_say_where_they_come_from(shipped: Catalog) -> None:
    for source in shipped.sources.values():
        if source.tier != "article":
            assert source.url and source.url.startswith(("http://", "https://")), source.id


def test_questions_answers_differ_from_distractors(shipped: Catalog) -> None:
    for question in shipped.questions.values():
        answer = normalise(question.answer)
        assert answer not in {normalise(d) for d in question.distractors}, question.id
        if question.type == "choice":
            assert len(set(map(normalise, question.distractors))) == 3, question.id


def test_no_two_questions_are_duplicates(shipped: Catalog) -> None:
    prompts = Counter(normalise(q.prompt) for q in shipped.questions.values())
    assert [prompt for prompt, count in prompts.items() if count > 1] == []


def test_questions_spread_over_categories_and_difficulties(shipped: Catalog) -> None:
    categories = Counter(q.category for q in shipped.questions.values())
    difficulties = Counter(q.difficulty for q in shipped.questions.values())
    assert set(categories) == {"brands", "designers", "tech", "collabs", "eras", "revival"}
    assert min(categories.values()) >= 10
    assert set(difficulties) == {"easy", "medium", "hard"}


def test_questions_rest_on_solid_sources(shipped: Catalog) -> None:
    """Trivia never asks about something only weak sources or the founding article support."""
    for question in shipped.questions.values():
        assert question.confidence_of() is Confidence.HIGH, question.id
        assert not question.disputes, question.id
        tiers = {shipped.sources[s].tier for s in question.sources}
        assert tiers - {"low", "article"}, question.id


def test_founding_article_subjects_are_covered(shipped: Catalog) -> None:
    for text in ARTICLE_SUBJECTS:
        kind, _, ident = text.partition(":")
        assert shipped.find(Ref(kind, ident)) is not None, text


def test_article_myths_are_not_repeated_as_facts(shipped: Catalog) -> None:
    relaunch = [r for r in shipped.releases_of("asics-gel-kayano-14") if r.kind in ("retro", "reissue")]
    assert relaunch, "the 2020 relaunch is recorded"
    first = relaunch[0]
    assert first.date is not None and first.date.year == 2020
    assert any(d.value.year == 2021 for d in first.disputes.get("date", ()))  # type: ignore[attr-defined]
    awake_on_k14 = [
        c
        for c in shipped.collaborations_of(Ref("silhouette", "asics-gel-kayano-14"))
        if c.partner == Ref("brand", "awake-ny")
    ]
    assert awake_on_k14 == []
    jjjjound = [c for c in shipped.collaborations_of(Ref("brand", "jjjjound")) if c.silhouette == "asics-gel-kayano-14"]
    assert jjjjound and jjjjound[0].date is None  # the year is not verified, so none is invented


def test_aliases_people_type_resolve(shipped: Catalog) -> None:
    for typed, expected in [
        ("K14", "asics-gel-kayano-14"),
        ("kayano 14", "asics-gel-kayano-14"),
        ("vomero five", "nike-zoom-vomero-5"),
        ("1906r", "nb-1906r"),
        ("XT6", "salomon-xt-6"),
    ]:
        assert shipped.shoe_index.exact(typed) == [Ref("silhouette", expected)], typed


# The corroboration rule of issue 11: every shipped question rests on two independent publishers.
def test_every_hand_written_question_is_quizzable(shipped: Catalog) -> None:
    thin = {qid: reason for qid, q in shipped.questions.items() if (reason := shipped.question_reason(q))}
    assert thin == {}


def test_audit_strict_passes_on_the_shipped_data(capsys: pytest.CaptureFixture[str]) -> None:
    from bot.cli import main

    assert main(["facts", "audit", "--strict"]) == 0, capsys.readouterr().out[-2000:]


def test_the_askable_bank_keeps_its_size_under_the_strict_rule(shipped: Catalog) -> None:
    """The bank the game draws from, after corroboration and the quality rules (measured 2026-12-01:
    144 hand-written of 200, 292 generated)."""
    from bot.trivia.bank import QuestionBank

    kinds = Counter(q.source_kind for q in QuestionBank(shipped))
    assert kinds["handwritten"] >= MINIMUMS["questions"]
    assert kinds["generated"] >= 200
