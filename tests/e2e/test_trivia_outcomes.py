"""Trivia outcomes end to end: one verdict everywhere (reveal, standings, stats), skips, wins, the leaderboard
for another member, packs played by name, a refused suggestion kept for a fix, the reset-scores CSV."""

from __future__ import annotations

import csv
import io
from typing import Any

import discord
import pytest
import simcord
from helpers import World, reply, running_session, seed_scores

from bot.shell.client import SoleArchive
from bot.storage import Database
from bot.trivia.bank import QuestionBank


def question_message(channel: simcord.ChannelHandle) -> discord.Message:
    for message in reversed(channel.history()):
        title = message.embeds[0].title if message.embeds else ""
        if (title or "").startswith("Question") and "answer" not in (title or ""):
            return message
    raise AssertionError("no open question in the channel")


def fields_of(message: discord.Message) -> dict[str, str]:
    return {field.name or "": field.value or "" for field in message.embeds[0].fields}


@pytest.fixture
def year_questions_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Games ask typed year questions, so a guess one year off earns partial credit."""
    pick = QuestionBank.pick

    def years_first(self: QuestionBank, **options: Any) -> list[Any]:
        wanted = options["count"]
        drawn = pick(self, **{**options, "count": 100})
        return [question for question in drawn if question.year is not None][:wanted]

    monkeypatch.setattr(QuestionBank, "pick", years_first)


@pytest.mark.usefixtures("year_questions_only")
async def test_a_year_one_off_is_close_in_the_reveal_the_standings_and_the_stats(
    world: World, simcord_bot: SoleArchive
) -> None:
    await world.member.slash(world.general, "trivia start", rounds=1, seconds=30, mode="open")
    message = question_message(world.general)
    year = running_session(simcord_bot, world.general.id).game.current.year
    assert year is not None
    for player, typed in ((world.member, str(year + 1)), (world.other, str(year))):
        modal = await player.click(message, label="Answer")
        assert "Locked in" in (await player.submit_modal(modal, {"answer": typed})).response.content
    await world.env.advance_time(30)

    revealed = fields_of(next(m for m in world.general.history() if m.id == message.id))
    assert revealed["Got it (1/2)"].startswith(f"<@{world.other.id}> +")  # only the exact year "got it"
    assert revealed["Close (1)"].startswith(f"<@{world.member.id}> +")  # one year off: partial, and says so
    standings = world.general.history()[-1].embeds[0].description
    mine = next(line for line in standings.splitlines() if f"<@{world.member.id}>" in line)
    assert "0/1 correct · 1 close" in mine
    stats = await world.member.slash(world.general, "trivia stats")
    assert {f.name: f.value for f in stats.response.embeds[0].fields}["Answers"] == "0/1 correct · 1 close (0%)"
    board = (await world.member.slash(world.general, "trivia leaderboard")).response.embeds[0].description
    assert "0/1 correct · 1 close ← you" in board


async def test_the_reset_scores_csv_names_the_members_safely(world: World, database: Database) -> None:
    formula = world.guild.add_member(world.env.create_user("=cmd|' /C calc'!A0"))
    await seed_scores(database, world, {world.member.id: 300, formula.id: 200, 424242: 100})
    asked = await world.moderator.slash(world.general, "config reset-scores")
    done = await world.moderator.click(asked.response, label="Export and clear")
    assert done.acknowledged and "3 members" in asked.response.content
    rows = list(csv.reader(io.StringIO((await asked.response.attachments[0].read()).decode())))
    assert rows[0] == ["member_id", "display_name", "points", "correct", "answered"]
    assert rows[1][:2] == [str(world.member.id), "member"]
    assert rows[2][:2] == [str(formula.id), "'=cmd|' /C calc'!A0"]  # text in a spreadsheet, never a formula
    assert rows[3][:2] == ["424242", ""]  # someone who left: the id alone
    assert "Cleared 3 answers" in done.followups[0].content


def choice_of(bot: SoleArchive, channel: simcord.ChannelHandle, *, right: bool) -> str:
    question = running_session(bot, channel.id).game.current
    assert question is not None
    return question.answer if right else next(c for c in question.choices if c != question.answer)


async def test_won_counts_only_games_against_someone(world: World, simcord_bot: SoleArchive) -> None:
    await world.member.slash(world.general, "trivia start", rounds=1, seconds=10)  # alone
    await world.member.click(question_message(world.general), label=choice_of(simcord_bot, world.general, right=True))
    await world.env.advance_time(11)
    await world.member.slash(world.general, "trivia start", rounds=1, seconds=10)  # against another member
    message = question_message(world.general)
    await world.member.click(message, label=choice_of(simcord_bot, world.general, right=True))
    await world.other.click(message, label=choice_of(simcord_bot, world.general, right=False))
    await world.env.advance_time(11)
    mine = await world.member.slash(world.general, "trivia stats")
    assert {f.name: f.value for f in mine.response.embeds[0].fields}["Games"] == "2 (1 won)"


async def test_a_skip_says_the_answers_given_were_discarded(world: World, simcord_bot: SoleArchive) -> None:
    await world.member.slash(world.general, "trivia start", rounds=3, seconds=20)
    message = question_message(world.general)
    await world.other.click(message, label=choice_of(simcord_bot, world.general, right=True))
    skipped = await world.member.slash(world.general, "trivia skip")
    assert skipped.ephemeral
    assert skipped.response.content == "⏭️ Question skipped. The 1 answer already given to it was discarded."
    revealed = fields_of(next(m for m in world.general.history() if m.id == message.id))
    assert revealed["Skipped"] == (
        "This question was skipped: no points for anyone. The 1 answer already given to it was discarded."
    )


async def test_a_category_the_server_does_not_allow_lists_the_ones_it_does(world: World) -> None:
    await world.moderator.slash(world.general, "config trivia", categories="eras brands")
    refused = await world.member.slash(world.general, "trivia start", category="tech")
    assert refused.ephemeral
    assert refused.response.content == "“tech” isn't one of this server's trivia categories: brands, eras."


JORDANS_PACK = b"""questions:
  - prompt: Which number did Michael Jordan wear on the Air Jordan XI's Space Jam release?
    answer: "45"
    distractors: ["23", "12", "9"]
    difficulty: easy
    category: eras
    explanation: He wore 45 on his return in 1995.
    source: https://example.org/45
  - prompt: Which city is the New Balance headquarters in?
    answer: Boston
    distractors: [Portland, Beaverton, Herzogenaurach]
    difficulty: easy
    category: brands
    explanation: New Balance is a Boston company.
    source: https://example.org/nb
  - prompt: Who designed the Air Jordan III?
    answer: Tinker Hatfield
    distractors: [Peter Moore, Bruce Kilgore, Eric Avar]
    difficulty: medium
    category: designers
    explanation: Tinker Hatfield designed the III in 1988.
    source: https://example.org/aj3
