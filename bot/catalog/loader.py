"""Reads fact files into a Catalog, or raises CatalogError listing every problem with file:line.

The happy path parses each file once with PyYAML's C loader. Line numbers are only needed when
something is wrong, so a failing file is composed a second time to map problems to lines.
"""

from __future__ import annotations

import gc
import hashlib
import logging
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from .catalog import Catalog
from .errors import CatalogError, Problem
from .models import Confidence, Entry, Named, Ref, Source
from .schema import SECTIONS, EntryBuilder, InvalidValueError, Pending, RawRef, _ref, _text
from .text import compact

__all__ = ["DEFAULT_DATA_DIR", "discover", "load_catalog", "locate", "yaml_loader"]

log = logging.getLogger(__name__)

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "data"
_SAFE_LOADER: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_KNOWN_SECTIONS = frozenset(SECTIONS) | {"sources", "ambiguous_aliases", "version"}
_NAMED_KINDS = tuple(spec.kind for spec in SECTIONS.values() if spec.named)


def yaml_loader() -> type[Any]:
    """The fastest safe loader available: libyaml's when PyYAML was built with it."""
    return _SAFE_LOADER


def discover(data_dir: Path) -> list[Path]:
    """Every *.yaml / *.yml file below ``data_dir``, in a stable order (facts.yaml first)."""
    files = [path for pattern in ("*.yaml", "*.yml") for path in data_dir.rglob(pattern) if path.is_file()]
    return sorted(files, key=lambda path: (path.name != "facts.yaml", path.relative_to(data_dir).as_posix()))


def load_catalog(paths: Sequence[Path] | Path | None = None, *, base: Path | None = None) -> Catalog:
    """Load, validate and index fact files. ``paths`` may be files or folders (default: data/)."""
    files = _expand(paths)
    if not files:
        raise CatalogError([Problem(str(paths or DEFAULT_DATA_DIR), None, None, None, "no fact files found")])
    with _collector_paused():
        state = _LoadState(base)
        for path, key in files.items():
            state.read(path, key)
        return state.finish()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while the catalog is built.

    Loading allocates hundreds of thousands of small, acyclic objects; with the collector running,
    each generation-2 pass re-walks everything built so far, which made large loads quadratic-ish.
    Reference counting still frees garbage meanwhile, and the previous state is restored after.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _expand(paths: Sequence[Path] | Path | None) -> dict[Path, str]:
    """Each file to read, with the name it has in the version hash: its path inside the folder given
    (or its file name), so the same data gives the same version wherever the bot is started."""
    if paths is None:
        paths = [DEFAULT_DATA_DIR]
    elif isinstance(paths, Path):
        paths = [paths]
    out: dict[Path, str] = {}
    for path in paths:
        if path.is_dir():
            for found in discover(path):
                out.setdefault(found, found.relative_to(path).as_posix())
        else:
            out.setdefault(path, path.name)
    return out


