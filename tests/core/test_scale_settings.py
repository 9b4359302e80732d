"""Settings of running at scale: SOLE_DATABASE_URL, SOLE_SHARD_COUNT, SOLE_SHARD_IDS."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import ConfigError, Settings


def test_the_database_url_selects_postgresql_and_never_shows_its_password() -> None:
    url = "postgresql://sole:hunter2@db:5432/sole"
    settings = Settings.from_env({"SOLE_DATABASE_URL": url, "SOLE_DATABASE": "x.sqlite3"})
    assert settings.database_target == url
    assert "hunter2" not in repr(settings)
    assert Settings.from_env({"SOLE_DATABASE": "x.sqlite3"}).database_target == Path("x.sqlite3")


def test_a_database_url_that_is_not_postgresql_is_refused() -> None:
    with pytest.raises(ConfigError, match="SOLE_DATABASE_URL"):
        Settings.from_env({"SOLE_DATABASE_URL": "mysql://db/sole"})


@pytest.mark.parametrize(
    ("raw", "expected"), [("0-3", (0, 1, 2, 3)), ("0,2", (0, 2)), (" 1 ", (1,)), ("0-1,5", (0, 1, 5)), ("", None)]
)
def test_shard_ids_take_ranges_and_lists(raw: str, expected: tuple[int, ...] | None) -> None:
    settings = Settings.from_env({"SOLE_SHARD_COUNT": "6", "SOLE_SHARD_IDS": raw})
    assert settings.shard_count == 6
    assert settings.shard_ids == expected


def test_by_default_discord_picks_the_shard_count() -> None:
    settings = Settings.from_env({})
    assert (settings.shard_count, settings.shard_ids) == (None, None)


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"SOLE_SHARD_COUNT": "0"}, "SOLE_SHARD_COUNT"),
        ({"SOLE_SHARD_COUNT": "two"}, "SOLE_SHARD_COUNT"),
        ({"SOLE_SHARD_IDS": "0"}, "needs SOLE_SHARD_COUNT"),
        ({"SOLE_SHARD_COUNT": "2", "SOLE_SHARD_IDS": "2"}, "not below SOLE_SHARD_COUNT=2"),
        ({"SOLE_SHARD_COUNT": "4", "SOLE_SHARD_IDS": "3-1"}, "backwards"),
        ({"SOLE_SHARD_COUNT": "4", "SOLE_SHARD_IDS": "a-b"}, "0-3 or 0,2"),
    ],
)
def test_bad_shard_settings_say_what_is_wrong(environ: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings.from_env(environ)
