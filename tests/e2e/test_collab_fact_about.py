"""/collab, /fact and /about end to end."""

from __future__ import annotations

import itertools

import discord
from helpers import World

from bot.shell.client import SoleArchive


async def test_collab_by_partner_lists_each_collaboration(world: World) -> None:
    result = await world.member.slash(world.general, "collab", query="brand:jjjjound")
    embed = result.response.embeds[0]
    assert embed.title == "Collaborations · JJJJound"
    assert "**ASICS GEL-KAYANO 14**" in embed.description
    assert "date not verified" in embed.description  # no invented year


async def test_collab_by_shoe_lists_every_partner(world: World) -> None:
    result = await world.member.slash(world.general, "collab", query="GK14")
    text = result.response.embeds[0].description
    assert "**Kiko Kostadinov**" in text and "**JJJJound**" in text
    assert "November 2020" in text


async def test_collab_autocomplete_offers_partners_and_shoes(world: World) -> None:
    choices = await world.member.autocomplete(world.general, "collab", "query", "")
    values = {choice["value"] for choice in choices}
    assert {"brand:jjjjound", "person:kiko-kostadinov", "silhouette:asics-gel-kayano-14"} <= values


async def test_ambiguous_alias_asks_to_pick(world: World) -> None:
    result = await world.member.slash(world.general, "timeline", subject="kayano")
    assert result.ephemeral
    assert "could mean **GEL-KAYANO** (line), **Toshikazu Kayano** (person)" in result.response.content


async def test_collab_unknown_partner(world: World) -> None:
    result = await world.member.slash(world.general, "collab", query="Supreme")
    assert result.ephemeral
    assert "No partner or shoe called “Supreme”" in result.response.content


async def test_fact_names_its_source_once_and_never_repeats_in_a_row(world: World) -> None:
    seen = []
    for _ in range(6):
        result = await world.member.slash(world.general, "fact", shoe="GEL-KAYANO 14")
        embed = result.response.embeds[0]
        [source] = [field for field in embed.fields if field.name in ("Source", "Sources")]
        assert source.value and source.value != "—"
        assert embed.footer.text == "Sole Archive"  # the source is not repeated in the footer
        assert embed.title.startswith("Did you know? · ASICS ")  # the subject with its brand
        seen.append(embed.description)
    assert all(a != b for a, b in itertools.pairwise(seen))


async def test_fact_another_button_replaces_the_fact_in_place(world: World) -> None:
    result = await world.member.slash(world.general, "fact", shoe="GEL-KAYANO 14")
    before = result.response.embeds[0].description
    clicked = await world.member.click(result.response, label="Another")
    assert clicked.acknowledged and not clicked.ephemeral
    after = result.response.embeds[0].description
    assert after != before
    assert [c["label"] for row in result.response.components for c in row["components"]] == ["Another"]


async def test_another_members_click_gets_their_own_fact_privately_and_leaves_yours(world: World) -> None:
    result = await world.member.slash(world.general, "fact", shoe="GEL-KAYANO 14")
    mine = result.response.embeds[0].description
    theirs = await world.other.click(result.response, label="Another")
    assert theirs.ephemeral and theirs.response.embeds[0].description
    assert result.response.embeds[0].description == mine  # the public fact is still the one you asked for
    first_private = theirs.response.embeds[0].description
    again = await world.other.click(theirs.response, label="Another")  # in their own copy, it walks in place
    assert again.acknowledged and theirs.response.embeds[0].description != first_private
    assert result.response.embeds[0].description == mine


async def test_low_confidence_fact_carries_a_caveat(world: World) -> None:
    for _ in range(12):
        result = await world.member.slash(world.general, "fact", shoe="GEL-KAYANO 14")
        embed = result.response.embeds[0]
        if "full-length" in embed.description:
            [note] = [field for field in embed.fields if field.name == "⚠️ Less certain"]
            assert note.value.startswith("from ")
            return
    raise AssertionError("the low-confidence fact never came up in 12 draws")


async def test_fact_filtered_by_brand(world: World) -> None:
    result = await world.member.slash(world.general, "fact", brand="Nike")
    assert "Vomero" in result.response.embeds[0].title


async def test_fact_for_a_shoe_without_facts(world: World) -> None:
    result = await world.member.slash(world.general, "fact", shoe="Kayano 5")
    assert result.ephemeral
    assert "No facts about GEL-KAYANO 5" in result.response.content


async def test_about_lists_commands_and_counts(world: World) -> None:
    result = await world.member.slash(world.general, "about")
    embed = result.response.embeds[0]
    fields = {field.name: field.value for field in embed.fields}
    for command in ("/shoe", "/fact", "/timeline", "/onthisday", "/collab", "/about"):
        assert command in fields["Commands"]
    assert "4 brands · 3 silhouettes · 2 releases · 3 collaborations" in fields["Archive"]


async def test_a_fact_the_bot_posted_by_itself_is_nobodys_to_replace(world: World, simcord_bot: SoleArchive) -> None:
    from cogs.facts import AnotherFact

    view = discord.ui.View(timeout=None)
    view.add_item(AnotherFact(None, None))
    channel = simcord_bot.get_partial_messageable(world.general.id, guild_id=world.guild.id)
    posted = await channel.send(embed=discord.Embed(title="Fact of the day", description="A fact."), view=view)
    message = next(m for m in world.general.history() if m.id == posted.id)
    clicked = await world.member.click(message, label="Another")
    assert clicked.ephemeral and clicked.response.embeds[0].title.startswith("Did you know?")
    assert next(m for m in world.general.history() if m.id == posted.id).embeds[0].description == "A fact."
