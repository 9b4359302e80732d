"""Start-up after a crash: the interrupted-game notice goes on the question the dead process left live."""

from __future__ import annotations

import discord
from helpers import World, new_game

from bot.catalog import Catalog
from bot.settings import Settings
from bot.shell.client import SoleArchive
from bot.storage import Database
from cogs.trivia.views import QuestionView, RevealView


def shown(world: World) -> dict[int, discord.Message]:
    return {message.id: message for message in world.general.history()}


async def test_the_notice_lands_on_the_question_left_live_not_on_the_saved_one(
    world: World, settings: Settings, catalog: Catalog, database: Database, simcord_bot: SoleArchive
) -> None:
    # What a process killed just as it posted question 2 leaves: the saved message is question 1's reveal.
    store = simcord_bot.trivia_store
    game = await new_game(store, world.guild.id, world.general.id, started_at=discord.utils.utcnow(), rounds=3)
    channel = simcord_bot.get_partial_messageable(world.general.id, guild_id=world.guild.id)
    first = await channel.send(embed=discord.Embed(title="Question 1/3 · answer"), view=RevealView(game, 0))
    await store.set_message(game, first.id)
    view = QuestionView(game, 1, ("Alpha", "Beta", "Gamma", "Delta"), open_mode=False)
    second = await channel.send(embed=discord.Embed(title="Question 2/3"), view=view)
    await world.env.restart_bot(SoleArchive(settings=settings, catalog=catalog, database=database))
    after = shown(world)
    assert after[second.id].embeds[0].title == "Game interrupted"
    assert after[second.id].components == []  # no live buttons left that answer "This game is over"
    assert after[first.id].embeds[0].title == "Question 1/3 · answer"  # the reveal stays as it was
    assert [b.label for row in after[first.id].components for b in row.children] == ["Learn more", "Report question"]  # type: ignore[attr-defined]


async def test_a_game_that_died_before_its_first_question_gets_a_notice_too(
    world: World, settings: Settings, catalog: Catalog, database: Database, simcord_bot: SoleArchive
) -> None:
    await new_game(simcord_bot.trivia_store, world.guild.id, world.general.id, started_at=discord.utils.utcnow())
    before = len(world.general.history())
    await world.env.restart_bot(SoleArchive(settings=settings, catalog=catalog, database=database))
    [notice] = world.general.history()[before:]
    assert notice.embeds[0].title == "Game interrupted"
    assert "before its first question" in notice.embeds[0].description
    again = await world.member.slash(world.general, "trivia start", rounds=1)
    assert not again.ephemeral  # and the channel is free