"""


async def test_a_pack_in_our_format_is_played_by_its_name_and_the_upload_says_what_it_left_out(
    world: World, simcord_bot: SoleArchive
) -> None:
    shown = await world.member.slash(world.general, "trivia suggest")
    await world.member.submit_modal(
        shown,
        {
            "prompt": "Which city is the New Balance headquarters in?",
            "answer": "Boston",
            "wrong": "Portland\nBeaverton\nParis",
            "source": "https://example.org/nb",
        },
    )
    queue = await world.moderator.slash(world.general, "config review")
    await world.moderator.click(queue.response, label="Approve")

    added = await world.moderator.slash(world.general, "config pack upload", file=("jordans.yaml", JORDANS_PACK))
    text = reply(added)
    assert "Pack **jordans** added with 2 questions" in text and "`/trivia start category: jordans`" in text
    assert (
        "Left out 1 question:\n• “Which city is the New Balance headquarters in?”: "
        "it duplicates an approved suggestion" in text
    )
    choices = await world.member.autocomplete(world.general, "trivia start", "category", "jor")
    assert [c["value"] for c in choices] == ["jordans"]
    started = await world.member.slash(world.general, "trivia start", category="jordans", rounds=5)
    assert not started.ephemeral and "**2 questions** (2 found)" in started.response.content
    asked = running_session(simcord_bot, world.general.id).game.questions
    assert {q.prompt for q in asked} == {
        "Which number did Michael Jordan wear on the Air Jordan XI's Space Jam release?",
        "Who designed the Air Jordan III?",
    }


async def test_another_member_turning_the_leaderboard_gets_their_own_board(world: World, database: Database) -> None:
    await seed_scores(
        database, world, {**{member_id: 1000 - member_id for member_id in range(1, 12)}, world.other.id: 5}
    )
    board = await world.member.slash(world.general, "trivia leaderboard")
    theirs = await world.other.click(board.response, label="Next ›")
    assert board.response.embeds[0].footer.text.startswith("Page 1/2")  # the caller's board did not move
    assert theirs.ephemeral
    assert {f.name: f.value for f in theirs.response.embeds[0].fields}["Your rank"] == "#12 · 5 pts"


async def test_a_refused_suggestion_keeps_everything_typed_for_a_fix(world: World) -> None:
    typed = {
        "prompt": "Which brand makes the Wave Rider?",
        "answer": "Mizuno",
        "wrong": "ASICS\nSaucony",  # only two wrong answers
        "source": "https://example.org/wave-rider",
    }
    refused = await world.member.submit_modal(await world.member.slash(world.general, "trivia suggest"), typed)
    assert refused.ephemeral
    assert refused.response.content == "Give exactly three wrong answers, one per line (you gave 2)."
    reopened = await world.member.click(refused.response, label="Fix my suggestion")
    assert reopened.modal is not None
    prefilled = {
        child["components"][0]["custom_id"]: child["components"][0].get("value")
        for child in reopened.modal["components"]
    }
    assert prefilled == typed  # nothing the member typed was lost
    fixed = await world.member.submit_modal(reopened, {**typed, "wrong": "ASICS\nSaucony\nHoka"})
    assert fixed.ephemeral and "waiting for a moderator" in fixed.response.content


async def test_a_reset_of_one_answer_reads_in_the_singular(world: World, database: Database) -> None:
    await seed_scores(database, world, {world.member.id: 100})
    asked = await world.moderator.slash(world.general, "config reset-scores")
    done = await world.moderator.click(asked.response, label="Export and clear")
    assert asked.response.content == "📎 Here are the scores about to be cleared (1 member)."
    assert done.followups[0].content.startswith("🧹 Cleared 1 answer of all time.")
