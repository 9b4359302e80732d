"""Trivia generated from the catalog's structured facts (data-guide §3).

Only solid facts become questions: a field must be high confidence, undisputed, exactly dated where a date
is asked, and backed by at least one source that is not "low" or "article" tier. A question is skipped
rather than asked ambiguously: distractors never equal a true value, a disputed value or each other, and a
question needs exactly three of them. Everything is seeded by the question id, so the same catalog always
yields the same questions, ids, distractors and choice order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from bot.catalog.catalog import Catalog
from bot.catalog.corroboration import NON_COUNTING_TIERS
from bot.catalog.dates import MIN_YEAR, PartialDate
from bot.catalog.labels import display_name
from bot.catalog.models import (
    Brand,
    Collaboration,
    Entry,
    FieldRef,
    Line,
    Named,
    Person,
    Ref,
    Silhouette,
    Technology,
)
from bot.catalog.text import normalise

from .hints import decade as _decade
from .quality import MIN_NEW_WORDS, content_words, mentions, year_sums_away
from .quality import check as quality_check
from .questions import TRUE_FALSE, TriviaQuestion, seeded

__all__ = ["TEMPLATES", "WEAK_TIERS", "generate", "solid"]

WEAK_TIERS = NON_COUNTING_TIERS

# Template name -> what it asks; the name is the second part of every generated id ("gen:<template>:…").
TEMPLATES: dict[str, str] = {
    "debut-year": "T1: the year a silhouette first released",
    "designer": "T2: who designed a silhouette",
    "named-after": "T3: who or what a model line is named after",
    "brand-of": "T4: which brand makes a silhouette",
    "collab-partner": "who collaborated on a silhouette",
    "technology": "which technology a silhouette uses",
    "came-first": "T8: which of two silhouettes came first",
    "not-collab": "T6: odd one out, which is NOT a collaborator on a silhouette",
    "brand-year": "T13: the year a brand was founded",
    "brand-place": "T13: where a brand was founded",
    "tech-year": "T9: the year a technology was introduced",
    "truefalse": "a statement about a debut year, designer, founding year or technology year: true, or a near miss",
}

TOP_CANDIDATES = 8  # distractors are sampled from this many best-scored candidates (guide §3.3)
YEAR_WINDOW = 15  # real years further than this from the answer are not plausible distractors
FALLBACK_OFFSETS = (1, -1, 2, -2, 3, -3, 4, -4)
CAME_FIRST_MIN_GAP = 2
CAME_FIRST_MAX_GAP = 15
POPULAR = 5  # timeline items + facts + collabs at which a subject counts as well known


def solid(catalog: Catalog, entry: Entry, field_name: str) -> bool:
    """The eligibility gate: the field is quizzable (high confidence, undisputed, not merely announced,
    and two independent publishers behind it; see :mod:`bot.catalog.corroboration`)."""
    return catalog.is_quizzable(entry, field_name)


def generate(catalog: Catalog) -> list[TriviaQuestion]:
    """Every question the catalog's solid facts support, in a stable order."""
    return [_tidy(question) for question in _Generator(catalog).run()]


_DOUBLE_ARTICLE = re.compile(r"\b([Tt])he The ")


