"""/config review lists what members find broken: reported questions shown as players saw them, and the
easy questions this server keeps missing (from this server's answers only)."""

from __future__ import annotations

import itertools
import json
import sqlite3

import discord
import simcord
from helpers import World, new_game

from bot.shell.client import SoleArchive
from bot.storage import AnswerRecord, Database, TriviaStore
from bot.trivia.questions import TriviaQuestion

_channels = itertools.count(7000)


def text_of(embeds: list[discord.Embed]) -> str:
    return json.dumps([embed.to_dict() for embed in embeds], ensure_ascii=False)


def field(embed: discord.Embed, name: str) -> str:
    return next(f.value for f in embed.fields if f.name == name) or ""


async def misses(database: Database, guild_id: int, question: TriviaQuestion, wrong: int, right: int = 0) -> None:
    """``wrong`` members of a server missed ``question`` and ``right`` got it, in one game there."""
    assert database.writer is not None
    store = TriviaStore(database, database.writer)
    channel = next(_channels)  # one running game per channel
    game = await new_game(store, guild_id, channel_id=channel)
    now = discord.utils.utcnow()
    for member in range(wrong + right):
        correct = member >= wrong
        await store.record_answer(
            AnswerRecord(
                guild_id, channel, game, 0, 900 + member, question.id, question.category,
                question.answer if correct else "nope", correct, float(correct), 100 * correct, 900, now,
            )
        )  # fmt: skip


async def test_a_reported_question_shows_its_text_choices_keyed_answer_and_reasons(
    world: World, simcord_bot: SoleArchive, database: Database
) -> None:
    await world.member.slash(world.general, "trivia start", rounds=1, seconds=10)
    await world.env.advance_time(11)
    revealed = world.general.history()[-2]
    assert (revealed.embeds[0].title or "").endswith("· answer")
    reasons = ["the year looks wrong", "two answers fit *both*", "@everyone typo"]
    for reporter, reason in zip((world.member, world.other, world.moderator), reasons, strict=True):
        modal = await reporter.click(revealed, label="Report question")
        await reporter.submit_modal(modal, {"reason": reason})
    with sqlite3.connect(database.path) as raw:
        [(asked_id,)] = raw.execute("SELECT question_id FROM trivia_rounds").fetchall()
    asked = simcord_bot.question_bank().get(asked_id)
    assert asked is not None
    # One report of a generated question too (gen:…): its id must be resolved through the bank.
    generated = next(q for q in simcord_bot.question_bank() if q.source_kind == "generated" and q.id != asked_id)
    store = TriviaStore(database, database.writer)  # type: ignore[arg-type]
    await store.report(world.guild.id, generated.id, world.member.id, "odd wording", discord.utils.utcnow())

    queue = await world.moderator.slash(world.general, "config review")
    current, overview = queue.response.embeds
    assert current.title == "Reported question · 3 reports"
    assert current.description == f"### {discord.utils.escape_markdown(asked.prompt)}"
    choices = field(current, "Choices")
    assert all(discord.utils.escape_markdown(choice) in choices for choice in asked.choices)
    assert f"✅ {discord.utils.escape_markdown(asked.answer)}" in choices
    assert field(current, "Keyed answer").startswith(discord.utils.escape_markdown(asked.answer))
    shown_reasons = field(current, "Reasons")
    assert "the year looks wrong" in shown_reasons and r"two answers fit \*both\*" in shown_reasons
    assert f"<@{world.other.id}>" in shown_reasons
    assert asked_id not in text_of(queue.response.embeds)

    most_reported = field(overview, "Most reported").splitlines()
    assert most_reported[0].startswith("**3** · ") and most_reported[1].startswith("**1** · ")
    assert discord.utils.escape_markdown(generated.prompt[:40]) in most_reported[1]

    await world.moderator.click(queue.response, label="Later")
    current = queue.response.embeds[0]
    assert current.title == "Reported question · 1 report"
    assert current.description == f"### {discord.utils.escape_markdown(generated.prompt)}"
    assert f"✅ {discord.utils.escape_markdown(generated.answer)}" in field(current, "Choices")
    assert "gen:" not in text_of(queue.response.embeds)
    await world.moderator.click(queue.response, label="Retire")
    assert queue.response.content.startswith("🗄️ Retired: ") and "gen:" not in queue.response.content


async def test_easy_questions_this_server_keeps_missing_are_listed_and_can_be_kept_or_retired(
    world: World, simcord_bot: SoleArchive, database: Database
) -> None:
    easy = [q for q in simcord_bot.question_bank() if q.difficulty == "easy"]
    hard = next(q for q in simcord_bot.question_bank() if q.difficulty != "easy")
    missed_most, missed_too, fine = easy[0], easy[1], easy[2]
    await misses(database, world.guild.id, missed_most, wrong=6)
    await misses(database, world.guild.id, missed_too, wrong=4, right=2)
    await misses(database, world.guild.id, fine, wrong=1, right=5)  # mostly right: not broken
    await misses(database, world.guild.id, hard, wrong=6)  # a hard question is allowed to be missed
    elsewhere = world.env.create_guild("Elsewhere")
    await misses(database, elsewhere.id, fine, wrong=9)  # another server's answers never show here
    await misses(database, elsewhere.id, missed_most, wrong=0, right=9)

    queue = await world.moderator.slash(world.general, "config review")
    current, overview = queue.response.embeds
    listed = field(overview, "Most missed of the easy ones").splitlines()
    assert len(listed) == 2
    assert listed[0] == f"**6/6** missed · {discord.utils.escape_markdown(missed_most.prompt[:85])}"[: len(listed[0])]
    assert listed[1].startswith("**4/6** missed · ")
    assert current.title == "Easy, but missed · 6 of 6 answers wrong here"
    assert f"✅ {discord.utils.escape_markdown(missed_most.answer)}" in field(current, "Choices")
    assert [b["label"] for row in queue.response.components for b in row["components"]][3] == "Keep"

    await world.moderator.click(queue.response, label="Keep")
    assert queue.response.content.startswith("👍 Kept: ")
    assert queue.response.embeds[0].title == "Easy, but missed · 4 of 6 answers wrong here"
    await world.moderator.click(queue.response, label="Retire")
    assert queue.response.embeds[0].description == "Nothing to review. 🎉"

    again = await world.moderator.slash(world.general, "config review")  # judged ones are not listed again
    assert [embed.title for embed in again.response.embeds] == ["Review queue"]
    with sqlite3.connect(database.path) as raw:
        verdicts = dict(raw.execute("SELECT question_id, status FROM question_reviews").fetchall())
    assert verdicts == {missed_most.id: "restored", missed_too.id: "retired"}


async def test_a_server_with_nothing_broken_sees_no_lists(world: World) -> None:
    queue: simcord.InteractionResult = await world.moderator.slash(world.general, "config review")
    assert [embed.title for embed in queue.response.embeds] == ["Review queue"]
