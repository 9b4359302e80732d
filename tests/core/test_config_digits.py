"""Settings read ASCII digits only: "²" or "١٢" pass str.isdigit() and int(), but name no number or id."""

from __future__ import annotations

import pytest

from bot.guild_config import ConfigValueError, GuildConfig, apply


@pytest.mark.parametrize("value", ["²", "¹⁰", "١٠"])
def test_a_number_setting_refuses_digits_that_are_not_ascii(value: str) -> None:
    with pytest.raises(ConfigValueError, match="whole number of"):
        apply(GuildConfig(1), "trivia.rounds", value)


@pytest.mark.parametrize("value", ["²³", "<#²³>", "١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦٧٨", "<#١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦٧٨>"])
def test_a_channel_list_refuses_digits_that_are_not_ascii(value: str) -> None:
    with pytest.raises(ConfigValueError, match="is not a channel"):
        apply(GuildConfig(1), "feature.trivia.channels", value)


def test_ascii_ids_still_work() -> None:
    config = apply(GuildConfig(1), "feature.trivia.channels", "<#123456789012345678>, 223456789012345678")
    assert config.feature_channels["trivia"] == frozenset({123456789012345678, 223456789012345678})
    assert apply(GuildConfig(1), "trivia.rounds", " 12 ").trivia_rounds == 12