def _tidy(question: TriviaQuestion) -> TriviaQuestion:
    """Names that carry their own article ("The Pump") must not read "the The Pump"."""
    prompt = _DOUBLE_ARTICLE.sub(r"\1he ", question.prompt)
    explanation = _DOUBLE_ARTICLE.sub(r"\1he ", question.explanation)
    if prompt == question.prompt and explanation == question.explanation:
        return question
    return replace(question, prompt=prompt, explanation=explanation)


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A possible distractor: its text, how plausible it is and, when it names one, its entry."""

    text: str
    score: float
    ref: Ref | None = None


def _dispute_values(entry: Entry, field_name: str) -> list[object]:
    values: list[object] = []
    for dispute in entry.disputes.get(field_name, ()):
        value = dispute.value
        if isinstance(value, list | tuple):
            values.extend(value)
        else:
            values.append(value)
    return values


def _disputed_years(entry: Entry, field_name: str) -> set[int]:
    years: set[int] = set()
    for value in _dispute_values(entry, field_name):
        if isinstance(value, PartialDate):
            years.add(value.year)
            if value.end is not None:
                years.update(range(value.year, value.end.year + 1))
        elif isinstance(value, int):
            years.add(value)
        elif isinstance(value, str) and value[:4].isdigit():
            years.add(int(value[:4]))
    return years


def _disputed_ids(entry: Entry, field_name: str) -> set[str]:
    """Ids named by a disputed value ("person:x" or "x"), never offered as a wrong answer."""
    ids: set[str] = set()
    for value in _dispute_values(entry, field_name):
        if isinstance(value, Ref):
            ids.add(value.id)
        elif isinstance(value, str):
            ids.add(value.partition(":")[2] or value)
    return ids


class _Generator:
    def __init__(self, catalog: Catalog) -> None:
        self.c = catalog
        years = catalog.years()
        self.max_year = years[-1] if years else MIN_YEAR
        # Real years of the catalog, with the brand they belong to: the pool of plausible year distractors.
        self.year_pool: list[tuple[int, str | None]] = list(self._real_years())
        self.makers = sorted({shoe.brand for shoe in catalog.silhouettes.values()})
        self.designs: dict[str, list[Silhouette]] = {}
        for shoe in catalog.silhouettes.values():
            for person_id in shoe.designers:
                self.designs.setdefault(person_id, []).append(shoe)

    # -- helpers -----------------------------------------------------------------------------------

    def _real_years(self) -> Iterable[tuple[int, str | None]]:
        c = self.c
        for shoe in c.silhouettes.values():
            if shoe.first_release and shoe.first_release.exact:
                yield shoe.first_release.year, shoe.brand
        for line in c.lines.values():
            if line.first_release and line.first_release.exact:
                yield line.first_release.year, line.brand
        for tech in c.technologies.values():
            if tech.introduced and tech.introduced.exact:
                yield tech.introduced.year, tech.brand
        for brand in c.brands.values():
            if brand.founded and brand.founded.exact:
                yield brand.founded.year, brand.id
        for release in c.releases.values():
            if release.date and release.date.exact:
                yield release.date.year, c.silhouettes[release.silhouette].brand
        for collab in c.collaborations.values():
            if collab.date and collab.date.exact:
                yield collab.date.year, collab.brand
        for event in c.events.values():
            if event.date.exact:
                owners = sorted(owner for ref in event.subjects if (owner := c.brand_of(ref)) is not None)
                yield event.date.year, owners[0] if owners else None

    def solid(self, entry: Entry, field_name: str) -> bool:
        return solid(self.c, entry, field_name)

    def solid_year(self, entry: Entry, field_name: str, value: PartialDate | None) -> int | None:
        """The year of an exact, solid date field, else None (approximate, uncertain or interval dates never)."""
        if value is None or not value.exact or not self.solid(entry, field_name):
            return None
        return value.year

    def label(self, entry: Named) -> str:
        """A name with its brand in front, as the catalog shows it: 'ASICS GEL-KAYANO 14'."""
        return display_name(entry, self.c.brands)

    def popularity(self, ref: Ref) -> int:
        c = self.c
        return len(c.timeline_of(ref)) + len(c.facts_about(ref)) + len(c.collaborations_of(ref))

    def named(self, ref: Ref) -> Named | None:
        entry = self.c.find(ref)
        return entry if isinstance(entry, Named) else None

    def sources(self, *pairs: tuple[Entry, str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(source for entry, field_name in pairs for source in entry.sources_for(field_name)))

    def pick(self, qid: str, candidates: Iterable[_Candidate], forbidden: Iterable[str]) -> list[_Candidate] | None:
        """Three distractors sampled from the best-scored candidates, or None when fewer than three qualify.

        ``forbidden`` holds every true value (and disputed value) of the field: nothing that normalises
        to one of them is ever offered as a wrong answer.
        """
        banned = {normalise(text) for text in forbidden}
        unique: dict[str, _Candidate] = {}
        for candidate in candidates:
            key = normalise(candidate.text)
            if not key or key in banned:
                continue
            if key not in unique or candidate.score > unique[key].score:
                unique[key] = candidate
        if len(unique) < 3:
            return None
        rng = seeded(f"{qid}/distractors")
        pool = sorted(unique.values(), key=lambda cand: normalise(cand.text))
        rng.shuffle(pool)  # random tie-break among equal scores, still deterministic
        pool.sort(key=lambda cand: -cand.score)
        return rng.sample(pool[:TOP_CANDIDATES], 3)

    def year_distractors(self, qid: str, answer: int, brand: str | None, avoid: set[int]) -> list[int] | None:
        """Real years of the same brand or era first, then ±1…±4 around the answer; never a disputed year."""
        best: dict[int, float] = {}
        for year, owner in self.year_pool:
            gap = abs(year - answer)
            if gap == 0 or gap > YEAR_WINDOW or year in avoid or year > self.max_year:
                continue
            score = (2.0 if owner is not None and owner == brand else 0.0) + (1.0 if gap <= 5 else 0.0)
            best[year] = max(best.get(year, 0.0), score)
        candidates = [_Candidate(str(year), score) for year, score in best.items()]
        if len(candidates) < 3:
            for offset in FALLBACK_OFFSETS:
                year = answer + offset
                if MIN_YEAR <= year <= self.max_year and year not in avoid and year not in best:
                    candidates.append(_Candidate(str(year), -1.0 + 0.01 * (5 - abs(offset))))
        chosen = self.pick(qid, candidates, [str(answer), *(str(year) for year in avoid)])
        return None if chosen is None else [int(cand.text) for cand in chosen]

    def make(
        self,
        qid: str,
        *,
        prompt: str,
        answer: str,
        wrong: Sequence[str],
        category: str,
        difficulty: str,
        explanation: str,
        sources: tuple[str, ...],
        about: tuple[Ref, ...],
        answer_ref: Ref | None = None,
        year: int | None = None,
        needs_choices: bool = False,
        clue: str | None = None,
        rests: Sequence[tuple[Entry, str]] = (),
        extras: Sequence[Entry] = (),
        true_false: bool = False,
    ) -> TriviaQuestion | None:
        """A question with its choices shuffled by its id; None if the choices are not all distinct, the
        explanation has no sourced fact to add, or the question breaks a rule of :mod:`bot.trivia.quality`.

        ``rests`` are the (entry, field) pairs the question states as true; ``extras`` the entries whose
        other quizzable fields (or summary) the explanation may add.
        """
        if true_false:
            choices = list(TRUE_FALSE)
        else:
            choices = [answer, *wrong]
            if len({normalise(choice) for choice in choices}) != len(choices):
                return None
            seeded(qid).shuffle(choices)
        used = {(entry.ref, field_name) for entry, field_name in rests}
        extra = self.extra_fact(qid, extras, used, [prompt, answer, explanation, *wrong])
        if extra is None:
            return None
        explanation = f"{explanation} {extra}"
        accepted: tuple[str, ...] = ()
        if answer_ref is not None and (entry := self.named(answer_ref)) is not None:
            accepted = tuple(alias for alias in (entry.name, *entry.aliases) if normalise(alias) != normalise(answer))
        question = TriviaQuestion(
            id=qid,
            prompt=prompt,
            answer=answer,
            choices=tuple(choices),
            category=category,
            difficulty=difficulty,
            explanation=explanation,
            sources=sources,
            about=about,
            accepted=accepted,
            year=year,
            answer_ref=answer_ref,
            source_kind="generated",
            needs_choices=needs_choices,
            clue=clue,
            rests_on=tuple(dict.fromkeys(FieldRef(entry.ref, field_name) for entry, field_name in rests)),
            brand=self.c.brand_of(about[0]) if about else None,
        )
        if quality_check(self.c, question):
            return None
        return question

    # -- explanations ------------------------------------------------------------------------------

    def extra_fact(
        self, qid: str, entries: Sequence[Entry], used: set[tuple[Ref, str]], said: Sequence[str]
    ) -> str | None:
        """One sourced fact about ``entries`` the question has not already said, as a sentence, or None.

        Another quizzable field comes first (seeded choice), then the entry's summary.
        """
        seen = set().union(*(content_words(text) for text in said))
        fields: list[str] = []
        summaries: list[str] = []
        for entry in entries:
            for field_name, sentence in self._field_sentences(entry):
                if (entry.ref, field_name) not in used:
                    fields.append(sentence)
            if isinstance(entry, Named) and entry.summary:
                summaries.append(f"{self.label(entry)}: {entry.summary}")
        rng = seeded(f"{qid}/extra")
        rng.shuffle(fields)
        for sentence in (*fields, *summaries):
            if len(content_words(sentence) - seen) >= MIN_NEW_WORDS:
                return sentence if sentence.endswith((".", "!", "?")) else f"{sentence}."
        return None

    def _field_sentences(self, entry: Entry) -> Iterable[tuple[str, str]]:
        """(field, sentence) for each quizzable field of an entry that makes a good aside."""
        c = self.c
        if isinstance(entry, Silhouette):
            label = self.label(entry)
            if entry.first_release and entry.first_release.exact and self.solid(entry, "first_release"):
                yield "first_release", f"The {label} first came out in {entry.first_release.render()}."
            if entry.designers and self.solid(entry, "designers"):
                names = [c.people[p].name for p in entry.designers if p in c.people]
                if names:
                    yield "designers", f"The {label} was designed by {' and '.join(names)}."
            if entry.technologies and self.solid(entry, "technologies"):
                techs = [self.label(c.technologies[t]) for t in entry.technologies if t in c.technologies]
                if techs:
                    yield "technologies", f"The {label} uses {' and '.join(techs)}."
        elif isinstance(entry, Brand):
            if entry.founded and entry.founded.exact and self.solid(entry, "founded"):
                yield "founded", f"{entry.name} was founded in {entry.founded.render()}."
            if entry.founded_place and self.solid(entry, "founded_place"):
                yield "founded_place", f"{entry.name} was founded in {entry.founded_place}."
            if entry.founders and self.solid(entry, "founders"):
                names = [c.people[p].name for p in entry.founders if p in c.people]
                if names:
                    yield "founders", f"{entry.name} was founded by {' and '.join(names)}."
        elif isinstance(entry, Technology):
            if entry.introduced and entry.introduced.exact and self.solid(entry, "introduced"):
                brand = c.brands[entry.brand].name if entry.brand in c.brands else "Its maker"
                yield "introduced", f"{brand} introduced {entry.name} in {entry.introduced.render()}."
        elif isinstance(entry, Line):
            if entry.first_release and entry.first_release.exact and self.solid(entry, "first_release"):
                yield "first_release", f"The {self.label(entry)} line began in {entry.first_release.render()}."
        elif isinstance(entry, Collaboration) and entry.date and entry.date.exact and self.solid(entry, "date"):
            yield "date", f"The {entry.name} came out in {entry.date.render()}."

    def brand_clue(self, brand_id: str) -> str | None:
        brand = self.c.brands.get(brand_id)
        if brand is None:
            return None
        year = self.solid_year(brand, "founded", brand.founded)
        return f"A brand founded in the {_decade(year)}." if year is not None else None

    def person_clue(self, person: Person) -> str | None:
        names = [self.c.brands[b].name for b in person.brands if b in self.c.brands]
        return f"Someone who worked with {' and '.join(names[:2])}." if names else None

    # -- templates ---------------------------------------------------------------------------------

    def run(self) -> list[TriviaQuestion]:
        steps: list[Callable[[], Iterable[TriviaQuestion | None]]] = [
            self.debut_years,
            self.designers,
            self.named_after,
            self.brand_of,
            self.collab_partners,
            self.technologies,
            self.came_first,
            self.not_collaborators,
            self.brand_years,
            self.brand_places,
            self.tech_years,
            self.true_false,
        ]
        out: list[TriviaQuestion] = []
        seen: set[str] = set()
        for step in steps:
            for question in step():
                if question is not None and question.id not in seen:
                    seen.add(question.id)
                    out.append(question)
        return out

    def shoes(self) -> list[Silhouette]:
        return sorted(self.c.silhouettes.values(), key=lambda shoe: shoe.id)

    def debut_years(self) -> Iterable[TriviaQuestion | None]:
        for shoe in self.shoes():
            year = self.solid_year(shoe, "first_release", shoe.first_release)
            if year is None:
                continue
            qid = f"gen:debut-year:{shoe.id}"
            avoid = _disputed_years(shoe, "first_release")
            # A debut release dated differently would make a second "true" year: never offer it.
            avoid |= {r.date.year for r in self.c.releases_of(shoe.id) if r.kind == "debut" and r.date}
            avoid.discard(year)
            wrong = self.year_distractors(qid, year, shoe.brand, avoid)
            if wrong is None:
                continue
            label = self.label(shoe)
            yield self.make(
                qid,
                prompt=f"In what year did the {label} first come out?",
                answer=str(year),
                wrong=[str(w) for w in wrong],
                category="eras",
                difficulty="medium" if self.popularity(shoe.ref) >= POPULAR else "hard",
                explanation=f"The {label} first came out in {year}.",
                sources=self.sources((shoe, "first_release")),
                rests=((shoe, "first_release"),),
                extras=(shoe,),
                about=(shoe.ref,),
                year=year,
                clue=f"It came out in the {_decade(year)}.",
            )

    def designers(self) -> Iterable[TriviaQuestion | None]:
        c = self.c
        for shoe in self.shoes():
            if not shoe.designers or not self.solid(shoe, "designers"):
                continue
            answer = c.people.get(shoe.designers[0])
            if answer is None:
                continue
            true_ids = set(shoe.designers) | _disputed_ids(shoe, "designers")
            shoe_year = shoe.first_release.year if shoe.first_release else None
            candidates = []
            for person in c.people.values():
                if person.id in true_ids or "designer" not in person.roles:
                    continue
                score = 2.0 if shoe.brand in person.brands else 0.0
                works = self.designs.get(person.id, [])
                if any((shoe.line and w.line == shoe.line) or w.category == shoe.category for w in works):
                    score += 2.0
                if shoe_year and any(w.first_release and abs(w.first_release.year - shoe_year) <= 5 for w in works):
                    score += 1.0
                candidates.append(_Candidate(person.name, score, person.ref))
            qid = f"gen:designer:{shoe.id}"
            true_names = [c.people[p].name for p in true_ids if p in c.people]
            chosen = self.pick(qid, candidates, true_names)
            if chosen is None:
                continue
            label = self.label(shoe)
            several = len(shoe.designers) > 1
            others = [c.people[p].name for p in shoe.designers[1:] if p in c.people]
            explanation = f"{answer.name} designed the {label}."
            if several:
                explanation = f"The {label} was designed by {answer.name} with {' and '.join(others)}."
            yield self.make(
                qid,
                prompt=f"Which of these people designed the {label}?" if several else f"Who designed the {label}?",
                answer=answer.name,
                wrong=[cand.text for cand in chosen],
                category="designers",
                difficulty="medium" if self.popularity(shoe.ref) >= POPULAR else "hard",
                explanation=explanation,
                sources=self.sources((shoe, "designers")),
                rests=((shoe, "designers"),),
                extras=(shoe, answer),
                about=(shoe.ref, answer.ref),
                answer_ref=answer.ref,
                needs_choices=several,
                clue=self.person_clue(answer),
            )

    def named_after(self) -> Iterable[TriviaQuestion | None]:
        c = self.c
        for line in sorted(c.lines.values(), key=lambda item: item.id):
            ref = line.named_after
            if ref is None or not self.solid(line, "named_after"):
                continue
            target = self.named(ref)
            if target is None:
                continue
            true_ids = {ref.id} | _disputed_ids(line, "named_after")
            candidates: list[_Candidate] = []
            if isinstance(target, Person):
                for person in c.people.values():
                    if person.id in true_ids:
                        continue
                    score = (2.0 if line.brand in person.brands else 0.0) + (
                        1.0 if set(person.roles) & set(target.roles) else 0.0
                    )
                    candidates.append(_Candidate(person.name, score, person.ref))
            else:
                table: Iterable[Named] = [e for e in self._table(ref.kind) if e.id not in true_ids]
                candidates = [
                    _Candidate(e.name, 1.0 if getattr(e, "brand", None) == line.brand else 0.0) for e in table
                ]
            qid = f"gen:named-after:{line.id}"
            chosen = self.pick(qid, candidates, [target.name])
            if chosen is None:
                continue
            label = self.label(line)
            if not normalise(label).endswith(("series", "line")):
                label = f"{label} line"
            whom = "whom" if isinstance(target, Person) else "what"
            is_designer = isinstance(target, Person) and "designer" in target.roles
            yield self.make(
                qid,
                prompt=f"The {label} is named after {whom}?",
                answer=target.name,
                wrong=[cand.text for cand in chosen],
                category="designers" if is_designer else "brands",
                difficulty="medium",
                explanation=f"The {label} takes its name from {target.name}.",
                sources=self.sources((line, "named_after")),
                rests=((line, "named_after"),),
                extras=(line, target),
                about=(line.ref, ref),
                answer_ref=ref,
                clue=self.person_clue(target) if isinstance(target, Person) else None,
            )

    def _table(self, kind: str) -> list[Named]:
        table = {
            "brand": self.c.brands,
            "person": self.c.people,
            "technology": self.c.technologies,
            "line": self.c.lines,
            "silhouette": self.c.silhouettes,
        }.get(kind, {})
        return [entry for entry in table.values() if isinstance(entry, Named)]

    def brand_of(self) -> Iterable[TriviaQuestion | None]:
        c = self.c
        categories: dict[str, set[str | None]] = {}
        debuts: dict[str, list[int]] = {}
        for other in c.silhouettes.values():
            categories.setdefault(other.brand, set()).add(other.category)
            if other.first_release:
                debuts.setdefault(other.brand, []).append(other.first_release.year)
        for shoe in self.shoes():
            brand = c.brands.get(shoe.brand)
            if brand is None or not self.solid(shoe, "brand"):
                continue
            shoe_name = f" {normalise(shoe.name)} "
            if any(f" {normalise(name)} " in shoe_name for name in (brand.name, *brand.aliases)):
                continue  # the name gives the answer away
            partners = {collab.partner.id for collab in c.collaborations_of(shoe.ref) if collab.partner.kind == "brand"}
            same_name = {o.brand for o in c.silhouettes.values() if normalise(o.name) == normalise(shoe.name)}
            candidates = []
            year = shoe.first_release.year if shoe.first_release else None
            for maker_id in self.makers:
                if maker_id == brand.id or maker_id in partners or maker_id in same_name:
                    continue
                score = 2.0 if shoe.category in categories.get(maker_id, set()) else 0.0
                if year and any(abs(y - year) <= 5 for y in debuts.get(maker_id, [])):
                    score += 1.0
                candidates.append(_Candidate(c.brands[maker_id].name, score, Ref("brand", maker_id)))
            qid = f"gen:brand-of:{shoe.id}"
            chosen = self.pick(qid, candidates, [brand.name, *brand.aliases])
            if chosen is None:
                continue
            yield self.make(
                qid,
                prompt=f"Which brand makes the {shoe.name}?",
                answer=brand.name,
                wrong=[cand.text for cand in chosen],
                category="brands",
                difficulty="easy",
                explanation=f"The {shoe.name} is made by {brand.name}.",
                sources=self.sources((shoe, "brand")),
                rests=((shoe, "brand"),),
                extras=(shoe, brand),
                about=(shoe.ref, brand.ref),
                answer_ref=brand.ref,
                clue=self.brand_clue(brand.id),
            )

    def _collab_ok(self, collab: Collaboration) -> bool:
        return self.solid(collab, "partner") and self.solid(collab, "silhouette")

    def _partner_pool(self, shoe: Silhouette) -> tuple[set[Ref], list[Ref]]:
        """(every partner that is or may be true for this shoe, every other partner in the catalog)."""
        c = self.c
        true = {collab.partner for collab in c.collaborations_of(shoe.ref)}
        # A brand-wide collaboration (no silhouette) might have included this shoe: never a wrong answer.
        true |= {
            collab.partner
            for collab in c.collaborations_of(Ref("brand", shoe.brand))
            if collab.silhouette is None or collab.silhouette == shoe.id
        }
        true.add(Ref("brand", shoe.brand))
        others = sorted({collab.partner for collab in c.collaborations.values()} - true)
        return true, others

    def _partner_candidates(self, shoe: Silhouette, others: list[Ref], kind: str, year: int | None) -> list[_Candidate]:
        c = self.c
        candidates = []
        for partner in others:
            entry = self.named(partner)
            if entry is None:
                continue
            collabs = c.collaborations_of(partner)
            score = 2.0 if any(collab.brand == shoe.brand for collab in collabs) else 0.0
            score += 1.0 if partner.kind == kind else 0.0
            if year and any(collab.date and abs(collab.date.year - year) <= 5 for collab in collabs):
                score += 1.0
            candidates.append(_Candidate(entry.name, score, partner))
        return candidates

    def collab_partners(self) -> Iterable[TriviaQuestion | None]:
        c = self.c
        for shoe in self.shoes():
            eligible = [collab for collab in c.collaborations_of(shoe.ref) if self._collab_ok(collab)]
            if not eligible:
                continue
            collab = eligible[0]
            partner = self.named(collab.partner)
            brand = c.brands.get(shoe.brand)
            if partner is None or brand is None:
                continue
            true, others = self._partner_pool(shoe)
            year = collab.date.year if collab.date and collab.date.exact else None
            candidates = self._partner_candidates(shoe, others, collab.partner.kind, year)
            true_names = [name for ref in true if (entry := self.named(ref)) for name in (entry.name, *entry.aliases)]
            qid = f"gen:collab-partner:{shoe.id}"
            chosen = self.pick(qid, candidates, true_names)
            if chosen is None:
                continue
            several = len({item.partner for item in c.collaborations_of(shoe.ref)}) > 1
            who = "Which of these collaborated" if several else "Who collaborated"
            when = f" ({collab.date.render()})" if collab.date and self.solid(collab, "date") else ""
            clue = None
            if collab.date and collab.date.exact and self.solid(collab, "date"):
                clue = f"Their collaboration came out in the {_decade(collab.date.year)}."
            yield self.make(
                qid,
                prompt=f"{who} with {brand.name} on a version of the {shoe.name}?",
                answer=partner.name,
                wrong=[cand.text for cand in chosen],
                category="collabs",
                difficulty="medium" if self.popularity(shoe.ref) >= POPULAR else "hard",
                explanation=f"{partner.name} worked with {brand.name} on the {collab.name}{when}.",
                sources=self.sources((collab, "partner"), (collab, "silhouette")),
                rests=((collab, "partner"), (collab, "silhouette")),
                extras=(collab, shoe, partner),
                about=(shoe.ref, collab.ref),
                answer_ref=collab.partner,
                needs_choices=several,
                clue=clue,
            )

    def not_collaborators(self) -> Iterable[TriviaQuestion | None]:
        c = self.c
        for shoe in self.shoes():
            firsts: dict[Ref, Collaboration] = {}
            for collab in c.collaborations_of(shoe.ref):
                if self._collab_ok(collab):
                    firsts.setdefault(collab.partner, collab)
            if len(firsts) < 3:
                continue
            qid = f"gen:not-collab:{shoe.id}"
            rng = seeded(f"{qid}/true")
            partners = sorted(firsts)
            kept = sorted(rng.sample(partners, 3))
            true, others = self._partner_pool(shoe)
            candidates = self._partner_candidates(shoe, others, kept[0].kind, None)
            true_names = [name for ref in true if (entry := self.named(ref)) for name in (entry.name, *entry.aliases)]
            chosen = self.pick(qid + "/odd", candidates, true_names)
            odd = chosen[0] if chosen else None
            if odd is None or odd.ref is None:
                continue
            odd_ref = odd.ref
            kept_names = [c.name_of(ref) for ref in kept]
            label = self.label(shoe)
            elsewhere = [collab for collab in c.collaborations_of(odd_ref) if collab.brand == shoe.brand]
            tail = f"; {odd.text} worked with {c.brands[shoe.brand].name} on other shoes" if elsewhere else ""
            yield self.make(
                qid,
                prompt=f"Which of these is NOT a collaborator on the {label}?",
                answer=odd.text,
                wrong=kept_names,
                category="collabs",
                difficulty="hard",
                explanation=f"{', '.join(kept_names[:-1])} and {kept_names[-1]} all collaborated on the {label}{tail}.",
                sources=self.sources(*((firsts[ref], "partner") for ref in kept)),
                rests=tuple((firsts[ref], field) for ref in kept for field in ("partner", "silhouette")),
                extras=(shoe,),
                about=(shoe.ref,),
                answer_ref=odd_ref,
                needs_choices=True,
            )

    def technologies(self) -> Iterable[TriviaQuestion | None]:
        c = self.c
        for shoe in self.shoes():
            if not shoe.technologies or not self.solid(shoe, "technologies"):
                continue
            tech = c.technologies.get(shoe.technologies[0])
            if tech is None:
                continue
            debut = shoe.first_release.year if shoe.first_release else None
            introduced = tech.introduced.year if tech.introduced else None
            if debut is not None and introduced is not None and introduced > debut:
                continue  # the field then describes a later version, not the shoe as it launched
            true_ids = set(shoe.technologies) | _disputed_ids(shoe, "technologies")
            candidates = []
            for other in c.technologies.values():
                if other.id in true_ids:
                    continue
                when = other.introduced.year if other.introduced else None
                if other.brand == shoe.brand:
                    # Same brand is plausible but only certainly wrong when it did not exist yet.
                    if debut is None or when is None or when <= debut:
                        continue
                    score = 3.0
                else:
                    score = 1.0 + (1.0 if debut and when and abs(when - debut) <= 5 else 0.0)
                candidates.append(_Candidate(other.name, score, other.ref))
            qid = f"gen:technology:{shoe.id}"
            true_names = [c.technologies[t].name for t in true_ids if t in c.technologies]
            chosen = self.pick(qid, candidates, true_names)
            if chosen is None:
                continue
            label = self.label(shoe)
            several = len(shoe.technologies) > 1
            brand = c.brands[tech.brand].name if tech.brand in c.brands else ""
            intro_year = self.solid_year(tech, "introduced", tech.introduced)
            yield self.make(
                qid,
                prompt=(
                    f"Which of these technologies does the {label} use?"
                    if several
                    else f"Which technology does the {label} use?"
                ),
                answer=tech.name,
                wrong=[cand.text for cand in chosen],
                category="tech",
                difficulty="medium" if self.popularity(shoe.ref) >= POPULAR else "hard",
                explanation=f"The {label} uses {brand} {tech.name}.".replace("  ", " "),
                sources=self.sources((shoe, "technologies")),
                rests=((shoe, "technologies"),),
                extras=(shoe, tech),
                about=(shoe.ref, tech.ref),
                answer_ref=tech.ref,
                needs_choices=several,
                clue=f"{brand} introduced it in the {_decade(intro_year)}." if intro_year and brand else None,
            )

    def came_first(self) -> Iterable[TriviaQuestion | None]:
        dated = [
            (shoe, year)
            for shoe in self.shoes()
            if (year := self.solid_year(shoe, "first_release", shoe.first_release)) is not None
        ]
        done: set[tuple[str, str]] = set()
        for shoe, year in dated:
            options: list[tuple[float, Silhouette, int]] = []
            for other, other_year in dated:
                gap = abs(other_year - year)
                if other.id == shoe.id or not CAME_FIRST_MIN_GAP <= gap <= CAME_FIRST_MAX_GAP:
                    continue
                if normalise(self.label(other)) == normalise(self.label(shoe)):
                    continue
                score = (2.0 if other.brand == shoe.brand else 0.0) + (2.0 if other.category == shoe.category else 0.0)
                score += 1.0 if gap <= 5 else 0.0
                options.append((score, other, other_year))
            if not options:
                continue
            rng = seeded(f"gen:came-first:{shoe.id}/partner")
            options.sort(key=lambda item: item[1].id)
            rng.shuffle(options)
            options.sort(key=lambda item: -item[0])
            _, other, other_year = rng.choice(options[:4])
            pair = (min(shoe.id, other.id), max(shoe.id, other.id))
            if pair in done:
                continue
            done.add(pair)
            first, first_year, second, second_year = (
                (shoe, year, other, other_year) if year < other_year else (other, other_year, shoe, year)
            )
            qid = f"gen:came-first:{pair[0]}:{pair[1]}"
            first_label, second_label = self.label(first), self.label(second)
            named = [first_label, second_label]
            seeded(qid).shuffle(named)
            gap = second_year - first_year
            question = self.make(
                qid,
                prompt=f"Which came first: the {named[0]} or the {named[1]}?",
                answer=first_label,
                wrong=[second_label],
                category="eras",
                difficulty="easy" if gap >= 8 else "medium" if gap >= 4 else "hard",
                explanation=f"The {first_label} came out in {first_year}, the {second_label} in {second_year}.",
                sources=self.sources((first, "first_release"), (second, "first_release")),
                rests=((first, "first_release"), (second, "first_release")),
                extras=(first, second),
                about=(first.ref, second.ref),
                answer_ref=first.ref,
                clue=f"The earlier one came out in the {_decade(first_year)}.",
            )
            yield question

    def brand_years(self) -> Iterable[TriviaQuestion | None]:
        for brand in sorted(self.c.brands.values(), key=lambda item: item.id):
            year = self.solid_year(brand, "founded", brand.founded)
            if year is None:
                continue
            qid = f"gen:brand-year:{brand.id}"
            wrong = self.year_distractors(qid, year, brand.id, _disputed_years(brand, "founded"))
            if wrong is None:
                continue
            place = f" in {brand.founded_place}" if brand.founded_place and self.solid(brand, "founded_place") else ""
            yield self.make(
                qid,
                prompt=f"In what year was {brand.name} founded?",
                answer=str(year),
                wrong=[str(w) for w in wrong],
                category="brands",
                difficulty="medium" if brand.id in self.makers else "hard",
                explanation=f"{brand.name} was founded{place} in {year}.",
                sources=self.sources((brand, "founded")),
                rests=((brand, "founded"),),
                extras=(brand,),
                about=(brand.ref,),
                year=year,
                clue=f"It was founded in the {_decade(year)}.",
            )

    def brand_places(self) -> Iterable[TriviaQuestion | None]:
        brands = sorted(self.c.brands.values(), key=lambda item: item.id)
        for brand in brands:
            place = brand.founded_place
            if not place or not self.solid(brand, "founded_place"):
                continue
            city, country = _place_parts(place)
            forbidden = [place, *_disputed_strings(brand, "founded_place")]
            candidates = []
            for other in brands:
                other_place = other.founded_place
                if other.id == brand.id or not other_place:
                    continue
                other_city, other_country = _place_parts(other_place)
                if other_city == city or city in other_city or other_city in city:
                    continue  # the same town written another way would be a second right answer
                score = (2.0 if other_country == country else 0.0) + (1.0 if other.kind == brand.kind else 0.0)
                candidates.append(_Candidate(other_place, score))
            qid = f"gen:brand-place:{brand.id}"
            chosen = self.pick(qid, candidates, forbidden)
            if chosen is None:
                continue
            yield self.make(
                qid,
                prompt=f"Where was {brand.name} founded?",
                answer=place,
                wrong=[cand.text for cand in chosen],
                category="brands",
                difficulty="medium" if brand.id in self.makers else "hard",
                explanation=f"{brand.name} was founded in {place}.",
                sources=self.sources((brand, "founded_place")),
                rests=((brand, "founded_place"),),
                extras=(brand,),
                about=(brand.ref,),
            )

    def tech_years(self) -> Iterable[TriviaQuestion | None]:
        c = self.c
        for tech in sorted(c.technologies.values(), key=lambda item: item.id):
            year = self.solid_year(tech, "introduced", tech.introduced)
            brand = c.brands.get(tech.brand)
            if year is None or brand is None:
                continue
            qid = f"gen:tech-year:{tech.id}"
            wrong = self.year_distractors(qid, year, tech.brand, _disputed_years(tech, "introduced"))
            if wrong is None:
                continue
            yield self.make(
                qid,
                prompt=f"In what year did {brand.name} introduce {tech.name}?",
                answer=str(year),
                wrong=[str(w) for w in wrong],
                category="tech",
                difficulty="medium" if self.popularity(tech.ref) >= 2 else "hard",
                explanation=f"{brand.name} introduced {tech.name} in {year}.",
                sources=self.sources((tech, "introduced")),
                rests=((tech, "introduced"),),
                extras=(tech,),
                about=(tech.ref,),
                year=year,
                clue=f"It arrived in the {_decade(year)}.",
            )

    # -- true or false ---------------------------------------------------------------------------

    def true_false(self) -> Iterable[TriviaQuestion | None]:
        """Statements about quizzable facts, half of them true and half a near miss of the true value.

        Which statements are false is decided once for the whole set (seeded), so the generated set stays
        between 40 % and 60 % True; a fact with no certain near miss can only be stated truly.
        """
        facts = sorted(self._statements(), key=lambda item: item.qid)
        rng = seeded("gen:truefalse/balance")
        order = list(range(len(facts)))
        rng.shuffle(order)
        wanted = len(facts) // 2
        false_ids: set[str] = set()
        for index in order:
            if len(false_ids) >= wanted:
                break
            if facts[index].false_claim is not None:
                false_ids.add(facts[index].qid)
        for fact in facts:
            is_false = fact.qid in false_ids
            claim = fact.false_claim if is_false and fact.false_claim is not None else fact.true_claim
            answer = "False" if is_false else "True"
            why = f"False: {fact.true_claim}, not {fact.false_value}." if is_false else f"True: {fact.true_claim}."
            yield self.make(
                fact.qid,
                prompt=f"True or false: {claim}.",
                answer=answer,
                wrong=[],
                category=fact.category,
                difficulty=fact.difficulty,
                explanation=why,
                sources=self.sources(*fact.rests),
                about=fact.about,
                rests=fact.rests,
                extras=fact.extras,
                true_false=True,
            )

    def _near_year(self, qid: str, year: int, avoid: set[int]) -> int | None:
        """A wrong year one to three years from the true one, never a disputed or otherwise true year."""
        offsets = [-3, -2, -1, 1, 2, 3]
        seeded(f"{qid}/near").shuffle(offsets)
        for offset in offsets:
            near = year + offset
            if MIN_YEAR <= near <= self.max_year and near not in avoid:
                return near
        return None

    def _statements(self) -> Iterable[_Statement]:
        c = self.c
        for shoe in self.shoes():
            label = self.label(shoe)
            year = self.solid_year(shoe, "first_release", shoe.first_release)
            if year is not None and year_sums_away(year, [shoe.name], self._known_years(shoe)) is None:
                qid = f"gen:truefalse:debut-year:{shoe.id}"
                avoid = _disputed_years(shoe, "first_release") | {year}
                avoid |= {r.date.year for r in c.releases_of(shoe.id) if r.kind == "debut" and r.date}
                near = self._near_year(qid, year, avoid)
                yield _Statement(
                    qid,
                    f"the {label} first came out in {year}",
                    f"the {label} first came out in {near}" if near else None,
                    str(near),
                    "eras",
                    "easy" if self.popularity(shoe.ref) >= POPULAR else "medium",
                    ((shoe, "first_release"),),
                    (shoe,),
                    (shoe.ref,),
                )
            if shoe.designers and self.solid(shoe, "designers") and shoe.designers[0] in c.people:
                designer = c.people[shoe.designers[0]]
                if "designer" not in designer.roles:
                    continue
                qid = f"gen:truefalse:designer:{shoe.id}"
                near_person = self._near_designer(qid, shoe)
                yield _Statement(
                    qid,
                    f"{designer.name} designed the {label}",
                    f"{near_person.name} designed the {label}" if near_person else None,
                    near_person.name if near_person else "",
                    "designers",
                    "medium" if self.popularity(shoe.ref) >= POPULAR else "hard",
                    ((shoe, "designers"),),
                    (shoe,),
                    (shoe.ref, designer.ref),
                )
        for brand in sorted(c.brands.values(), key=lambda item: item.id):
            year = self.solid_year(brand, "founded", brand.founded)
            if year is None:
                continue
            qid = f"gen:truefalse:brand-year:{brand.id}"
            near = self._near_year(qid, year, _disputed_years(brand, "founded") | {year})
            yield _Statement(
                qid,
                f"{brand.name} was founded in {year}",
                f"{brand.name} was founded in {near}" if near else None,
                str(near),
                "brands",
                "medium" if brand.id in self.makers else "hard",
                ((brand, "founded"),),
                (brand,),
                (brand.ref,),
            )
        for tech in sorted(c.technologies.values(), key=lambda item: item.id):
            year = self.solid_year(tech, "introduced", tech.introduced)
            maker = c.brands.get(tech.brand)
            if year is None or maker is None:
                continue
            qid = f"gen:truefalse:tech-year:{tech.id}"
            near = self._near_year(qid, year, _disputed_years(tech, "introduced") | {year})
            yield _Statement(
                qid,
                f"{maker.name} introduced {tech.name} in {year}",
                f"{maker.name} introduced {tech.name} in {near}" if near else None,
                str(near),
                "tech",
                "medium" if self.popularity(tech.ref) >= 2 else "hard",
                ((tech, "introduced"),),
                (tech,),
                (tech.ref,),
            )

    def _known_years(self, shoe: Silhouette) -> set[int]:
        years: set[int] = set()
        line = self.c.lines.get(shoe.line) if shoe.line else None
        if line is not None and line.first_release is not None:
            years.add(line.first_release.year)
        brand = self.c.brands.get(shoe.brand)
        if brand is not None and brand.founded is not None:
            years.add(brand.founded.year)
        return years

    def _near_designer(self, qid: str, shoe: Silhouette) -> Person | None:
        """Another designer of the same brand, not credited, disputed or named anywhere near this shoe."""
        c = self.c
        banned = set(shoe.designers) | _disputed_ids(shoe, "designers")
        nearby = " ".join(
            text
            for text in (
                shoe.summary or "",
                *(fact.text for fact in c.facts_about(shoe.ref)),
                *(c.name_of(line.named_after) for line in [c.lines.get(shoe.line or "")] if line and line.named_after),
            )
        )
        people = [
            person
            for person in sorted(c.people.values(), key=lambda item: item.id)
            if person.id not in banned
            and "designer" in person.roles
            and shoe.brand in person.brands
            and not mentions(nearby, person.name)
            and not any(mentions(nearby, part) for part in person.name.split()[-1:])
        ]
        return seeded(f"{qid}/near").choice(people) if people else None


@dataclass(frozen=True, slots=True)
class _Statement:
    """A fact that can be stated truly, and (when a certain near miss exists) falsely."""

    qid: str
    true_claim: str
    false_claim: str | None
    false_value: str
    category: str
    difficulty: str
    rests: tuple[tuple[Entry, str], ...]
    extras: tuple[Entry, ...]
    about: tuple[Ref, ...]


_COUNTRY_SYNONYMS = {"usa": "united states", "us": "united states", "uk": "united kingdom", "england": "united kingdom"}


def _place_parts(place: str) -> tuple[str, str]:
    """(town, country) of a 'Kobe, Japan' style place, normalised, so two spellings of one town meet."""
    parts = [normalise(part) for part in place.split(",") if part.strip()]
    if not parts:
        return "", ""
    country = parts[-1] if len(parts) > 1 else ""
    return parts[0], _COUNTRY_SYNONYMS.get(country, country)


def _disputed_strings(entry: Entry, field_name: str) -> list[str]:
    return [str(value) for value in _dispute_values(entry, field_name)]
