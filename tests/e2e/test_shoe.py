"""/shoe end to end: what a member sees when they look a shoe up."""

from __future__ import annotations

import pytest
from helpers import World

from bot.catalog import Catalog, Ref
from cogs.shared.render import CARD_FACTS


async def test_shoe_profile_of_the_kayano_14_says_2008(world: World) -> None:
    result = await world.member.slash(world.general, "shoe", name="Gel-Kayano 14")
    assert not result.ephemeral
    embed = result.response.embeds[0]
    assert "GEL-KAYANO 14" in embed.title
    fields = {field.name: field.value for field in embed.fields}
    assert fields["Debut"].startswith("2008")
    assert "Hidenori Yamashita" in fields["Designed by"]
    labels = [c["label"] for row in result.response.components for c in row["components"]]
    assert labels == ["Timeline", "Collabs", "Another fact", "Sources & disputes"]
    assert len(embed.fields) <= 5 and len(str(embed.to_dict())) < 1500  # a card that fits a phone screen
    sources = await world.member.click(result.response, label="Sources & disputes")
    assert "http" in {field.name: field.value for field in sources.response.embeds[0].fields}["Sources"]


async def test_autocomplete_suggests_the_kayano_14_for_k14(world: World) -> None:
    choices = await world.member.autocomplete(world.general, "shoe", "name", "k14")
    assert choices
    assert choices[0]["value"] == "silhouette:asics-gel-kayano-14"
    assert len(choices) <= 25


async def test_picking_an_autocomplete_choice_opens_that_shoe(world: World) -> None:
    choices = await world.member.autocomplete(world.general, "shoe", "name", "vomero")
    assert choices[0]["value"] == "silhouette:nike-zoom-vomero-5"
    result = await world.member.slash(world.general, "shoe", name=choices[0]["value"])
    embed = result.response.embeds[0]
    assert embed.title == "Nike Zoom Vomero 5"
    fields = {field.name: field.value for field in embed.fields}
    assert fields["Debut"] == "2010 ⚠️"  # disputed: shown with a caveat, not the retailer's 2011
    sources = await world.member.click(result.response, label="Sources & disputes")
    disagree = {field.name: field.value for field in sources.response.embeds[0].fields}["⚠️ Where sources disagree"]
    assert "Debut: 2010" in disagree and "some say 2011" in disagree


async def test_unknown_shoe_answers_privately_with_suggestions(world: World) -> None:
    result = await world.member.slash(world.general, "shoe", name="kayano 41")
    assert result.ephemeral
    assert "Did you mean" in result.response.content
    assert "GEL-KAYANO" in result.response.content


async def test_empty_name_explains_what_to_type(world: World) -> None:
    result = await world.member.slash(world.general, "shoe", name="   ")
    assert result.ephemeral
    assert "Type a shoe name" in result.response.content


async def test_everyone_mention_in_input_never_pings(world: World) -> None:
    result = await world.member.slash(world.general, "shoe", name="@everyone <@&1234> hello")
    assert result.ephemeral
    message = result.response.message
    assert not message.mention_everyone
    assert message.role_mentions == []
    assert "everyone" in result.response.content


async def test_huge_and_odd_unicode_input_gets_a_clear_answer(world: World) -> None:
    for text in ("𝔾𝔼𝕃 " * 60, "\u200b\u200b", "ｇｅｌ－ｋａｙａｎｏ　１４", "Z̴̛a̶l̵g̷o̴" * 20):
        result = await world.member.slash(world.general, "shoe", name=text[:200])
        assert result.response is not None
        if result.ephemeral:
            assert len(result.response.content) < 600
        else:
            assert "GEL-KAYANO 14" in result.response.embeds[0].title  # the full-width spelling resolves


async def test_timeline_button_shows_the_whole_short_history_on_one_private_page(world: World) -> None:
    """The GEL-KAYANO 14 has four dated moments: one page, so no page buttons (paging: test_timeline.py)."""
    shown = await world.member.slash(world.general, "shoe", name="GEL-KAYANO 14")
    timeline = await world.member.click(shown.response, label="Timeline")
    assert timeline.ephemeral
    embed = timeline.response.embeds[0]
    assert embed.title == "Timeline · GEL-KAYANO 14"
    assert embed.footer.text.startswith("Page 1/1 · 4 entries")
    assert embed.description.startswith("**2008**")
    assert timeline.response.components == []


async def test_collabs_button_lists_kiko_kostadinov(world: World) -> None:
    shown = await world.member.slash(world.general, "shoe", name="GEL-KAYANO 14")
    collabs = await world.member.click(shown.response, label="Collabs")
    assert collabs.ephemeral
    assert "Kiko Kostadinov" in collabs.response.embeds[0].description


async def test_another_fact_button_answers_privately(world: World) -> None:
    shown = await world.member.slash(world.general, "shoe", name="GEL-KAYANO 14")
    fact = await world.other.click(shown.response, label="Another fact")
    assert fact.ephemeral
    assert fact.response.embeds[0].description


async def test_another_fact_walks_the_facts_not_on_the_card_then_says_so(world: World, catalog: Catalog) -> None:
    beyond = len(catalog.facts_about(Ref("silhouette", "asics-gel-kayano-14"))) - CARD_FACTS
    assert beyond >= 1
    result = await world.member.slash(world.general, "shoe", name="Gel-Kayano 14")
    on_card = {field.name: field.value for field in result.response.embeds[0].fields}["Key facts"]
    clicked = await world.member.click(result.response, label="Another fact")
    shown = [clicked.response.embeds[0].description]
    while clicked.response.components:  # each fact brings a "Next fact" button until the last one
        clicked = await world.member.click(clicked.response, label="Next fact")
        shown.append(clicked.response.embeds[0].description)
    assert len(shown) == beyond == len(set(shown))  # every fact beyond the card, once each
    assert not any(text in on_card for text in shown)
    assert "that's every fact about this shoe" in clicked.response.embeds[0].footer.text
    again = await world.member.click(result.response, label="Another fact")
    assert again.response.embeds[0].description == shown[0]  # the card's button starts the walk again


async def test_autocomplete_where_the_feature_is_off_offers_nothing_and_posts_nothing(world: World) -> None:
    await world.moderator.slash(world.general, "config feature", feature="facts", enabled=False)
    before = len(world.general.history())
    choices = await world.member.autocomplete(world.general, "shoe", "name", "k14")
    assert choices == []
    assert len(world.general.history()) == before
    assert world.env.errors == []
    refused = await world.member.slash(world.general, "shoe", name="K14")
    assert refused.ephemeral and "switched off" in refused.response.content


@pytest.mark.parametrize(
    ("typed", "title"), [("gel kayno 14", "ASICS GEL-KAYANO 14"), ("vomero fve", "Nike Zoom Vomero 5")]
)
async def test_a_clear_near_miss_answers_with_the_shoe_and_says_so(world: World, typed: str, title: str) -> None:
    result = await world.member.slash(world.general, "shoe", name=typed)
    assert not result.ephemeral
    assert result.response.embeds[0].title == title
    assert result.response.content == f"Showing **{title}** for “{typed}”."


async def test_a_near_miss_with_another_number_is_not_taken_for_a_shoe(world: World) -> None:
    result = await world.member.slash(world.general, "shoe", name="gel kayano 13")
    assert result.ephemeral and "No shoe called" in result.response.content
