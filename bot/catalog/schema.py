"""Turns parsed YAML into typed entries, collecting every problem instead of stopping at the first.

Each section is declared once as a table of fields; one generic routine checks any entry against
its table, so a new field is one line here, not a new branch in the validator.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from .dates import DateError, PartialDate, parse_date
from .kinds import Category, Difficulty
from .models import (
    EMPTY,
    Brand,
    Collaboration,
    Confidence,
    Dispute,
    Entry,
    Event,
    Fact,
    FieldRef,
    Line,
    Person,
    Question,
    Ref,
    Release,
    Silhouette,
    Source,
    Technology,
)

__all__ = ["SECTIONS", "EntryBuilder", "Pending", "RawRef", "SectionSpec"]

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_ID = 64
MAX_TEXT = 1500
TIERS = frozenset({"official", "press", "retailer", "wiki", "low", "article"})
REF_KINDS = frozenset({"brand", "person", "technology", "line", "silhouette", "release", "collab", "event"})
SENTINELS = frozenset({"unknown", "n/a", "na", "none", "null", "tbd", "?", "-"})


class InvalidValueError(ValueError):
    """A field's value is wrong; the message says what to write instead."""


@dataclass(frozen=True, slots=True)
class Pending:
    """A problem found before line numbers are known (they are looked up only on failure)."""

    file: str
    section: str | None
    index: int | None
    entry: str | None
    field: str | None
    message: str
    line: int | None = None  # known up front only for YAML syntax errors


@dataclass(frozen=True, slots=True)
class RawRef:
    """A reference to check once every file is read."""

    kind: str
    id: str
    file: str
    section: str
    index: int
    entry: str
    field: str


# ----------------------------------------------------------------------------- converters


def _text(value: object) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise InvalidValueError(f'expected text, got a number: write it in quotes, e.g. "{value}"')
    if not isinstance(value, str):
        raise InvalidValueError(f"expected text, got {_type_name(value)}")
    stripped = value.strip()
    if not stripped:
        raise InvalidValueError("must not be empty")
    if stripped.casefold() in SENTINELS:
        raise InvalidValueError(f"{stripped!r} is a placeholder: leave the field out when it is unknown")
    if len(stripped) > MAX_TEXT:
        raise InvalidValueError(f"is {len(stripped)} characters long (at most {MAX_TEXT})")
    return stripped


def _text_list(value: object) -> tuple[str, ...]:
    items = _list(value)
    out = tuple(_text(item) for item in items)
    if len(set(out)) != len(out):
        raise InvalidValueError("lists the same value twice")
    return out


def _slug(value: object) -> str:
    if not isinstance(value, str) or not SLUG.match(value) or len(value) > MAX_ID:
        raise InvalidValueError(
            f"{value!r} is not a valid id (lowercase letters, digits and single hyphens, at most {MAX_ID})"
        )
    return value


def _slug_list(value: object) -> tuple[str, ...]:
    out = tuple(_slug(item) for item in _list(value))
    if len(set(out)) != len(out):
        raise InvalidValueError("lists the same id twice")
    return out


def _ref(value: object) -> Ref:
    if not isinstance(value, str) or ":" not in value:
        raise InvalidValueError(f"{value!r} is not a typed reference such as 'brand:asics' or 'person:kiko-kostadinov'")
    kind, _, ident = value.partition(":")
    if kind not in REF_KINDS:
        raise InvalidValueError(f"unknown reference kind {kind!r} (use one of {', '.join(sorted(REF_KINDS))})")
    return Ref(kind, _slug(ident))


def _ref_list(value: object) -> tuple[Ref, ...]:
    out = tuple(_ref(item) for item in _list(value))
    if len(set(out)) != len(out):
        raise InvalidValueError("lists the same reference twice")
    return out


def _field_ref(value: object) -> FieldRef:
    """``kind:id#field``: one field of one entry, e.g. ``silhouette:nb-990#first_release``."""
    if not isinstance(value, str) or "#" not in value:
        raise InvalidValueError(f"{value!r} is not a field reference such as 'silhouette:nb-990#first_release'")
    target, _, field_name = value.partition("#")
    ref = _ref(target)
    spec = next((spec for spec in SECTIONS.values() if spec.kind == ref.kind), None)
    if spec is not None and field_name not in spec.fields:
        hint = difflib.get_close_matches(field_name, list(spec.fields), n=1)
        suffix = f" (did you mean {hint[0]!r}?)" if hint else ""
        raise InvalidValueError(f"a {ref.kind} has no field {field_name!r}{suffix}")
    return FieldRef(ref, field_name)


