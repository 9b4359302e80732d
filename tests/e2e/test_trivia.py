"""Trivia end to end through simcord: games, answers, permissions, daily, leaderboard, stats, restarts."""

from __future__ import annotations

import sqlite3

import discord
import simcord
from helpers import World, running_session, seed_scores

from bot.catalog import Catalog
from bot.settings import Settings
from bot.shell.client import SoleArchive
from bot.storage import Database


def buttons(message: discord.Message | simcord.ResponseMessage) -> list[dict]:  # type: ignore[type-arg]
    """Buttons of a channel message (discord.py objects) or of a response (raw payloads), as dicts."""
    out = []
    for row in message.components:
        if isinstance(row, dict):
            out.extend(row.get("components", []))
        else:
            out.extend({"label": child.label, "disabled": child.disabled} for child in row.children)  # type: ignore[attr-defined]
    return out


def labels(message: discord.Message | simcord.ResponseMessage) -> list[str]:
    return [b.get("label", "") for b in buttons(message)]


def question_message(channel: simcord.ChannelHandle) -> discord.Message:
    for message in reversed(channel.history()):
        if (
            message.embeds
            and (message.embeds[0].title or "").startswith("Question")
            and "answer" not in (message.embeds[0].title or "")
        ):
            return message
    raise AssertionError("no open question in the channel")


def correct_and_wrong(message: discord.Message, bot: SoleArchive) -> tuple[str, str]:
    session = running_session(bot, message.channel.id)
    question = session.game.current
    wrong = next(choice for choice in question.choices if choice != question.answer)
    return question.answer, wrong


async def start(
    world: World, channel: simcord.ChannelHandle | None = None, **options: object
) -> simcord.InteractionResult:
    result = await world.member.slash(channel or world.general, "trivia start", **options)
    assert not result.ephemeral, result.response.content
    return result


async def test_a_full_game_with_three_members(world: World, simcord_bot: SoleArchive) -> None:
    third = world.guild.add_member(world.env.create_user("third"))
    await start(world, rounds=2, seconds=20)
    first = question_message(world.general)
    assert first.embeds[0].title.startswith("Question 1/2")
    right, wrong = correct_and_wrong(first, simcord_bot)

    ack = await world.member.click(first, label=right)
    locked = ack.response.content
    assert ack.ephemeral and "Locked in" in locked and discord.utils.escape_markdown(right) in locked  # echoed safely
    again = await world.member.click(first, label=wrong)  # a double click cannot change the answer
    assert again.ephemeral and "already answered" in again.response.content
    await world.other.click(first, label=wrong)
    await third.click(first, label=right)
    assert "3 answered" in str(question_message(world.general).embeds[0].fields)

    await world.env.advance_time(20)  # round 1 always runs its full time
    revealed = next(m for m in world.general.history() if m.id == first.id)
    assert revealed.embeds[0].title == "Question 1/2 · answer"
    got_it = next(f for f in revealed.embeds[0].fields if f.name.startswith("Got it"))
    assert got_it.name == "Got it (2/3)"
    assert labels(revealed) == ["Learn more", "Report question"]

    await world.env.advance_time(6)  # the pause between questions
    second = question_message(world.general)
    assert second.id != first.id and second.embeds[0].title.startswith("Question 2/2")
    right, wrong = correct_and_wrong(second, simcord_bot)
    await world.member.click(second, label=right)
    await world.other.click(second, label=right)
    await third.click(second, label=wrong)  # everyone who plays has answered: the round ends at once

    final = world.general.history()[-1]
    assert final.embeds[0].title == "🏁 Game over"
    standings = final.embeds[0].description
    assert standings.index(f"<@{world.member.id}>") < standings.index(f"<@{third.id}>")
    assert not final.mention_everyone and not final.mentions  # standings never ping anyone


async def test_start_in_a_busy_channel_explains_how_to_join(world: World) -> None:
    await start(world, rounds=2)
    again = await world.other.slash(world.general, "trivia start")
    assert again.ephemeral
    assert "already running here" in again.response.content and "/trivia stop" in again.response.content


async def test_two_channels_play_at_once(world: World) -> None:
    second_channel = world.guild.create_text_channel("trivia")
    await start(world, rounds=1)
    await start(world, channel=second_channel, rounds=1)
    assert question_message(world.general).id != question_message(second_channel).id


async def test_stop_and_skip_are_for_the_host_a_quizmaster_or_a_moderator(world: World) -> None:
    await start(world, rounds=3)
    denied = await world.other.slash(world.general, "trivia skip")
    assert denied.ephemeral and "Only the player who started this game" in denied.response.content
    denied = await world.other.slash(world.general, "trivia stop")
    assert denied.ephemeral

    first = question_message(world.general)
    skipped = await world.member.slash(world.general, "trivia skip")  # the host
    assert skipped.ephemeral and "skipped" in skipped.response.content
    revealed = next(m for m in world.general.history() if m.id == first.id)
    assert revealed.embeds[0].title == "Question 1/3 · answer"

    quizmasters = world.guild.create_role("Quizmaster")
    quizmaster = world.guild.add_member(world.env.create_user("qm"), roles=[quizmasters])
    await world.env.advance_time(6)
    assert (await quizmaster.slash(world.general, "trivia skip")).ephemeral

    await world.env.advance_time(6)
    stopped = await world.moderator.slash(world.general, "trivia stop")
    assert not stopped.ephemeral
    assert world.general.history()[-1].embeds[0].title == "🏁 Game stopped"
    nothing = await world.member.slash(world.general, "trivia stop")
    assert "No game is running" in nothing.response.content


