"""Corroboration in the model: two independent publishers, announced dates, rests_on references."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.catalog import CatalogError, Ref, load_catalog

BASE = """
sources:
  - {id: a, title: A, url: "https://a.example/", publisher: Paper A, tier: press}
  - {id: b, title: B, url: "https://b.example/", publisher: Paper B, tier: press}
  - {id: shop, title: S, url: "https://s.example/", publisher: Shop, tier: retailer}
  - {id: gen, title: G, url: "https://g.example/", publisher: Gen, tier: low}
brands:
  - {id: acme, name: Acme, founded: "1950", sources: [a, b]}
silhouettes:
  - {id: acme-one, name: One, brand: acme, first_release: "1990", sources: [a, b],
     cite: {first_release: [a, gen]}}
releases:
  - {id: acme-one-next, silhouette: acme-one, name: One next, kind: retro, date: "2026-03",
     status: announced, sources: [a, b]}
  - {id: acme-one-back, silhouette: acme-one, name: One back, kind: retro, date: "2020", sources: [a, shop]}
"""


def write(tmp_path: Path, extra: str = "") -> Path:
    path = tmp_path / "facts.yaml"
    path.write_text(BASE + extra, encoding="utf-8")
    return path


def test_fields_need_two_publishers_that_count(tmp_path: Path) -> None:
    catalog = load_catalog(write(tmp_path))
    brand, shoe = catalog.brands["acme"], catalog.silhouettes["acme-one"]
    assert catalog.is_quizzable(brand, "founded")
    assert catalog.support(brand, "founded").publishers == ("paper a", "paper b")
    assert not catalog.is_quizzable(shoe, "first_release")  # its cite: one press page and a low-tier one
    assert catalog.support(shoe, "first_release").independent == 1
    back = catalog.releases["acme-one-back"]
    assert catalog.is_quizzable(back, "date")  # a retailer counts toward two (the audit still lists it)


def test_an_announced_date_is_shown_as_such_and_never_quizzed(tmp_path: Path) -> None:
    catalog = load_catalog(write(tmp_path))
    nxt = catalog.releases["acme-one-next"]
    assert nxt.status == "announced" and catalog.releases["acme-one-back"].status == "released"
    assert not catalog.is_quizzable(nxt, "date")
    assert catalog.quizzable_reason(nxt, "date") == "announced, not released"
    assert catalog.caveat(nxt, "date") == "announced for March 2026; not confirmed as released"
    titles = [item.title for item in catalog.timeline_of(Ref("silhouette", "acme-one"))]
    assert "One next (announced)" in titles


def test_a_wrong_status_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path)
    path.write_text(path.read_text().replace("status: announced", "status: rumoured"), encoding="utf-8")
    with pytest.raises(CatalogError) as error:
        load_catalog(path)
    assert "status: 'rumoured' is not one of: released, announced" in error.value.report()


QUESTION = """
questions:
  - id: q-one
    prompt: In what year did the Acme One first come out?
    answer: "1990"
    distractors: ["1988", "1992", "1995"]
    difficulty: hard
    category: eras
    explanation: It was the first Acme shoe sold outside its home town, through a mail-order catalogue.
    rests_on: [{target}]
    sources: [a, b]
"""


def test_rests_on_resolves_and_is_checked(tmp_path: Path) -> None:
    catalog = load_catalog(write(tmp_path, QUESTION.format(target="brand:acme#founded")))
    assert catalog.question_reason(catalog.questions["q-one"]) is None
    catalog = load_catalog(write(tmp_path, QUESTION.format(target="silhouette:acme-one#first_release")))
    reason = catalog.question_reason(catalog.questions["q-one"])
    assert reason is not None and reason.startswith("rests on silhouette:acme-one#first_release: only one")
    for target, message in [
        ("silhouette:acme-two#first_release", "unknown silhouette 'acme-two'"),
        ("silhouette:acme-one#debut", "a silhouette has no field 'debut'"),
        ("acme-one", "is not a field reference"),
    ]:
        with pytest.raises(CatalogError) as error:
            load_catalog(write(tmp_path, QUESTION.format(target=target)))
        assert message in error.value.report(), target
