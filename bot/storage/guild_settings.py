"""Per-server settings and their history: who changed what, when, from which value.

Reads use the shared connection; every change goes through the group-commit writer, so it is on disk
before the moderator is told, and every query names one guild.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from bot.guild_config import SETTINGS, GuildConfig, apply, describe, describe_json, from_rows, setting_json

from .common import Clock, isoformat, now, parse_time, writer_of
from .custom_questions import CustomQuestionStore
from .database import Database
from .writer import Statement

__all__ = ["SETTINGS_CHANNEL", "ConfigChange", "GuildSettingsStore"]

SETTINGS_CHANNEL = "guild_settings"  # event payload: "<guild id>:<key>"


@dataclass(frozen=True, slots=True)
class ConfigChange:
    id: int
    guild_id: int
    actor_id: int
    key: str
    old_value: str | None  # JSON, None = the default
    new_value: str | None
    changed_at: dt.datetime

    @property
    def old_text(self) -> str:
        return describe_json(self.key, self.old_value)

    @property
    def new_text(self) -> str:
        return describe_json(self.key, self.new_value)


class GuildSettingsStore:
    """Settings per server, each change recorded with who made it and the value it replaced."""

    def __init__(self, database: Database, *, clock: Clock = now) -> None:
        self._db = database
        self._clock = clock
        # Every command checks its server's feature switch, so configs are kept in memory when this
        # process is the database's only user (SQLite): ``set`` refreshes the entry it changes. A shared
        # database (PostgreSQL, several processes) is read every time, so a change made through another
        # process is seen at once; its NOTIFY tells this process's listeners (the daily post reschedules).
        self._cache: dict[int, GuildConfig] = {}
        self._cached = not database.shared
        self._listeners: list[Callable[[int, str], None]] = []
        database.subscribe(SETTINGS_CHANNEL, self._changed_elsewhere)
        database.subscribe("resync", lambda _payload: self._cache.clear())

    def _changed_elsewhere(self, payload: str) -> None:
        guild, _, key = payload.partition(":")
        if not guild.isdigit():
            return
        self._cache.pop(int(guild), None)
        for listener in list(self._listeners):
            listener(int(guild), key)

    def add_listener(self, listener: Callable[[int, str], None]) -> None:
        """Call ``listener(guild_id, key)`` after each stored change (the daily post reschedules on one)."""
        self._listeners.append(listener)

    def remove_listener(self, listener: Callable[[int, str], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    async def get(self, guild_id: int) -> GuildConfig:
        cached = self._cache.get(guild_id)
        if cached is not None and self._cached:
            return cached
        rows = [
            (str(key), str(value))
            for key, value in await self._db.fetch_all(
                "SELECT key, value FROM guild_settings WHERE guild_id = ?", (guild_id,)
            )
        ]
        config = from_rows(guild_id, _in_settings_order(rows))
        if self._cached:
            self._cache[guild_id] = config
        return config

    async def set(self, guild_id: int, actor_id: int, key: str, value: object) -> tuple[GuildConfig, str, str]:
        """Validate and store one setting; returns the new config and the old and new values as text."""
        current = await self.get(guild_id)
        packs = None
        if key == "trivia.categories":
            packs = {name for name, _count in await CustomQuestionStore(self._db).packs(guild_id)}
        updated = apply(current, key, value, packs=packs)
        old_text, new_text = describe(current, key), describe(updated, key)
        old_json, new_json = setting_json(current, key), setting_json(updated, key)
        if old_json == new_json:
            return updated, old_text, new_text
        default_json = setting_json(GuildConfig(guild_id), key)
        stored = None if new_json == default_json else new_json
        statements: list[Statement] = [
            (  # the old value is read inside the same transaction, so history never misses a change
                "INSERT INTO config_history (guild_id, actor_id, key, old_value, new_value, changed_at) "
                "VALUES (?, ?, ?, (SELECT value FROM guild_settings WHERE guild_id = ? AND key = ?), ?, ?)",
                (guild_id, actor_id, key, guild_id, key, stored, isoformat(self._clock())),
            )
        ]
        if stored is None:
            statements.append(("DELETE FROM guild_settings WHERE guild_id = ? AND key = ?", (guild_id, key)))
        else:
            statements.append(
                (
                    "INSERT INTO guild_settings (guild_id, key, value) VALUES (?, ?, ?) "
                    "ON CONFLICT (guild_id, key) DO UPDATE SET value = excluded.value",
                    (guild_id, key, stored),
                )
            )
        await writer_of(self._db).write(*statements)
        if self._cached:
            self._cache[guild_id] = updated
        for listener in list(self._listeners):
            listener(guild_id, key)
        await self._db.publish(SETTINGS_CHANNEL, f"{guild_id}:{key}")  # the other processes' listeners
        return updated, old_text, new_text

    async def history(self, guild_id: int, limit: int = 10) -> list[ConfigChange]:
        """The latest changes first."""
        rows = await self._db.fetch_all(
            "SELECT id, guild_id, actor_id, key, old_value, new_value, changed_at FROM config_history "
            "WHERE guild_id = ? ORDER BY id DESC LIMIT ?",
            (guild_id, limit),
        )
        return [
            ConfigChange(int(r[0]), int(r[1]), int(r[2]), str(r[3]), r[4], r[5], parse_time(str(r[6])) or now())
            for r in rows
        ]

    async def daily_targets(self) -> list[GuildConfig]:
        """Every server with both a daily channel and a daily time set (whether trivia is on is theirs to check)."""
        rows = await self._db.fetch_all(
            "SELECT guild_id, key, value FROM guild_settings WHERE guild_id IN ("
            "  SELECT guild_id FROM guild_settings WHERE key IN ('daily.channel', 'daily.time') "
            "  GROUP BY guild_id HAVING COUNT(*) = 2"
            ") ORDER BY guild_id",
        )
        by_guild: dict[int, list[tuple[str, str]]] = {}
        for guild_id, key, value in rows:
            by_guild.setdefault(int(guild_id), []).append((str(key), str(value)))
        configs = [from_rows(guild_id, _in_settings_order(items)) for guild_id, items in by_guild.items()]
        return [c for c in configs if c.daily_channel_id is not None and c.daily_time is not None]


def _in_settings_order(rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
    order = {key: index for index, key in enumerate(SETTINGS)}
    return sorted(rows, key=lambda row: order.get(row[0], len(order)))
