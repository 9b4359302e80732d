"""The offline playground as a new user meets it: it starts again with its state, opens every channel, is honest."""

from __future__ import annotations

import logging
from pathlib import Path

import aiohttp
import pytest

from bot.settings import Settings
from bot.shell.playground import PLAYGROUND_GUILD_ID, open_playground

FIXTURE_DATA = Path(__file__).parents[1] / "fixtures" / "catalog"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(database=tmp_path / "sole.sqlite3", data_dir=FIXTURE_DATA)


def config_fields(result: object) -> dict[str, str]:
    embed = result.response.embeds[0]  # type: ignore[attr-defined]
    return {field.name: field.value for field in embed.fields}


async def test_the_playground_starts_again_after_a_daily_post_is_configured(settings: Settings) -> None:
    async with open_playground(settings, port=0) as first:
        general = first.world.channels["general"]
        moderator = first.world.viewers[1]
        result = await moderator.slash(general, "config daily", channel=general, time="09:00")
        assert result.ephemeral
        first_ids = (first.world.guild.id, general.id, moderator.id, first.world.channels["trivia"].id)

    # Before the fix, this start replayed every day since simcord's epoch and died with a TimeoutError.
    async with open_playground(settings, port=0) as second:
        general = second.world.channels["general"]
        moderator = second.world.viewers[1]
        assert (second.world.guild.id, general.id, moderator.id, second.world.channels["trivia"].id) == first_ids
        assert second.world.guild.id == PLAYGROUND_GUILD_ID
        shown = await moderator.slash(general, "config show")
        daily = config_fields(shown)["Daily post"]
        assert "09:00" in daily and str(general.id) in daily  # the same server, still configured


async def test_the_playground_keeps_scores_across_restarts(settings: Settings) -> None:
    async with open_playground(settings, port=0) as first:
        general = first.world.channels["general"]
        member = first.world.viewers[0]
        await member.slash(general, "trivia start", rounds=1, seconds=10)
        [question] = [message for message in general.history() if message.embeds and message.components]
        answer = question.components[0].children[0].label  # type: ignore[union-attr]
        await member.click(question, label=answer)
        await first.world.viewers[1].click(question, label=answer)  # two players: the game counts on the board
        await first.env.advance_time(11)
        board = await member.slash(general, "trivia leaderboard")
        before = str(board.response.embeds[0].to_dict())

    async with open_playground(settings, port=0) as second:
        general = second.world.channels["general"]
        member = second.world.viewers[0]
        board = await member.slash(general, "trivia leaderboard")
        assert str(board.response.embeds[0].to_dict()) == before
        assert f"<@{member.id}>" in before  # the same member, with the points of the first run


async def test_the_front_page_opens_either_channel(settings: Settings) -> None:
    async with open_playground(settings, port=0) as playground, aiohttp.ClientSession() as http:
        async with http.get(playground.url) as page:
            text = await page.text()
            assert page.status == 200
            assert "#general" in text and "#trivia" in text
        async with http.get(playground.url.replace("key=", "key=x")) as refused:
            assert refused.status == 403
        async with http.get(playground.channel_url("trivia"), allow_redirects=False) as opened:
            assert opened.status == 302
            preview_url = opened.headers["Location"]
        assert playground.showing == "trivia"
        async with http.get(preview_url.split("#")[0]) as preview:
            assert preview.status == 200  # the simcord page for #trivia is being served
        async with http.get(playground.channel_url("nowhere"), allow_redirects=False) as missing:
            assert missing.status == 404


async def test_the_terminal_says_what_is_true(settings: Settings, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    async with open_playground(settings, port=0) as playground:
        assert playground.env.bot.user is not None
        assert playground.env.bot.user.name == "Sole Archive"
    messages = [record.getMessage() for record in caplog.records]
    assert any("with the simulated Discord" in message and "synced" in message for message in messages)
    assert not any("globally" in message for message in messages)
    ready = next(message for message in messages if message.startswith("ready"))
    assert ready.startswith("ready in the offline playground as Sole Archive")
    assert "in 1 server;" in ready
