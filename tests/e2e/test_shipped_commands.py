"""The shipped archive behind the real commands: every shoe the founding article names gets a rich answer."""

from __future__ import annotations

import pytest
from helpers import World

from bot.catalog import Catalog, load_catalog
from bot.settings import Settings
from bot.shell.client import SoleArchive
from bot.storage import Database

ARTICLE_SHOES = ["Gel-Kayano 14", "1906R", "2002R", "Vomero 5", "Response CL", "XT-6"]


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    return load_catalog()


@pytest.fixture
def simcord_bot(settings: Settings, shipped: Catalog, database: Database) -> SoleArchive:
    return SoleArchive(settings=settings, catalog=shipped, database=database)


RESEARCH_WORDS = ("founding article", "not confirmed in the pages read", "no such shoe was found", "per the better")


def fields_of(message: object) -> dict[str, str]:
    return {field.name: field.value for field in message.embeds[0].fields}  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", ARTICLE_SHOES)
async def test_article_shoes_have_rich_profiles(world: World, name: str) -> None:
    result = await world.member.slash(world.general, "shoe", name=name)
    assert not result.ephemeral, result.response.content
    card = fields_of(result.response)
    assert "Key facts" in card, card.keys()
    assert "Debut" in card or "disagree" in card["Key facts"]  # an unsettled origin says so
    sources = await world.member.click(result.response, label="Sources & disputes")
    assert sources.ephemeral
    assert "http" in fields_of(sources.response)["Sources"]
    text = str(sources.response.embeds[0].to_dict()) + str(result.response.embeds[0].to_dict())
    assert not any(word in text for word in RESEARCH_WORDS)  # written for members, not for maintainers


async def test_the_kayano_14_profile_tells_the_true_story(world: World) -> None:
    result = await world.member.slash(world.general, "shoe", name="kayano 14")
    card = fields_of(result.response)
    assert card["Debut"] == "2008"
    assert "Hidenori Yamashita" in card["Designed by"]
    assert "Kiko Kostadinov" in card["Collaborations"]
    sources = await world.member.click(result.response, label="Sources & disputes")
    lines = fields_of(sources.response)["⚠️ Where sources disagree"].splitlines()
    relaunch = next(line for line in lines if "relaunch" in line)
    assert relaunch.index("2020") < relaunch.index("some say 2021")  # the supported date first, the other flagged
    assert all(len(line) <= 220 for line in lines)  # one readable line each


@pytest.mark.parametrize("query", ["JJJJound", "Kiko Kostadinov", "Awake NY", "GANNI", "Aimé Leon Dore"])
async def test_article_partners_have_collaborations(world: World, query: str) -> None:
    result = await world.member.slash(world.general, "collab", query=query)
    assert not result.ephemeral, result.response.content
    assert result.response.embeds[0].description.count("**") >= 2


async def test_a_game_on_the_shipped_bank(world: World) -> None:
    started = await world.member.slash(world.general, "trivia start", rounds=10)
    assert "**10 questions**" in started.response.content


async def test_a_chosen_value_of_another_kind_is_not_taken_for_a_shoe(world: World) -> None:
    """Stan Smith is a person and a shoe: the person's autocomplete value must not open a shoe profile."""
    result = await world.member.slash(world.general, "shoe", name="person:stan-smith")
    assert result.ephemeral
    assert result.response.content.startswith("No shoe called “person:stan-smith”")
    picked = await world.member.slash(world.general, "shoe", name="silhouette:adidas-stan-smith")
    assert "Stan Smith" in picked.response.embeds[0].title


@pytest.mark.parametrize(("nickname", "title"), [("Bred 4", "Air Jordan 4"), ("Chicago 1s", "Air Jordan 1")])
async def test_a_colourway_nickname_opens_its_shoe(world: World, nickname: str, title: str) -> None:
    result = await world.member.slash(world.general, "shoe", name=nickname)
    assert not result.ephemeral, result.response.content
    assert result.response.embeds[0].title.endswith(title)
    timeline = await world.member.slash(world.general, "timeline", subject=nickname)
    assert not timeline.ephemeral, timeline.response.content
    assert title in timeline.response.embeds[0].title
