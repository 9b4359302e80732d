"""Open-mode answer matching: typos and aliases pass, a different shoe does not, years score by closeness."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.catalog import Catalog, Ref, load_catalog
from bot.trivia.matching import AnswerMatcher, canonical, parse_number, year_credit
from bot.trivia.questions import TRUE_FALSE, TriviaQuestion

FIXTURE_DATA = Path(__file__).parent.parent / "fixtures" / "catalog"
GK14 = Ref("silhouette", "asics-gel-kayano-14")


@pytest.fixture(scope="module", params=["fixture", "shipped"])
def matcher(request: pytest.FixtureRequest) -> AnswerMatcher:
    catalog: Catalog = load_catalog(FIXTURE_DATA) if request.param == "fixture" else load_catalog()
    return AnswerMatcher(catalog)


def question(answer: str, *, ref: Ref | None = None, year: int | None = None, **kw: object) -> TriviaQuestion:
    return TriviaQuestion(
        id="test",
        prompt="?",
        answer=answer,
        choices=kw.pop("choices", ()),  # type: ignore[arg-type]
        category="eras",
        difficulty="easy",
        explanation="",
        sources=(),
        answer_ref=ref,
        year=year,
        accepted=kw.pop("accepted", ()),  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    "typed",
    ["GEL-KAYANO 14", "gel kayano 14", "Gel-Kayano™ 14", "K14", "gk14", "Kayano 14", "asics gel kayano 14",
     "Kayno 14", "gel kayanno 14", "kayano fourteen", "GEL KAYANO FOURTEEN", "ASICS K14"],
)  # fmt: skip
def test_spellings_typos_aliases_and_number_words_are_right(matcher: AnswerMatcher, typed: str) -> None:
    assert matcher.judge(question("GEL-KAYANO 14", ref=GK14), typed) == 1.0


@pytest.mark.parametrize(
    "typed",
    ["GEL-KAYANO 13", "GEL-KAYANO 5", "Kayano 5", "GEL KAYANO 41", "GEL-KAYANO", "Kayano", "Vomero 5", "", "14"],
)
def test_a_different_shoe_or_a_near_miss_is_wrong(matcher: AnswerMatcher, typed: str) -> None:
    assert matcher.judge(question("GEL-KAYANO 14", ref=GK14), typed) == 0.0


def test_a_typo_that_matches_another_entry_better_is_wrong(matcher: AnswerMatcher) -> None:
    vomero = question("Zoom Vomero 5", ref=Ref("silhouette", "nike-zoom-vomero-5"))
    assert matcher.judge(vomero, "vomero five") == 1.0
    assert matcher.judge(vomero, "Vomro 5") == 1.0
    assert matcher.judge(vomero, "vomero 6") == 0.0
    gk5 = question("GEL-KAYANO 5", ref=Ref("silhouette", "asics-gel-kayano-5"))
    assert matcher.judge(gk5, "Kayano 5") == 1.0
    assert matcher.judge(gk5, "Kayano 14") == 0.0


def test_people_by_name_typo_and_unique_surname(matcher: AnswerMatcher) -> None:
    yamashita = question("Hidenori Yamashita", ref=Ref("person", "hidenori-yamashita"))
    assert matcher.judge(yamashita, "hidenori yamashita") == 1.0
    assert matcher.judge(yamashita, "Hidenori Yamashta") == 1.0
    assert matcher.judge(yamashita, "Yamashita") == 1.0
    assert matcher.judge(yamashita, "Toshikazu Kayano") == 0.0
    assert matcher.judge(yamashita, "Kayano") == 0.0


def test_accepted_spellings_count_without_an_entry(matcher: AnswerMatcher) -> None:
    loose = question("A-COLD-WALL*", accepted=("ACW",))
    assert matcher.judge(loose, "a cold wall") == 1.0
    assert matcher.judge(loose, "acw") == 1.0
    assert matcher.judge(loose, "Nike") == 0.0


@pytest.mark.parametrize(
    ("typed", "credit"),
    [("2008", 1.0), ("two thousand eight", 1.0), ("'08", 1.0), ("in 2008!", 1.0), ("2009", 0.6), ("2007", 0.6),
     ("2010", 0.3), ("2005", 0.3), ("2004", 0.0), ("2012", 0.0), ("twenty ten", 0.3), ("nope", 0.0)],
)  # fmt: skip
def test_year_answers_score_by_closeness(matcher: AnswerMatcher, typed: str, credit: float) -> None:
    assert matcher.judge(question("2008", year=2008), typed) == credit


def test_spoken_years_before_2000(matcher: AnswerMatcher) -> None:
    founded = question("1977", year=1977)
    assert matcher.judge(founded, "nineteen seventy-seven") == 1.0
    assert matcher.judge(founded, "nineteen seventy eight") == 0.6
    assert matcher.judge(question("1906", year=1906), "nineteen oh six") == 1.0


def test_true_false_words(matcher: AnswerMatcher) -> None:
    true = question("True", choices=TRUE_FALSE)
    false = question("False", choices=TRUE_FALSE)
    for word in ("true", "T", "yes", "Y", "True!"):
        assert matcher.judge(true, word) == 1.0
        assert matcher.judge(false, word) == 0.0
    for word in ("false", "f", "no", "NO"):
        assert matcher.judge(false, word) == 1.0
        assert matcher.judge(true, word) == 0.0
    assert matcher.judge(true, "maybe") == 0.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Vomero five", "vomero 5"), ("fourteen", "14"), ("twenty two", "22"), ("ninety", "90"),
     ("three hundred", "300"), ("two thousand two", "2002"), ("nineteen eighty-seven", "1987"),
     ("twenty twenty", "2020"), ("GEL-LYTE III", "gel lyte 3"), ("Hoka One One", "hoka 1 1"),
     ("rock and roll", "rock and roll")],
)  # fmt: skip
def test_number_words_become_digits(text: str, expected: str) -> None:
    assert canonical(text) == expected


def test_parse_number_and_year_credit() -> None:
    assert parse_number("about two thousand and eight?") == 2008
    assert parse_number("no idea") is None
    assert [year_credit(g, 2000) for g in (2000, 2001, 1999, 2003, 1996)] == [1.0, 0.6, 0.6, 0.3, 0.0]


def test_resolve_finds_one_entry_by_name_or_alias(matcher: AnswerMatcher) -> None:
    assert matcher.resolve("K14") == GK14
    assert matcher.resolve("Kayano") is None  # ambiguous: the line and the person
    assert matcher.resolve("no such shoe") is None