async def test_a_game_nobody_answers_ends_itself_after_two_rounds(world: World) -> None:
    await start(world, rounds=5, seconds=10)
    await world.env.advance_time(10)
    await world.env.advance_time(6)
    await world.env.advance_time(10)
    final = world.general.history()[-1]
    assert final.embeds[0].title == "🏁 Game ended: nobody answered two rounds in a row"


async def test_open_mode_typed_answers_and_late_answers(world: World, simcord_bot: SoleArchive) -> None:
    await start(world, rounds=2, seconds=30, mode="open")
    message = question_message(world.general)
    assert labels(message) == ["Answer"]
    session = running_session(simcord_bot, world.general.id)
    answer = session.game.current.answer

    modal = await world.member.click(message, label="Answer")
    assert modal.modal is not None
    locked = await world.member.submit_modal(modal, {"answer": answer.lower()})
    assert locked.ephemeral and "Locked in" in locked.response.content

    late_modal = await world.other.click(message, label="Answer")
    await world.env.advance_time(30)
    late = await world.other.submit_modal(late_modal, {"answer": answer})
    assert late.ephemeral and "Too late" in late.response.content

    revealed = next(m for m in world.general.history() if m.id == message.id)
    got_it = next(f for f in revealed.embeds[0].fields if f.name.startswith("Got it"))
    assert got_it.name == "Got it (1/1)"


async def test_learn_more_and_report_after_the_reveal(world: World, database: Database) -> None:
    await start(world, rounds=1, seconds=10)
    message = question_message(world.general)
    await world.env.advance_time(10)
    revealed = next(m for m in world.general.history() if m.id == message.id)
    learn = await world.other.click(revealed, label="Learn more")
    assert learn.ephemeral and learn.response.embeds
    for reporter in (world.member, world.other, world.moderator):
        modal = await reporter.click(revealed, label="Report question")
        result = await reporter.submit_modal(modal, {"reason": "@everyone the year looks wrong"})
        assert result.ephemeral and not result.response.message.mention_everyone
    assert "held out of games" in result.response.content
    async with database.connection.execute("SELECT COUNT(*) FROM trivia_reports") as cursor:
        assert (await cursor.fetchone())[0] == 3  # type: ignore[index]


async def test_daily_question_is_private_once_a_day_and_shareable(world: World) -> None:
    shown = await world.member.slash(world.general, "trivia daily")
    assert shown.ephemeral
    other_view = await world.other.slash(world.general, "trivia daily")
    assert other_view.response.embeds[0].description == shown.response.embeds[0].description  # same for the server
    answered = await world.member.click(shown.response, label=labels(shown.response)[0])
    assert answered.acknowledged
    result = shown.response
    assert any(f.name == "You answered" for f in result.embeds[0].fields)
    again = await world.member.slash(world.general, "trivia daily")
    assert any(f.name == "You answered" for f in again.response.embeds[0].fields)
    shared = await world.member.click(again.response, label="Share my result")
    assert shared.ephemeral
    post = world.general.history()[-1]
    assert "today's question" in post.content
    question = shown.response.embeds[0].description
    choices = next(f for f in shown.response.embeds[0].fields if f.name == "Choices").value
    assert question not in post.content and all(c[3:] not in post.content for c in choices.splitlines())


async def test_leaderboard_pages_and_shows_the_callers_rank_off_page(world: World, database: Database) -> None:
    await seed_scores(
        database, world, {**{member_id: 1000 - member_id for member_id in range(1, 26)}, world.member.id: 5}
    )
    result = await world.member.slash(world.general, "trivia leaderboard")
    first = result.response.embeds[0]
    assert first.footer.text == "Page 1/3 · 26 players"
    assert "<@1>" in first.description and str(world.member.id) not in first.description
    assert first.fields[0].value == "#26 · 5 pts"
    await world.member.click(result.response, label="≫")
    assert f"<@{world.member.id}> · **5** pts" in result.response.embeds[0].description


