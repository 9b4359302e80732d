"""What a member's suggested question (or a moderator's edit of one) must be, with the reason when it is not.

Pure rules, no storage: the custom-question store applies them before it writes anything.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.catalog.text import normalise
from bot.errors import UserError

from .questions import CATEGORIES, DIFFICULTIES, TRUE_FALSE

__all__ = [
    "MAX_CHOICE",
    "MAX_PROMPT",
    "SuggestionRefused",
    "check_choices",
    "check_kind",
    "check_options",
    "clean",
    "optional",
    "prompt_key",
]

MAX_PROMPT = 300
MAX_CHOICE = 80  # a button label's length on Discord


class SuggestionRefused(UserError):  # noqa: N818 - the name the cogs were promised
    """A suggestion (or a moderator's edit) cannot be stored; ``message`` says why."""


def prompt_key(prompt: str) -> str:
    """The form two prompts are compared in: case, accents and punctuation do not make a new question."""
    return normalise(prompt)


def clean(value: object, what: str, limit: int) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        raise SuggestionRefused(f"The {what} is empty.")
    if len(text) > limit:
        raise SuggestionRefused(f"The {what} is {len(text)} characters long (at most {limit}).")
    return text


def optional(value: object, what: str) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return clean(value, what, 1000)


def check_choices(answer: str, distractors: Sequence[str]) -> None:
    keys = [normalise(item) for item in distractors]
    if len(distractors) != 3 or len(set(keys)) != 3:
        raise SuggestionRefused("Give exactly three different wrong answers.")
    if normalise(answer) in keys:
        raise SuggestionRefused("The answer is also among the wrong answers.")


def check_options(origin: str, answer: str, distractors: Sequence[str]) -> None:
    """A suggestion needs three wrong answers; a pack question may also be true/false or open-only (none)."""
    if origin == "pack" and not distractors:
        return
    if origin == "pack" and len(distractors) == 1:
        if {answer, distractors[0]} != set(TRUE_FALSE):
            raise SuggestionRefused('A true/false question\'s answer and wrong answer are "True" and "False".')
        return
    check_choices(answer, distractors)


def check_kind(category: object, difficulty: object) -> tuple[str, str]:
    if category not in CATEGORIES:
        raise SuggestionRefused(f"The category must be one of: {', '.join(CATEGORIES)}.")
    if difficulty not in DIFFICULTIES:
        raise SuggestionRefused(f"The difficulty must be one of: {', '.join(DIFFICULTIES)}.")
    return str(category), str(difficulty)
