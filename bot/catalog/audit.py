"""``python -m bot facts audit``: what a maintainer should look at before trusting the archive.

Unlike ``validate`` (is the data well-formed?), the audit asks whether it is well-*supported*:

- ``thin``: a field trivia would ask about (high confidence, undisputed, released) that fewer than two
  independent publishers support; a hand-written question whose own sources are one publisher;
- ``retail``: an entry or a cited field whose sources are only retailer or blog (``wiki``) pages;
- ``note``: a note that states a year or a number the entry's structured fields do not, on an entry
  whose sources (or ``cite: note:``) are fewer than two publishers: a claim nobody checked twice;
- ``designer``: a silhouette without a credited designer;
- ``announced``: a date marked ``status: announced`` (never quizzed, shown as "announced for …"), and a
  date that looks announced but is not marked (in the future, or a note saying it is scheduled);
- ``question``: a hand-written question a quality check rejects (the caller supplies the check);
- ``strict``: a question, hand-written or generated, resting on a field that is not quizzable. With
  ``--strict`` the command exits 1 when there is any.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .catalog import Catalog
from .corroboration import is_announced, thin
from .dates import PartialDate
from .errors import Problem
from .loader import locate
from .models import Collaboration, Confidence, Entry, FieldRef, Question, Release
from .schema import SECTIONS, Pending

__all__ = ["KINDS", "QUIZZED_FIELDS", "Audit", "Finding", "audit"]

# Every field trivia states as true, by entry kind (the generator's templates and explanations).
QUIZZED_FIELDS: dict[str, tuple[str, ...]] = {
    "silhouette": ("first_release", "designers", "technologies", "brand"),
    "line": ("first_release", "named_after"),
    "collab": ("partner", "silhouette", "date"),
    "brand": ("founded", "founded_place", "founders"),
    "technology": ("introduced",),
}
KINDS: dict[str, str] = {
    "thin": "quizzed fields with fewer than two independent publishers",
    "retail": "facts resting only on retailer or blog pages",
    "note": "notes making a claim without a second source",
    "designer": "silhouettes without a credited designer",
    "announced": "announced or unmarked future dates",
    "question": "quality flaws in hand-written questions",
    "strict": "questions resting on a non-quizzable field",
}
_SECTION_OF = {spec.kind: spec.section for spec in SECTIONS.values()}
_NUMBER = re.compile(r"(?<![\w.])\d[\d,.]*\d|(?<![\w.])\d(?![\w])")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_SCHEDULED = re.compile(r"\b(scheduled|slated|upcoming|will (?:release|launch|drop|arrive)|due (?:out|in))\b", re.I)
_RETAIL = frozenset({"retailer", "wiki"})


@dataclass(frozen=True, slots=True)
class Finding:
    kind: str  # one of KINDS
    entry_kind: str
    entry_id: str
    field: str
    message: str


@dataclass(frozen=True, slots=True)
class Audit:
    findings: tuple[Finding, ...]
    problems: tuple[Problem, ...]  # the findings, located, in file and line order

    @property
    def counts(self) -> Counter[str]:
        return Counter(finding.kind for finding in self.findings)

    def summary(self) -> str:
        counts = self.counts
        parts = [f"{counts.get(kind, 0)} {text}" for kind, text in KINDS.items()]
        return f"{len(self.findings)} findings: " + "; ".join(parts)


class _Auditor:
    def __init__(self, catalog: Catalog, today: dt.date) -> None:
        self.c = catalog
        self.today = today
        self.out: list[Finding] = []

    def add(self, kind: str, entry: Entry, field: str, message: str) -> None:
        self.out.append(Finding(kind, entry.KIND, entry.id, field, message))

    def entries(self) -> Iterable[Entry]:
        c = self.c
        for table in (
            c.brands,
            c.people,
            c.technologies,
            c.lines,
            c.silhouettes,
            c.releases,
            c.collaborations,
            c.events,
            c.facts,
            c.questions,
        ):
            yield from table.values()

    def thin_fields(self) -> None:
        for entry in self.entries():
            for field in QUIZZED_FIELDS.get(entry.KIND, ()):
                if not getattr(entry, field, None) or entry.confidence_of(field) is not Confidence.HIGH:
                    continue
                if entry.is_disputed(field) or is_announced(entry, field):
                    continue
                reason = thin(self.c.support(entry, field))
                if reason is not None:
                    self.add("thin", entry, _cite_field(entry, field), f"{reason}: add a second source or demote it")

    def retail_only(self) -> None:
        for entry in self.entries():
            fields = [("sources", entry.sources), *((f"cite.{key}", ids) for key, ids in entry.cite.items())]
            for field, ids in fields:
                support = self.c.corroboration.support_of(field, ids)
                counting = {s.tier for s in support.sources if s.tier not in ("low", "article")}
                if counting and counting <= _RETAIL:
                    what = " and ".join(sorted({"retailer" if t == "retailer" else "blog/wiki" for t in counting}))
                    names = ", ".join(s.id for s in support.sources)
                    self.add("retail", entry, field, f"rests only on {what} pages ({names})")

    def notes(self) -> None:
        for entry in self._dated():
            note = entry.note
            if not note:
                continue
            # Numbers the entry already states (its year, a model number in a name) are no new claim.
            shoe = self.c.silhouettes.get(entry.silhouette) if entry.silhouette else None
            names = [entry.name, *(getattr(entry, "aliases", ()) or ()), *((shoe.name, *shoe.aliases) if shoe else ())]
            own = {str(entry.date.year)} if entry.date else set()
            own |= {number for name in names for number in re.findall(r"\d+", name)}
            claims = [n for n in _NUMBER.findall(note) if n.strip(".,") not in own]
            if not claims:
                continue
            support = self.c.support(entry, "note")
            if support.corroborated:
                continue
            said = ", ".join(dict.fromkeys(claims))
            self.add(
                "note",
                entry,
                "note",
                f"states {said} on {support.independent} publisher(s): cite its source under cite.note or drop it",
            )

    def _dated(self) -> list[Release | Collaboration]:
        return [*self.c.releases.values(), *self.c.collaborations.values()]

    def designers(self) -> None:
        for shoe in self.c.silhouettes.values():
            if not shoe.designers:
                self.add("designer", shoe, "designers", "no credited designer")

    def dates(self) -> None:
        for entry in self._dated():
            date = entry.date
            if date is None:
                continue
            if is_announced(entry):
                self.add("announced", entry, "status", f"announced for {date.render()}, not released: never quizzed")
                continue
            if _after(date, self.today):
                self.add("announced", entry, "date", f"{date.render()} is in the future: mark it status: announced")
            elif entry.note and (match := _SCHEDULED.search(entry.note)):
                self.add(
                    "announced",
                    entry,
                    "note",
                    f"the note says {match.group(0)!r}: if it has not released, mark it status: announced",
                )

    def questions(self, check: Callable[[Question], Sequence[str]] | None) -> None:
        for question in self.c.questions.values():
            reason = self.c.question_reason(question)
            if reason is not None:
                self.add("strict", question, "sources" if "sources" in reason else "rests_on", reason)
            if check is not None:
                for message in check(question):
                    self.add("question", question, "prompt", message)

    def generated(self, questions: Iterable[object]) -> None:
        for question in questions:
            for field_ref in getattr(question, "rests_on", ()):
                assert isinstance(field_ref, FieldRef)
                entry = self.c.find(field_ref.ref)
                reason = "it does not exist" if entry is None else self.c.quizzable_reason(entry, field_ref.field)
                if reason is not None and entry is not None:
                    qid = getattr(question, "id", "?")
                    self.add("strict", entry, field_ref.field, f"generated {qid} rests on it: {reason}")


def _cite_field(entry: Entry, field: str) -> str:
    return f"cite.{field}" if field in entry.cite else field


def _after(date: PartialDate, today: dt.date) -> bool:
    year, month, day = date.sort_key
    return (year, month, day) > (today.year, today.month, today.day)


def audit(
    catalog: Catalog,
    *,
    generated: Iterable[object] = (),
    question_check: Callable[[Question], Sequence[str]] | None = None,
    today: dt.date | None = None,
    read: Callable[[str], str | None] | None = None,
) -> Audit:
    """Every finding about ``catalog``, located to its line.

    ``generated`` are the generated questions (anything with ``id`` and ``rests_on``); ``question_check``
    returns what is wrong with a hand-written question (the trivia quality rules); ``read`` returns a fact
    file's text by its label (default: read it from disk).
    """
    auditor = _Auditor(catalog, today or dt.datetime.now(dt.UTC).date())
    auditor.thin_fields()
    auditor.retail_only()
    auditor.notes()
    auditor.designers()
    auditor.dates()
    auditor.questions(question_check)
    auditor.generated(generated)
    findings = list(dict.fromkeys(auditor.out))
    pending = []
    for finding in findings:
        where = catalog.locations.get((finding.entry_kind, finding.entry_id))
        file, section, index = where if where else ("?", _SECTION_OF.get(finding.entry_kind), None)
        pending.append(Pending(file, section, index, finding.entry_id, finding.field, finding.message))
    problems = locate(pending, read or _read)
    order = {name: position for position, name in enumerate(catalog.files)}
    located = sorted(
        zip(problems, findings, strict=True), key=lambda pair: (order.get(pair[0].file, 0), pair[0].line or 0)
    )
    return Audit(tuple(f for _, f in located), tuple(p for p, _ in located))


def _read(label: str) -> str | None:
    try:
        return Path(label).read_text(encoding="utf-8")
    except OSError:
        return None