def _field_ref_list(value: object) -> tuple[FieldRef, ...]:
    out = tuple(_field_ref(item) for item in _list(value))
    if len(set(out)) != len(out):
        raise InvalidValueError("lists the same field twice")
    return out


def _date(value: object) -> PartialDate:
    try:
        return parse_date(value)
    except DateError as exc:
        raise InvalidValueError(str(exc)) from None


def _bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise InvalidValueError(f"expected true or false, got {_type_name(value)}")
    return value


def _choice(*allowed: str) -> Callable[[object], str]:
    def convert(value: object) -> str:
        if value not in allowed:
            raise InvalidValueError(f"{value!r} is not one of: {', '.join(allowed)}")
        return str(value)

    return convert


def _list(value: object) -> list[Any]:
    if not isinstance(value, list):
        raise InvalidValueError(f"expected a list, got {_type_name(value)}")
    return value


def _type_name(value: object) -> str:
    return {
        dict: "a mapping",
        list: "a list",
        str: "text",
        int: "a number",
        float: "a number",
        bool: "true/false",
        type(None): "nothing",
    }.get(type(value), type(value).__name__)


# ----------------------------------------------------------------------------- section tables


@dataclass(frozen=True, slots=True)
class FieldSpec:
    convert: Callable[[object], Any]
    required: bool = False
    refers_to: str | None = None  # entry kind of a plain-id field, or "typed" for Ref values


@dataclass(frozen=True, slots=True)
class SectionSpec:
    section: str
    kind: str
    model: type[Entry]
    fields: Mapping[str, FieldSpec]
    named: bool = False  # has a name and aliases: takes part in search and the alias collision check
    extra_checks: tuple[Callable[[dict[str, Any]], list[tuple[str, str]]], ...] = field(default=())


def F(convert: Callable[[object], Any], *, required: bool = False, refers_to: str | None = None) -> FieldSpec:  # noqa: N802
    return FieldSpec(convert, required, refers_to)


_NAMED = {
    "name": F(_text, required=True),
    "aliases": F(_text_list),
    "summary": F(_text),
}


def _check_question(values: dict[str, Any]) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    answer = values.get("answer")
    distractors = values.get("distractors", ())
    qtype = values.get("type", "choice")
    if answer is None:
        return problems
    from .text import normalise

    if qtype == "truefalse":
        if answer not in ("True", "False"):
            problems.append(("answer", 'a true/false question\'s answer must be "True" or "False"'))
        if distractors:
            problems.append(("distractors", "a true/false question has no distractors"))
    else:
        if len(distractors) != 3:
            problems.append(("distractors", f"a choice question needs exactly 3 distractors, found {len(distractors)}"))
        answer_key = normalise(answer)
        keys = [normalise(item) for item in distractors]
        if answer_key in keys:
            problems.append(("distractors", f"the answer {answer!r} also appears among the distractors"))
        if len(set(keys)) != len(keys):
            problems.append(("distractors", "two distractors are the same"))
    return problems


