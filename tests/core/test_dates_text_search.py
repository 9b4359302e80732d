"""Dates with precision, name normalisation and the name index."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.catalog import Catalog, NameIndex, Precision, Ref, compact, normalise, parse_date
from bot.catalog.dates import DateError, parse_month_day


@pytest.mark.parametrize(
    ("raw", "precision", "text", "exact"),
    [
        ("2008", Precision.YEAR, "2008", True),
        ("2020-10", Precision.MONTH, "October 2020", True),
        ("2020-11-27", Precision.DAY, "27 November 2020", True),
        ("2018-21", Precision.SEASON, "spring 2018", False),
        ("2010~", Precision.YEAR, "c. 2010", False),
        ("2022?", Precision.YEAR, "2022?", False),
        ("2006/2007", Precision.YEAR, "2006–2007", False),
    ],
)
def test_dates_keep_their_precision(raw: str, precision: Precision, text: str, exact: bool) -> None:
    date = parse_date(raw)
    assert date.precision is precision
    assert date.render() == text
    assert date.exact is exact


def test_a_year_sorts_before_any_day_of_that_year() -> None:
    assert parse_date("2008").sort_key < parse_date("2008-03-01").sort_key < parse_date("2009").sort_key


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("2008-13", "month 13"),
        ("2021-02-29", "does not exist"),
        ("1066", "implausible"),
        ("3000", "implausible"),
        ("late 2008", "not a supported date"),
        ("2008/2006", "must run forwards"),
    ],
)
def test_bad_dates_say_why(raw: str, fragment: str) -> None:
    with pytest.raises(DateError, match=fragment):
        parse_date(raw)


def test_month_day_parsing() -> None:
    assert parse_month_day("Feb 29") == (2, 29)
    with pytest.raises(DateError):
        parse_month_day("30 February")


def test_normalise_treats_separators_accents_and_marks_alike() -> None:
    assert normalise("GEL-KAYANO™ 14") == normalise("gel kayano 14") == "gel kayano 14"
    assert compact("Gel Kayano 14") == compact("gelkayano14")
    assert normalise("Aimé Leon Dore") == "aime leon dore"
    assert normalise("ＮＢ　２００２Ｒ") == "nb 2002r"


@pytest.fixture
def index() -> NameIndex:
    return NameIndex(
        [
            (Ref("silhouette", "asics-gel-kayano-14"), "ASICS GEL-KAYANO 14", ["GEL-KAYANO 14", "K14"], 5.0),
            (Ref("silhouette", "asics-gel-kayano-5"), "ASICS GEL-KAYANO 5", ["GEL-KAYANO 5"], 1.0),
            (Ref("silhouette", "nb-2002r"), "New Balance 2002R", ["2002R"], 3.0),
            (Ref("silhouette", "nike-zoom-vomero-5"), "Nike Zoom Vomero 5", ["Zoom Vomero 5", "Vomero five"], 2.0),
        ]
    )


def test_exact_alias(index: NameIndex) -> None:
    assert index.exact("k-14") == [Ref("silhouette", "asics-gel-kayano-14")]
    assert index.exact("nothing") == []


def test_complete_prefers_prefix_hits_by_weight(index: NameIndex) -> None:
    labels = [match.label for match in index.complete("kay")]
    assert labels[:2] == ["ASICS GEL-KAYANO 14", "ASICS GEL-KAYANO 5"]
    assert next(m.label for m in index.complete("vomero")) == "Nike Zoom Vomero 5"


def test_complete_tolerates_typos(index: NameIndex) -> None:
    assert index.complete("vomreo 5")[0].label == "Nike Zoom Vomero 5"


def test_complete_with_nothing_typed_shows_the_heaviest_first(index: NameIndex) -> None:
    assert index.complete("")[0].label == "ASICS GEL-KAYANO 14"


def test_complete_is_capped_and_survives_huge_input(index: NameIndex) -> None:
    assert len(index.complete("a", limit=2)) <= 2
    assert index.complete("x" * 10_000) == []


def test_suggest_finds_near_misses(index: NameIndex) -> None:
    assert index.suggest("kayano 41")[0].label.startswith("ASICS GEL-KAYANO")
    assert index.suggest("") == []


def test_month_day_reads_slashes_either_way_and_relative_days() -> None:
    assert parse_month_day("27/11") == parse_month_day("11/27") == (11, 27)
    assert parse_month_day("4/4") == (4, 4)
    assert parse_month_day("tomorrow", today=dt.date(2026, 12, 31)) == (1, 1)
    assert parse_month_day("today", today=dt.date(2024, 2, 29)) == (2, 29)
    with pytest.raises(DateError, match="5 June or 6 May"):
        parse_month_day("5/6")
    with pytest.raises(DateError, match="no day 31"):
        parse_month_day("31/4")


def test_a_near_miss_is_taken_only_when_one_name_is_clearly_meant(catalog: Catalog) -> None:
    index = catalog.shoe_index
    clear = index.clear_best("gel kayno 14")
    assert clear is not None and clear.ref.id == "asics-gel-kayano-14"
    assert index.clear_best("kayano") is None  # several Kayanos fit equally well
    assert index.clear_best("gel kayano 13") is None  # a number names a different shoe, not a typo
    assert index.clear_best("zzzz qqqq") is None
