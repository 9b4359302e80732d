"""/config channel limits take channels as moderators type them: '#trivia', 'trivia', mentions, ids of this server."""

from __future__ import annotations

import discord
import pytest
from helpers import World

from bot.errors import UserError
from cogs.shared.channels import parse_channels


@pytest.mark.parametrize("typed", ["#trivia", "trivia", "TRIVIA", "<#{id}>", "{id}"])
async def test_a_channel_limit_accepts_names_mentions_and_ids(world: World, typed: str) -> None:
    trivia = world.guild.create_text_channel("trivia")
    changed = await world.moderator.slash(
        world.general, "config feature", feature="timelines", channels=typed.format(id=trivia.id)
    )
    assert changed.ephemeral and "Settings updated" in changed.response.embeds[0].title
    elsewhere = await world.member.slash(world.general, "timeline", year=2008)
    assert elsewhere.ephemeral and trivia.mention in elsewhere.response.content
    assert not (await world.member.slash(trivia, "timeline", year=2008)).ephemeral


async def test_names_and_mentions_mix_and_everywhere_clears(world: World) -> None:
    trivia = world.guild.create_text_channel("trivia")
    sneakers = world.guild.create_text_channel("sneaker-talk")
    await world.moderator.slash(world.general, "config trivia", channels=f"#sneaker-talk, {trivia.mention}")
    shown = await world.moderator.slash(world.general, "config show")
    assert f"{trivia.mention} {sneakers.mention}" in str(shown.response.embeds[0].fields)
    await world.moderator.slash(world.general, "config trivia", channels="everywhere")
    assert not (await world.member.slash(world.general, "trivia start", rounds=1)).ephemeral


async def test_an_unknown_name_is_refused_privately_with_close_names_and_nothing_changes(world: World) -> None:
    world.guild.create_text_channel("trivia")
    world.guild.create_text_channel("trivia-night")
    refused = await world.moderator.slash(
        world.general, "config feature", feature="trivia", enabled=False, channels="#trivai"
    )
    assert refused.ephemeral
    assert refused.response.content == (
        "There's no channel called “trivai” here. Channels here include: #trivia, #trivia-night."
    )
    assert not (await world.member.slash(world.general, "trivia start", rounds=1)).ephemeral  # still on


async def test_a_channel_of_another_server_is_refused(world: World) -> None:
    elsewhere = world.env.create_guild("Other server").create_text_channel("trivia")
    refused = await world.moderator.slash(world.general, "config trivia", channels=elsewhere.mention)
    assert refused.ephemeral and "is not a channel of this server" in refused.response.content


def test_the_parser_reads_only_this_servers_channels() -> None:
    channels = {100000000000000001: "general", 100000000000000002: "trivia"}
    assert parse_channels("#trivia general <#100000000000000002>", channels) == [100000000000000002, 100000000000000001]
    assert parse_channels("everywhere", channels) == []
    for typed in ("²²²²²²²²²²²²²²²²", "<#999999999999999999>", "#nowhere"):
        with pytest.raises(UserError):
            parse_channels(typed, channels)


async def test_config_show_names_each_setting_and_says_what_it_does(world: World) -> None:
    shown = await world.moderator.slash(world.general, "config show")
    fields = {field.name: field.value for field in shown.response.embeds[0].fields}
    text = "\n".join(fields.values())
    assert "feature." not in text and "trivia." not in text and "daily." not in text  # no internal keys
    assert fields["Features"].startswith("**Facts**: on\n*Whether /shoe and /fact answer at all.*")
    assert "**Game channels**: any channel where trivia is allowed" in fields["Trivia"]
    assert "**Daily post time**: not set\n*When (UTC) the daily post goes out.*" in fields["Daily post"]


async def test_config_history_stamps_changes_with_the_bots_clock(world: World) -> None:
    await world.env.advance_time(3600)
    await world.moderator.slash(world.general, "config trivia", rounds=5)
    stamped = int(discord.utils.utcnow().timestamp())  # the simulated Discord's clock, which the bot reads
    await world.env.advance_time(25 * 60)
    history = await world.moderator.slash(world.general, "config history")
    line = history.response.embeds[0].description.splitlines()[0]
    stamp = int(line.split(":")[1])
    assert line.startswith("<t:") and line.split(">")[0].endswith(":f")  # an absolute time: right in any reader's zone
    assert abs(stamp - stamped) <= 1


async def test_a_refused_setting_is_named_by_its_label(world: World) -> None:
    refused = await world.moderator.slash(world.general, "config trivia", categories="sneakerology")
    assert refused.ephemeral
    assert refused.response.content.startswith("Categories: 'sneakerology' is neither a category")
