"""Per-server configuration: which features run where, trivia defaults, the daily question (fair play and
seasons: ``bot.guild_config_nights``). Pure code: a frozen value that storage loads from rows and cogs read;
every setting is declared once in ``SETTINGS`` (description, parser, formatter), so ``/config`` can list,
parse, validate, store and describe them without a branch per key."""

from __future__ import annotations

import datetime
import json
import logging
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from bot.errors import UserError
from bot.guild_config_nights import NightsConfig, nights_settings
from bot.trivia.questions import CATEGORIES, DIFFICULTIES

__all__ = [
    "FEATURES",
    "FEATURE_COMMANDS",
    "SETTINGS",
    "ConfigValueError",
    "Feature",
    "GuildConfig",
    "Setting",
    "apply",
    "describe",
    "describe_json",
    "description",
    "from_rows",
    "label",
    "setting_json",
    "to_rows",
]

log = logging.getLogger(__name__)


class Feature(StrEnum):
    """The groups of commands a server can switch off or limit to channels (``/config feature``)."""

    facts = "facts"
    timelines = "timelines"
    collabs = "collabs"
    trivia = "trivia"


FEATURES: tuple[str, ...] = tuple(f.value for f in Feature)
ROUNDS_RANGE = (1, 50)
SECONDS_RANGE = (10, 120)
MAX_CHANNELS = 25  # a select menu's limit, and plenty for "where may this run"
_PACK_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

_EMPTY_CHANNELS: Mapping[str, frozenset[int]] = MappingProxyType({})


class ConfigValueError(UserError):
    """A setting's value (or key) is invalid; ``message`` says what would be accepted."""


@dataclass(frozen=True, slots=True)
class GuildConfig(NightsConfig):
    """One server's settings; the defaults are what a server that never ran /config gets."""

    guild_id: int
    disabled_features: frozenset[str] = frozenset()
    feature_channels: Mapping[str, frozenset[int]] = field(default_factory=lambda: _EMPTY_CHANNELS)
    trivia_rounds: int = 10
    trivia_seconds: int = 20
    trivia_difficulty: str | None = None
    trivia_categories: frozenset[str] = frozenset()
    quizmaster_role_id: int | None = None
    trivia_channels: frozenset[int] = frozenset()
    daily_channel_id: int | None = None
    daily_time: datetime.time | None = None

    def feature_allowed(self, feature: str, channel_id: int) -> bool:
        """Whether a command of ``feature`` may answer in this channel (or thread's parent channel)."""
        _check_feature(feature)
        if feature in self.disabled_features:
            return False
        allowed = self.feature_channels.get(feature, frozenset())
        return not allowed or channel_id in allowed

    def where(self, feature: str) -> frozenset[int]:
        """The channels a feature is limited to; empty means everywhere."""
        _check_feature(feature)
        return self.feature_channels.get(feature, frozenset())

    def game_allowed(self, channel_id: int) -> bool:
        """Whether a trivia game may run here: trivia allowed, and the channel among trivia.channels if set."""
        if not self.feature_allowed(Feature.trivia, channel_id):
            return False
        return not self.trivia_channels or channel_id in self.trivia_channels

    @property
    def daily_enabled(self) -> bool:
        return (
            self.daily_channel_id is not None
            and self.daily_time is not None
            and Feature.trivia not in self.disabled_features
        )


def _check_feature(feature: str) -> None:
    if feature not in FEATURES:
        raise ValueError(f"unknown feature {feature!r}")


# ----------------------------------------------------------------------------- parsers (user input or stored JSON)

_TRUE = frozenset({"true", "on", "yes", "enable", "enabled", "1"})
_FALSE = frozenset({"false", "off", "no", "disable", "disabled", "0"})
_NONE = frozenset({"", "none", "off", "unset", "clear", "reset", "default"})
_EVERYWHERE = frozenset({"", "everywhere", "all", "any", "none", "clear", "reset", "default"})
# ASCII digits only: int() also reads "²" or "١٢", which no Discord id is written in.
_ID = re.compile(r"^(?:<(?:#|@&)(\d{15,21})>|(\d{15,21}))$", re.ASCII)
_ID_ANYWHERE = re.compile(r"<(?:#|@&)(\d+)>|\d+", re.ASCII)


