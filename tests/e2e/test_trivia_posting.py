"""A question or a reveal that Discord refuses (400: the payload breaks one of its limits) never ends a game
or leaves live answer buttons behind."""

from __future__ import annotations

import discord
from helpers import World


def titles(world: World) -> list[str]:
    return [m.embeds[0].title or "" for m in world.general.history() if m.embeds]


async def test_a_question_discord_refuses_is_skipped_and_the_game_goes_on(world: World) -> None:
    world.env.inject_error(
        "POST", "/channels/*/messages", status=400, code=50035, message="Invalid Form Body: embeds.0.fields.0.value"
    )
    started = await world.member.slash(world.general, "trivia start", rounds=2, seconds=10)
    assert "Trivia starting" in started.response.content
    assert titles(world)[-1].startswith("Question 2/2")  # question 1 could not be posted: on to question 2
    await world.env.advance_time(10)
    assert titles(world)[-1] == "🏁 Game over"


async def test_a_refused_reveal_still_shows_the_answer_and_removes_the_buttons(world: World) -> None:
    await world.member.slash(world.general, "trivia start", rounds=1, seconds=10)
    question = next(m for m in reversed(world.general.history()) if m.embeds)
    world.env.inject_error(
        "PATCH", "/channels/*/messages/*", status=400, code=50035, message="Invalid Form Body: embeds.0.fields.0.value"
    )
    await world.env.advance_time(10)
    revealed: discord.Message = next(m for m in world.general.history() if m.id == question.id)
    assert revealed.embeds[0].title == "Question 1/1 · answer"
    assert revealed.embeds[0].description.startswith("The answer: ")
    labels = [b.label for row in revealed.components for b in row.children]  # type: ignore[attr-defined]
    assert labels == ["Learn more", "Report question"]  # no live choice left
    assert titles(world)[-1] == "🏁 Game over"
