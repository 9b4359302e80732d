"""/facts reload end to end: the bot's owners swap in new data, and invalid data never replaces good data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import FIXTURE_DATA, World, command_id, reply

from bot.settings import Settings
from bot.shell.client import SoleArchive


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the fixture data the test may break and mend."""
    copy = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, copy)
    return copy


@pytest.fixture
def settings(tmp_path: Path, data: Path) -> Settings:
    """The bot reads (and reloads) its data from the copy."""
    return Settings(database=tmp_path / "test.sqlite3", data_dir=data, owner_ids=frozenset({4242}))


async def test_a_bad_reload_keeps_the_old_data_serving(world: World, simcord_bot: SoleArchive, data: Path) -> None:
    simcord_bot.owner_ids = {world.moderator.id}
    before = simcord_bot.catalog.version

    world.guild.set_command_permissions(await command_id(simcord_bot, "facts"), {world.guild.default_role: True})
    not_owner = await world.member.slash(world.general, "facts reload")
    assert not_owner.ephemeral and "Only the bot's owners" in not_owner.response.content

    (data / "broken.yaml").write_text("silhouettes:\n  - id: Bad\n    name: x\n", encoding="utf-8")
    result = await world.moderator.slash(world.general, "facts reload")
    message = reply(result)
    assert "still serving version" in message and before in message
    assert "broken.yaml:2: Bad: id:" in message
    assert simcord_bot.catalog.version == before
    shoe = await world.member.slash(world.general, "shoe", name="K14")
    assert "GEL-KAYANO 14" in shoe.response.embeds[0].title

    (data / "broken.yaml").unlink()
    ok = await world.moderator.slash(world.general, "facts reload")
    assert "Reloaded" in reply(ok)
