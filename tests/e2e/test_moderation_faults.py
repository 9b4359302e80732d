"""Moderator actions under odd timing and the words that describe who may do what."""

from __future__ import annotations

from forged import double_click, forged_slash
from helpers import World, seed_scores

from bot.guild_config import SETTINGS
from bot.shell.client import SoleArchive
from bot.storage import Database


async def test_a_double_click_on_export_and_clear_exports_and_clears_once(world: World, database: Database) -> None:
    store = await seed_scores(database, world, {11: 300, 12: 150})
    asked = await world.moderator.slash(world.general, "config reset-scores", period="all")
    first, second = await double_click(world.moderator, asked.response, "Export and clear")
    assert first.acknowledged and second.acknowledged
    cleared = [f.content for r in (first, second) for f in r.followups if "Cleared" in f.content]
    assert cleared == ["🧹 Cleared 2 answers of all time. The CSV above holds everything that was removed."]
    assert len(asked.response.attachments) == 1
    assert second.ephemeral and "Already done" in second.response.content
    assert await store.leaderboard(world.guild.id, None) == []


async def test_the_quizmaster_setting_says_what_the_role_may_do_and_the_rules_agree(
    world: World, simcord_bot: SoleArchive
) -> None:
    description = SETTINGS["trivia.quizmaster_role"].description
    assert "stop and skip" in description and "reviewing questions needs Manage Server" in description
    quizmasters = world.guild.create_role("Quizmaster")
    quizmaster = world.guild.add_member(world.env.create_user("qm"), roles=[quizmasters])
    await world.member.slash(world.general, "trivia start", rounds=3)
    skipped = await quizmaster.slash(world.general, "trivia skip")
    assert skipped.ephemeral and "skipped" in skipped.response.content
    review = await forged_slash(simcord_bot, quizmaster, world.general, "config", "review")  # hidden from them
    assert review.ephemeral and "Manage Server" in review.response.content
    stopped = await quizmaster.slash(world.general, "trivia stop")
    assert "stopped the game" in stopped.response.content
