"""The question export: a server's questions in data/'s schema, ready for the validator."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import yaml

from bot.catalog import load_catalog
from bot.cli import main
from bot.storage import CustomQuestion
from bot.trivia.export import export_yaml

FIXTURES = Path(__file__).parents[1] / "fixtures" / "catalog"
GUILD = 111


def question(number: int, **changes: object) -> CustomQuestion:
    values: dict[str, object] = {
        "id": number,
        "guild_id": GUILD,
        "origin": "suggestion",
        "pack": None,
        "status": "approved",
        "prompt": f"Which city is headquarters number {number}?",
        "answer": "Boston",
        "distractors": ("Portland", "Beaverton", "Herzogenaurach"),
        "accepted": (),
        "category": "brands",
        "difficulty": "easy",
        "explanation": None,
        "source": "https://example.org/nb",
        "author_id": 2,
        "created_at": dt.datetime(2026, 3, 10, tzinfo=dt.UTC),
    }
    values.update(changes)
    return CustomQuestion(**values)  # type: ignore[arg-type]


QUESTIONS = [
    question(1),
    question(2, source=None, category="my-pack", pack="my-pack", origin="pack"),  # no source, a pack's category
    question(3, distractors=(), source="A book about Boston"),  # typed-only (a Red-format pack)
    question(4, source="x" * 400, explanation="Because of the docks."),
    question(5, answer="True", distractors=("False",), prompt="Is Boston in Massachusetts?"),  # true/false
]


def test_the_export_names_each_source_and_keeps_each_question() -> None:
    document = yaml.safe_load(export_yaml(GUILD, QUESTIONS))
    # the typed-only question cannot be a data/ question: left out, and the header says so
    assert [q["id"] for q in document["questions"]] == [f"q-server-{GUILD}-{n}" for n in (1, 2, 4, 5)]
    assert "1 typed-answer question(s) left out" in export_yaml(GUILD, QUESTIONS)
    first = document["questions"][0]
    assert first["sources"] == [f"server-{GUILD}-q1"]
    assert first["category"] == "brands" and first["explanation"] == "The answer is Boston."
    assert document["questions"][1]["category"] == "revival"  # a pack's own category is not one of data/'s
    assert document["sources"][0]["url"] == "https://example.org/nb"
    assert "url" not in document["sources"][1]
    assert len(document["sources"][2]["title"]) == 200


def test_an_export_added_to_data_validates_with_no_problems(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES, data)
    (data / "exported.yaml").write_text(export_yaml(GUILD, QUESTIONS), encoding="utf-8")
    catalog = load_catalog(data)  # raises CatalogError listing every problem
    assert {f"q-server-{GUILD}-{n}" for n in (1, 2, 4, 5)} <= set(catalog.questions)
    assert main(["facts", "validate", str(data)]) == 0
