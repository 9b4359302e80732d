"""A timeline lists each moment once: a drop recorded as a release and as a collaboration is one line."""

from __future__ import annotations

import re
from pathlib import Path

from bot.catalog import load_catalog
from bot.catalog.catalog import TimelineItem
from bot.catalog.dates import parse_date
from bot.catalog.models import Ref
from bot.catalog.moments import merge_same_moments
from bot.catalog.text import normalise

SHOE = Ref("silhouette", "nb-550")
OTHER_SHOE = Ref("silhouette", "nb-650")
LINE = Ref("line", "nike-air-max")
BRAND = Ref("brand", "new-balance")


def item(kind: str, ref: Ref, date: str, *subjects: Ref, title: str = "", detail: str | None = None) -> TimelineItem:
    return TimelineItem(parse_date(date), kind, title or ref.id, detail, ref, (ref, *subjects), (f"src-{ref.id}",))


def test_a_release_that_is_a_collaboration_is_one_line_with_both_sources() -> None:
    release = item(
        "release", Ref("release", "ald-550-2020"), "2020-10", SHOE, BRAND, title="ALD x NB 550", detail="First run."
    )
    collab = item(
        "collab",
        Ref("collab", "ald-550"),
        "2020-10",
        Ref("brand", "ald"),
        SHOE,
        BRAND,
        title="ALD x NB 550",
        detail="Revived.",
    )
    [merged] = merge_same_moments([release, collab])
    assert merged.ref == collab.ref  # the collaboration tells more
    assert merged.detail == "Revived. First run."
    assert set(merged.sources) == {"src-ald-550-2020", "src-ald-550"}
    assert Ref("release", "ald-550-2020") in merged.subjects and Ref("brand", "ald") in merged.subjects


def test_a_silhouette_introduced_by_a_collaboration_is_one_line() -> None:
    debut = item("debut", Ref("silhouette", "asics-gel-burz-1"), "2018-21", BRAND)
    collab = item("collab", Ref("collab", "kiko-burz"), "2018-21", Ref("silhouette", "asics-gel-burz-1"))
    assert [entry.ref for entry in merge_same_moments([debut, collab])] == [collab.ref]


def test_a_founding_and_the_event_that_records_it_are_one_line() -> None:
    founded = item("founded", Ref("brand", "asics"), "1977")
    event = item(
        "event", Ref("event", "asics-merger"), "1977", Ref("brand", "asics"), title="Three firms merged to form ASICS."
    )
    [merged] = merge_same_moments([founded, event])
    assert merged.kind == "event" and merged.title == "Three firms merged to form ASICS."


def test_an_event_recorded_against_a_line_absorbs_the_release_of_that_day() -> None:
    release = item("release", Ref("release", "am1-amd-2014"), "2014-03-26", Ref("silhouette", "am1"), LINE)
    event = item("event", Ref("event", "first-amd"), "2014-03-26", LINE, title="The first Air Max Day.")
    [merged] = merge_same_moments([release, event])
    assert merged.ref == release.ref and merged.detail == "The first Air Max Day."


def test_a_line_beginning_with_its_first_shoe_is_the_shoe_debut() -> None:
    line = item("debut", LINE, "1987", BRAND, title="Air Max line begins")
    shoe = item("debut", Ref("silhouette", "am1"), "1987", LINE, BRAND, title="Air Max 1 debuts")
    [merged] = merge_same_moments([line, shoe])
    assert merged.title == "Air Max 1 debuts"


def test_a_general_release_and_a_partner_pair_on_one_day_stay_two_lines() -> None:
    relaunch = item(
        "release", Ref("release", "gk14-relaunch"), "2020-11-27", SHOE, title="GEL-KAYANO 14 lifestyle relaunch"
    )
    kiko = item("collab", Ref("collab", "kiko-gk14"), "2020-11", SHOE, title="Kiko Kostadinov UB1-S GEL-KAYANO 14")
    assert len(merge_same_moments([relaunch, kiko])) == 2


def test_different_moments_stay_apart() -> None:
    two_collabs = [
        item("collab", Ref("collab", "a"), "2022-06-30", SHOE),
        item("collab", Ref("collab", "b"), "2022-06-30", SHOE),  # two partners, one shoe, one day: two drops
    ]
    other_day = [item("release", Ref("release", "r"), "2020", SHOE), item("collab", Ref("collab", "c"), "2021", SHOE)]
    other_shoe = [
        item("release", Ref("release", "s"), "2020", SHOE, LINE),
        item("collab", Ref("collab", "d"), "2020", OTHER_SHOE, LINE),  # one line is not one shoe
    ]
    award_in_debut_year = [
        item("debut", Ref("silhouette", "gk14"), "2008", BRAND),
        item("event", Ref("event", "award"), "2008", Ref("silhouette", "gk14"), title="It wins an award."),
    ]
    for items in (two_collabs, other_day, other_shoe, award_in_debut_year):
        assert len(merge_same_moments(items)) == 2


def test_the_shipped_new_balance_timeline_has_no_drop_twice() -> None:
    """Before the fold, /timeline New Balance listed about a dozen drops twice (release and collaboration)."""
    catalog = load_catalog(Path(__file__).parents[2] / "data")
    items = catalog.timeline_of(BRAND)

    def words(text: str) -> set[str]:
        return set(re.findall(r"[a-z0-9]+", normalise(text)))

    for release in (entry for entry in items if entry.kind == "release"):
        for collab in (entry for entry in items if entry.kind == "collab"):
            if release.date.year == collab.date.year and set(release.subjects) & set(collab.subjects) - {BRAND}:
                assert not words(release.title) <= words(collab.title), (release.title, collab.title)


def test_a_drop_recorded_to_the_year_and_to_the_day_is_one_line_on_the_day() -> None:
    release = item("release", Ref("release", "wbtg"), "2021-07-16", SHOE, title='Bembury 2002R "Water Be The Guide"')
    collab = item("collab", Ref("collab", "bembury"), "2021", SHOE, title='Bembury x NB 2002R "Water Be The Guide"')
    [merged] = merge_same_moments([release, collab])
    assert merged.ref == collab.ref and merged.date.raw == "2021-07-16"
    other_month = [
        item("release", Ref("release", "a"), "2021-07", SHOE),
        item("collab", Ref("collab", "b"), "2021-08", SHOE),
    ]
    assert len(merge_same_moments(other_month)) == 2
