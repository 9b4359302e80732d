"""Questions worth asking: the checks that turn away a question that gives its answer away.

Each rule looks at one question on its own (the rules about a whole game live in
:mod:`bot.trivia.selection`):

- ``answer-in-prompt``: the answer, or its distinctive word, is in the prompt ("Which technology does
  the GEL-KORIKA use?" → GEL). A word is distinctive when no wrong choice shares it, so "Air" is not
  distinctive among four Air Max models but "GEL" is among Hexalite, ENCAP and Meta-Rocker.
- ``answer-in-name``: the same, in the name of the question's subject (the Instapump Fury → Pump; the
  GEL-KAYANO line → Toshikazu Kayano); a brand answer is also given away by one of its own marks in the
  name (GEL-LYTE III → ASICS, because GEL is ASICS's).
- ``arithmetic``: the year is sums away: a "30" model of a line begun in 1993 (2023), an Air Max "90"
  from 1990, a 25th anniversary of a 1994 shoe; or "which came first" between numbered versions of one
  line whose numbers already say it.
- ``restates``: the explanation adds nothing the prompt and answer did not already say.
- ``category``: a question filed under designers whose answer is a person who is not a designer.

:func:`flaws` is pure (a question and a :class:`Context`); :func:`check` builds the context from a
catalog. The generator drops flawed questions and the bank never serves a flawed hand-written one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.catalog.catalog import Catalog
from bot.catalog.dates import PartialDate
from bot.catalog.models import Brand, Line, Named, Person, Silhouette, Technology
from bot.catalog.text import normalise

from .questions import TriviaQuestion

__all__ = [
    "NATIONALITIES",
    "RULES",
    "STOPWORDS",
    "Context",
    "Flaw",
    "check",
    "content_words",
    "context_for",
    "flaws",
    "mentions",
    "nationality_in",
    "numbered_versions_give_away",
    "year_sums_away",
]

RULES: dict[str, str] = {
    "answer-in-prompt": "the answer or its distinctive word appears in the prompt",
    "answer-in-name": "the answer or its distinctive word appears in the subject's name",
    "arithmetic": "the answer can be worked out from numbers in the question",
    "restates": "the explanation only restates the prompt and answer",
    "category": "the category does not fit the answer",
}

STOPWORDS = frozenset(
    """
    a an the and or but of on in at by for to from with into onto as is are was were be been being it its it's
    this that these those which who whom whose what when where why how did does do done has have had not no
    yes true false first came come comes out made make makes making used use uses called call one also than
    then there their they them he his she her we our you your i me my x vs via per s
    year years brand brands shoe shoes version versions model models original released release back
    """.split()  # noqa: SIM905 - a word list reads better as text
)
MIN_NEW_WORDS = 2  # an explanation must add at least this many content words to prompt + answer

NATIONALITIES = frozenset(
    """
    american british english french german spanish italian japanese chinese korean swiss swedish danish
    norwegian finnish dutch belgian austrian canadian australian brazilian mexican argentine kenyan
    ethiopian irish scottish welsh portuguese greek polish russian jamaican puerto rican nigerian
    """.split()  # noqa: SIM905 - a word list reads better as text
)

_NUMBER = re.compile(r"^(\d{1,3})(?:st|nd|rd|th)?$")
_YEAR = re.compile(r"^(18|19|20)\d\d$")
_VERSION = re.compile(r"^v?\d+[a-z]?$|^\d+v\d+$")


@dataclass(frozen=True, slots=True)
class Flaw:
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.message}"


@dataclass(frozen=True, slots=True)
class Context:
    """What the catalog knows around a question, so the rules themselves stay pure."""

    subject_names: tuple[str, ...] = ()  # the subject's shown name (when the subject is not the answer)
    answer_marks: tuple[str, ...] = ()  # a brand answer's own marks: its technologies and lines
    answer_roles: tuple[str, ...] | None = None  # roles of a person answer; None when the answer is no person
    known_years: frozenset[int] = frozenset()  # years a player may know: the subject's line and brand
    versions: tuple[tuple[str, str | None], ...] = ()  # came-first: (name, line id) of the answer, then the other


def _tokens(text: str) -> list[str]:
    return normalise(text).split()


def _stem(word: str) -> str:
    return word[:5] if len(word) > 5 else word


def content_words(text: str) -> set[str]:
    """The stems of a text's content words: no stopwords, no one- or two-letter words except numbers."""
    return {_stem(word) for word in _tokens(text) if word not in STOPWORDS and (len(word) > 2 or word.isdigit())}


