"""The loader accepts a valid catalog and rejects broken files with file:line, entry and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.catalog import CatalogError, Ref, load_catalog

FIXTURES = Path(__file__).parents[1] / "fixtures"
BROKEN = FIXTURES / "broken"


def problems_of(name: str) -> list[tuple[int | None, str | None, str | None, str]]:
    with pytest.raises(CatalogError) as caught:
        load_catalog(BROKEN / name)
    for problem in caught.value.problems:
        assert problem.file.endswith(f"broken/{name}")
    return [(p.line, p.entry, p.field, p.message) for p in caught.value.problems]


def test_the_c_loader_is_used_when_available(monkeypatch: pytest.MonkeyPatch) -> None:
    import yaml

    if not yaml.__with_libyaml__:
        pytest.skip("this PyYAML was built without libyaml")
    used: list[type] = []
    parse = yaml.load

    def spy(stream: str, Loader: type) -> object:  # noqa: N803 - PyYAML's parameter name
        used.append(Loader)
        return parse(stream, Loader=Loader)

    monkeypatch.setattr(yaml, "load", spy)
    load_catalog(FIXTURES / "catalog")
    assert used and set(used) == {yaml.CSafeLoader}


def test_valid_catalog_loads_with_typed_entries() -> None:
    catalog = load_catalog(FIXTURES / "catalog")
    shoe = catalog.silhouettes["asics-gel-kayano-14"]
    assert shoe.first_release is not None and shoe.first_release.render() == "2008"
    assert shoe.designers == ("hidenori-yamashita",)
    assert catalog.lines["asics-gel-kayano"].named_after == Ref("person", "toshikazu-kayano")
    assert catalog.collaborations["jjjjound-asics-gel-kayano-14"].date is None
    assert len(catalog.version) == 12


def test_entries_are_immutable() -> None:
    catalog = load_catalog(FIXTURES / "catalog")
    shoe = catalog.silhouettes["asics-gel-kayano-14"]
    with pytest.raises(AttributeError):
        shoe.name = "Changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        catalog.silhouettes["x"] = shoe  # type: ignore[index]


def test_syntax_error_names_the_line() -> None:
    [(line, _entry, _field, message)] = problems_of("syntax_error.yaml")
    assert line == 9
    assert "YAML syntax error" in message


def test_duplicate_id() -> None:
    [(line, entry, field, message)] = problems_of("duplicate_id.yaml")
    assert (line, entry, field) == (9, "asics", "id")
    assert "duplicate brand id" in message and "brands[0]" in message


def test_dangling_reference() -> None:
    [(line, entry, field, message)] = problems_of("dangling_reference.yaml")
    assert (line, entry, field) == (13, "asics-gel-kayano-14", "designers")
    assert message == "unknown person 'hidenori-yamashita'"


def test_wrong_type() -> None:
    [(line, entry, field, message)] = problems_of("wrong_type.yaml")
    assert (line, entry, field) == (8, "asics", "aliases")
    assert message == "expected a list, got text"


def test_bad_date() -> None:
    [(line, entry, field, message)] = problems_of("bad_date.yaml")
    assert (line, entry, field) == (13, "asics-gel-kayano-14", "first_release")
    assert "month 13 is out of range" in message


def test_missing_source() -> None:
    [(line, entry, field, message)] = problems_of("missing_source.yaml")
    assert (line, entry, field) == (6, "asics", "sources")
    assert message.startswith("is required")


def test_alias_collision_is_reported_on_both_entries() -> None:
    found = problems_of("alias_collision.yaml")
    assert [(line, entry, field) for line, entry, field, _ in found] == [
        (13, "asics-gel-kayano-14", "aliases"),
        (18, "asics-gel-kayano-13", "aliases"),
    ]


def test_every_problem_is_reported_at_once() -> None:
    found = {(line, entry, field): message for line, entry, field, message in problems_of("many_problems.yaml")}
    assert found[(11, "asics", "sources")].startswith("low-tier sources never stand alone")
    assert found[(14, "nike", "founded")] == 'write the date as a quoted string, e.g. "1964"'
    assert "founding article alone" in found[(15, "nike", "sources")]
    assert "not a valid id" in found[(16, "Bad_Id", "id")]
    assert found[(18, "Bad_Id", "sources")] == "unknown source 'nowhere'"
    assert found[(24, "nike-zoom-vomero-5", "colour")].startswith("unknown field")
    assert "equals the main value" in found[(26, "nike-zoom-vomero-5", "disputes.first_release[0]")]
    assert "not one of: easy, medium, hard" in found[(35, "q-one", "difficulty")]
    assert len(found) >= 10


def test_error_report_is_one_line_per_problem() -> None:
    with pytest.raises(CatalogError) as caught:
        load_catalog(BROKEN / "many_problems.yaml")
    report = caught.value.report().splitlines()
    assert report[0].startswith("tests/fixtures/broken/many_problems.yaml:11: asics: sources: ")
    assert len(report) == len(caught.value.problems)


def test_empty_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="1 problem"):
        load_catalog(tmp_path)


def test_files_in_a_folder_merge_and_may_reference_each_other(tmp_path: Path) -> None:
    (tmp_path / "facts.yaml").write_text(
        "sources:\n  - {id: s, title: S, tier: press}\nbrands:\n  - {id: asics, name: ASICS, sources: [s]}\n",
        encoding="utf-8",
    )
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "shoes.yaml").write_text(
        "silhouettes:\n  - {id: asics-gt-2160, name: GT-2160, brand: asics, sources: [s]}\n", encoding="utf-8"
    )
    catalog = load_catalog(tmp_path)
    assert catalog.silhouettes["asics-gt-2160"].brand == "asics"
    assert len(catalog.files) == 2


def test_the_version_does_not_depend_on_the_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "somewhere" / "data"
    shutil.copytree(FIXTURES / "catalog", data)
    monkeypatch.chdir(tmp_path)
    from_above = load_catalog(data).version
    monkeypatch.chdir(data)
    from_inside = load_catalog(data).version
    monkeypatch.chdir(FIXTURES)
    original = load_catalog(FIXTURES / "catalog").version
    assert from_above == from_inside == original


def test_every_section_of_the_fact_files_has_its_entry_kind() -> None:
    from bot.catalog.kinds import EntryKind
    from bot.catalog.schema import SECTIONS

    assert {spec.kind for spec in SECTIONS.values()} == set(EntryKind)
