"""Trivia packs a server uploads: our own question format, or Red-DiscordBot's trivia lists.

A pack is untrusted input, so it is read with a safe YAML loader only, its size is checked before
parsing, and every problem is reported at once with its line, like ``facts validate`` does for data/.
Questions in our format go through the same field converters as data/ (bot.catalog.schema).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, TypeGuard

import yaml

from bot.catalog.loader import yaml_loader
from bot.catalog.models import Confidence, Question
from bot.catalog.schema import SECTIONS, EntryBuilder, InvalidValueError, _text
from bot.catalog.text import normalise
from bot.errors import UserError

__all__ = [
    "MAX_PACK_BYTES",
    "MAX_PACK_QUESTIONS",
    "PackError",
    "PackProblem",
    "PackQuestion",
    "pack_name",
    "parse_pack",
]

MAX_PACK_BYTES = 256 * 1024
MAX_PACK_QUESTIONS = 2000
# What a question must fit to be posted on Discord: its four choices share one embed field (1,024
# characters) and label buttons (80 shown), the prompt heads an embed whose parts share 6,000.
MAX_PROMPT = 1000
MAX_CHOICE = 200
MAX_EXPLANATION = 1000
MAX_SOURCE = 500
SOLE_ARCHIVE = "sole-archive"
RED = "red"
RED_RESERVED = ("AUTHOR", "DESCRIPTION", "CONFIG")
RED_DIFFICULTY = "medium"
_TOP_LEVEL = frozenset({"questions", "sources", "version", "name", "description", "author"})
_PLACEHOLDER_SOURCE = "pack-source"  # stands in for a free-text `source:` while the shared schema checks the entry


@dataclass(frozen=True, slots=True)
class PackQuestion:
    """One question of a pack, validated; Red-format questions have no distractors (open mode only)."""

    prompt: str
    answer: str
    distractors: tuple[str, ...]
    accepted: tuple[str, ...]
    category: str
    difficulty: str
    explanation: str | None
    source: str | None


@dataclass(frozen=True, slots=True)
class PackProblem:
    line: int | None
    entry: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        parts = [f"line {self.line}"] if self.line else []
        parts += [part for part in (self.entry, self.field) if part]
        parts.append(self.message)
        return ": ".join(parts)


class PackError(UserError):
    """The pack was refused; ``problems`` lists every reason, with lines where known."""

    SHOWN = 10

    def __init__(self, problems: list[PackProblem] | tuple[PackProblem, ...]) -> None:
        self.problems = tuple(sorted(problems, key=lambda p: p.line or 0))
        count = len(self.problems)
        lines = [str(problem) for problem in self.problems[: self.SHOWN]]
        if count > self.SHOWN:
            lines.append(f"… and {count - self.SHOWN} more")
        super().__init__(f"The pack has {count} problem{'s' if count != 1 else ''}:\n" + "\n".join(lines))


def pack_name(filename: str) -> str:
    """A pack's default name from its file name: 'Sneaker Eras.yaml' -> 'sneaker-eras'."""
    slug = re.sub(r"[^a-z0-9]+", "-", normalise(PurePath(filename).stem)).strip("-")
    return slug[:64].strip("-") or "pack"


