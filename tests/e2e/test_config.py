"""/config, /trivia suggest, packs, the daily post and /facts reload, end to end through simcord."""

from __future__ import annotations

import csv
import io
import sqlite3

import discord
import pytest
from helpers import World, command_id, reply, seed_scores

from bot.catalog import Catalog
from bot.settings import Settings
from bot.shell.client import SoleArchive
from bot.storage import Database, TriviaStore


async def test_config_show_lists_every_setting(world: World) -> None:
    result = await world.moderator.slash(world.general, "config show")
    assert result.ephemeral
    fields = {field.name: field.value for field in result.response.embeds[0].fields}
    assert set(fields) == {"Features", "Trivia", "Daily post", "Seasons"}
    assert (
        "**Questions per game**: 10 rounds\n*Questions in a game unless the host picks a number.*" in fields["Trivia"]
    )
    assert "**Players to count**: 2 players" in fields["Trivia"]
    assert "**Season length**: month" in fields["Seasons"] and "**Champions' role**: not set" in fields["Seasons"]


async def test_members_cannot_configure_even_when_discord_would_let_them(
    world: World, simcord_bot: SoleArchive
) -> None:
    assert "config show" not in world.member.available_commands(world.general)  # Discord's default hides it
    # A server admin overrides Discord's default for everyone: the bot still says no.
    world.guild.set_command_permissions(await command_id(simcord_bot, "config"), {world.guild.default_role: True})
    for command, options in [
        ("config show", {}),
        ("config trivia", {"rounds": 3}),
        ("config history", {}),
        ("config reset-scores", {}),
        ("config review", {}),
        ("config pack list", {}),
    ]:
        result = await world.member.slash(world.general, command, **options)
        assert result.ephemeral, command
        assert result.response.content == "The /config commands need the Manage Server permission.", command
    shown = await world.moderator.slash(world.general, "config show")
    assert "**Questions per game**: 10 rounds" in str(shown.response.embeds[0].fields)


async def test_a_moderator_of_one_server_cannot_touch_another(world: World, simcord_bot: SoleArchive) -> None:
    other_guild = world.env.create_guild("Other server")
    other_channel = other_guild.create_text_channel("general")
    visitor = other_guild.add_member(world.env.create_user("moderator-elsewhere"))  # no rights here
    other_guild.set_command_permissions(await command_id(simcord_bot, "config"), {other_guild.default_role: True})
    denied = await visitor.slash(other_channel, "config trivia", rounds=3)
    assert denied.response.content == "The /config commands need the Manage Server permission."

    await world.moderator.slash(world.general, "config trivia", rounds=5)
    mods = other_guild.create_role("Mods", permissions=discord.Permissions(manage_guild=True))
    their_mod = other_guild.add_member(world.env.create_user("their-mod"), roles=[mods])
    theirs = await their_mod.slash(other_channel, "config show")
    assert "**Questions per game**: 10 rounds" in str(theirs.response.embeds[0].fields)  # untouched by server A


async def test_changes_are_recorded_with_who_and_old_to_new(world: World) -> None:
    changed = await world.moderator.slash(world.general, "config trivia", rounds=5, seconds=30)
    assert "**Questions per game**: 10 rounds → **5 rounds**" in changed.response.embeds[0].description
    history = await world.moderator.slash(world.general, "config history")
    text = history.response.embeds[0].description
    assert f"<@{world.moderator.id}> **Seconds per question**: 20 seconds → 30 seconds" in text
    assert text.index("Seconds per question") < text.index("Questions per game")  # latest first


async def test_a_disabled_feature_answers_privately_and_says_where_it_works(world: World) -> None:
    await world.moderator.slash(world.general, "config feature", feature="facts", enabled=False)
    off = await world.member.slash(world.general, "shoe", name="GEL-KAYANO 14")
    assert off.ephemeral and off.response.content == "The facts commands are switched off in this server."
    trivia_room = world.guild.create_text_channel("trivia")
    await world.moderator.slash(world.general, "config feature", feature="timelines", channels=trivia_room.mention)
    elsewhere = await world.member.slash(world.general, "timeline", year=2008)
    assert elsewhere.ephemeral and trivia_room.mention in elsewhere.response.content
    there = await world.member.slash(trivia_room, "timeline", year=2008)
    assert not there.ephemeral
    assert not (await world.member.slash(world.general, "about")).ephemeral  # /about is always on


async def test_trivia_defaults_and_game_channels_come_from_the_settings(world: World) -> None:
    trivia_room = world.guild.create_text_channel("trivia")
    await world.moderator.slash(world.general, "config trivia", rounds=2, channels=trivia_room.mention)
    refused = await world.member.slash(world.general, "trivia start")
    assert refused.ephemeral and trivia_room.mention in refused.response.content
    started = await world.member.slash(trivia_room, "trivia start")
    assert "**2 questions**" in started.response.content