def mentions(haystack: str, needle: str) -> bool:
    """The needle as whole words of the haystack (normalised): 'GEL' is in 'ASICS GEL-KORIKA'."""
    words = normalise(needle)
    return bool(words) and f" {words} " in f" {normalise(haystack)} "


def _distinctive(answer: str, others: Iterable[str]) -> list[str]:
    """The answer's words no wrong choice shares (skipping stopwords and one- or two-digit numbers)."""
    shared = {word for other in others for word in _tokens(other)}
    words = [
        word
        for word in _tokens(answer)
        if word not in STOPWORDS and word not in shared and not (word.isdigit() and len(word) < 3) and len(word) > 1
    ]
    return list(dict.fromkeys(words))


def _found_in(word: str, haystack_words: Sequence[str]) -> bool:
    """A whole word, or (four letters or more) inside a word: 'pump' in 'instapump'."""
    return any(word == other or (len(word) >= 4 and not word.isdigit() and word in other) for other in haystack_words)


def _gives_away(question: TriviaQuestion, text: str) -> str | None:
    haystack = _tokens(text)
    others = [choice for choice in question.choices if normalise(choice) != normalise(question.answer)]
    if mentions(text, question.answer):
        return question.answer
    for word in _distinctive(question.answer, others):
        if _found_in(word, haystack):
            return word
    return None


def _numbers(text: str) -> list[int]:
    out = []
    for word in _tokens(text):
        match = _NUMBER.match(word)
        if match:
            out.append(int(match.group(1)))
    return out


def year_sums_away(year: int, texts: Iterable[str], known_years: Iterable[int] = ()) -> str | None:
    """How a year can be worked out from the numbers a player sees, or None.

    A model number that is the year's last two digits (Air Max 90 → 1990), or one that added to a year the
    player is shown or knows (the line's first year, a year in the prompt) gives the year (1993 + 30).
    """
    texts = list(texts)
    years = set(known_years)
    for text in texts:
        years.update(int(word) for word in _tokens(text) if _YEAR.match(word))
    years.discard(year)
    for text in texts:
        for number in _numbers(text):
            if 10 <= number <= 99 and year % 100 == number:
                return f"{year} ends in the model number {number}"
            if 5 <= number <= 150 and year - number in years:
                return f"{year} is {year - number} + {number}"
    return None


def _version(name: str) -> tuple[tuple[str, ...], tuple[int, int] | None]:
    """(the words that are not a number, the first model number as (number, revision)): 990v3 → (990, 3)."""
    words = _tokens(name)
    numbers = [word for word in words if _VERSION.match(word)]
    stem = tuple(word for word in words if not _VERSION.match(word))
    if not numbers:
        return stem, None
    base, _, revision = numbers[0].lstrip("v").partition("v")
    digits = re.sub(r"\D", "", base)
    return stem, (int(digits or 0), int(re.sub(r"\D", "", revision) or 0))


def numbered_versions_give_away(answer: tuple[str, str | None], other: tuple[str, str | None]) -> bool:
    """ "Which came first" between two numbered versions of one line, when the lower number is the answer.

    Each option is (its name without the brand, its line id); one line means the same line id, or the
    same words around the number ("Air Max 1" and "Air Max 97").
    """
    (answer_name, answer_line), (other_name, other_line) = answer, other
    answer_stem, answer_number = _version(answer_name)
    other_stem, other_number = _version(other_name)
    if answer_number is None or other_number is None:
        return False
    same_line = answer_line is not None and answer_line == other_line
    same_line = same_line or (bool(answer_stem) and answer_stem == other_stem)
    return same_line and answer_number < other_number


def nationality_in(text: str) -> str | None:
    """A nationality word ("Spanish"), which narrows a question about a person to one or two names."""
    for word in _tokens(text):
        if word in NATIONALITIES:
            return word
    return None


def _choices_are_named(question: TriviaQuestion) -> bool:
    """Every choice is written out in the prompt ("Which came first: A or B?"): naming them is the point."""
    return len(question.choices) >= 2 and all(mentions(question.prompt, choice) for choice in question.choices)