SECTIONS: dict[str, SectionSpec] = {
    spec.section: spec
    for spec in (
        SectionSpec(
            "brands",
            "brand",
            Brand,
            {
                **_NAMED,
                "kind": F(_choice("sportswear", "label", "retailer", "fashion-house", "holding")),
                "founded": F(_date),
                "founded_place": F(_text),
                "founders": F(_slug_list, refers_to="person"),
            },
            named=True,
        ),
        SectionSpec(
            "people",
            "person",
            Person,
            {**_NAMED, "roles": F(_text_list), "brands": F(_slug_list, refers_to="brand")},
            named=True,
        ),
        SectionSpec(
            "technologies",
            "technology",
            Technology,
            {**_NAMED, "brand": F(_slug, required=True, refers_to="brand"), "introduced": F(_date)},
            named=True,
        ),
        SectionSpec(
            "lines",
            "line",
            Line,
            {
                **_NAMED,
                "brand": F(_slug, required=True, refers_to="brand"),
                "first_release": F(_date),
                "named_after": F(_ref, refers_to="typed"),
            },
            named=True,
        ),
        SectionSpec(
            "silhouettes",
            "silhouette",
            Silhouette,
            {
                **_NAMED,
                "brand": F(_slug, required=True, refers_to="brand"),
                "line": F(_slug, refers_to="line"),
                "category": F(
                    _choice(
                        "running",
                        "trail",
                        "basketball",
                        "lifestyle",
                        "tennis",
                        "training",
                        "skate",
                        "football",
                        "hiking",
                        "walking",
                    )
                ),
                "first_release": F(_date),
                "designers": F(_slug_list, refers_to="person"),
                "technologies": F(_slug_list, refers_to="technology"),
                "related": F(_slug_list, refers_to="silhouette"),
                "derived_from": F(_slug, refers_to="silhouette"),
                "tags": F(_text_list),
            },
            named=True,
        ),
        SectionSpec(
            "releases",
            "release",
            Release,
            {
                "silhouette": F(_slug, required=True, refers_to="silhouette"),
                "name": F(_text, required=True),
                "kind": F(_choice("debut", "version", "retro", "colourway", "reissue"), required=True),
                "date": F(_date),
                "region": F(_text),
                "note": F(_text),
                "aliases": F(_text_list),
                "status": F(_choice("released", "announced")),
            },
        ),
        SectionSpec(
            "collaborations",
            "collab",
            Collaboration,
            {
                "partner": F(_ref, required=True, refers_to="typed"),
                "brand": F(_slug, required=True, refers_to="brand"),
                "silhouette": F(_slug, refers_to="silhouette"),
                "name": F(_text, required=True),
                "date": F(_date),
                "note": F(_text),
                "first_with_brand": F(_bool),
                "aliases": F(_text_list),
                "status": F(_choice("released", "announced")),
            },
        ),
        SectionSpec(
            "events",
            "event",
            Event,
            {
                "date": F(_date, required=True),
                "subjects": F(_ref_list, required=True, refers_to="typed"),
                "text": F(_text, required=True),
            },
        ),
        SectionSpec(
            "facts",
            "fact",
            Fact,
            {"about": F(_ref_list, required=True, refers_to="typed"), "text": F(_text, required=True)},
        ),
        SectionSpec(
            "questions",
            "question",
            Question,
            {
                "type": F(_choice("choice", "truefalse")),
                "prompt": F(_text, required=True),
                "answer": F(_text, required=True),
                "distractors": F(_text_list),
                "difficulty": F(_choice(*(d.value for d in Difficulty)), required=True),
                "category": F(_choice(*(c.value for c in Category)), required=True),
                "explanation": F(_text, required=True),
                "about": F(_ref_list, refers_to="typed"),
                "rests_on": F(_field_ref_list, refers_to="typed"),
            },
            extra_checks=(_check_question,),
        ),
    )
}

COMMON = frozenset({"id", "sources", "cite", "confidence", "disputes"})
SOURCE_FIELDS = {
    "id": _slug,
    "title": _text,
    "url": _text,
    "publisher": _text,
    "tier": _choice(*sorted(TIERS)),
    "note": _text,
}
_CONFIDENCE = {level.value: level for level in Confidence}


# ----------------------------------------------------------------------------- builders


