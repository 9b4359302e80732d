"""Judging typed (open-mode) answers: forgiving of spelling, strict about naming the wrong thing.

"Kayno 14" is a typo for the GEL-KAYANO 14 and scores; "GEL-KAYANO 13" is a different shoe and does not,
even though it is closer letter for letter. Both sides go through one canonical form: the catalog's
normaliser, number words turned into digits ("fourteen" -> 14, "nineteen eighty-seven" -> 1987) and
separators removed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz, process

from bot.catalog.catalog import Catalog
from bot.catalog.labels import display_name
from bot.catalog.models import Named, Person, Ref
from bot.catalog.text import normalise

from .questions import TriviaQuestion

__all__ = ["FUZZY_THRESHOLD", "AnswerMatcher", "answer_key", "canonical", "parse_number", "year_credit"]

FUZZY_THRESHOLD = 85.0
MIN_FUZZY_LENGTH = 4  # shorter keys ("k14", "v5") must match exactly

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000}
_ROMAN = {"ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9}
_NUMBER_WORDS = _UNITS.keys() | _TENS.keys() | _SCALES.keys()
_DIGITS = re.compile(r"\d+")

_TRUE = frozenset({"true", "t", "yes", "y", "yep", "yeah", "correct", "right", "vrai", "1"})
_FALSE = frozenset({"false", "f", "no", "n", "nope", "wrong", "incorrect", "faux", "0"})


def _groups(words: list[str]) -> list[int] | None:
    """Two-digit groups, as years are said: 'nineteen eighty seven' -> [19, 87]; None if not of that shape."""
    out: list[int] = []
    i = 0
    while i < len(words):
        word = words[i]
        if word == "oh" and i + 1 < len(words) and words[i + 1] in _UNITS and _UNITS[words[i + 1]] < 10:
            out.append(_UNITS[words[i + 1]])
            i += 2
        elif word in _TENS:
            value = _TENS[word]
            if i + 1 < len(words) and words[i + 1] in _UNITS and 0 < _UNITS[words[i + 1]] < 10:
                value += _UNITS[words[i + 1]]
                i += 1
            out.append(value)
            i += 1
        elif word in _UNITS:
            out.append(_UNITS[word])
            i += 1
        else:
            return None
    return out


def _spoken(words: list[str]) -> list[str]:
    """Digits for one run of number words."""
    if any(word in _SCALES for word in words):
        total = current = 0
        for word in words:
            if word in _UNITS or word in _TENS:
                current += _UNITS.get(word, 0) + _TENS.get(word, 0)
            elif word == "hundred":
                current = (current or 1) * 100
            elif word == "thousand":
                total += (current or 1) * 1000
                current = 0
        return [str(total + current)]
    groups = _groups(words)
    if groups is None:
        return words
    if len(groups) == 2 and 10 <= groups[0] <= 99 and groups[1] <= 99 and words[0] not in ("oh", "zero"):
        return [str(groups[0] * 100 + groups[1])]  # 'twenty twenty' -> 2020, 'nineteen oh six' -> 1906
    return [str(group) for group in groups]  # 'one one' (Hoka One One) stays two numbers


def canonical(text: str) -> str:
    """Normalised text with number words and small roman numerals as digits: 'Vomero five' -> 'vomero 5'."""
    tokens = normalise(text).split()
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        while run and run[-1] in ("and", "oh"):
            tail = run.pop()
            if run:
                out.extend(_spoken(run))
                run.clear()
            out.append(tail)
        if run:
            out.extend(_spoken(run))
            run.clear()

    for token in tokens:
        if token in _NUMBER_WORDS or (run and token in ("and", "oh")):
            run.append(token)
            continue
        flush()
        out.append(str(_ROMAN[token]) if token in _ROMAN and out else token)
    flush()
    return " ".join(out)


def answer_key(text: str) -> str:
    """The compact canonical form two spellings of one answer share: 'GEL-KAYANO fourteen' -> 'gelkayano14'."""
    return canonical(text).replace(" ", "")


def parse_number(text: str) -> int | None:
    """The first number in a typed answer, digits or words ('2008', 'two thousand eight')."""
    match = _DIGITS.search(canonical(text))
    return int(match.group()) if match else None


def year_credit(guess: int, answer: int) -> float:
    """Closest-guess credit: exact 1.0, within a year 0.6, within three 0.3."""
    gap = abs(guess - answer)
    if gap == 0:
        return 1.0
    if gap <= 1:
        return 0.6
    if gap <= 3:
        return 0.3
    return 0.0


def _digits(key: str) -> tuple[str, ...]:
    return tuple(_DIGITS.findall(key))


class AnswerMatcher:
    """Every name and alias in the catalog, so a typed answer can be told apart from a different entry's name."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        owners: dict[str, set[Ref]] = {}
        self._keys_of: dict[Ref, set[str]] = {}
        surnames: dict[str, set[Ref]] = {}
        self._brand_keys: dict[str, tuple[str, ...]] = {}
        for entry in self._named():
            keys = {answer_key(name) for name in self._names(entry)} - {""}
            self._keys_of[entry.ref] = keys
            for key in keys:
                owners.setdefault(key, set()).add(entry.ref)
            if isinstance(entry, Person):
                words = canonical(entry.name).split()
                if len(words) > 1:
                    surnames.setdefault(words[-1], set()).add(entry.ref)
        for brand in catalog.brands.values():
            self._brand_keys[brand.id] = tuple(
                sorted({canonical(name) for name in (brand.name, *brand.aliases)} - {""}, key=len, reverse=True)
            )
        self._owners = {key: frozenset(refs) for key, refs in owners.items()}
        self._all_keys = sorted(self._owners)
        self._surnames = {word: next(iter(refs)) for word, refs in surnames.items() if len(refs) == 1}

    def _named(self) -> Iterable[Named]:
        c = self.catalog
        yield from c.brands.values()
        yield from c.people.values()
        yield from c.technologies.values()
        yield from c.lines.values()
        yield from c.silhouettes.values()

    def _names(self, entry: Named) -> list[str]:
        return [*self.labels(entry), *entry.aliases]

    def labels(self, entry: Named) -> list[str]:
        """An entry's own name, with and without its brand in front ('2002R', 'New Balance 2002R')."""
        return list(dict.fromkeys([entry.name, display_name(entry, self.catalog.brands)]))

    def resolve(self, text: str) -> Ref | None:
        """The one entry whose name or alias ``text`` is exactly, if exactly one."""
        refs = self._owners.get(answer_key(text), frozenset())
        return next(iter(refs)) if len(refs) == 1 else None

    def judge(self, question: TriviaQuestion, text: str) -> float:
        """Credit in [0, 1] for a typed answer to ``question``."""
        if not normalise(text):
            return 0.0
        if question.is_true_false:
            return self._judge_true_false(question, text)
        if question.year is not None:
            guess = self._guess_year(text, question.year)
            return 0.0 if guess is None else year_credit(guess, question.year)
        return self._judge_name(question, text)

    @staticmethod
    def _judge_true_false(question: TriviaQuestion, text: str) -> float:
        word = normalise(text)
        said = True if word in _TRUE else False if word in _FALSE else None
        if said is None:
            return 0.0
        return 1.0 if said == (normalise(question.answer) == "true") else 0.0

    @staticmethod
    def _guess_year(text: str, answer: int) -> int | None:
        match = _DIGITS.search(canonical(text))
        if match is None:
            return None
        guess = int(match.group())
        if len(match.group()) == 2:  # "'08" or "87": the century closest to the answer
            century = answer - answer % 100
            guess = min((century - 100 + guess, century + guess, century + 100 + guess), key=lambda y: abs(y - answer))
        return guess

    def _answer_keys(self, question: TriviaQuestion) -> set[str]:
        keys = {answer_key(question.answer), *(answer_key(alias) for alias in question.accepted)}
        if question.answer_ref is not None:
            keys |= self._keys_of.get(question.answer_ref, set())
        return keys - {""}

    def _typed_forms(self, question: TriviaQuestion, text: str) -> list[str]:
        """The typed key, plus the key without a leading brand name ('asics k14' -> 'k14')."""
        typed = canonical(text)
        forms = [typed.replace(" ", "")]
        brand_id = self.catalog.brand_of(question.answer_ref) if question.answer_ref else None
        if brand_id is not None and question.answer_ref != Ref("brand", brand_id):
            for prefix in self._brand_keys.get(brand_id, ()):
                if typed.startswith(prefix + " "):
                    forms.append(typed[len(prefix) :].replace(" ", ""))
                    break
        return [form for form in forms if form]

    def _judge_name(self, question: TriviaQuestion, text: str) -> float:
        good = self._answer_keys(question)
        forms = self._typed_forms(question, text)
        if any(form in good for form in forms):
            return 1.0
        mine = question.answer_ref
        for form in forms:
            owners = self._owners.get(form, frozenset())
            if owners and mine not in owners:
                return 0.0  # exactly another entry's name
        surname = forms[0]
        if mine is not None and self._surnames.get(surname) == mine and surname not in self._owners:
            return 1.0  # "Yamashita" for Hidenori Yamashita, when no one else is called that
        for form in forms:
            if len(form) < MIN_FUZZY_LENGTH:
                continue
            digits = _digits(form)
            best_good = max(
                (fuzz.ratio(form, key) for key in good if _digits(key) == digits and len(key) >= MIN_FUZZY_LENGTH),
                default=0.0,
            )
            if best_good < FUZZY_THRESHOLD:
                continue
            best_other = 0.0
            for key, score, _ in process.extract(form, self._all_keys, scorer=fuzz.ratio, processor=None, limit=12):
                if key not in good and mine not in self._owners[key]:
                    best_other = max(best_other, float(score))
            if best_good > best_other:
                return 1.0
        return 0.0

    def clue(self, question: TriviaQuestion) -> str | None:
        """What the catalog says about the answer, for a level-1 hint: its brand, or whom a person worked with.

        ``bot.trivia.hints.hint`` decides which clue is shown; a year question gets its decade there.
        """
        if question.year is not None:
            return None
        ref = question.answer_ref
        if ref is None:
            return None
        entry = self.catalog.find(ref)
        if isinstance(entry, Person):
            names = [self.catalog.brands[b].name for b in entry.brands if b in self.catalog.brands]
            return f"Someone who worked with {' and '.join(names[:2])}." if names else None
        brand_id = self.catalog.brand_of(ref)
        if brand_id is not None and ref.kind != "brand" and brand_id in self.catalog.brands:
            return f"Think {self.catalog.brands[brand_id].name}."
        return None
