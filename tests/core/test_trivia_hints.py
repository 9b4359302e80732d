"""Open-mode hints: one function decides every hint, whatever asks for it."""

from __future__ import annotations

import dataclasses

from bot.trivia.hints import decade, hint
from bot.trivia.questions import TriviaQuestion

QUESTION = TriviaQuestion(
    id="q",
    prompt="Who designed the GEL-KAYANO 14?",
    answer="Hidenori Yamashita",
    choices=(),
    category="designers",
    difficulty="medium",
    explanation="He did.",
    sources=(),
)


def test_level_one_prefers_the_questions_own_clue_then_the_decade_then_the_first_letter() -> None:
    assert hint(dataclasses.replace(QUESTION, clue="Someone who worked with ASICS."), 1) == (
        "Someone who worked with ASICS."
    )
    assert hint(dataclasses.replace(QUESTION, answer="2008", year=2008), 1) == "It's in the 2000s."
    assert hint(QUESTION, 1) == "It starts with 'H'."


def test_level_two_masks_the_answer_and_level_zero_shows_nothing() -> None:
    assert hint(QUESTION, 2) == "H_d_n_r_ Y_m_s_i_a"
    assert hint(QUESTION, 0) == ""
    assert decade(1999) == "1990s"