def _shown(value: object, limit: int = 60) -> str:
    """A value quoted back in an error message, cut short: a reply never grows with what was typed."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _words(value: str) -> str:
    return value.strip().casefold()


def _parse_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and _words(value) in _TRUE:
        return True
    if isinstance(value, str) and _words(value) in _FALSE:
        return False
    raise ConfigValueError("expected on or off")


def _parse_id(value: object, what: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        if value <= 0:
            raise ConfigValueError(f"{value} is not a {what} id")
        return value
    if isinstance(value, str):
        match = _ID.match(value.strip())
        if match:
            return int(match[1] or match[2])
    raise ConfigValueError(f"{_shown(value)} is not a {what}: mention it or paste its id")


def _parse_optional_id(what: str) -> Callable[[object], int | None]:
    def parse(value: object) -> int | None:
        if value is None or (isinstance(value, str) and _words(value) in _NONE):
            return None
        return _parse_id(value, what)

    return parse


def _parse_channels(value: object) -> frozenset[int]:
    """A list of channel ids, or text such as '<#1> <#2>' / '1, 2'; 'everywhere' or nothing clears it."""
    items: Iterable[object]
    if value is None:
        return frozenset()
    if isinstance(value, str):
        if _words(value) in _EVERYWHERE:
            return frozenset()
        leftover = _ID_ANYWHERE.sub(" ", value).replace(",", " ").strip()
        if leftover:
            raise ConfigValueError(f"{_shown(leftover.split()[0])} is not a channel: mention channels like #trivia")
        items = [match[1] or match[0] for match in _ID_ANYWHERE.finditer(value)]
    elif isinstance(value, list | tuple | set | frozenset):
        items = value
    else:
        raise ConfigValueError("expected a list of channels")
    channels = frozenset(_parse_id(item, "channel") for item in items)
    if len(channels) > MAX_CHANNELS:
        raise ConfigValueError(f"at most {MAX_CHANNELS} channels")
    return channels


def _parse_int_in(low: int, high: int, unit: str) -> Callable[[object], int]:
    def parse(value: object) -> int:
        number: int | None = None
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        elif isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
            number = int(value.strip())
        if number is None or not low <= number <= high:
            raise ConfigValueError(f"expected a whole number of {unit} from {low} to {high}")
        return number

    return parse


def _parse_difficulty(value: object) -> str | None:
    if value is None or (isinstance(value, str) and _words(value) in {"", "mixed", "any", "all", "none", "default"}):
        return None
    if isinstance(value, str) and _words(value) in DIFFICULTIES:
        return _words(value)
    raise ConfigValueError(f"expected mixed or one of: {', '.join(DIFFICULTIES)}")


def _parse_categories(value: object) -> frozenset[str]:
    """Category names (or pack names); whether a pack exists is checked by ``apply(packs=...)``."""
    items: Iterable[object]
    if value is None:
        return frozenset()
    if isinstance(value, str):
        if _words(value) in _EVERYWHERE:
            return frozenset()
        items = [part for part in re.split(r"[,\s]+", value) if part]
    elif isinstance(value, list | tuple | set | frozenset):
        items = value
    else:
        raise ConfigValueError("expected a list of categories")
    out: set[str] = set()
    for item in items:
        name = _words(item) if isinstance(item, str) else ""
        if name not in CATEGORIES and not _PACK_NAME.match(name):
            raise ConfigValueError(f"{_shown(item)} is not a category (use {', '.join(CATEGORIES)} or a pack's name)")
        out.add(name)
    return frozenset(out)


def _parse_time(value: object) -> datetime.time | None:
    if value is None or (isinstance(value, str) and _words(value) in _NONE):
        return None
    if isinstance(value, datetime.time):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    if isinstance(value, str):
        match = re.fullmatch(r"(\d{1,2})[:h.](\d{2})(?:\s*utc)?", _words(value))
        if match and int(match[1]) < 24 and int(match[2]) < 60:
            return datetime.time(int(match[1]), int(match[2]))
    raise ConfigValueError("expected a UTC time such as 18:30, or off")


# ----------------------------------------------------------------------------- formatters (human text)


def _show_bool(value: Any) -> str:
    return "on" if value else "off"


def _show_channels(value: Any) -> str:
    return " ".join(f"<#{channel}>" for channel in sorted(value)) if value else "everywhere"


def _show_trivia_channels(value: Any) -> str:
    return " ".join(f"<#{channel}>" for channel in sorted(value)) if value else "any channel where trivia is allowed"


def _show_number(unit: str) -> Callable[[Any], str]:
    return lambda value: f"{value} {unit}"


def _show_difficulty(value: Any) -> str:
    return str(value) if value else "mixed"


def _show_categories(value: Any) -> str:
    return ", ".join(sorted(value)) if value else "all categories"


def _show_role(value: Any) -> str:
    return f"<@&{value}>" if value else "not set (Manage Server only)"


def _show_channel(value: Any) -> str:
    return f"<#{value}>" if value else "not set"


def _show_time(value: Any) -> str:
    return f"{value:%H:%M} UTC" if value else "not set"


# ----------------------------------------------------------------------------- the table


@dataclass(frozen=True, slots=True)
class Setting:
    """One key of /config: what it means, how to read a value, how to show one."""

    description: str
    parser: Callable[[object], Any]
    formatter: Callable[[Any], str]
    attribute: str  # the GuildConfig field (feature.* keys are special-cased)
    label: str = ""  # what a moderator reads instead of the key ("Questions per game")

    def __iter__(self) -> Any:
        """Unpacks as (description, parser, formatter)."""
        return iter((self.description, self.parser, self.formatter))


FEATURE_COMMANDS: Mapping[str, str] = MappingProxyType(
    {
        Feature.facts: "/shoe and /fact",
        Feature.timelines: "/timeline and /onthisday",
        Feature.collabs: "/collab",
        Feature.trivia: "/trivia games and the daily question",
    }
)


def _feature_settings() -> dict[str, Setting]:
    out: dict[str, Setting] = {}
    for name in FEATURES:
        commands = FEATURE_COMMANDS[name]
        out[f"feature.{name}.enabled"] = Setting(
            f"Whether {commands} answer at all.", _parse_bool, _show_bool, "", label=name.capitalize()
        )
        out[f"feature.{name}.channels"] = Setting(
            f"Where {commands} answer; elsewhere they say where they work.",
            _parse_channels,
            _show_channels,
            "",
            label=f"{name.capitalize()} channels",
        )
    return out


SETTINGS: Mapping[str, Setting] = MappingProxyType(
    {
        **_feature_settings(),
        "trivia.rounds": Setting(
            "Questions in a game unless the host picks a number.",
            _parse_int_in(*ROUNDS_RANGE, "rounds"),
            _show_number("rounds"),
            "trivia_rounds",
            label="Questions per game",
        ),
        "trivia.seconds": Setting(
            "Seconds to answer each question.",
            _parse_int_in(*SECONDS_RANGE, "seconds"),
            _show_number("seconds"),
            "trivia_seconds",
            label="Seconds per question",
        ),
        "trivia.difficulty": Setting(
            "Default difficulty (mixed: every level).",
            _parse_difficulty,
            _show_difficulty,
            "trivia_difficulty",
            label="Difficulty",
        ),
        "trivia.categories": Setting(
            "Categories and packs games draw from (empty: all).",
            _parse_categories,
            _show_categories,
            "trivia_categories",
            label="Categories",
        ),
        "trivia.quizmaster_role": Setting(
            "Role that may stop and skip any game, besides moderators (reviewing questions needs Manage Server).",
            _parse_optional_id("role"),
            _show_role,
            "quizmaster_role_id",
            label="Quizmaster role",
        ),
        "trivia.channels": Setting(
            "Channels where games may run (empty: wherever trivia is allowed).",
            _parse_channels,
            _show_trivia_channels,
            "trivia_channels",
            label="Game channels",
        ),
        **nights_settings(Setting, _parse_int_in, _parse_optional_id, _show_number, _show_channel, ConfigValueError),
        "daily.channel": Setting(
            "Where the daily fact or 'on this day' post goes.",
            _parse_optional_id("channel"),
            _show_channel,
            "daily_channel_id",
            label="Daily post channel",
        ),
        "daily.time": Setting(
            "When (UTC) the daily post goes out.", _parse_time, _show_time, "daily_time", label="Daily post time"
        ),
    }
)


def _setting(key: str) -> Setting:
    setting = SETTINGS.get(key)
    if setting is None:
        raise ConfigValueError(f"unknown setting {key!r}")
    return setting


def _feature_of(key: str) -> str | None:
    parts = key.split(".")
    return parts[1] if len(parts) == 3 and parts[0] == "feature" else None


def _get(config: GuildConfig, key: str) -> Any:
    feature = _feature_of(key)
    if feature is not None:
        if key.endswith(".enabled"):
            return feature not in config.disabled_features
        return config.feature_channels.get(feature, frozenset())
    return getattr(config, _setting(key).attribute)


def _put(config: GuildConfig, key: str, value: Any) -> GuildConfig:
    feature = _feature_of(key)
    if feature is None:
        return replace(config, **{_setting(key).attribute: value})
    if key.endswith(".enabled"):
        disabled = config.disabled_features - {feature} if value else config.disabled_features | {feature}
        return replace(config, disabled_features=frozenset(disabled))
    channels = dict(config.feature_channels)
    if value:
        channels[feature] = value
    else:
        channels.pop(feature, None)
    return replace(config, feature_channels=MappingProxyType(channels))


def apply(config: GuildConfig, key: str, value: object, *, packs: Collection[str] | None = None) -> GuildConfig:
    """A copy of ``config`` with one setting changed; raises ConfigValueError naming what is accepted.

    ``packs`` (the server's pack names) makes trivia.categories refuse names that are neither a
    category nor a pack; without it any well-formed name passes (used when loading stored rows).
    """
    setting = _setting(key)
    try:
        parsed = setting.parser(value)
    except ConfigValueError as exc:
        raise ConfigValueError(f"{setting.label or key}: {exc.message}") from None
    if key == "trivia.categories" and packs is not None:
        unknown = sorted(name for name in parsed if name not in CATEGORIES and name not in packs)
        if unknown:
            raise ConfigValueError(
                f"{setting.label}: {_shown(unknown[0])} is neither a category ({', '.join(CATEGORIES)}) "
                "nor one of this server's packs"
            )
    return _put(config, key, parsed)


def setting_json(config: GuildConfig, key: str) -> str:
    """The stored form of one setting: JSON that the setting's parser reads back."""
    value = _get(config, key)
    encoded: Any
    if isinstance(value, frozenset):
        encoded = sorted(value)
    elif isinstance(value, datetime.time):
        encoded = f"{value:%H:%M}"
    else:
        encoded = value
    return json.dumps(encoded)


def to_rows(config: GuildConfig) -> list[tuple[str, str]]:
    """(key, JSON) for every setting that differs from the default, in SETTINGS order."""
    default = GuildConfig(config.guild_id)
    return [(key, setting_json(config, key)) for key in SETTINGS if _get(config, key) != _get(default, key)]


def from_rows(guild_id: int, rows: Iterable[tuple[str, str]]) -> GuildConfig:
    """Rebuild a config from stored rows; a row that no longer parses is skipped, never fatal."""
    config = GuildConfig(guild_id)
    for key, text in rows:
        try:
            config = apply(config, key, json.loads(text))
        except (ConfigValueError, ValueError) as exc:
            log.warning("guild %s: ignoring stored setting %s=%s (%s)", guild_id, key, text, exc)
    return config


def label(key: str) -> str:
    """A setting's name as moderators read it ('Questions per game' for trivia.rounds)."""
    return _setting(key).label or key


def description(key: str) -> str:
    """What a setting does, in one sentence."""
    return _setting(key).description


def describe(config: GuildConfig, key: str) -> str:
    """The current value of one setting as a member would read it ('everywhere', '<#123>', 'off')."""
    return _setting(key).formatter(_get(config, key))


def describe_json(key: str, text: str | None) -> str:
    """A stored (history) value as human text; None means the default."""
    setting = _setting(key)
    default = describe(GuildConfig(0), key)
    if text is None:
        return default
    try:
        return str(setting.formatter(setting.parser(json.loads(text))))
    except (ConfigValueError, ValueError):
        return text
