"""/trivia: start, stop, skip, daily, leaderboard, stats, help, suggest (the games themselves: ``games``)."""

from __future__ import annotations

import logging
import random
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.errors import UserError
from bot.guild_config import ROUNDS_RANGE, SECONDS_RANGE, Feature
from bot.shell.client import Interaction, SoleArchive
from bot.shell.tree import FeatureCog
from bot.trivia.kinds import Difficulty, Period
from bot.trivia.modes import GameMode
from bot.trivia.questions import CATEGORIES, Mode
from bot.trivia.scoring import ScoreRules, describe_rules
from bot.trivia.teams import MAX_TEAMS, MIN_TEAMS

from ..shared.text import plural, quote_user
from ..shared.views import send_pages
from .checks import checked_mode, checked_number
from .games import TriviaGames
from .modes import DYNAMIC_MODE_ITEMS, SPECIAL_MODES, start_mode_game
from .new_game import record_game
from .nights import add_nights_help
from .render import help_embed, leaderboard_pages, skip_note, stats_embed
from .review import ReviewCommands
from .seasons import SeasonCommands
from .session import GameSession
from .teams import open_team_lobby
from .views import DYNAMIC_ITEMS, SuggestModal, TriviaPlay

log = logging.getLogger(__name__)

DEFAULT_ROUNDS = 10
DEFAULT_SECONDS = 20
QUIZMASTER_ROLE = "Quizmaster"