class _LoadState:
    def __init__(self, base: Path | None) -> None:
        self.base = base
        self.digest = hashlib.sha256()
        self.files: list[str] = []
        self.texts: dict[str, str] = {}
        self.pending: list[Pending] = []
        self.refs: list[RawRef] = []
        self.declared: set[tuple[str, str]] = set()
        self.source_uses: list[tuple[tuple[str, ...], Confidence, bool, str, int, str, str, str]] = []
        self.sources: dict[str, Source] = {}
        self.entries: dict[str, dict[str, Entry]] = {spec.kind: {} for spec in SECTIONS.values()}
        self.where: dict[tuple[str, str], tuple[str, str, int]] = {}
        self.ambiguous: list[tuple[str, tuple[Ref, ...], str, int]] = []

    def label(self, path: Path) -> str:
        for root in (self.base, Path.cwd()):
            if root is None:
                continue
            try:
                return path.resolve().relative_to(root.resolve()).as_posix()
            except ValueError:
                continue
        return path.as_posix()

    def read(self, path: Path, key: str) -> None:
        name = self.label(path)
        self.files.append(name)
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.pending.append(Pending(name, None, None, None, None, f"cannot read: {exc.strerror or exc}"))
            return
        self.digest.update(key.encode() + b"\0" + data)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            self.pending.append(Pending(name, None, None, None, None, f"not UTF-8 (byte {exc.start})"))
            return
        self.texts[name] = text
        try:
            document = yaml.load(text, Loader=_SAFE_LOADER)  # noqa: S506 - a safe loader
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark is not None else None
            reason = getattr(exc, "problem", None) or str(exc)
            self.pending.append(Pending(name, None, None, None, None, f"YAML syntax error: {reason}", line))
            return
        if document is None:
            return
        if not isinstance(document, dict):
            self.pending.append(Pending(name, None, None, None, None, "the file must be a mapping of sections"))
            return
        builder = EntryBuilder(name)
        for section, items in document.items():
            if section not in _KNOWN_SECTIONS:
                builder.problem(
                    None,
                    None,
                    None,
                    str(section),
                    f"unknown section (expected one of {', '.join(sorted(_KNOWN_SECTIONS))})",
                )
                continue
            if section == "version":
                continue
            if not isinstance(items, list):
                builder.problem(section, None, None, None, "a section must be a list of entries")
                continue
            if section == "sources":
                for index, raw in enumerate(items):
                    source = builder.build_source(raw, index)
                    if source is not None:
                        self._add("source", source.id, source, name, section, index, builder)
            elif section == "ambiguous_aliases":
                self._read_ambiguous(items, name, builder)
            else:
                spec = SECTIONS[section]
                for index, raw in enumerate(items):
                    entry = builder.build_entry(spec, raw, index)
                    if entry is not None:
                        self._add(spec.kind, entry.id, entry, name, section, index, builder)
        self.pending.extend(builder.problems)
        self.refs.extend(builder.refs)
        self.declared |= builder.declared
        self.source_uses.extend((*use, name) for use in builder.source_uses)

    def _add(
        self, kind: str, ident: str, item: Any, name: str, section: str, index: int, builder: EntryBuilder
    ) -> None:
        table: dict[str, Any] = self.sources if kind == "source" else self.entries[kind]
        first = self.where.get((kind, ident))
        if first is not None:
            builder.problem(
                section,
                index,
                ident,
                "id",
                f"duplicate {kind} id (first defined in {first[0]}, {first[1]}[{first[2]}])",
            )
            return
        self.where[(kind, ident)] = (name, section, index)
        table[ident] = item

    def _read_ambiguous(self, items: list[Any], name: str, builder: EntryBuilder) -> None:
        for index, raw in enumerate(items):
            if not isinstance(raw, dict) or set(raw) != {"alias", "candidates"}:
                builder.problem("ambiguous_aliases", index, None, None, "each item needs exactly alias and candidates")
                continue
            try:
                alias = _text(raw["alias"])
                candidates = tuple(_ref(item) for item in raw["candidates"])
                if len(candidates) < 2:
                    raise InvalidValueError("an ambiguous alias needs at least two candidates")
            except (InvalidValueError, TypeError) as exc:
                builder.problem("ambiguous_aliases", index, str(raw.get("alias")), "candidates", str(exc))
                continue
            self.ambiguous.append((alias, candidates, "ambiguous_aliases", index))
            for ref in candidates:
                builder.refs.append(RawRef(ref.kind, ref.id, name, "ambiguous_aliases", index, alias, "candidates"))

    # -- cross-file checks -----------------------------------------------------------------------

    def finish(self) -> Catalog:
        self._check_refs()
        self._check_sources()
        ambiguous = self._check_aliases()
        if self.pending:
            raise CatalogError(self._locate())
        entries = self.entries
        catalog = Catalog(
            sources=MappingProxyType(self.sources),
            brands=MappingProxyType(entries["brand"]),  # type: ignore[arg-type]
            people=MappingProxyType(entries["person"]),  # type: ignore[arg-type]
            technologies=MappingProxyType(entries["technology"]),  # type: ignore[arg-type]
            lines=MappingProxyType(entries["line"]),  # type: ignore[arg-type]
            silhouettes=MappingProxyType(entries["silhouette"]),  # type: ignore[arg-type]
            releases=MappingProxyType(entries["release"]),  # type: ignore[arg-type]
            collaborations=MappingProxyType(entries["collab"]),  # type: ignore[arg-type]
            events=MappingProxyType(entries["event"]),  # type: ignore[arg-type]
            facts=MappingProxyType(entries["fact"]),  # type: ignore[arg-type]
            questions=MappingProxyType(entries["question"]),  # type: ignore[arg-type]
            version=self.digest.hexdigest()[:12],
            files=tuple(self.files),
            ambiguous=MappingProxyType(ambiguous),
            locations=MappingProxyType(self.where),
        )
        log.debug("catalog %s loaded from %d files", catalog.version, len(self.files))
        return catalog

    def _check_refs(self) -> None:
        for ref in self.refs:
            table: dict[str, Any] = self.sources if ref.kind == "source" else self.entries.get(ref.kind, {})
            if ref.id not in table and (ref.kind, ref.id) not in self.declared:
                what = "source" if ref.kind == "source" else f"{ref.kind}"
                self.pending.append(
                    Pending(ref.file, ref.section, ref.index, ref.entry, ref.field, f"unknown {what} {ref.id!r}")
                )

    def _check_sources(self) -> None:
        for ids, level, disputed, section, index, entry, field_name, name in self.source_uses:
            tiers = {self.sources[i].tier for i in ids if i in self.sources}
            if tiers == {"low"}:
                message = "low-tier sources never stand alone: add a better source"
            elif tiers == {"article"} and level is not Confidence.LOW and not disputed:
                message = "rests on the founding article alone: mark it confidence: low or find a better source"
            else:
                continue
            self.pending.append(Pending(name, section, index, entry, field_name, message))

    def _check_aliases(self) -> dict[str, tuple[Ref, ...]]:
        owners: dict[str, set[Ref]] = defaultdict(set)
        for kind in _NAMED_KINDS:
            for entry in self.entries[kind].values():
                assert isinstance(entry, Named)
                for name in (entry.name, *entry.aliases):
                    key = compact(name)
                    if key:
                        owners[key].add(entry.ref)
        allowed: dict[str, tuple[Ref, ...]] = {}
        for alias, candidates, _section, _index in self.ambiguous:
            allowed[compact(alias)] = candidates
        for key, refs in owners.items():
            if len(refs) < 2:
                continue
            if key in allowed and refs <= set(allowed[key]):
                continue
            ordered = sorted(refs)
            for ref in ordered:
                name, section, index = self.where[(ref.kind, ref.id)]
                others = ", ".join(str(other) for other in ordered if other != ref)
                self.pending.append(
                    Pending(
                        name,
                        section,
                        index,
                        ref.id,
                        "aliases",
                        f"name or alias {key!r} also belongs to {others}: rename it or list it in ambiguous_aliases",
                    )
                )
        return dict(allowed.items())

    def _locate(self) -> list[Problem]:
        nodes: dict[str, Any] = {}
        problems: list[Problem] = []
        for item in self.pending:
            line = item.line
            if line is None and item.file in self.texts:
                if item.file not in nodes:
                    nodes[item.file] = _compose(self.texts[item.file])
                line = _line_of(nodes[item.file], item)
            problems.append(Problem(item.file, line, item.entry, item.field, item.message))
        problems.sort(key=lambda p: (self.files.index(p.file) if p.file in self.files else 0, p.line or 0))
        return problems


