"""/timeline and /onthisday end to end."""

from __future__ import annotations

import pytest
from helpers import World


def _button(result_message: object, label: str) -> dict:  # type: ignore[type-arg]
    rows = result_message.components  # type: ignore[attr-defined]
    return next(c for row in rows for c in row["components"] if c.get("label") == label)


async def test_brand_timeline_pages_to_the_last_page_and_back(world: World) -> None:
    result = await world.member.slash(world.general, "timeline", subject="ASICS")
    first = result.response.embeds[0]
    assert "Timeline · ASICS" in first.title
    assert first.footer.text.startswith("Page 1/2")
    assert first.description.startswith("**1977**")
    assert _button(result.response, "‹ Prev")["disabled"] is True

    await world.member.click(result.response, label="≫")
    message = result.response  # re-read: the click edited the message in place
    assert message.embeds[0].footer.text.startswith("Page 2/2")
    assert "2023" in message.embeds[0].description
    assert _button(message, "Next ›")["disabled"] is True

    await world.member.click(message, label="‹ Prev")
    assert result.response.embeds[0].footer.text.startswith("Page 1/2")


async def test_only_the_caller_turns_the_pages_anyone_else_gets_a_private_copy(world: World) -> None:
    result = await world.member.slash(world.general, "timeline", subject="ASICS")
    copy = await world.other.click(result.response, label="Next ›")
    assert result.response.embeds[0].footer.text.startswith("Page 1/2")  # the caller's pages did not move
    assert copy.ephemeral and copy.response.embeds[0].footer.text.startswith("Page 1/2")
    await world.other.click(copy.response, label="Next ›")  # their own copy turns for them
    assert copy.response.embeds[0].footer.text.startswith("Page 2/2")
    assert result.response.embeds[0].footer.text.startswith("Page 1/2")


async def test_pages_grey_out_when_the_view_times_out(world: World) -> None:
    result = await world.member.slash(world.general, "timeline", subject="ASICS")
    await world.env.advance_time(181)
    buttons = [c for row in result.response.components for c in row["components"]]
    assert all(button["disabled"] for button in buttons)


async def test_disputed_relaunch_date_shows_the_supported_value_with_a_caveat(world: World) -> None:
    result = await world.member.slash(world.general, "timeline", subject="silhouette:asics-gel-kayano-14")
    text = result.response.embeds[0].description
    assert "**27 November 2020** · GEL-KAYANO 14 lifestyle relaunch" in text
    assert "⚠️" in text and "2021" in text  # the founding article's year, flagged, not repeated as fact


async def test_timeline_by_year_lists_that_year(world: World) -> None:
    result = await world.member.slash(world.general, "timeline", year=2008)
    text = result.response.embeds[0].description
    assert "GEL-KAYANO 14 debuts" in text
    assert "Editor's Choice" in text


async def test_timeline_of_an_empty_year_points_to_the_nearest(world: World) -> None:
    result = await world.member.slash(world.general, "timeline", year=1900)
    assert result.ephemeral
    assert "closest year with entries is 1964" in result.response.content


async def test_timeline_without_options_explains_itself(world: World) -> None:
    result = await world.member.slash(world.general, "timeline")
    assert result.ephemeral
    assert "subject" in result.response.content and "year" in result.response.content


async def test_timeline_autocomplete_covers_lines_brands_and_partners(world: World) -> None:
    lines = await world.member.autocomplete(world.general, "timeline", "subject", "kayano")
    values = [choice["value"] for choice in lines]
    assert "line:asics-gel-kayano" in values
    partners = await world.member.autocomplete(world.general, "timeline", "subject", "kiko")
    assert "person:kiko-kostadinov" in [choice["value"] for choice in partners]


async def test_on_this_day_with_a_date(world: World) -> None:
    result = await world.member.slash(world.general, "onthisday", date="27 November")
    embed = result.response.embeds[0]
    assert embed.title == "On this day · 27 November"
    assert "GEL-KAYANO 14 lifestyle relaunch" in embed.description


@pytest.mark.parametrize("text", ["11-27", "Nov 27", "2020-11-27", "27/11", "11/27", "27.11."])
async def test_on_this_day_accepts_common_spellings(world: World, text: str) -> None:
    result = await world.member.slash(world.general, "onthisday", date=text)
    assert result.response.embeds[0].title == "On this day · 27 November"


async def test_on_this_day_defaults_to_today_in_virtual_time(world: World) -> None:
    start = world.env.now()
    assert (start.month, start.day) == (1, 1)
    empty = await world.member.slash(world.general, "onthisday")
    assert empty.ephemeral and "1 January" in empty.response.content
    await world.env.advance_time(24 * 3600)  # simcord's clock: tomorrow, instantly
    result = await world.member.slash(world.general, "onthisday")
    assert result.response.embeds[0].title == "On this day · 2 January"


async def test_on_this_day_with_nothing_recorded_says_so(world: World) -> None:
    result = await world.member.slash(world.general, "onthisday", date="1 January")
    assert result.ephemeral
    assert "Nothing in the archive happened on 1 January" in result.response.content


async def test_on_this_day_on_an_empty_day_offers_the_nearest_days_that_have_something(world: World) -> None:
    result = await world.member.slash(world.general, "onthisday", date="25 November")
    assert result.ephemeral
    assert "The nearest days that have something: 27 November" in result.response.content
    nearest = await world.member.slash(world.general, "onthisday", date="27 November")
    assert not nearest.ephemeral  # the offered day does have something


async def test_on_this_day_understands_tomorrow_and_yesterday(world: World) -> None:
    start = world.env.now()
    await world.env.advance_time((start.replace(month=11, day=26) - start).total_seconds())
    tomorrow = await world.member.slash(world.general, "onthisday", date="tomorrow")
    assert tomorrow.response.embeds[0].title == "On this day · 27 November"
    await world.env.advance_time(2 * 24 * 3600)
    yesterday = await world.member.slash(world.general, "onthisday", date="Yesterday")
    assert yesterday.response.embeds[0].title == "On this day · 27 November"


async def test_on_this_day_asks_which_when_a_slashed_day_reads_both_ways(world: World) -> None:
    result = await world.member.slash(world.general, "onthisday", date="5/6")
    assert result.ephemeral
    assert "5 June or 6 May" in result.response.content


async def test_on_this_day_rejects_nonsense_politely(world: World) -> None:
    result = await world.member.slash(world.general, "onthisday", date="@everyone 31 February")
    assert result.ephemeral
    assert "isn't a day I understand" in result.response.content
    assert not result.response.message.mention_everyone
