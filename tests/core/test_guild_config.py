"""Per-server configuration: parsing user input, validation messages, stored rows, descriptions."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from bot.guild_config import (
    FEATURES,
    SETTINGS,
    ConfigValueError,
    GuildConfig,
    apply,
    describe,
    describe_json,
    from_rows,
    label,
    to_rows,
)

GUILD = 111
GENERAL, TRIVIA, MEMES = 100000000000000001, 100000000000000002, 100000000000000003
ROLE = 200000000000000009


def test_every_feature_has_two_settings_and_the_table_is_ordered() -> None:
    keys = list(SETTINGS)
    for feature in FEATURES:
        assert f"feature.{feature}.enabled" in keys and f"feature.{feature}.channels" in keys
    assert keys[-2:] == ["daily.channel", "daily.time"]
    description, parser, formatter = SETTINGS["trivia.rounds"]
    assert "game" in description and parser("12") == 12 and formatter(12) == "12 rounds"


def test_defaults_allow_everything_everywhere() -> None:
    config = GuildConfig(GUILD)
    assert all(config.feature_allowed(feature, MEMES) for feature in FEATURES)
    assert config.where("facts") == frozenset()
    assert config.game_allowed(MEMES)
    assert not config.daily_enabled
    assert to_rows(config) == []


def test_feature_switches_and_channel_limits() -> None:
    config = apply(GuildConfig(GUILD), "feature.facts.enabled", "off")
    config = apply(config, "feature.trivia.channels", f"<#{TRIVIA}> <#{GENERAL}>")
    config = apply(config, "trivia.channels", [TRIVIA])
    assert not config.feature_allowed("facts", GENERAL)
    assert config.feature_allowed("timelines", MEMES)
    assert config.feature_allowed("trivia", GENERAL) and not config.feature_allowed("trivia", MEMES)
    assert config.where("trivia") == {TRIVIA, GENERAL}
    assert config.game_allowed(TRIVIA) and not config.game_allowed(GENERAL)  # trivia yes, games only in #trivia
    config = apply(config, "feature.trivia.channels", "everywhere")
    config = apply(config, "feature.facts.enabled", True)
    assert config.where("trivia") == frozenset() and config.feature_allowed("facts", GENERAL)
    with pytest.raises(ValueError, match="unknown feature"):
        config.feature_allowed("music", GENERAL)


def test_values_are_parsed_from_what_members_type() -> None:
    config = GuildConfig(GUILD)
    config = apply(config, "trivia.rounds", " 15 ")
    config = apply(config, "trivia.seconds", 45)
    config = apply(config, "trivia.difficulty", "HARD")
    config = apply(config, "trivia.categories", "eras, tech")
    config = apply(config, "trivia.quizmaster_role", f"<@&{ROLE}>")
    config = apply(config, "daily.channel", str(TRIVIA))
    config = apply(config, "daily.time", "7:05")
    assert (config.trivia_rounds, config.trivia_seconds, config.trivia_difficulty) == (15, 45, "hard")
    assert config.trivia_categories == {"eras", "tech"}
    assert config.quizmaster_role_id == ROLE and config.daily_channel_id == TRIVIA
    assert config.daily_time == dt.time(7, 5) and config.daily_enabled
    config = apply(config, "trivia.difficulty", "mixed")
    config = apply(config, "daily.time", "off")
    assert config.trivia_difficulty is None and config.daily_time is None and not config.daily_enabled


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("trivia.rounds", 0, "from 1 to 50"),
        ("trivia.rounds", "51", "from 1 to 50"),
        ("trivia.rounds", True, "whole number"),
        ("trivia.seconds", 9, "from 10 to 120"),
        ("trivia.seconds", "2 minutes", "from 10 to 120"),
        ("trivia.difficulty", "brutal", "mixed or one of: easy, medium, hard"),
        ("trivia.categories", "eras, Sneaker History!", "is not a category"),
        ("feature.facts.enabled", "maybe", "on or off"),
        ("feature.facts.channels", "#general", "not a channel"),
        ("feature.facts.channels", "<#12>", "not a channel"),
        ("trivia.quizmaster_role", "@Mods", "not a role"),
        ("daily.time", "25:00", "UTC time"),
        ("daily.time", "noon", "UTC time"),
        ("daily.channel", -5, "not a channel"),
        ("no.such.key", 1, "unknown setting"),
    ],
)
def test_invalid_values_are_refused_with_a_reason(key: str, value: object, message: str) -> None:
    with pytest.raises(ConfigValueError, match=message) as caught:
        apply(GuildConfig(GUILD), key, value)
    if key != "no.such.key":
        assert caught.value.message.startswith(f"{label(key)}: ")  # named as moderators read it, not by its key


def test_too_many_channels_are_refused() -> None:
    with pytest.raises(ConfigValueError, match="at most 25"):
        apply(GuildConfig(GUILD), "trivia.channels", list(range(10**17, 10**17 + 26)))


def test_categories_may_name_this_servers_packs_when_known() -> None:
    config = apply(GuildConfig(GUILD), "trivia.categories", ["eras", "my-pack"], packs={"my-pack"})
    assert config.trivia_categories == {"eras", "my-pack"}
    with pytest.raises(ConfigValueError, match="nor one of this server's packs"):
        apply(GuildConfig(GUILD), "trivia.categories", "eras other-pack", packs={"my-pack"})


def test_rows_round_trip_as_json() -> None:
    config = GuildConfig(GUILD)
    for key, value in [
        ("feature.collabs.enabled", "off"),
        ("feature.facts.channels", [GENERAL]),
        ("trivia.rounds", 5),
        ("trivia.categories", ["revival"]),
        ("trivia.quizmaster_role", ROLE),
        ("daily.channel", TRIVIA),
        ("daily.time", "18:30"),
    ]:
        config = apply(config, key, value)
    rows = to_rows(config)
    assert dict(rows)["daily.time"] == '"18:30"'
    assert json.loads(dict(rows)["feature.facts.channels"]) == [GENERAL]
    assert [key for key, _ in rows] == [key for key in SETTINGS if key in dict(rows)]  # settings order
    assert from_rows(GUILD, rows) == config


def test_a_stored_row_that_no_longer_parses_is_skipped(caplog: pytest.LogCaptureFixture) -> None:
    config = from_rows(
        GUILD,
        [("trivia.rounds", "500"), ("gone.key", "1"), ("trivia.seconds", "not json"), ("trivia.difficulty", '"easy"')],
    )
    assert config == GuildConfig(GUILD, trivia_difficulty="easy")
    assert "ignoring stored setting" in caplog.text


def test_describe_shows_mentions_and_plain_words() -> None:
    config = apply(GuildConfig(GUILD), "feature.trivia.channels", [TRIVIA, GENERAL])
    config = apply(config, "trivia.quizmaster_role", ROLE)
    assert describe(config, "feature.trivia.channels") == f"<#{GENERAL}> <#{TRIVIA}>"
    assert describe(config, "feature.facts.channels") == "everywhere"
    assert describe(config, "feature.facts.enabled") == "on"
    assert describe(config, "trivia.quizmaster_role") == f"<@&{ROLE}>"
    assert describe(config, "trivia.difficulty") == "mixed"
    assert describe(config, "trivia.categories") == "all categories"
    assert describe(apply(config, "daily.time", "09:00"), "daily.time") == "09:00 UTC"
    assert describe_json("trivia.seconds", None) == "20 seconds"  # the default
    assert describe_json("daily.channel", str(TRIVIA)) == f"<#{TRIVIA}>"


def test_every_setting_has_a_label_and_says_what_it_does() -> None:
    from bot.guild_config import description

    labels = [label(key) for key in SETTINGS]
    assert all(name != key and "." not in name for name, key in zip(labels, SETTINGS, strict=True))
    assert len(set(labels)) == len(labels)  # no two settings read the same
    assert all(description(key).endswith(".") for key in SETTINGS)