class Trivia(
    FeatureCog,
    commands.GroupCog,
    group_name="trivia",
    group_description="Sneaker trivia: games, daily question, scores",
):
    """The /trivia commands. The running games and what clicks do live in ``TriviaGames``."""

    feature = Feature.trivia
    seasons: app_commands.Command[Any, ..., None] = SeasonCommands.seasons  # /trivia seasons (cogs/trivia/seasons.py)
    review: app_commands.Command[Any, ..., None] = ReviewCommands.review  # /trivia review (cogs/trivia/review.py)

    def __init__(self, bot: SoleArchive) -> None:
        self.bot = bot
        self.store = bot.trivia_store
        self.custom = bot.custom_questions
        self.reports = bot.trivia_reports
        self.settings = bot.guild_settings
        self.games = TriviaGames(bot)
        self.rules = ScoreRules()
        super().__init__()

    async def cog_load(self) -> None:
        self.bot.provide(TriviaPlay, self.games)
        self.bot.metrics.count_running_games(self.games.running_count)
        self.bot.add_dynamic_items(*DYNAMIC_ITEMS, *DYNAMIC_MODE_ITEMS)
        await self.games.end_games_left_running()

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(*DYNAMIC_ITEMS, *DYNAMIC_MODE_ITEMS)
        self.bot.withdraw(TriviaPlay)
        # Unloading (a graceful stop closes every extension first): end each game in the open, then go.
        await self.games.end_all_for_maintenance()
        self.bot.metrics.count_running_games(None)

    def _can_moderate(self, interaction: Interaction, session: GameSession) -> bool:
        user = interaction.user
        if user.id == session.game.host_id:
            return True
        if isinstance(user, discord.Member):
            permissions = user.guild_permissions
            if permissions.manage_guild or permissions.manage_messages:
                return True
            role_id = session.quizmaster_role_id
            return any(role.id == role_id if role_id else role.name == QUIZMASTER_ROLE for role in user.roles)
        return False

    # -- commands -------------------------------------------------------------------------------------

    @app_commands.choices(mode=[app_commands.Choice(name=str(mode), value=str(mode)) for mode in GameMode])
    @app_commands.command(name="start", description="Start a trivia game in this channel")
    @app_commands.guild_only()
    @app_commands.describe(
        rounds="How many questions (server default: 10)",
        category="One category, or one of this server's packs",
        difficulty="Only one difficulty",
        seconds="Seconds per question (server default: 20)",
        mode="choice, open (type it), guess (the shoe from clues), timeline (order four), closest (year), teams",
        teams="With mode: teams, how many teams (2-4)",
    )
    async def start(
        self,
        interaction: Interaction,
        rounds: app_commands.Range[int, ROUNDS_RANGE[0], ROUNDS_RANGE[1]] | None = None,
        category: app_commands.Range[str, 1, 40] | None = None,
        difficulty: Difficulty | None = None,
        seconds: app_commands.Range[int, SECONDS_RANGE[0], SECONDS_RANGE[1]] | None = None,
        mode: app_commands.Choice[str] | None = None,
        teams: app_commands.Range[int, MIN_TEAMS, MAX_TEAMS] = MIN_TEAMS,
    ) -> None:
        channel = interaction.channel
        assert interaction.guild_id is not None and isinstance(channel, discord.abc.Messageable)
        rounds = checked_number(rounds, ROUNDS_RANGE, "rounds")
        seconds = checked_number(seconds, SECONDS_RANGE, "seconds")
        play_mode = checked_mode(mode.value if mode is not None else None)
        guild_id = interaction.guild_id
        channel_id = interaction.channel_id or 0
        running = self.games.in_channel(channel_id)
        if running is not None:
            game = running.game
            raise UserError(
                f"A game is already running here (started by <@{game.host_id}>, question {game.round_index + 1}/"
                f"{game.rounds_total}). Join in by answering the question; the host, a quizmaster or a moderator "
                "can end it with `/trivia stop`."
            )
        config = await self.settings.get(guild_id)
        parent_id = interaction.channel.parent_id if isinstance(interaction.channel, discord.Thread) else None
        if not config.game_allowed(parent_id or channel_id):
            where = ", ".join(f"<#{cid}>" for cid in sorted(config.trivia_channels))
            raise UserError(f"Trivia games run in {where} in this server.")
        if mode is not None and mode.value in SPECIAL_MODES:  # the sneaker modes (cogs/trivia/modes.py)
            await start_mode_game(
                self.bot,
                self.games,
                interaction,
                mode=GameMode(mode.value),
                rounds=rounds or config.trivia_rounds,
                seconds=seconds or config.trivia_seconds,
                quizmaster_role_id=config.quizmaster_role_id,
            )
            return
        rounds = rounds or config.trivia_rounds
        seconds = seconds or config.trivia_seconds
        level = difficulty or config.trivia_difficulty
        bank = self.games.bank()
        extra = [question.to_trivia() for question in await self.custom.approved(guild_id)]
        if category is not None:
            known = set(bank.categories()) | {q.category for q in extra} | {q.pack for q in extra if q.pack}
            if category not in known:
                raise UserError(
                    f"There's no category or pack called {quote_user(category, 40)}. "
                    f"Pick one from the list: {', '.join(sorted(known))}."
                )
            if config.trivia_categories and category not in config.trivia_categories:
                raise UserError(
                    f"{quote_user(category, 40)} isn't one of this server's trivia categories: "
                    f"{', '.join(sorted(config.trivia_categories))}."
                )
        if mode is not None and mode.value == GameMode.teams:  # the lobby (cogs/trivia/teams.py)
            await open_team_lobby(
                self.bot,
                self.games,
                interaction,
                teams=teams,
                rounds=rounds or config.trivia_rounds,
                seconds=seconds or config.trivia_seconds,
                category=category,
            )
            return
        excluded = await self.store.held_questions(guild_id) | await self.reports.retired(guild_id)
        # Unseen questions first: the server's history, then what the games running here will ask.
        seen = [*await self.bot.question_history.seen(guild_id), *self.games.planned(guild_id)]
        measured = await self.bot.question_stats.measured_difficulties()  # difficulty from play
        questions = bank.pick(
            count=rounds,
            rng=random.Random(),  # noqa: S311 - picking quiz questions, not security
            category=category,
            difficulty=level,
            mode=play_mode,
            exclude=excluded,
            extra=extra,
            categories=config.trivia_categories,
            seen=seen,
            measured=measured,
        )
        if not questions:
            hint = " Questions of Red-format packs are typed: try `mode: open`." if play_mode is Mode.CHOICE else ""
            raise UserError(f"No questions match those options. Try another category or difficulty.{hint}")
        await self.games.close_orphans(channel_id)
        game = await record_game(
            self.store,
            guild_id=guild_id,
            channel_id=channel_id,
            host_id=interaction.user.id,
            questions=questions,
            seconds=seconds,
            mode=play_mode,
            category=category,
            difficulty=level,
            matcher=bank.matcher,
            rules=self.rules,
        )
        note = f" ({len(questions)} found)" if len(questions) < rounds else ""
        how = "Type your answers with the **Answer** button" if play_mode is Mode.OPEN else "Click your answer"
        announced = await self.games.announce(
            interaction,
            game.game_id,
            f"🏁 Trivia starting: **{plural(len(questions), 'question')}**{note}, {seconds}s each"
            f"{f', {category}' if category else ''}{f', {difficulty}' if difficulty else ''}. {how}; "
            "one answer per question. `/trivia help` explains the scoring.",
        )
        if announced:
            self.games.begin(game, channel, quizmaster_role_id=config.quizmaster_role_id)

    @start.autocomplete("category")
    async def _categories(self, interaction: Interaction, current: str) -> list[app_commands.Choice[str]]:
        names = list(CATEGORIES)
        if interaction.guild_id is not None:
            names += [name for name, _count in await self.custom.packs(interaction.guild_id)]
            allowed = (await self.settings.get(interaction.guild_id)).trivia_categories
            if allowed:
                names = [name for name in names if name in allowed]
        typed = current.casefold().strip()
        return [app_commands.Choice(name=name, value=name) for name in names if typed in name][:25]

    @app_commands.command(name="suggest", description="Suggest a question for this server's games")
    @app_commands.guild_only()
    async def suggest(self, interaction: Interaction) -> None:
        await interaction.response.send_modal(SuggestModal())

    @app_commands.command(name="stop", description="Stop the game in this channel (host, quizmaster or moderator)")
    @app_commands.guild_only()
    async def stop(self, interaction: Interaction) -> None:
        session = self._session_to_moderate(interaction)
        session.stop()
        await interaction.response.send_message(f"⏹️ {interaction.user.mention} stopped the game.")

    @app_commands.command(name="skip", description="Skip the current question (host, quizmaster or moderator)")
    @app_commands.guild_only()
    async def skip(self, interaction: Interaction) -> None:
        session = self._session_to_moderate(interaction)
        if not session.game.is_open:
            raise UserError("There's no open question to skip right now.")
        given = session.game.answered_count()
        await interaction.response.send_message(f"⏭️ Question skipped.{skip_note(given)}", ephemeral=True)
        await session.skip()

    def _session_to_moderate(self, interaction: Interaction) -> GameSession:
        session = self.games.in_channel(interaction.channel_id or 0)
        if session is None:
            raise UserError("No game is running in this channel. Start one with `/trivia start`.")
        if not self._can_moderate(interaction, session):
            raise UserError(
                f"Only the player who started this game (<@{session.game.host_id}>), a {QUIZMASTER_ROLE} or a "
                "moderator can do that."
            )
        return session

    @app_commands.command(name="daily", description="Today's question: one try, answered privately")
    @app_commands.guild_only()
    async def daily(self, interaction: Interaction) -> None:
        await self.games.show_daily(interaction)

    @app_commands.command(name="leaderboard", description="The server's trivia leaderboard")
    @app_commands.guild_only()
    @app_commands.describe(period="This week, this month or all time (default)")
    async def leaderboard(self, interaction: Interaction, period: Period = Period.all) -> None:
        assert interaction.guild_id is not None
        guild_id = interaction.guild_id

        async def pages_for(viewer: Interaction) -> list[discord.Embed]:
            """The board as ``viewer`` sees it: their own rank marked (also for another member's private copy)."""
            rows = await self.store.leaderboard(guild_id, period.since(discord.utils.utcnow()), limit=10_000)
            caller = next((row for row in rows if row.member_id == viewer.user.id), None)
            return leaderboard_pages(rows, period=period, caller=caller, caller_id=viewer.user.id)

        await send_pages(interaction, await pages_for(interaction), pages_for=pages_for)

    @app_commands.command(name="stats", description="Trivia stats for you or another member")
    @app_commands.guild_only()
    @app_commands.describe(member="Whose stats (default: yours)")
    async def stats(self, interaction: Interaction, member: discord.Member | None = None) -> None:
        assert interaction.guild_id is not None
        target = member or interaction.user
        stats = await self.store.member_stats(interaction.guild_id, target.id)
        await interaction.response.send_message(embed=stats_embed(target, stats))

    @app_commands.command(name="help", description="How trivia games, scoring and the daily question work")
    async def help(self, interaction: Interaction) -> None:
        embed = help_embed(describe_rules(self.rules), rounds=DEFAULT_ROUNDS, seconds=DEFAULT_SECONDS)
        await add_nights_help(interaction, embed)
        await interaction.response.send_message(embed=embed, ephemeral=True)
