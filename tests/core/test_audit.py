"""``python -m bot facts audit``: planted problems are each reported once at their line, ``--strict`` fails
on questions resting on non-quizzable fields, and publishers are told apart the documented way."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from bot.catalog import load_catalog
from bot.catalog.audit import KINDS, audit
from bot.catalog.corroboration import OFFICIAL, publisher_key
from bot.catalog.models import Source
from bot.cli import main
from bot.trivia.audit import question_check
from bot.trivia.generator import generate

FIXTURES = Path(__file__).parent.parent / "fixtures"
PLANTED = FIXTURES / "audit" / "facts.yaml"


def lines_of(text: str) -> dict[str, int]:
    """The line of each ``- id:`` in a fact file."""
    out = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith("- id:"):
            out[line.split(":", 1)[1].strip()] = number
    return out


def test_every_planted_problem_is_found_at_its_line() -> None:
    catalog = load_catalog(PLANTED)
    report = audit(catalog, generated=generate(catalog), question_check=question_check(catalog))
    found = {(f.kind, f.entry_id, f.field) for f in report.findings}
    assert found == {
        ("thin", "brand-thin-copy", "cite.first_release"),  # a copy of the same magazine is one publisher
        ("thin", "brand-official-twice", "cite.first_release"),  # two official pages are one voice
        ("designer", "brand-no-designer", "designers"),
        ("retail", "brand-shop-only", "sources"),
        ("announced", "brand-solid-announced", "status"),
        ("announced", "brand-solid-future", "date"),
        ("announced", "brand-solid-scheduled", "note"),
        ("note", "brand-solid-scheduled", "note"),
        ("strict", "q-one-publisher", "sources"),
        ("strict", "q-rests-on-thin", "rests_on"),
        ("question", "q-nationality", "prompt"),
    }
    flagged = [f.message for f in report.findings if f.kind == "question"]
    assert any(m.startswith("category:") for m in flagged) and any(m.startswith("nationality:") for m in flagged)
    ids = lines_of(PLANTED.read_text(encoding="utf-8"))
    for problem in report.problems:
        assert problem.file.endswith("audit/facts.yaml") and problem.line is not None, problem
        assert problem.line >= ids[problem.entry or ""], problem  # the field's line, inside its entry
    assert report.summary().startswith(f"{len(report.findings)} findings: ")
    assert all(text in report.summary() for text in KINDS.values())


def test_the_command_prints_lines_then_counts_and_strict_fails(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["facts", "audit", str(PLANTED)]) == 0
    out = capsys.readouterr().out.splitlines()
    findings = out[: out.index("")]
    assert findings and all(re.match(r"^\S+:\d+: [a-z0-9-]+: [\w.]+: .+", line) for line in findings), findings
    assert any(": brand-no-designer: designers: no credited designer" in line for line in out)
    assert out[-1].endswith("2 questions resting on a non-quizzable field")
    assert main(["facts", "audit", "--strict", str(PLANTED)]) == 1
    assert "strict: 2 questions" in capsys.readouterr().out


def test_strict_passes_on_the_test_catalog(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["facts", "audit", "--strict", str(FIXTURES / "catalog")]) == 0
    assert "0 questions resting on a non-quizzable field" in capsys.readouterr().out


def source(publisher: str | None, tier: str = "press", url: str | None = None) -> Source:
    return Source(id="s", title="t", tier=tier, url=url, publisher=publisher)


def test_publishers_are_compared_the_documented_way() -> None:
    assert publisher_key(source("GQ (copy on news-papers.co.uk)")) == publisher_key(source("  gq "))
    assert publisher_key(source("oxak (copy of a Highsnobiety post)")) == publisher_key(source("Highsnobiety"))
    assert publisher_key(source("WikiMili (Wikipedia mirror)")) == publisher_key(source("Wikipedia"))
    assert publisher_key(source("GQ Japan")) != publisher_key(source("GQ"))
    assert publisher_key(source("ASICS", tier="official")) == publisher_key(source("Nike", tier="official")) == OFFICIAL
    assert publisher_key(source("Mountain People (Salomon press release)")) == OFFICIAL
    assert publisher_key(source("PUMA (copy on sneakertv.net)", tier="wiki"), official={"puma"}) == OFFICIAL
    assert publisher_key(source("copy of a running-magazine review", url="https://www.x.example/a")) == "x.example"
    assert publisher_key(source(None, url="https://www.y.example/p")) == "y.example"


def test_low_and_article_sources_never_count() -> None:
    catalog = load_catalog(FIXTURES / "catalog")
    shoe = catalog.silhouettes["asics-gel-kayano-14"]
    padded = dataclasses.replace(shoe, cite={"designers": ("gqjp-2020-gk14", "generated-page", "founding-article")})
    assert catalog.support(padded, "designers").independent == 1
    assert not catalog.is_quizzable(padded, "designers")