def flaws(question: TriviaQuestion, context: Context | None = None) -> list[Flaw]:
    """Every rule the question breaks, in the order of :data:`RULES`."""
    context = context or Context()
    out: list[Flaw] = []
    answer = question.answer
    named = _choices_are_named(question)
    if not question.is_true_false and not named:
        word = _gives_away(question, question.prompt)
        if word is not None:
            out.append(Flaw("answer-in-prompt", f"the prompt contains {word!r}"))
        else:
            for name in context.subject_names:
                word = _gives_away(question, name)
                if word is not None:
                    out.append(Flaw("answer-in-name", f"the subject's name {name!r} contains {word!r}"))
                    break
            else:
                for mark in context.answer_marks:
                    if mentions(question.prompt, mark) or any(mentions(name, mark) for name in context.subject_names):
                        out.append(Flaw("answer-in-name", f"{mark!r}, a mark of {answer}, is in the question"))
                        break
    year = question.year if question.year is not None else (int(answer) if _YEAR.match(answer) else None)
    if year is not None and not question.is_true_false:
        how = year_sums_away(year, [question.prompt, *context.subject_names], context.known_years)
        if how is not None:
            out.append(Flaw("arithmetic", how))
    if named and len(context.versions) == 2:
        first, second = context.versions
        if numbered_versions_give_away(first, second):
            out.append(Flaw("arithmetic", f"the version numbers say {first[0]} came before {second[0]}"))
    seen = content_words(question.prompt) | content_words(answer)
    new = content_words(question.explanation) - seen
    if len(new) < MIN_NEW_WORDS:
        out.append(Flaw("restates", f"the explanation adds only {sorted(new) or 'nothing'} to the prompt and answer"))
    if question.category == "designers" and context.answer_roles is not None and "designer" not in context.answer_roles:
        roles = ", ".join(context.answer_roles) or "no role"
        out.append(Flaw("category", f"filed under designers, but {answer} is not a designer ({roles})"))
    return out


# ----------------------------------------------------------------------------- context from a catalog


def _year(value: object) -> int | None:
    return value.year if isinstance(value, PartialDate) and value.exact else None


def context_for(catalog: Catalog, question: TriviaQuestion) -> Context:
    """The names, marks, roles and years around a question, read from the catalog."""
    answer_key = normalise(question.answer)
    subject = catalog.find(question.about[0]) if question.about else None
    subject_names: tuple[str, ...] = ()
    if isinstance(subject, Named) and subject.ref != question.answer_ref and normalise(subject.name) != answer_key:
        subject_names = (subject.name,)  # what players see; aliases stay hidden
    answer = catalog.find(question.answer_ref) if question.answer_ref else None
    if answer is None and not question.is_true_false:
        person = next((p for p in catalog.people.values() if normalise(p.name) == answer_key), None)
        answer = person
    marks: tuple[str, ...] = ()
    if isinstance(answer, Brand):
        own = [t.name for t in catalog.technologies.values() if t.brand == answer.id]
        own += [line.name for line in catalog.lines.values() if line.brand == answer.id]
        others = {normalise(choice) for choice in question.choices if normalise(choice) != answer_key}
        marks = tuple(name for name in dict.fromkeys(own) if normalise(name) not in others)
    roles = answer.roles if isinstance(answer, Person) else None
    known: set[int] = set()
    if isinstance(subject, Silhouette | Line | Technology):
        brand = catalog.brands.get(subject.brand)
        if brand is not None and (year := _year(brand.founded)) is not None:
            known.add(year)
        line = catalog.lines.get(subject.line) if isinstance(subject, Silhouette) and subject.line else None
        if isinstance(subject, Line):
            line = subject
        if line is not None and (year := _year(line.first_release)) is not None:
            known.add(year)
    elif isinstance(subject, Brand) and (year := _year(subject.founded)) is not None:
        known.add(year)
    versions: tuple[tuple[str, str | None], ...] = ()
    shoes = [entry for ref in question.about if isinstance(entry := catalog.find(ref), Silhouette)]
    if len(question.choices) == 2 and not question.is_true_false and len(shoes) == 2:
        shoes.sort(key=lambda shoe: shoe.ref != question.answer_ref)
        versions = tuple((shoe.name, shoe.line) for shoe in shoes)
    return Context(subject_names, marks, roles, frozenset(known), versions)


def check(catalog: Catalog, question: TriviaQuestion) -> list[Flaw]:
    """Every rule the question breaks, with its context read from ``catalog``."""
    return flaws(question, context_for(catalog, question))
