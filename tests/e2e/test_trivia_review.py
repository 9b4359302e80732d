"""/trivia review end to end: recent wrong answers with the right one, why, and Learn more; private."""

from __future__ import annotations

import discord
import simcord
from helpers import World, running_session

from bot.shell.client import SoleArchive


def question_message(channel: simcord.ChannelHandle) -> discord.Message:
    for message in reversed(channel.history()):
        title = message.embeds[0].title if message.embeds else ""
        if (title or "").startswith("Question") and "answer" not in (title or ""):
            return message
    raise AssertionError("no open question in the channel")


async def test_review_shows_recent_wrong_answers_with_the_right_one_and_learn_more(
    world: World, simcord_bot: SoleArchive
) -> None:
    nothing = await world.member.slash(world.general, "trivia review")
    assert nothing.ephemeral and "No wrong answers to review" in nothing.response.content

    await world.member.slash(world.general, "trivia start", rounds=2, seconds=10)
    asked = []
    for _round in range(2):
        message = question_message(world.general)
        question = running_session(simcord_bot, world.general.id).game.current
        assert question is not None
        wrong = next(choice for choice in question.choices if choice != question.answer)
        asked.append((question, wrong))
        await world.member.click(message, label=wrong)
        await world.other.click(message, label=question.answer)
        await world.env.advance_time(10)
        await world.env.advance_time(6)

    review = await world.member.slash(world.general, "trivia review")
    assert review.ephemeral
    page = review.response.embeds[0]
    latest, latest_wrong = asked[-1]  # newest first
    assert page.title.startswith("📝 Review · 1/2")
    assert page.description == f"### {latest.prompt}"
    fields = {field.name: field.value for field in page.fields}
    assert discord.utils.escape_markdown(latest.answer) in fields["Right answer"]
    assert (
        fields["You answered"].startswith("❌")
        and discord.utils.escape_markdown(latest_wrong) in fields["You answered"]
    )
    assert fields["Why"] == (latest.explanation or "—")[:1024]
    assert "Learn more" in [b.get("label") for row in review.response.components for b in row["components"]]

    learn = await world.member.click(review.response, label="Learn more")
    assert learn.ephemeral and learn.response.embeds  # the /shoe card, collaborations or timeline

    await world.member.click(review.response, label="Next ›")
    older, _ = asked[0]
    assert review.response.embeds[0].description == f"### {older.prompt}"

    theirs = await world.other.slash(world.general, "trivia review")  # they were right both times
    assert theirs.ephemeral and "No wrong answers" in theirs.response.content
