"""The trivia half of ``python -m bot facts audit``: what is wrong with a hand-written question."""

from __future__ import annotations

from collections.abc import Callable

from bot.catalog.catalog import Catalog
from bot.catalog.models import Question

from . import quality
from .bank import QuestionBank

__all__ = ["question_check"]


def question_check(catalog: Catalog) -> Callable[[Question], list[str]]:
    """A check for the audit: the quality rules a hand-written question breaks, and a nationality word
    that narrows a question about a person ("the Spanish ultra runner")."""
    bank = QuestionBank(catalog)

    def check(question: Question) -> list[str]:
        made = bank.build_handwritten(question)
        if made is None:
            return []
        messages = [str(flaw) for flaw in quality.check(catalog, made)]
        person = made.answer_ref is not None and made.answer_ref.kind == "person"
        word = quality.nationality_in(made.prompt)
        if word is not None and (person or any(p.name == made.answer for p in catalog.people.values())):
            messages.append(f"nationality: {word!r} in the prompt narrows the answer to a person of that country")
        return messages

    return check
