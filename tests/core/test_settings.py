"""Process settings (bot.settings): read from the environment, the token never shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import ConfigError, Secret, Settings

FIXTURES = Path(__file__).parents[1] / "fixtures"


def test_settings_from_environment() -> None:
    settings = Settings.from_env(
        {"DISCORD_TOKEN": "abc.def", "SOLE_OWNER_IDS": "1, 2", "SOLE_DEV_GUILD_ID": "33", "SOLE_LOG_LEVEL": "debug"}
    )
    assert settings.token.reveal() == "abc.def"
    assert settings.owner_ids == frozenset({1, 2})
    assert settings.dev_guild_id == 33
    assert settings.log_level == "DEBUG"
    assert Settings.from_env({}).token.reveal() == ""


def test_the_token_never_shows_in_reprs() -> None:
    settings = Settings.from_env({"DISCORD_TOKEN": "super-secret-token"})
    assert "super-secret-token" not in repr(settings)
    assert "super-secret-token" not in str(settings.token)
    assert repr(Secret("x")) == "Secret('********')"


@pytest.mark.parametrize(
    ("variable", "value"),
    [("SOLE_OWNER_IDS", "me"), ("SOLE_DEV_GUILD_ID", "-5"), ("SOLE_LOG_LEVEL", "LOUD"), ("SOLE_PLAYGROUND_PORT", "x")],
)
def test_bad_settings_name_the_variable(variable: str, value: str) -> None:
    with pytest.raises(ConfigError, match=variable):
        Settings.from_env({variable: value})