async def test_reset_scores_confirms_then_attaches_the_export_then_clears(world: World, database: Database) -> None:
    store = await seed_scores(database, world, {11: 300, 12: 150})
    asked = await world.moderator.slash(world.general, "config reset-scores", period="all")
    assert asked.ephemeral and "Continue?" in asked.response.content
    assert await store.leaderboard(world.guild.id, None)  # nothing cleared before confirming

    done = await world.moderator.click(asked.response, label="Export and clear")
    assert done.acknowledged
    [attachment] = asked.response.attachments
    assert attachment.filename == "trivia-scores-all.csv"
    rows = list(csv.reader(io.StringIO((await attachment.read()).decode())))
    assert rows == [
        ["member_id", "display_name", "points", "correct", "answered"],
        ["11", "", "300", "1", "1"],  # no longer a member of the server: no name to give
        ["12", "", "150", "1", "1"],
    ]
    assert await store.leaderboard(world.guild.id, None) == []
    assert "Cleared 2 answers" in done.followups[0].content


async def test_reset_can_be_cancelled(world: World) -> None:
    asked = await world.moderator.slash(world.general, "config reset-scores")
    await world.moderator.click(asked.response, label="Cancel")
    assert asked.response.content == "Nothing was cleared."


GOOD_PACK = b"""questions:
  - prompt: Which city hosts the Boston Marathon?
    answer: Boston
    distractors: [New York, Chicago, Berlin]
    difficulty: easy
    category: eras
    explanation: It's in the name.
    source: https://example.org/boston
"""
RED_PACK = b"""AUTHOR: someone
What does GEL cushion?:
- impact
- shock
Who designed the GEL-KAYANO 14?:
- Hidenori Yamashita
- Yamashita
"""


async def test_pack_upload_list_play_and_remove(world: World) -> None:
    added = await world.moderator.slash(world.general, "config pack upload", file=("marathons.yaml", GOOD_PACK))
    assert "Pack **marathons** added with 1 question." in reply(added)
    red = await world.moderator.slash(world.general, "config pack upload", file=("red-list.yaml", RED_PACK))
    assert "added with 2 questions" in reply(red) and "mode: open" in reply(red)
    listed = await world.moderator.slash(world.general, "config pack list")
    assert listed.response.content == "• **marathons**: 1 question\n• **red-list**: 2 questions"

    choices = await world.member.autocomplete(world.general, "trivia start", "category", "mar")
    assert [c["value"] for c in choices] == ["marathons"]
    started = await world.member.slash(world.general, "trivia start", category="red-list", mode="open", rounds=2)
    assert "**2 questions**" in started.response.content

    removed = await world.moderator.slash(world.general, "config pack remove", name="marathons")
    assert "Removed pack **marathons** (1 question)" in removed.response.content


async def test_malformed_and_oversized_packs_are_rejected_with_reasons(world: World) -> None:
    broken = b"questions:\n  - prompt: Fine?\n    answer: Yes\n    distractors: [Yes, No\n"
    result = await world.moderator.slash(world.general, "config pack upload", file=("broken.yaml", broken))
    message = reply(result)
    assert "was not added" in message and "line 5: YAML syntax error" in message
    huge = b"# " + b"x" * (300 * 1024)
    too_big = await world.moderator.slash(world.general, "config pack upload", file=("huge.yaml", huge))
    assert too_big.ephemeral and "at most 256 KB" in too_big.response.content


async def test_suggest_then_review_then_play(world: World) -> None:
    shown = await world.member.slash(world.general, "trivia suggest")
    assert shown.modal is not None
    done = await world.member.submit_modal(
        shown,
        {
            "prompt": "Which city is the New Balance headquarters in?",
            "answer": "Boston",
            "wrong": "Portland\nBeaverton\nHerzogenaurach",
            "source": "https://example.org/nb",
        },
    )
    assert done.ephemeral and "waiting for a moderator" in done.response.content
    dup = await world.other.submit_modal(
        await world.other.slash(world.general, "trivia suggest"),
        {
            "prompt": "Which city is the New Balance headquarters in?",
            "answer": "Boston",
            "wrong": "Portland\nBeaverton\nParis",
            "source": "x",
        },
    )
    assert dup.ephemeral and "already suggested" in dup.response.content

    queue = await world.moderator.slash(world.general, "config review")
    assert "New Balance headquarters" in queue.response.embeds[0].description
    await world.moderator.click(queue.response, label="Approve")
    assert "Approved" in queue.response.content
    assert queue.response.embeds[0].description == "Nothing to review. 🎉"

    exported = await world.moderator.slash(world.general, "config export-questions")
    [attachment] = exported.response.attachments
    text = (await attachment.read()).decode()
    assert "New Balance headquarters" in text and "questions:" in text and "sources:" in text


async def test_reported_questions_can_be_retired(world: World, database: Database) -> None:
    store = TriviaStore(database, database.writer)  # type: ignore[arg-type]
    for member_id in (1, 2, 3):
        await store.report(world.guild.id, "hand:q-gk14-designer", member_id, "looks wrong", discord.utils.utcnow())
    queue = await world.moderator.slash(world.general, "config review")
    assert "3 reports" in queue.response.embeds[0].title
    await world.moderator.click(queue.response, label="Retire")
    with sqlite3.connect(database.path) as raw:
        assert raw.execute("SELECT status FROM question_reviews").fetchone() == ("retired",)