class EntryBuilder:
    """Collects problems and references while entries of one file are built."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Pending] = []
        self.refs: list[RawRef] = []
        self.declared: set[tuple[str, str]] = set()  # ids of entries, valid or not: no cascades
        self.source_uses: list[tuple[tuple[str, ...], Confidence, bool, str, int, str, str]] = []

    def problem(
        self, section: str | None, index: int | None, entry: str | None, field_name: str | None, message: str
    ) -> None:
        self.problems.append(Pending(self.file, section, index, entry, field_name, message))

    def build_source(self, raw: object, index: int) -> Source | None:
        if not isinstance(raw, dict):
            self.problem("sources", index, None, None, f"each source must be a mapping, got {_type_name(raw)}")
            return None
        entry_id = raw.get("id") if isinstance(raw.get("id"), str) else None
        if entry_id:
            self.declared.add(("source", entry_id))
        values: dict[str, Any] = {}
        ok = True
        for key, value in raw.items():
            convert = SOURCE_FIELDS.get(key)
            if convert is None:
                self._unknown("sources", index, entry_id, key, SOURCE_FIELDS)
                ok = False
                continue
            try:
                values[key] = convert(value)
            except InvalidValueError as exc:
                self.problem("sources", index, entry_id, str(key), str(exc))
                ok = False
        for required in ("id", "title", "tier"):
            if required not in raw:
                self.problem("sources", index, entry_id, required, "is required")
                ok = False
        return Source(**values) if ok else None

    def build_entry(self, spec: SectionSpec, raw: object, index: int) -> Entry | None:
        section = spec.section
        if not isinstance(raw, dict):
            self.problem(section, index, None, None, f"each entry must be a mapping, got {_type_name(raw)}")
            return None
        raw_id = raw.get("id")
        entry_id = raw_id if isinstance(raw_id, str) else None
        label = entry_id or f"{section}[{index}]"
        if entry_id:
            self.declared.add((spec.kind, entry_id))
        ok = True
        values: dict[str, Any] = {}
        fields = spec.fields
        for key, value in raw.items():
            fspec = fields.get(key)
            if fspec is None:
                if key not in COMMON:
                    self._unknown(section, index, entry_id, key, {**fields, **dict.fromkeys(COMMON)})
                    ok = False
                continue
            try:
                values[key] = fspec.convert(value)
            except InvalidValueError as exc:
                self.problem(section, index, entry_id, str(key), str(exc))
                ok = False
                continue
            if fspec.refers_to is not None:
                self._record_refs(fspec.refers_to, values[key], section, index, label, key)
        for key, fspec in fields.items():
            if fspec.required and key not in raw:
                self.problem(section, index, entry_id, key, "is required")
                ok = False
        try:
            values["id"] = _slug(raw_id) if raw_id is not None else None
        except InvalidValueError as exc:
            self.problem(section, index, entry_id, "id", str(exc))
            ok = False
        if raw_id is None:
            self.problem(section, index, None, "id", "is required")
            ok = False

        ok &= self._provenance(spec, raw, values, index, entry_id, label)
        for check in spec.extra_checks:
            for field_name, message in check(values):
                self.problem(section, index, entry_id, field_name, message)
                ok = False
        if not ok:
            return None
        if section == "questions":
            values.setdefault("type", "choice")
        return spec.model(**values)

    # -- provenance: sources, cite, confidence, disputes ------------------------------------

    def _provenance(
        self,
        spec: SectionSpec,
        raw: dict[str, Any],
        values: dict[str, Any],
        index: int,
        entry_id: str | None,
        label: str,
    ) -> bool:
        section = spec.section
        ok = True
        if "sources" not in raw:
            self.problem(section, index, entry_id, "sources", "is required: name at least one source you read")
            ok = False
        else:
            try:
                sources = _slug_list(raw["sources"])
                if not sources:
                    raise InvalidValueError("must name at least one source")
                values["sources"] = sources
                self._record_refs("source", sources, section, index, label, "sources")
            except InvalidValueError as exc:
                self.problem(section, index, entry_id, "sources", str(exc))
                ok = False

        confidence = raw.get("confidence")
        if confidence is not None:
            parsed = self._confidence(confidence, spec, index, entry_id)
            if parsed is None:
                ok = False
            else:
                values["confidence"] = parsed

        cite = raw.get("cite")
        if cite is not None:
            if not isinstance(cite, dict):
                self.problem(section, index, entry_id, "cite", "expected a mapping of field → source ids")
                ok = False
            else:
                converted: dict[str, tuple[str, ...]] = {}
                for key, ids in cite.items():
                    if key not in spec.fields:
                        self._unknown(section, index, entry_id, key, spec.fields, prefix="cite.")
                        ok = False
                        continue
                    try:
                        converted[key] = _slug_list(ids)
                        if not converted[key]:
                            raise InvalidValueError("must name at least one source")
                    except InvalidValueError as exc:
                        self.problem(section, index, entry_id, f"cite.{key}", str(exc))
                        ok = False
                        continue
                    self._record_refs("source", converted[key], section, index, label, f"cite.{key}")
                values["cite"] = MappingProxyType(converted) if converted else EMPTY

        disputes = raw.get("disputes")
        if disputes is not None:
            parsed_disputes = self._disputes(disputes, spec, values, index, entry_id, label)
            if parsed_disputes is None:
                ok = False
            else:
                values["disputes"] = parsed_disputes

        if ok:
            levels = values.get("confidence", {})
            entry_level = levels.get("*", Confidence.HIGH)
            self.source_uses.append(
                (values["sources"], entry_level, "*" in values.get("disputes", {}), section, index, label, "sources")
            )
            for key, ids in values.get("cite", {}).items():
                self.source_uses.append(
                    (
                        ids,
                        levels.get(key, entry_level),
                        key in values.get("disputes", {}),
                        section,
                        index,
                        label,
                        f"cite.{key}",
                    )
                )
        return ok

    def _confidence(
        self, raw: object, spec: SectionSpec, index: int, entry_id: str | None
    ) -> Mapping[str, Confidence] | None:
        if isinstance(raw, str):
            level = _CONFIDENCE.get(raw)
            if level is None:
                self.problem(spec.section, index, entry_id, "confidence", f"{raw!r} is not high, medium or low")
                return None
            return MappingProxyType({"*": level})
        if not isinstance(raw, dict):
            self.problem(
                spec.section, index, entry_id, "confidence", "expected high/medium/low, or a mapping of field → level"
            )
            return None
        out: dict[str, Confidence] = {}
        for key, value in raw.items():
            if key not in spec.fields:
                self._unknown(spec.section, index, entry_id, key, spec.fields, prefix="confidence.")
                return None
            level = _CONFIDENCE.get(value) if isinstance(value, str) else None
            if level is None:
                self.problem(
                    spec.section, index, entry_id, f"confidence.{key}", f"{value!r} is not high, medium or low"
                )
                return None
            out[key] = level
        return MappingProxyType(out)

    def _disputes(
        self, raw: object, spec: SectionSpec, values: dict[str, Any], index: int, entry_id: str | None, label: str
    ) -> Mapping[str, tuple[Dispute, ...]] | None:
        section = spec.section
        if not isinstance(raw, dict):
            self.problem(section, index, entry_id, "disputes", "expected a mapping of field → list of other values")
            return None
        out: dict[str, tuple[Dispute, ...]] = {}
        ok = True
        for key, items in raw.items():
            fspec = spec.fields.get(key)
            if fspec is None:
                self._unknown(section, index, entry_id, key, spec.fields, prefix="disputes.")
                ok = False
                continue
            if not isinstance(items, list) or not items:
                self.problem(section, index, entry_id, f"disputes.{key}", "expected a non-empty list of other values")
                ok = False
                continue
            parsed: list[Dispute] = []
            for position, item in enumerate(items):
                where = f"disputes.{key}[{position}]"
                if not isinstance(item, dict) or "value" not in item or "sources" not in item:
                    self.problem(section, index, entry_id, where, "each dispute needs a value and its sources")
                    ok = False
                    continue
                unknown = set(item) - {"value", "sources", "confidence", "note"}
                if unknown:
                    names = ", ".join(sorted(map(str, unknown)))
                    self.problem(section, index, entry_id, where, f"unknown keys: {names}")
                    ok = False
                    continue
                try:
                    value = fspec.convert(item["value"])
                    sources = _slug_list(item["sources"])
                    if not sources:
                        raise InvalidValueError("a dispute must name its sources")
                    level = _CONFIDENCE.get(item.get("confidence", "low"))
                    if level is None:
                        raise InvalidValueError(f"confidence {item.get('confidence')!r} is not high, medium or low")
                    note = _text(item["note"]) if "note" in item else None
                except InvalidValueError as exc:
                    self.problem(section, index, entry_id, where, str(exc))
                    ok = False
                    continue
                main = values.get(key)
                if main is not None and _same(main, value):
                    self.problem(section, index, entry_id, where, "the disputed value equals the main value")
                    ok = False
                    continue
                self._record_refs("source", sources, section, index, label, f"{where}.sources")
                parsed.append(Dispute(value=value, sources=sources, confidence=level, note=note))
            out[key] = tuple(parsed)
        return MappingProxyType(out) if ok else None

    # -- helpers ----------------------------------------------------------------------------

    def _record_refs(self, kind: str, value: object, section: str, index: int, label: str, field_name: str) -> None:
        items = (value,) if isinstance(value, Ref | FieldRef) or not isinstance(value, tuple) else value
        for raw in items:
            item = raw.ref if isinstance(raw, FieldRef) else raw
            if isinstance(item, Ref):
                self.refs.append(RawRef(item.kind, item.id, self.file, section, index, label, field_name))
            else:
                self.refs.append(RawRef(kind, str(item), self.file, section, index, label, field_name))

    def _unknown(
        self,
        section: str,
        index: int | None,
        entry_id: str | None,
        key: object,
        known: Mapping[str, object],
        prefix: str = "",
    ) -> None:
        hint = difflib.get_close_matches(str(key), list(known), n=1)
        suffix = f" (did you mean {hint[0]!r}?)" if hint else ""
        self.problem(section, index, entry_id, f"{prefix}{key}", f"unknown field{suffix}")


def _same(a: object, b: object) -> bool:
    if isinstance(a, PartialDate) and isinstance(b, PartialDate):
        return a.raw == b.raw
    return a == b
