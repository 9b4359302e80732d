"""Input only a forged request or an odd client can send: each gets a clear sentence and changes nothing."""

from __future__ import annotations

import logging
import sqlite3

import discord
import pytest
from forged import forged_click, forged_slash
from helpers import World, running_session

from bot.settings import Settings
from bot.shell.client import SoleArchive

SERVER_ONLY = [
    "trivia start",
    "trivia stats",
    "trivia daily",
    "trivia leaderboard",
    "trivia suggest",
    "trivia stop",
    "trivia skip",
]


@pytest.mark.parametrize("command", SERVER_ONLY)
async def test_server_only_commands_answer_a_sentence_in_a_dm(world: World, command: str) -> None:
    user = world.env.create_user("in-a-dm")
    result = await user.slash(command)
    assert result.ephemeral and result.response.content == "This command only works in a server."


async def test_help_still_works_in_a_dm(world: World) -> None:
    result = await world.env.create_user("in-a-dm").slash("trivia help")
    assert result.ephemeral and result.response.embeds


def question_message(channel) -> discord.Message:  # type: ignore[no-untyped-def]
    for message in reversed(channel.history()):
        title = message.embeds[0].title if message.embeds else ""
        if title and title.startswith("Question") and "answer" not in title:
            return message
    raise AssertionError("no open question in the channel")


def stored_answers(database_path: object) -> list[tuple[int, int]]:
    with sqlite3.connect(str(database_path)) as raw:
        return [(int(g), int(m)) for g, m in raw.execute("SELECT guild_id, member_id FROM trivia_answers")]


async def test_a_forged_button_from_another_server_cannot_answer_this_servers_game(
    world: World, simcord_bot: SoleArchive, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    await world.member.slash(world.general, "trivia start", rounds=2, seconds=30)
    game_a = running_session(simcord_bot, world.general.id).game
    other_server = world.env.create_guild("Elsewhere")
    their_channel = other_server.create_text_channel("trivia")
    outsider = other_server.add_member(world.env.create_user("outsider"))
    await outsider.slash(their_channel, "trivia start", rounds=2, seconds=30)
    their_question = question_message(their_channel)
    caplog.set_level(logging.WARNING)
    forged = await forged_click(outsider, their_question, f"sa:tq:{game_a.game_id}:0:0")
    assert forged.ephemeral and "This game is over" in forged.response.content
    assert stored_answers(settings.database) == []
    assert game_a.answered_count() == 0
    assert any("refused a click on game" in record.getMessage() for record in caplog.records)


@pytest.mark.parametrize("custom_id", ["sa:td:20261399:0", "sa:td:00000000:1"])
async def test_a_malformed_button_id_is_answered_and_logged_as_a_warning(
    world: World, custom_id: str, caplog: pytest.LogCaptureFixture
) -> None:
    await world.member.slash(world.general, "trivia start", rounds=1)
    caplog.set_level(logging.WARNING)
    result = await forged_click(world.member, question_message(world.general), custom_id)
    assert result.ephemeral and "isn't one the bot made" in result.response.content
    warnings = [r for r in caplog.records if "malformed button id" in r.getMessage()]
    assert warnings and all(r.levelno == logging.WARNING and r.exc_info is None for r in warnings)
    assert not any(r.levelno >= logging.ERROR for r in caplog.records)


async def test_an_answer_index_off_the_question_is_refused_and_logged(
    world: World, simcord_bot: SoleArchive, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    await world.member.slash(world.general, "trivia start", rounds=1)
    game = running_session(simcord_bot, world.general.id).game
    caplog.set_level(logging.WARNING)
    result = await forged_click(world.member, question_message(world.general), f"sa:tq:{game.game_id}:0:7")
    assert result.ephemeral and "isn't one the bot made" in result.response.content
    assert stored_answers(settings.database) == []
    assert game.answered_count() == 0
    today = discord.utils.utcnow().date()
    daily = await forged_click(world.member, question_message(world.general), f"sa:td:{today:%Y%m%d}:9")
    assert daily.ephemeral and "isn't one the bot made" in daily.response.content
    assert sum("malformed button id" in r.getMessage() for r in caplog.records) == 2
    assert not any(r.levelno >= logging.ERROR for r in caplog.records)


async def test_replies_built_from_a_6000_character_option_stay_within_2000(
    world: World, simcord_bot: SoleArchive
) -> None:
    huge = "x" * 6000
    start = await forged_slash(simcord_bot, world.member, world.general, "trivia", "start", category=huge)
    assert start.ephemeral and len(start.response.content) <= 2000 and "no category or pack" in start.response.content
    config = await forged_slash(simcord_bot, world.moderator, world.general, "config", "trivia", categories=huge)
    assert config.ephemeral and len(config.response.content) <= 2000 and "neither a category" in config.response.content


@pytest.mark.parametrize("channels", ["²³", "<#²³>", "١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦٧٨"])
async def test_channel_lists_refuse_digits_that_are_not_ascii(world: World, channels: str) -> None:
    result = await world.moderator.slash(world.general, "config feature", feature="trivia", channels=channels)
    refusal = result.response.content or ""
    assert result.ephemeral and ("is not a channel" in refusal or "There's no channel called" in refusal)


async def test_channel_lists_accept_only_this_servers_channels(world: World) -> None:
    elsewhere = world.env.create_guild("Elsewhere").create_text_channel("their-trivia")
    refused = await world.moderator.slash(world.general, "config feature", feature="trivia", channels=str(elsewhere.id))
    assert refused.ephemeral and f"{elsewhere.id}” is not a channel of this server" in refused.response.content
    refused = await world.moderator.slash(world.general, "config trivia", channels=f"<#{elsewhere.id}>")
    assert f"{elsewhere.id}>” is not a channel of this server" in refused.response.content
    shown = await world.moderator.slash(world.general, "config show")
    assert str(elsewhere.id) not in str(shown.response.embeds[0].to_dict())
    accepted = await world.moderator.slash(
        world.general, "config feature", feature="trivia", channels=world.general.mention
    )
    assert accepted.response.embeds and "Trivia channels" in accepted.response.embeds[0].description


@pytest.mark.parametrize(
    ("who", "group", "command", "options", "refusal"),
    [
        ("member", "trivia", "leaderboard", {"period": "forever"}, "I couldn't understand one of the options"),
        ("moderator", "config", "reset-scores", {"period": "decade"}, "I couldn't understand one of the options"),
        ("moderator", "config", "trivia", {"difficulty": "impossible"}, "I couldn't understand one of the options"),
        ("moderator", "config", "trivia", {"rounds": 0}, "from 1 to 50"),
        ("moderator", "config", "trivia", {"seconds": 10**30}, "from 10 to 120"),
    ],
)
async def test_forged_choices_and_ranges_elsewhere_get_a_sentence_and_change_nothing(
    world: World,
    simcord_bot: SoleArchive,
    who: str,
    group: str,
    command: str,
    options: dict[str, object],
    refusal: str,
) -> None:
    actor = world.member if who == "member" else world.moderator
    before = await world.moderator.slash(world.general, "config show")
    result = await forged_slash(simcord_bot, actor, world.general, group, command, **options)
    assert result.ephemeral and refusal in result.response.content
    after = await world.moderator.slash(world.general, "config show")
    assert after.response.embeds[0].to_dict() == before.response.embeds[0].to_dict()