async def test_daily_post_fires_once_a_day_also_across_a_restart(
    world: World, settings: Settings, catalog: Catalog, database: Database
) -> None:
    daily_room = world.guild.create_text_channel("daily")
    await world.moderator.slash(world.general, "config daily", channel=daily_room, time="09:00")
    await world.env.advance_time(8 * 3600)
    assert daily_room.history() == []
    await world.env.advance_time(3600 + 60)
    [post] = daily_room.history()
    assert post.embeds[0].title.startswith(("Fact of the day", "On this day"))
    await world.env.restart_bot(SoleArchive(settings=settings, catalog=catalog, database=database))
    await world.env.advance_time(3 * 3600)
    assert len(daily_room.history()) == 1  # not again the same day, even after a restart
    await world.env.advance_time(21 * 3600)
    assert len(daily_room.history()) == 2  # the next day's


async def test_daily_post_skips_a_channel_it_cannot_post_in(
    world: World, simcord_bot: SoleArchive, caplog: pytest.LogCaptureFixture
) -> None:
    assert simcord_bot.user is not None
    locked = world.guild.create_text_channel(
        "locked", overwrites={simcord_bot.user: discord.PermissionOverwrite(send_messages=False)}
    )
    await world.moderator.slash(world.general, "config daily", channel=locked, time="09:00")
    with caplog.at_level("WARNING", logger="cogs.daily"):
        await world.env.advance_time(10 * 3600)
    assert locked.history() == []
    assert [r.message for r in caplog.records].count(
        f"daily post skipped in guild {world.guild.id}: no permission to post in #locked"
    ) == 1


async def test_edit_and_approve_a_suggestion(world: World) -> None:
    fields = {"prompt": "Which brand makes the Wave Rider?", "answer": "Mizuno", "source": "https://example.org/w"}
    shown = await world.member.slash(world.general, "trivia suggest")
    refused = await world.member.submit_modal(shown, {**fields, "wrong": "ASICS\nSaucony\nMizuno"})
    assert refused.ephemeral and refused.response.content == "The answer is also among the wrong answers."
    shown = await world.member.slash(world.general, "trivia suggest")
    accepted = await world.member.submit_modal(shown, {**fields, "wrong": "ASICS\nSaucony\nHoka"})
    assert "waiting for a moderator" in accepted.response.content

    queue = await world.moderator.slash(world.general, "config review")
    edit = await world.moderator.click(queue.response, label="Edit & approve")
    assert edit.modal is not None
    done = await world.moderator.submit_modal(
        edit,
        {
            "prompt": "Which brand makes the Wave Rider running shoe?",
            "answer": "Mizuno",
            "wrong": "ASICS\nSaucony\nBrooks",
        },
    )
    assert done.acknowledged
    exported = await world.moderator.slash(world.general, "config export-questions")
    text = (await exported.response.attachments[0].read()).decode()
    assert "Wave Rider running shoe" in text and "Brooks" in text and "Hoka" not in text


async def test_the_configured_quizmaster_role_may_skip(world: World) -> None:
    hosts = world.guild.create_role("Game hosts")
    host = world.guild.add_member(world.env.create_user("host"), roles=[hosts])
    await world.moderator.slash(world.general, "config trivia", quizmaster=hosts)
    await world.member.slash(world.general, "trivia start", rounds=3)
    assert (await world.other.slash(world.general, "trivia skip")).response.content.startswith("Only the player")
    skipped = await host.slash(world.general, "trivia skip")
    assert skipped.response.content == "⏭️ Question skipped."


async def test_no_daily_post_while_trivia_and_facts_are_switched_off(world: World) -> None:
    daily_room = world.guild.create_text_channel("daily")
    await world.moderator.slash(world.general, "config daily", channel=daily_room, time="09:00")
    await world.moderator.slash(world.general, "config feature", feature="trivia", enabled=False)
    await world.moderator.slash(world.general, "config feature", feature="facts", enabled=False)
    await world.env.advance_time(24 * 3600)
    assert daily_room.history() == []
    await world.moderator.slash(world.general, "config feature", feature="trivia", enabled=True)
    await world.env.advance_time(24 * 3600)
    assert len(daily_room.history()) == 1  # switched back on: the next day's post goes out


async def test_a_failed_daily_post_is_tried_again_the_same_day(world: World) -> None:
    daily_room = world.guild.create_text_channel("daily")
    await world.moderator.slash(world.general, "config daily", channel=daily_room, time="09:00")
    world.env.inject_error("POST", f"/channels/{daily_room.id}/messages", status=500, times=1)
    await world.env.advance_time(9 * 3600 + 60)
    assert daily_room.history() == []  # Discord refused the first try
    await world.env.advance_time(3600)
    [post] = daily_room.history()  # the claim was given back, so the next wake-up posts it
    assert post.embeds[0].title.startswith(("Fact of the day", "On this day"))
