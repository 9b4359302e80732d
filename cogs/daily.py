"""The daily post: a fact of the day, or what happened on this day, at the time each server chose."""

from __future__ import annotations

import datetime as dt
import logging
import random

import discord
from discord.ext import commands, tasks

from bot.catalog import choose_fact
from bot.guild_config import GuildConfig
from bot.shell.client import SoleArchive

from .shared.render import fact_embed, timeline_pages

log = logging.getLogger(__name__)


class DailyPosts(commands.Cog):
    def __init__(self, bot: SoleArchive) -> None:
        self.bot = bot
        self.settings = bot.guild_settings
        self.posts = bot.daily_posts

    async def cog_load(self) -> None:
        self.settings.add_listener(self._setting_changed)
        self.tick.start()

    async def cog_unload(self) -> None:
        self.settings.remove_listener(self._setting_changed)
        self.tick.cancel()

    def _setting_changed(self, guild_id: int, key: str) -> None:
        if key.startswith("daily."):
            self.reschedule()

    @tasks.loop(hours=1)
    async def tick(self) -> None:
        """Post what is due, then sleep until the next server's time (at most an hour)."""
        now = discord.utils.utcnow()
        targets = await self.settings.daily_targets()
        for config in targets:
            if config.daily_time is not None and now.time() >= config.daily_time:
                try:
                    await self.post(config, now)
                except Exception:
                    log.exception("daily post for guild %s failed", config.guild_id)
        # With nothing to post, sleep long: /config daily reschedules the loop the moment a time is set.
        cap = 3600.0 if targets else 7 * 24 * 3600.0
        self.tick.change_interval(seconds=seconds_to_next(targets, discord.utils.utcnow(), cap=cap))

    def reschedule(self) -> None:
        """A server changed its daily settings: look again now rather than at the next wake-up."""
        if self.tick.is_running():
            self.tick.restart()

    @tick.before_loop
    async def _ready(self) -> None:
        await self.bot.wait_until_ready()

    async def post(self, config: GuildConfig, now: dt.datetime) -> bool:
        """Post today's entry once; True when posted now."""
        day = now.date()
        if not config.daily_enabled:
            return False
        channel = self.bot.get_channel(config.daily_channel_id or 0)
        if not isinstance(channel, discord.TextChannel):
            return False
        permissions = channel.permissions_for(channel.guild.me)
        if not (permissions.send_messages and permissions.embed_links):
            if await self.posts.claim(config.guild_id, day, channel.id):  # skip the day, log it once
                log.warning(
                    "daily post skipped in guild %s: no permission to post in #%s", config.guild_id, channel.name
                )
            return False
        if not await self.posts.claim(config.guild_id, day, channel.id):
            return False  # already posted today, also before a restart
        catalog = self.bot.catalog
        items = catalog.on_this_day(now.month, now.day)
        if items:
            embed = timeline_pages(catalog, f"On this day · {now:%d %B}", items)[0]
        else:
            rng = random.Random(f"{config.guild_id}:{day}")  # noqa: S311 - the same fact all day, not security
            fact = choose_fact(list(catalog.facts.values()), avoid=None, rng=rng)
            if fact is None:
                await self.posts.release(config.guild_id, day)
                return False
            embed = fact_embed(catalog, fact)
            embed.title = f"Fact of the day · {embed.title.removeprefix('Did you know? · ') if embed.title else ''}"
        try:
            message = await channel.send(embed=embed)
        except discord.HTTPException as error:
            log.warning("daily post in guild %s failed, will try again: %s", config.guild_id, error)
            await self.posts.release(config.guild_id, day)
            return False
        await self.posts.set_message(config.guild_id, day, message.id)
        return True


def seconds_to_next(targets: list[GuildConfig], now: dt.datetime, cap: float = 3600.0) -> float:
    """Seconds until the next daily time of any server after ``now`` (a minute at least, ``cap`` at most)."""
    best = cap
    for config in targets:
        if config.daily_time is None:
            continue
        at = dt.datetime.combine(now.date(), config.daily_time, tzinfo=dt.UTC)
        if at <= now:
            at += dt.timedelta(days=1)
        best = min(best, (at - now).total_seconds())
    return max(best, 60.0)


async def setup(bot: SoleArchive) -> None:
    await bot.add_cog(DailyPosts(bot))