def parse_pack(data: bytes, *, filename: str) -> tuple[str, list[PackQuestion]]:
    """Validate an uploaded pack; returns (format, questions) or raises PackError listing every problem."""
    if len(data) > MAX_PACK_BYTES:
        raise PackError(
            [PackProblem(None, None, None, f"the file is {len(data)} bytes; a pack may be at most {MAX_PACK_BYTES}")]
        )
    try:
        text = data.decode("utf-8-sig")  # tolerate the BOM some editors write
    except UnicodeDecodeError as exc:
        raise PackError([PackProblem(None, None, None, f"the file is not UTF-8 text (byte {exc.start})")]) from None
    loader = yaml_loader()
    try:
        root = yaml.compose(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        reason = getattr(exc, "problem", None) or str(exc)
        raise PackError(
            [PackProblem(mark.line + 1 if mark is not None else None, None, None, f"YAML syntax error: {reason}")]
        ) from None
    if _is_ours(root):
        return SOLE_ARCHIVE, _Ours(root, text).parse()
    if _is_red(root):
        return RED, _parse_red(root, pack_name(filename))
    raise PackError(
        [
            PackProblem(
                None,
                None,
                None,
                "the file is neither a Sole Archive pack (a mapping with a `questions:` list) nor a Red trivia list "
                "(a mapping of question -> list of answers)",
            )
        ]
    )


def _is_ours(root: Any) -> TypeGuard[yaml.MappingNode]:
    if not isinstance(root, yaml.MappingNode):
        return False
    node = _child(root, "questions")
    return isinstance(node, yaml.SequenceNode) and (
        not node.value or any(isinstance(item, yaml.MappingNode) for item in node.value)
    )


def _is_red(root: Any) -> TypeGuard[yaml.MappingNode]:
    if not isinstance(root, yaml.MappingNode):
        return False
    return any(
        _scalar(key) not in RED_RESERVED
        and isinstance(value, yaml.SequenceNode)
        and all(isinstance(item, yaml.ScalarNode) for item in value.value)
        for key, value in root.value
    )


def _child(node: yaml.MappingNode, key: str) -> Any:
    for key_node, value_node in node.value:
        if _scalar(key_node) == key:
            return value_node
    return None


def _scalar(node: Any) -> str | None:
    return str(node.value) if isinstance(node, yaml.ScalarNode) else None


def _line(node: Any) -> int:
    return int(node.start_mark.line) + 1


class _Problems:
    def __init__(self) -> None:
        self.items: list[PackProblem] = []

    def add(self, node: Any, entry: str | None, field_name: str | None, message: str) -> None:
        self.items.append(PackProblem(_line(node) if node is not None else None, entry, field_name, message))

    def raise_if_any(self) -> None:
        if self.items:
            raise PackError(self.items)


def _check_count(count: int, root: Any, problems: _Problems) -> None:
    if count > MAX_PACK_QUESTIONS:
        problems.add(root, None, None, f"has {count} questions; a pack may hold at most {MAX_PACK_QUESTIONS}")
        problems.raise_if_any()


def _check_duplicates(found: list[tuple[Any, str, str]], problems: _Problems) -> None:
    """``found`` is (node, label, prompt): report every prompt that repeats an earlier one."""
    first: dict[str, int] = {}
    for node, label, prompt in found:
        key = normalise(prompt)
        if key in first:
            problems.add(node, label, "prompt", f"the same question as line {first[key]}")
        else:
            first[key] = _line(node)


# ----------------------------------------------------------------------------- Red-DiscordBot trivia lists


def _parse_red(root: yaml.MappingNode, category: str) -> list[PackQuestion]:
    problems = _Problems()
    entries = [(key, value) for key, value in root.value if _scalar(key) not in RED_RESERVED]
    _check_count(len(entries), root, problems)
    for key, value in root.value:
        name = _scalar(key)
        if name in ("AUTHOR", "DESCRIPTION") and not (isinstance(value, yaml.ScalarNode) and value.value.strip()):
            problems.add(key, name, None, "must be text")
        elif name == "CONFIG" and not isinstance(value, yaml.MappingNode):
            problems.add(key, name, None, "must be a mapping of settings")
    questions: list[PackQuestion] = []
    seen: list[tuple[Any, str, str]] = []
    for key, value in entries:
        prompt = (_scalar(key) or "").strip()
        label = _clip(prompt) or None
        if not isinstance(key, yaml.ScalarNode) or not prompt:
            problems.add(key, label, "prompt", "the question text is empty")
            continue
        if len(prompt) > MAX_PROMPT:
            problems.add(key, label, "prompt", f"is {len(prompt)} characters long (at most {MAX_PROMPT})")
            continue
        if not isinstance(value, yaml.SequenceNode):
            problems.add(key, label, "answers", "expected a list of accepted answers")
            continue
        answers: list[str] = []
        ok = True
        for item in value.value:
            answer = "" if isinstance(item, yaml.ScalarNode) and item.tag.endswith(":null") else _scalar(item)
            if answer is None:
                problems.add(item, label, "answers", "each answer must be text or a number")
                ok = False
            elif not answer.strip():
                problems.add(item, label, "answers", "an answer is empty")
                ok = False
            elif len(answer.strip()) > MAX_CHOICE:
                problems.add(item, label, "answers", f"an answer is longer than {MAX_CHOICE} characters")
                ok = False
            elif answer.strip() not in answers:
                answers.append(answer.strip())
        if not value.value:
            problems.add(key, label, "answers", "lists no accepted answer")
            continue
        if not ok:
            continue
        seen.append((key, label or "", prompt))
        questions.append(
            PackQuestion(
                prompt=prompt,
                answer=answers[0],
                distractors=(),
                accepted=tuple(answers),
                category=category,
                difficulty=RED_DIFFICULTY,
                explanation=None,
                source=None,
            )
        )
    _check_duplicates(seen, problems)
    problems.raise_if_any()
    return questions


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ----------------------------------------------------------------------------- our own format


class _Ours:
    """A pack in data/'s `questions` format, checked entry by entry with the shared schema code."""

    def __init__(self, root: yaml.MappingNode, text: str) -> None:
        self.root = root
        self.text = text
        self.problems = _Problems()

    def parse(self) -> list[PackQuestion]:
        root = self.root
        names: set[str | None] = set()
        for key, _value in root.value:
            name = _scalar(key)
            if name in names:
                self.problems.add(key, None, name, "appears twice")
            elif name not in _TOP_LEVEL:
                self.problems.add(key, None, name, f"unknown key (a pack may have: {', '.join(sorted(_TOP_LEVEL))})")
            names.add(name)
        items_node: yaml.SequenceNode = _child(root, "questions")
        if not items_node.value:
            self.problems.add(items_node, None, "questions", "the pack has no questions")
        self.problems.raise_if_any()  # the node tree and the loaded data must line up below
        _check_count(len(items_node.value), root, self.problems)
        try:
            document = yaml.load(self.text, Loader=yaml_loader())  # noqa: S506 - a safe loader, no tags run
        except yaml.YAMLError as exc:  # e.g. an unknown tag such as !!python/object
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark is not None else None
            raise PackError([PackProblem(line, None, None, f"YAML error: {getattr(exc, 'problem', exc)}")]) from None
        sources = self._sources(document.get("sources"), _child(root, "sources"))
        questions: list[PackQuestion] = []
        seen: list[tuple[Any, str, str]] = []
        ids: dict[str, int] = {}
        for index, (raw, node) in enumerate(zip(document["questions"], items_node.value, strict=True)):
            question = self._question(raw, node, index, sources, ids)
            if question is not None:
                label = raw.get("id") if isinstance(raw.get("id"), str) else f"questions[{index}]"
                seen.append((_field_node(node, "prompt") or node, label, question.prompt))
                questions.append(question)
        _check_duplicates(seen, self.problems)
        self.problems.raise_if_any()
        return questions

    def _sources(self, raw: object, node: Any) -> dict[str, str]:
        """An optional `sources:` section, as in data/: id -> 'title (url)' used as the question's source text."""
        if raw is None:
            return {}
        if not isinstance(raw, list) or not isinstance(node, yaml.SequenceNode):
            self.problems.add(node, None, "sources", "expected a list of sources")
            return {}
        builder = EntryBuilder("pack")
        out: dict[str, str] = {}
        for index, (item, item_node) in enumerate(zip(raw, node.value, strict=True)):
            before = len(builder.problems)
            source = builder.build_source(item, index)
            for pending in builder.problems[before:]:
                where = _field_node(item_node, pending.field) if pending.field else None
                self.problems.add(where or item_node, pending.entry, pending.field, pending.message)
            if source is not None:
                out[source.id] = f"{source.title} ({source.url})" if source.url else source.title
        return out

    def _question(
        self, raw: object, node: Any, index: int, sources: dict[str, str], ids: dict[str, int]
    ) -> PackQuestion | None:
        label = f"questions[{index}]"
        if not isinstance(raw, dict):
            self.problems.add(node, label, None, "each question must be a mapping")
            return None
        entry = dict(raw)
        raw_id = entry.get("id")
        if isinstance(raw_id, str):
            label = raw_id
            if raw_id in ids:
                self.problems.add(_field_node(node, "id"), label, "id", f"the same id as line {ids[raw_id]}")
            else:
                ids[raw_id] = _line(node)
        else:
            entry.setdefault("id", f"q{index + 1}")  # ids are optional in a pack: rows get their own
        free_source: str | None = None
        ok = True
        if "source" in entry:
            try:
                free_source = _text(entry.pop("source"))
            except InvalidValueError as exc:
                self.problems.add(_field_node(node, "source"), label, "source", str(exc))
                ok = False
            if "sources" not in entry:
                entry["sources"] = [_PLACEHOLDER_SOURCE]
        elif "sources" not in entry:
            self.problems.add(node, label, "sources", "is required: give `source:` (text) or `sources:` (ids)")
            entry["sources"] = [_PLACEHOLDER_SOURCE]
            ok = False
        builder = EntryBuilder("pack")
        built = builder.build_entry(SECTIONS["questions"], entry, index)
        for pending in builder.problems:
            top = pending.field.split(".", 1)[0].split("[", 1)[0] if pending.field else None
            where = _field_node(node, top) if top else None
            self.problems.add(where or node, label, pending.field, pending.message)
        if built is None or not ok:
            return None
        if built.disputes or any(level is not Confidence.HIGH for level in built.confidence.values()):
            self.problems.add(node, label, "confidence", "a pack holds only questions you are sure of")
            return None
        if free_source is None:
            names = [sources.get(source_id, source_id) for source_id in built.sources]
            free_source = "; ".join(names)
        assert isinstance(built, Question)
        too_long = [
            (field, value, limit)
            for field, value, limit in (
                ("prompt", built.prompt, MAX_PROMPT),
                ("answer", built.answer, MAX_CHOICE),
                *(("distractors", choice, MAX_CHOICE) for choice in built.distractors),
                ("explanation", built.explanation, MAX_EXPLANATION),
                ("source", free_source, MAX_SOURCE),
            )
            if len(value) > limit
        ]
        for field, value, limit in too_long:
            where = _field_node(node, field) or (_field_node(node, "sources") if field == "source" else None)
            self.problems.add(
                where or node, label, field, f"is {len(value)} characters long; Discord shows at most {limit} here"
            )
        if too_long:
            return None
        distractors = built.distractors
        if built.type == "truefalse":  # the other truth value is the one wrong choice
            distractors = ("False",) if built.answer == "True" else ("True",)
        return PackQuestion(
            prompt=built.prompt,
            answer=built.answer,
            distractors=distractors,
            accepted=(),
            category=built.category,
            difficulty=built.difficulty,
            explanation=built.explanation,
            source=free_source,
        )


def _field_node(node: Any, name: str) -> Any:
    """The key node of a field in an entry's mapping, for its line."""
    if not isinstance(node, yaml.MappingNode):
        return None
    for key_node, _value_node in node.value:
        if _scalar(key_node) == name:
            return key_node
    return None
