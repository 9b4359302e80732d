"""The per-server settings of trivia nights (fair play and seasons), declared here so ``bot.guild_config``
stays small. ``guild_config`` hands in its own parsers, formatters and ``Setting`` type, so this module
imports nothing from it (no import cycle)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["SEASON_LENGTHS", "NightsConfig", "nights_settings"]

SEASON_LENGTHS = ("week", "month", "quarter")


@dataclass(frozen=True, slots=True, kw_only=True)
class NightsConfig:
    """The fair-play and season fields of ``GuildConfig`` (its base class; the defaults a new server gets)."""

    trivia_min_players: int = 2
    season_length: str = "month"
    season_channel_id: int | None = None
    season_role_id: int | None = None
    season_top: int = 3


def nights_settings(
    make: Callable[..., Any],
    int_in: Callable[[int, int, str], Callable[[object], int]],
    optional_id: Callable[[str], Callable[[object], int | None]],
    show_number: Callable[[str], Callable[[Any], str]],
    show_channel: Callable[[Any], str],
    error: Callable[[str], Exception],
) -> dict[str, Any]:
    """The settings, built with ``make`` (``guild_config.Setting``) from guild_config's own helpers."""

    def season_length(value: object) -> str:
        if isinstance(value, str) and value.strip().casefold() in SEASON_LENGTHS:
            return value.strip().casefold()
        raise error(f"expected one of: {', '.join(SEASON_LENGTHS)}")

    def show_role(value: Any) -> str:
        return f"<@&{value}>" if value else "not set"

    return {
        "trivia.min_players": make(
            "Players a game needs to count toward the board (fewer: it is played but not counted).",
            int_in(1, 10, "players"),
            show_number("players"),
            "trivia_min_players",
            label="Players to count",
        ),
        "season.length": make(
            "How long a season of the board lasts (calendar weeks, months or quarters, UTC).",
            season_length,
            str,
            "season_length",
            label="Season length",
        ),
        "season.channel": make(
            "Channel the season's champions are posted in (not set: where the season's last game ran).",
            optional_id("channel"),
            show_channel,
            "season_channel_id",
            label="Champions' channel",
        ),
        "season.reward_role": make(
            "Role given to the season's top players (taken back from the previous champions).",
            optional_id("role"),
            show_role,
            "season_role_id",
            label="Champions' role",
        ),
        "season.reward_top": make(
            "How many of the season's top players are champions.",
            int_in(1, 10, "players"),
            show_number("players"),
            "season_top",
            label="Champions per season",
        ),
    }
