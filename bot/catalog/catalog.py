"""The validated, indexed catalog: everything the commands and the trivia engine ask of the data.

A Catalog is immutable once built; a reload builds a new one and swaps it whole, so a reader never
sees half a change.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from .corroboration import Corroboration, Support, is_announced
from .dates import PartialDate
from .labels import display_name
from .models import (
    Brand,
    Collaboration,
    Confidence,
    Entry,
    Event,
    Fact,
    Line,
    Named,
    Person,
    Question,
    Ref,
    Release,
    Silhouette,
    Source,
    Technology,
)
from .moments import merge_same_moments
from .search import NameIndex, NameKeys
from .text import normalise

__all__ = ["Catalog", "Counts", "TimelineItem", "choose_fact"]


@dataclass(frozen=True, slots=True)
class TimelineItem:
    """One dated moment, with the entries it concerns and any caveat about its date."""

    date: PartialDate
    kind: str  # founded | introduced | debut | release | collab | event
    title: str
    detail: str | None
    ref: Ref
    subjects: tuple[Ref, ...]
    sources: tuple[str, ...]
    caveat: str | None = None


@dataclass(frozen=True, slots=True)
class Counts:
    brands: int
    people: int
    technologies: int
    lines: int
    silhouettes: int
    releases: int
    collaborations: int
    events: int
    facts: int
    questions: int
    sources: int
    dated_debuts: int

    def as_dict(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in self.__slots__}


@dataclass(eq=False)
class Catalog:
    """Typed entries plus the indexes every command needs, built once per load and never mutated."""

    sources: Mapping[str, Source]
    brands: Mapping[str, Brand]
    people: Mapping[str, Person]
    technologies: Mapping[str, Technology]
    lines: Mapping[str, Line]
    silhouettes: Mapping[str, Silhouette]
    releases: Mapping[str, Release]
    collaborations: Mapping[str, Collaboration]
    events: Mapping[str, Event]
    facts: Mapping[str, Fact]
    questions: Mapping[str, Question]
    version: str
    files: tuple[str, ...]
    ambiguous: Mapping[str, tuple[Ref, ...]] = field(default_factory=lambda: MappingProxyType({}))
    # (kind, id) -> (file, section, index) of every entry and source, for tools that point at a line
    locations: Mapping[tuple[str, str], tuple[str, str, int]] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        self._by_kind: dict[str, Mapping[str, Entry]] = {
            "brand": self.brands,
            "person": self.people,
            "technology": self.technologies,
            "line": self.lines,
            "silhouette": self.silhouettes,
            "release": self.releases,
            "collab": self.collaborations,
            "event": self.events,
            "fact": self.facts,
            "question": self.questions,
        }
        self.corroboration = Corroboration(self.sources)
        releases_of: dict[str, list[Release]] = defaultdict(list)
        for release in self.releases.values():
            releases_of[release.silhouette].append(release)
        collabs_of: dict[Ref, list[Collaboration]] = defaultdict(list)
        for collab in self.collaborations.values():
            collabs_of[collab.partner].append(collab)
            collabs_of[Ref("brand", collab.brand)].append(collab)
            if collab.silhouette:
                collabs_of[Ref("silhouette", collab.silhouette)].append(collab)
                line = self.silhouettes[collab.silhouette].line
                if line:
                    collabs_of[Ref("line", line)].append(collab)
        facts_of: dict[Ref, list[Fact]] = defaultdict(list)
        for fact in self.facts.values():
            for ref in fact.about:
                facts_of[ref].append(fact)
        self._releases_of = {key: tuple(sorted(value, key=_date_key)) for key, value in releases_of.items()}
        self._collabs_of = {key: tuple(sorted(value, key=_date_key)) for key, value in collabs_of.items()}
        self._facts_of = {key: tuple(value) for key, value in facts_of.items()}

        timeline = sorted(merge_same_moments(self._timeline_items()), key=lambda item: (item.date.sort_key, item.title))
        by_subject: dict[Ref, list[TimelineItem]] = defaultdict(list)
        by_year: dict[int, list[TimelineItem]] = defaultdict(list)
        by_day: dict[tuple[int, int], list[TimelineItem]] = defaultdict(list)
        for item in timeline:
            for subject in item.subjects:
                by_subject[subject].append(item)
            by_year[item.date.year].append(item)
            if item.date.end is not None:
                for year in range(item.date.year + 1, item.date.end.year + 1):
                    by_year[year].append(item)
            month_day = item.date.month_day()
            if month_day is not None:
                by_day[month_day].append(item)
        self._timeline_of = {key: tuple(value) for key, value in by_subject.items()}
        self._timeline_year = {key: tuple(value) for key, value in by_year.items()}
        self._timeline_day = {key: tuple(value) for key, value in by_day.items()}

        weight = {ref: len(items) for ref, items in self._timeline_of.items()}
        keys: dict[tuple[str, ...], NameKeys] = {}
        # A colourway's or a collaboration's nickname ("Chicago", "Travis Scott Jordan 1") finds its shoe
        # in /shoe, /timeline and /collab.
        nicknames: dict[Ref, list[str]] = defaultdict(list)
        for release in self.releases.values():
            nicknames[Ref("silhouette", release.silhouette)].extend(release.aliases)
        for collab in self.collaborations.values():
            if collab.silhouette:
                nicknames[Ref("silhouette", collab.silhouette)].extend(collab.aliases)
        self._nicknames = {ref: tuple(dict.fromkeys(names)) for ref, names in nicknames.items()}
        self._nicknamed: dict[str, Ref] = {}
        moments: list[Release | Collaboration] = [*self.releases.values(), *self.collaborations.values()]
        for moment in moments:
            for alias in moment.aliases:
                self._nicknamed.setdefault(normalise(alias), moment.ref)
        self.shoe_index = NameIndex(self._named_items(self.silhouettes.values(), weight), keys)
        partners = {collab.partner for collab in self.collaborations.values()}
        collab_shoes = {Ref("silhouette", c.silhouette) for c in self.collaborations.values() if c.silhouette}
        self.subject_index = NameIndex(
            self._named_items(
                [*self.silhouettes.values(), *self.lines.values(), *self.brands.values(), *self.people.values()],
                weight,
            ),
            keys,
        )
        self.collab_index = NameIndex(
            self._named_items(
                [*(self.get(ref) for ref in sorted(partners)), *(self.get(ref) for ref in sorted(collab_shoes))],
                weight,
            ),
            keys,
        )
        self.brand_index = NameIndex(self._named_items(self.brands.values(), weight), keys)

    # -- lookups ---------------------------------------------------------------------------

    def get(self, ref: Ref) -> Entry:
        """The entry a reference points at; references were checked at load, so this cannot miss."""
        return self._by_kind[ref.kind][ref.id]

    def find(self, ref: Ref) -> Entry | None:
        table = self._by_kind.get(ref.kind)
        return table.get(ref.id) if table is not None else None

    def name_of(self, ref: Ref) -> str:
        entry = self.find(ref)
        if entry is None:
            return str(ref)
        if isinstance(entry, Named | Release | Collaboration):
            return entry.name
        if isinstance(entry, Question):
            return entry.prompt
        if isinstance(entry, Event | Fact):
            return entry.text
        return entry.id

    def releases_of(self, silhouette_id: str) -> tuple[Release, ...]:
        return self._releases_of.get(silhouette_id, ())

    def collaborations_of(self, ref: Ref) -> tuple[Collaboration, ...]:
        """Collaborations by partner, brand, line or silhouette, oldest first."""
        return self._collabs_of.get(ref, ())

    def facts_about(self, ref: Ref) -> tuple[Fact, ...]:
        return self._facts_of.get(ref, ())

    def timeline_of(self, ref: Ref) -> tuple[TimelineItem, ...]:
        return self._timeline_of.get(ref, ())

    def nicknamed(self, text: str) -> Ref | None:
        """The release or collaboration a nickname names exactly ("Chicago", "Travis Scott Jordan 1"), if any."""
        return self._nicknamed.get(normalise(text))

    def timeline_year(self, year: int) -> tuple[TimelineItem, ...]:
        return self._timeline_year.get(year, ())

    def on_this_day(self, month: int, day: int) -> tuple[TimelineItem, ...]:
        return self._timeline_day.get((month, day), ())

    def nearest_days(self, month: int, day: int, count: int = 3) -> tuple[tuple[int, int], ...]:
        """The calendar days closest to this one (before or after, across the new year) that have entries."""
        start = _day_of_year(month, day)

        def distance(key: tuple[int, int]) -> tuple[int, int]:
            gap = abs(_day_of_year(*key) - start)
            return min(gap, 366 - gap), _day_of_year(*key)

        return tuple(sorted((key for key in self._timeline_day if key != (month, day)), key=distance)[:count])

    def years(self) -> tuple[int, ...]:
        return tuple(sorted(self._timeline_year))

    def facts_matching(self, *, about: Ref | None = None, brand: str | None = None) -> tuple[Fact, ...]:
        """Facts about an entry, or about anything of a brand (its shoes, lines, technologies)."""
        if about is not None:
            facts: Iterable[Fact] = self.facts_about(about)
        else:
            facts = self.facts.values()
        if brand is not None:
            facts = [fact for fact in facts if any(self.brand_of(ref) == brand for ref in fact.about)]
        return tuple(facts)

    def brand_of(self, ref: Ref) -> str | None:
        if ref.kind == "brand":
            return ref.id
        entry = self.find(ref)
        brand = getattr(entry, "brand", None)
        if isinstance(brand, str):
            return brand
        if isinstance(entry, Release):
            return self.silhouettes[entry.silhouette].brand
        return None

    def source_list(self, ids: Iterable[str]) -> tuple[Source, ...]:
        return tuple(self.sources[source_id] for source_id in dict.fromkeys(ids) if source_id in self.sources)

    # -- corroboration -------------------------------------------------------------------------

    def support(self, entry: Entry, field_name: str) -> Support:
        """The sources behind a field and the independent publishers among them."""
        return self.corroboration.field(entry, field_name)

    def quizzable_reason(self, entry: Entry, field_name: str) -> str | None:
        """Why trivia may not ask about a field (None when it may): see :mod:`bot.catalog.corroboration`."""
        return self.corroboration.field_reason(entry, field_name)

    def is_quizzable(self, entry: Entry, field_name: str) -> bool:
        """High confidence, undisputed, not merely announced, and two independent publishers behind it."""
        return self.corroboration.field_reason(entry, field_name) is None

    def question_reason(self, question: Question) -> str | None:
        """Why a hand-written question may not be asked (None when it may)."""
        return self.corroboration.question_reason(question, self.find)

    def caveat(self, entry: Entry, field_name: str) -> str | None:
        """A short note for members when a field is disputed, rests on thin evidence, or is only announced.

        Written from the structure, never from the maintainers' notes: "some sources say 2021".
        """
        if is_announced(entry, field_name):
            when = getattr(entry, "date", None)
            shown = when.render() if isinstance(when, PartialDate) else "a later date"
            return f"announced for {shown}; not confirmed as released"
        disputes = entry.disputes.get(field_name)
        if disputes:
            values = " or ".join(dict.fromkeys(self.shown_value(field_name, d.value) for d in disputes))
            return f"some sources say {values}"
        level = entry.confidence_of(field_name)
        if level is Confidence.LOW:
            return "only weak sources support this"
        if level is Confidence.MEDIUM:
            return "from a single source"
        return None

    def counts(self) -> Counts:
        return Counts(
            brands=len(self.brands),
            people=len(self.people),
            technologies=len(self.technologies),
            lines=len(self.lines),
            silhouettes=len(self.silhouettes),
            releases=len(self.releases),
            collaborations=len(self.collaborations),
            events=len(self.events),
            facts=len(self.facts),
            questions=len(self.questions),
            sources=len(self.sources),
            dated_debuts=sum(1 for shoe in self.silhouettes.values() if shoe.first_release),
        )

    # -- building ----------------------------------------------------------------------------

    def shown_value(self, field_name: str, value: object) -> str:
        """A field's value (or a disputed one) as members read it: dates rendered, id lists named."""
        if isinstance(value, PartialDate):
            return value.render()
        if isinstance(value, tuple | list):
            kind = _ID_LIST_KINDS.get(field_name)
            return ", ".join(self.name_of(Ref(kind, item)) if kind else str(item) for item in value)
        return str(value)

    def _named_items(
        self, entries: Iterable[Entry], weight: Mapping[Ref, int]
    ) -> Iterable[tuple[Ref, str, Sequence[str], float]]:
        for entry in entries:
            assert isinstance(entry, Named)
            label = display_name(entry, self.brands)
            names = (entry.name, label, *entry.aliases, *self._nicknames.get(entry.ref, ()))
            yield entry.ref, label, names, float(weight.get(entry.ref, 0))

    def _timeline_items(self) -> Iterable[TimelineItem]:
        for brand in self.brands.values():
            if brand.founded:
                yield TimelineItem(
                    brand.founded,
                    "founded",
                    f"{brand.name} founded",
                    brand.founded_place,
                    brand.ref,
                    (brand.ref, *(Ref("person", p) for p in brand.founders)),
                    brand.sources_for("founded"),
                    self.caveat(brand, "founded"),
                )
        for tech in self.technologies.values():
            if tech.introduced:
                yield TimelineItem(
                    tech.introduced,
                    "introduced",
                    f"{self.brands[tech.brand].name} introduces {tech.name}",
                    tech.summary,
                    tech.ref,
                    (tech.ref, Ref("brand", tech.brand)),
                    tech.sources_for("introduced"),
                    self.caveat(tech, "introduced"),
                )
        for line in self.lines.values():
            if line.first_release:
                subjects = [line.ref, Ref("brand", line.brand)]
                if line.named_after:
                    subjects.append(line.named_after)
                yield TimelineItem(
                    line.first_release,
                    "debut",
                    f"{line.name} line begins",
                    line.summary,
                    line.ref,
                    tuple(subjects),
                    line.sources_for("first_release"),
                    self.caveat(line, "first_release"),
                )
        for shoe in self.silhouettes.values():
            if shoe.first_release:
                yield TimelineItem(
                    shoe.first_release,
                    "debut",
                    f"{shoe.name} debuts",
                    shoe.summary,
                    shoe.ref,
                    self._shoe_subjects(shoe),
                    shoe.sources_for("first_release"),
                    self.caveat(shoe, "first_release"),
                )
        for release in self.releases.values():
            if release.date:
                shoe = self.silhouettes[release.silhouette]
                yield TimelineItem(
                    release.date,
                    "release",
                    f"{release.name} (announced)" if release.status == "announced" else release.name,
                    release.note,
                    release.ref,
                    (release.ref, *self._shoe_subjects(shoe)),
                    release.sources_for("date"),
                    self.caveat(release, "date"),
                )
        for collab in self.collaborations.values():
            if collab.date:
                subjects = [collab.ref, collab.partner, Ref("brand", collab.brand)]
                if collab.silhouette:
                    subjects.extend(self._shoe_subjects(self.silhouettes[collab.silhouette]))
                yield TimelineItem(
                    collab.date,
                    "collab",
                    f"{collab.name} (announced)" if collab.status == "announced" else collab.name,
                    collab.note,
                    collab.ref,
                    tuple(dict.fromkeys(subjects)),
                    collab.sources_for("date"),
                    self.caveat(collab, "date"),
                )
        for event in self.events.values():
            subjects = [event.ref]
            for subject in event.subjects:
                subjects.extend(self._widen(subject))
            yield TimelineItem(
                event.date,
                "event",
                event.text,
                None,
                event.ref,
                tuple(dict.fromkeys(subjects)),
                event.sources_for("date"),
                self.caveat(event, "date"),
            )

    def _widen(self, ref: Ref) -> tuple[Ref, ...]:
        """A subject plus what it belongs to, so a line's event shows on its brand's timeline too."""
        entry = self.find(ref)
        if isinstance(entry, Silhouette):
            return self._shoe_subjects(entry)
        if isinstance(entry, Line | Technology):
            return (ref, Ref("brand", entry.brand))
        return (ref,)

    def _shoe_subjects(self, shoe: Silhouette) -> tuple[Ref, ...]:
        subjects = [shoe.ref, Ref("brand", shoe.brand)]
        if shoe.line:
            subjects.append(Ref("line", shoe.line))
        subjects.extend(Ref("person", person) for person in shoe.designers)
        return tuple(subjects)


# Fields holding a list of plain ids, and the kind of entry those ids name.
_ID_LIST_KINDS = {"designers": "person", "founders": "person", "technologies": "technology"}


def _day_of_year(month: int, day: int) -> int:
    """Position of a calendar day in a leap year (so 29 February has one), from 0."""
    return (dt.date(2024, month, day) - dt.date(2024, 1, 1)).days


def _date_key(entry: Release | Collaboration) -> tuple[int, int, int, int]:
    if entry.date is None:
        return (1, 9999, 12, 31)
    return (0, *entry.date.sort_key)


def choose_fact(candidates: Sequence[Fact], avoid: str | None, rng: random.Random | None = None) -> Fact | None:
    """A random fact, never ``avoid`` (the one shown last) unless it is the only one there is."""
    if not candidates:
        return None
    pool = [fact for fact in candidates if fact.id != avoid] or list(candidates)
    return (rng or random).choice(pool)
