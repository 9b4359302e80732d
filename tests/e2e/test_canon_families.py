"""Issue 12's "Done means", family by family, on the SHIPPED archive through the real slash commands.

For every family the issue names (Jordan Brand, Nike beyond the runners, adidas, Converse, Vans, Onitsuka
Tiger, New Balance, Puma, Reebok, On, the newer heritage brands) and every collaborator it names (Supreme,
Travis Scott, Patta, CLOT, Union, fragment, sacai, Stüssy, Concepts, Undefeated): `/shoe` names the right shoe
and its debut, `/timeline` lists a real history, `/collab` finds the partner's work and `/fact brand:` answers
with a fact of that brand. The expected names and years are the archive's own, so a lost alias, a dropped
debut or a collaborator left without collaborations fails here.

One bot serves the whole module (building it per test would cost seconds on the full archive).
"""

from __future__ import annotations

import random
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import discord
import pytest
import pytest_asyncio
import simcord
from helpers import is_user_error

from bot.catalog import Catalog, load_catalog
from bot.settings import Settings
from bot.shell.client import SoleArchive
from bot.storage import Database

pytestmark = pytest.mark.asyncio(loop_scope="module")


@dataclass
class Canon:
    env: simcord.Env
    catalog: Catalog
    channel: simcord.ChannelHandle
    member: simcord.MemberActor


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    return load_catalog()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def canon_env(shipped: Catalog, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[simcord.Env]:
    path: Path = tmp_path_factory.mktemp("canon") / "canon.sqlite3"
    database = await Database.open(path)
    settings = Settings(database=path, owner_ids=frozenset({4242}))
    bot = SoleArchive(settings=settings, catalog=shipped, database=database, rng=random.Random(1906))
    env = simcord.Env(bot)
    await env.start()
    try:
        yield env
    finally:
        await env.shutdown()
        await database.close()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def canon(canon_env: simcord.Env, shipped: Catalog) -> Canon:
    guild = canon_env.create_guild("Sneakerheads")
    channel = guild.create_text_channel("general")
    member = guild.add_member(canon_env.create_user("member"))
    return Canon(canon_env, shipped, channel, member)


@pytest.fixture(autouse=True)
def _no_unexpected_errors(canon: Canon) -> object:
    """As the shared `world` fixture does: only user-facing errors are allowed, checked after every test."""
    before = len(canon.env.errors)
    yield
    unexpected = [error for error in canon.env.errors[before:] if not is_user_error(error)]
    assert not unexpected, f"the bot raised unexpected errors: {unexpected!r}"


def card(message: discord.Message) -> tuple[str, dict[str, str]]:
    embed = message.embeds[0]
    return embed.title or "", {field.name: field.value for field in embed.fields}


def entries_in_footer(message: discord.Message) -> int:
    footer = message.embeds[0].footer.text or ""
    found = re.search(r"· (\d+) (?:entry|entries|collaboration|collaborations)\b", footer)
    assert found, footer
    return int(found.group(1))


# --- /shoe: the right shoe and its debut, for what people type -------------------------------------------

SHOES = [
    # Jordan Brand
    ("Air Jordan 1", "Jordan Brand Air Jordan 1", "1985"),
    ("AJ1", "Jordan Brand Air Jordan 1", "1985"),
    ("Jordan 1", "Jordan Brand Air Jordan 1", "1985"),
    ("Air Jordan 3", "Jordan Brand Air Jordan 3", "1988"),
    ("J4", "Jordan Brand Air Jordan 4", "1989"),
    ("Air Jordan 11", "Jordan Brand Air Jordan 11", "1995"),
    # Nike beyond the runners
    ("Dunk Low", "Nike Dunk Low", "1985"),
    ("SB Dunk", "Nike SB Dunk Low", "2002"),
    ("Air Force 1", "Nike Air Force 1", "1982"),
    ("AF1", "Nike Air Force 1", "1982"),
    ("Blazer", "Nike Blazer", "1973"),
    ("Air Max Plus", "Nike Air Max Plus", "1998"),
    ("TN", "Nike Air Max Plus", "1998"),
    ("Huarache", "Nike Air Huarache", "1991"),
    ("Foamposite", "Nike Air Foamposite One", "1997"),
    ("Uptempo", "Nike Air More Uptempo", "1996"),
    ("Presto", "Nike Air Presto", "2000"),
    # adidas and Yeezy
    ("Yeezy 350 v2", "Yeezy Boost 350 V2", "2016"),
    ("Yeezy 350", "Yeezy Boost 350", "2015"),
    ("NMD", r"adidas NMD\_R1", "2015"),  # the title escapes Markdown
    ("Ultraboost", "adidas Ultraboost", "2015"),
    ("Campus", "adidas Campus", "1980"),
    ("Spezial", "adidas Handball Spezial", "1979"),
    # Converse, Vans, Onitsuka Tiger
    ("Chucks", "Converse Chuck Taylor All Star", "1917"),
    ("Chuck 70", "Converse Chuck 70", "2013"),
    ("One Star", "Converse One Star", "1974"),
    ("Jack Purcell", "Converse Jack Purcell", "1935"),
    ("Old Skool", "Vans Old Skool", "1977"),
    ("Authentic", "Vans Authentic", "1966"),
    ("Sk8-Hi", "Vans Sk8-Hi", "1978"),
    ("Half Cab", "Vans Half Cab", "1992"),
    ("Mexico 66", "Onitsuka Tiger Mexico 66", "1966"),
    # New Balance, Puma, Reebok, On
    ("530", "New Balance 530", "1992"),
    ("Speedcat", "Puma Speedcat", "1999"),
    ("Suede", "Puma Suede", "1968"),
    ("Freestyle", "Reebok Freestyle", "1982"),
    ("Club C", "Reebok Club C", "1985"),
    ("Cloudmonster", "On Cloudmonster", "2022"),
    # the heritage brands of data/brands-more.yaml
    ("Karhu Fusion", "Karhu Fusion", "1996"),
    ("Aria 95", "Karhu Aria", "1995"),
    ("N9000", "Diadora N.9000", "1990"),
    ("Fila Disruptor", "Fila Disruptor", "1996"),
    ("Disruptor II", "Fila Disruptor 2", "1998"),
    ("K-Swiss Classic", "K-Swiss Classic", "1966"),
    ("Brooks Chariot", "Brooks Chariot", "1982"),
    ("Noah Star", "Le Coq Sportif Noah Star", "1985"),
    ("Way of Wade 1", "Li-Ning Way of Wade 1", "2012"),
    ("Borg Elite", "Diadora Borg Elite", "1981"),
    ("Nylite", "Tretorn Nylite", "1967"),
    ("Silver Shadow", "Hi-Tec Silver Shadow", "1981"),
    ("Gola Harrier", "Gola Harrier", "1968"),
    ("Veja V-10", "Veja V-10", "2016"),
]


@pytest.mark.parametrize(("query", "title", "debut"), SHOES, ids=[query for query, _, _ in SHOES])
async def test_shoe_card_names_the_shoe_and_its_debut(canon: Canon, query: str, title: str, debut: str) -> None:
    result = await canon.member.slash(canon.channel, "shoe", name=query)
    assert not result.ephemeral, result.response.content
    shown, fields = card(result.response)
    assert shown == title
    assert debut in fields.get("Debut", ""), fields


# --- Colourway nicknames and collaboration names lead to their shoe ---------------------------------------

NICKNAMES = [
    ("Chicago 1s", "Jordan Brand Air Jordan 1", "Chicago"),
    ("Bred 4", "Jordan Brand Air Jordan 4", "Bred"),
    ("Chicago", "Jordan Brand Air Jordan 1", "Chicago"),
    ("Travis Scott Jordan 1", "Jordan Brand Air Jordan 1", "Travis Scott"),
]


@pytest.mark.parametrize(("nickname", "title", "word"), NICKNAMES)
async def test_a_nickname_opens_its_shoe_and_its_timeline(canon: Canon, nickname: str, title: str, word: str) -> None:
    shoe = await canon.member.slash(canon.channel, "shoe", name=nickname)
    assert not shoe.ephemeral, shoe.response.content
    assert card(shoe.response)[0] == title
    timeline = await canon.member.slash(canon.channel, "timeline", subject=nickname)
    assert not timeline.ephemeral, timeline.response.content
    assert timeline.response.embeds[0].title == f"Timeline · {title.removeprefix('Jordan Brand ')}"
    assert entries_in_footer(timeline.response) >= 20
    assert word in timeline.response.embeds[0].description  # the nickname's own release, on the first page


# --- /timeline: a dated history per brand and per canon shoe ----------------------------------------------

TIMELINES = [
    # subject, the name in the title, at least this many dated entries, a year the history reaches back to
    ("Jordan", "Jordan Brand", 100, "1984"),
    ("Nike", "Nike", 150, "1964"),
    ("adidas", "adidas", 100, "1949"),
    ("Converse", "Converse", 30, "1908"),
    ("Vans", "Vans", 25, "1966"),
    ("Onitsuka Tiger", "Onitsuka Tiger", 20, "1949"),
    ("New Balance", "New Balance", 100, "1906"),
    ("Puma", "Puma", 30, "1948"),
    ("Reebok", "Reebok", 50, "1958"),
    ("On", "On", 15, "2010"),
    ("Dunk", "Dunk", 30, "1985"),
    ("Air Jordan 1", "Air Jordan 1", 30, "1984"),  # first worn in a game, November 1984
    ("Air Force 1", "Air Force 1", 15, "1982"),
    ("SB Dunk", "SB Dunk Low", 15, "2002"),
    ("Karhu", "Karhu", 5, "1916"),
    ("Diadora", "Diadora", 5, "1948"),
    ("Fila", "Fila", 4, "1911"),
    ("Brooks", "Brooks", 5, "1914"),
    ("Le Coq Sportif", "Le Coq Sportif", 5, "1882"),
    ("Tretorn", "Tretorn", 2, "1891"),
]


@pytest.mark.parametrize(("subject", "name", "at_least", "opens"), TIMELINES, ids=[row[0] for row in TIMELINES])
async def test_timeline_lists_the_dated_history(
    canon: Canon, subject: str, name: str, at_least: int, opens: str
) -> None:
    result = await canon.member.slash(canon.channel, "timeline", subject=subject)
    assert not result.ephemeral, result.response.content
    embed = result.response.embeds[0]
    assert embed.title == f"Timeline · {name}"
    assert entries_in_footer(result.response) >= at_least
    first = re.match(r"\*\*(?:[^*]* )?(\d{4})[^*]*\*\*", embed.description)
    assert first, embed.description[:80]
    assert int(first.group(1)) <= int(opens), embed.description[:80]  # the history reaches back at least that far


# --- /collab: each named collaborator's work -----------------------------------------------------------

COLLABORATORS = [
    # what people type, the partner's name, at least this many, one line that must be on the first page
    ("Supreme", "Supreme", 10, "**Nike SB Dunk Low** · 2002"),
    ("Travis Scott", "Travis Scott", 8, "**Jordan Brand Air Jordan 4** · 9 June 2018"),
    ("Patta", "Patta", 10, "**Nike Air Max 90** · 2006"),
    ("Clot", "CLOT", 4, "**Nike Air Max 1** · 2006"),
    ("Union", "Union Los Angeles", 4, "**Jordan Brand Air Jordan 1** · 2018"),
    ("Fragment", "fragment design", 4, "**Jordan Brand Air Jordan 1** · 2014"),
    ("sacai", "sacai", 4, "**Nike sacai LDWaffle** · May 2019"),
    ("Stüssy", "Stussy", 8, "**Nike Air Huarache** · 2000"),
    ("Stussy", "Stussy", 8, "**Nike Dunk High** · 2001"),
    ("Concepts", "Concepts", 8, "**Nike SB Dunk Low** · 2008"),
    ("Undefeated", "Undefeated", 6, "**Jordan Brand Air Jordan 4** · July 2005"),
    ("Off-White", "Off-White", 8, "**Jordan Brand Air Jordan 1** · 2017"),
]


@pytest.mark.parametrize(
    ("query", "partner", "at_least", "line"),
    COLLABORATORS,
    ids=[f"{row[0]}-{i}" for i, row in enumerate(COLLABORATORS)],
)
async def test_collab_finds_the_partners_collaborations(
    canon: Canon, query: str, partner: str, at_least: int, line: str
) -> None:
    result = await canon.member.slash(canon.channel, "collab", query=query)
    assert not result.ephemeral, result.response.content
    embed = result.response.embeds[0]
    assert embed.title == f"Collaborations · {partner}"
    assert entries_in_footer(result.response) >= at_least
    assert line in embed.description, embed.description


async def test_collab_on_a_shoe_lists_its_partners(canon: Canon) -> None:
    result = await canon.member.slash(canon.channel, "collab", query="AJ1")
    embed = result.response.embeds[0]
    assert embed.title == "Collaborations · Air Jordan 1"
    assert entries_in_footer(result.response) >= 10
    partners = ("Off-White", "Travis Scott", "Union Los Angeles", "fragment design")
    everything = embed.description
    for _ in range(entries_in_footer(result.response) // 6 + 1):
        if all(f"**{name}**" in everything for name in partners):
            break
        await canon.member.click(result.response, label="Next ›")
        everything += result.response.embeds[0].description
    assert all(f"**{name}**" in everything for name in partners), everything


# --- /fact brand: a fact of that brand --------------------------------------------------------------------

BRANDS = [
    ("Jordan", "jordan-brand", 30),
    ("Nike", "nike", 50),
    ("adidas", "adidas", 40),
    ("Converse", "converse", 10),
    ("Vans", "vans", 8),
    ("Onitsuka Tiger", "onitsuka-tiger", 8),
    ("New Balance", "new-balance", 30),
    ("Puma", "puma", 10),
    ("Reebok", "reebok", 20),
    ("On", "on-running", 5),
    ("Yeezy", "yeezy", 10),
    ("Karhu", "karhu", 4),
    ("Diadora", "diadora", 4),
    ("Fila", "fila", 4),
    ("K-Swiss", "k-swiss", 3),
    ("Brooks", "brooks", 4),
    ("Le Coq Sportif", "le-coq-sportif", 4),
    ("Autry", "autry", 3),
    ("Li-Ning", "li-ning", 3),
    ("Tretorn", "tretorn", 2),
    # the collaborators
    ("Supreme", "supreme", 2),
    ("Stussy", "stussy", 4),
    ("sacai", "sacai", 4),
    ("Union", "union-la", 1),
    ("Fragment", "fragment-design", 1),
    ("Patta", "patta", 1),
    ("Clot", "clot", 1),
    ("Concepts", "concepts", 4),
    ("Undefeated", "undefeated", 1),
    ("Hi-Tec", "hi-tec", 3),
]


@pytest.mark.parametrize(("query", "brand_id", "at_least"), BRANDS, ids=[row[0] for row in BRANDS])
async def test_fact_by_brand_is_a_fact_of_that_brand(canon: Canon, query: str, brand_id: str, at_least: int) -> None:
    own = {fact.text for fact in canon.catalog.facts_matching(brand=brand_id)}
    assert len(own) >= at_least
    result = await canon.member.slash(canon.channel, "fact", brand=query)
    assert not result.ephemeral, result.response.content
    embed = result.response.embeds[0]
    assert embed.title.startswith("Did you know? · ")
    assert embed.description in own, embed.description


async def test_the_heritage_brands_make_their_own_shoes(shipped: Catalog) -> None:
    """Issue 12's size goal: at least 20 brands make a silhouette; the heritage brands are among them."""
    makers = {shoe.brand for shoe in shipped.silhouettes.values()}
    heritage = {
        "karhu",
        "diadora",
        "fila",
        "k-swiss",
        "brooks",
        "le-coq-sportif",
        "autry",
        "li-ning",
        "tretorn",
        "hi-tec",
    }
    assert len(makers) >= 20
    assert heritage <= makers