async def test_stats_after_a_game(world: World, simcord_bot: SoleArchive) -> None:
    await start(world, rounds=1, seconds=10)
    message = question_message(world.general)
    right, wrong = correct_and_wrong(message, simcord_bot)
    await world.member.click(message, label=right)
    await world.other.click(message, label=wrong)  # a game counts toward the board with two players
    await world.env.advance_time(10)
    mine = await world.member.slash(world.general, "trivia stats")
    fields = {f.name: f.value for f in mine.response.embeds[0].fields}
    assert fields["Games"] == "1 (1 won)"
    assert fields["Answers"] == "1/1 correct (100%)"
    assert fields["Rank"] == "#1"
    theirs = await world.member.slash(world.general, "trivia stats", member=world.moderator)
    assert "No answers yet" in theirs.response.embeds[0].description


async def test_stats_after_a_game_played_alone(world: World, simcord_bot: SoleArchive) -> None:
    await start(world, rounds=1, seconds=10)
    message = question_message(world.general)
    right, _wrong = correct_and_wrong(message, simcord_bot)
    await world.member.click(message, label=right)
    await world.env.advance_time(10)
    mine = await world.member.slash(world.general, "trivia stats")
    fields = {f.name: f.value for f in mine.response.embeds[0].fields}
    assert fields["Games"] == "1 (0 won)"  # a game played alone is nobody's win
    assert fields["Answers"] == "1/1 correct (100%)"
    assert fields["Rank"] == "—"  # and not on the board (fewer players than trivia.min_players)


async def test_help_explains_scoring(world: World) -> None:
    result = await world.member.slash(world.general, "trivia help")
    assert result.ephemeral
    assert any(f.name == "Scoring" for f in result.response.embeds[0].fields)


async def test_a_graceful_restart_mid_game_ends_it_and_keeps_the_points(
    world: World, settings: Settings, catalog: Catalog, database: Database
) -> None:
    await start(world, rounds=3, seconds=20)
    message = question_message(world.general)
    await world.member.click(message, label=labels(message)[0])
    await world.env.restart_bot(SoleArchive(settings=settings, catalog=catalog, database=database))
    assert world.general.history()[-1].embeds[0].title == "🏁 Game interrupted by a restart"
    with sqlite3.connect(settings.database) as raw:
        (status,) = raw.execute("SELECT status FROM trivia_games").fetchone()
        (answers,) = raw.execute("SELECT COUNT(*) FROM trivia_answers").fetchone()
    assert status == "interrupted" and answers == 1
    fresh = await world.member.slash(world.general, "trivia start", rounds=1)
    assert not fresh.ephemeral  # the channel is free again


async def test_after_a_crash_start_up_ends_the_game_left_running(
    world: World, settings: Settings, catalog: Catalog, database: Database, simcord_bot: SoleArchive
) -> None:
    # What a killed process leaves behind: a game still marked running, its question message, one answer.
    channel = simcord_bot.get_partial_messageable(world.general.id, guild_id=world.guild.id)
    choices = discord.ui.View()
    choices.add_item(discord.ui.Button(label="A choice", url="https://example.org/a"))
    message = await channel.send(embed=discord.Embed(title="Question 1/3"), view=choices)
    assert buttons(next(m for m in world.general.history() if m.id == message.id)) != []
    store = await seed_scores(database, world, {world.member.id: 100})
    [running] = await store.running_games()
    await store.set_message(running.id, message.id)
    await world.env.restart_bot(SoleArchive(settings=settings, catalog=catalog, database=database))
    edited = next(m for m in world.general.history() if m.id == message.id)
    assert edited.embeds[0].title == "Game interrupted"
    assert "Points scored so far are kept" in edited.embeds[0].description
    assert buttons(edited) == []
    with sqlite3.connect(settings.database) as raw:
        (status,) = raw.execute("SELECT status FROM trivia_games").fetchone()
        (answers,) = raw.execute("SELECT COUNT(*) FROM trivia_answers").fetchone()
    assert status == "interrupted" and answers == 1


async def test_the_enumerated_options_are_the_cores_enums(world: World, simcord_bot: SoleArchive) -> None:
    from bot.trivia.kinds import Difficulty, Period
    from bot.trivia.modes import GameMode

    trivia = simcord_bot.tree.get_command("trivia")
    assert isinstance(trivia, discord.app_commands.Group)
    start_command = trivia.get_command("start")
    assert isinstance(start_command, discord.app_commands.Command)
    offered = {param.name: [choice.value for choice in param.choices] for param in start_command.parameters}
    assert offered["difficulty"] == [level.value for level in Difficulty]
    assert offered["mode"] == [mode.value for mode in GameMode]
    hard = await world.member.slash(world.general, "trivia start", rounds=1, difficulty="hard")
    assert "hard" in hard.response.content
    board = await world.member.slash(world.general, "trivia leaderboard", period=Period.week.value)
    assert board.response.embeds
    mixed = await world.moderator.slash(world.general, "config trivia", difficulty="mixed")
    assert "**Difficulty**" in mixed.response.embeds[0].description


async def test_counts_of_one_read_in_the_singular(world: World) -> None:
    started = await start(world, rounds=1, seconds=10)
    assert "**1 question**," in started.response.content
    await world.env.advance_time(11)
    final = world.general.history()[-1]
    assert final.embeds[0].description == "1 round played, no answers given."