def locate(items: Sequence[Pending], read: Callable[[str], str | None]) -> list[Problem]:
    """Problems found after loading (an audit's), each pinned to its line like a validation problem.

    ``read`` returns a file's text by its label; each file is composed once, only if it has a finding.
    """
    nodes: dict[str, Any] = {}
    problems = []
    for item in items:
        if item.file not in nodes:
            text = read(item.file)
            nodes[item.file] = _compose(text) if text is not None else None
        line = _line_of(nodes[item.file], item) if nodes[item.file] is not None else None
        problems.append(Problem(item.file, line, item.entry, item.field, item.message))
    return problems


def _compose(text: str) -> Any:
    try:
        return yaml.compose(text, Loader=_SAFE_LOADER)
    except yaml.YAMLError:
        return None


def _line_of(root: Any, item: Pending) -> int | None:
    """The line of the field (or entry, or section) a problem concerns, 1-based."""
    if not isinstance(root, yaml.MappingNode):
        return None
    section_key, section_node = _child(root, item.section if item.section is not None else item.field)
    if section_key is None:
        return None
    if item.section is None or item.index is None or not isinstance(section_node, yaml.SequenceNode):
        return int(section_key.start_mark.line) + 1
    if item.index >= len(section_node.value):
        return int(section_key.start_mark.line) + 1
    entry_node = section_node.value[item.index]
    if item.field and isinstance(entry_node, yaml.MappingNode):
        top = item.field.split(".", 1)[0].split("[", 1)[0]
        key_node, value_node = _child(entry_node, top)
        if key_node is not None:
            nested = item.field[len(top) + 1 :].split("[", 1)[0] if "." in item.field else None
            if nested and isinstance(value_node, yaml.MappingNode):
                inner, _ = _child(value_node, nested)
                if inner is not None:
                    return int(inner.start_mark.line) + 1
            return int(key_node.start_mark.line) + 1
    return int(entry_node.start_mark.line) + 1


def _child(node: Any, key: str | None) -> tuple[Any, Any]:
    for key_node, value_node in node.value:
        if getattr(key_node, "value", None) == key:
            return key_node, value_node
    return None, None
