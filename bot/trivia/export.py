"""A server's own questions as a YAML file in ``data/``'s schema, for maintainers to review and merge.

Pure: it takes the questions and returns text. Every question it writes passes ``python -m bot facts
validate`` once the file is added to ``data/``; questions that schema cannot hold (typed-answer ones
with no wrong answers) are left out and counted in the file's header.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

import yaml

from bot.catalog.kinds import Category

from .questions import TRUE_FALSE

__all__ = ["ExportableQuestion", "export_yaml"]

TITLE_LIMIT = 200


class ExportableQuestion(Protocol):
    """What the export reads of a server's question (``bot.storage.CustomQuestion`` has it)."""

    @property
    def id(self) -> int: ...
    @property
    def prompt(self) -> str: ...
    @property
    def answer(self) -> str: ...
    @property
    def distractors(self) -> tuple[str, ...]: ...
    @property
    def category(self) -> str: ...
    @property
    def difficulty(self) -> str: ...
    @property
    def explanation(self) -> str | None: ...
    @property
    def source(self) -> str | None: ...


def export_yaml(guild_id: int, questions: Sequence[ExportableQuestion]) -> str:
    """Approved questions in data/'s schema: each free-text source becomes a source entry to verify."""
    sources: list[dict[str, Any]] = []
    entries: list[dict[str, Any]] = []
    left_out = 0
    for question in questions:
        entry = _entry(guild_id, question)
        if entry is None:
            left_out += 1
            continue
        sources.append(_source(guild_id, question))
        entries.append(entry)
    header = f"# Trivia questions exported from server {guild_id} by Sole Archive.\n"
    if left_out:
        header += f"# {left_out} typed-answer question(s) left out: data/ needs three wrong answers for each.\n"
    return header + yaml.safe_dump({"sources": sources, "questions": entries}, sort_keys=False, allow_unicode=True)


def _source(guild_id: int, question: ExportableQuestion) -> dict[str, Any]:
    text = question.source or "No source given: find one before merging."
    title = text if len(text) <= TITLE_LIMIT else text[: TITLE_LIMIT - 1].rstrip() + "…"
    source: dict[str, Any] = {
        "id": f"server-{guild_id}-q{question.id}",
        "title": title,
        "tier": "wiki",
        "note": "Given by a server member; verify before merging.",
    }
    if text.startswith(("http://", "https://")):
        source["url"] = text
    return source


def _entry(guild_id: int, question: ExportableQuestion) -> dict[str, Any] | None:
    entry: dict[str, Any] = {"id": f"q-server-{guild_id}-{question.id}", "prompt": question.prompt}
    distractors = list(question.distractors)
    if len(distractors) == 1 and {question.answer, *distractors} == set(TRUE_FALSE):
        entry.update(type="truefalse", answer=question.answer)
    elif len(distractors) == 3:
        entry.update(answer=question.answer, distractors=distractors)
    else:
        return None
    entry.update(
        difficulty=question.difficulty,
        category=question.category if question.category in set(Category) else Category.revival.value,
        explanation=question.explanation or f"The answer is {question.answer}.",
        sources=[f"server-{guild_id}-q{question.id}"],
    )
    return entry
