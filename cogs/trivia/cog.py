"""/trivia: start, stop, skip, daily, leaderboard, stats, help; and the game sessions behind them."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import random
from typing import Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.catalog import Catalog, Silhouette
from bot.errors import UserError
from bot.guild_config import ROUNDS_RANGE, SECONDS_RANGE
from bot.storage import CustomQuestionStore, DailyRecord, GuildSettingsStore, ReportQueue, TriviaStore
from bot.storage.trivia import REPORTS_TO_HOLD
from bot.trivia.bank import QuestionBank
from bot.trivia.game import Game
from bot.trivia.questions import CATEGORIES, Mode, TriviaQuestion
from bot.trivia.scoring import ScoreRules, describe_rules

from ..shared.lookup import catalog_of
from ..shared.render import collab_pages, shoe_embed, timeline_pages
from ..shared.text import quote_user
from ..shared.views import send_pages
from .render import daily_embed, help_embed, leaderboard_pages, stats_embed
from .session import GameSession
from .views import (
    AnswerButton,
    ChoiceButton,
    DailyChoice,
    LearnMoreButton,
    QuestionView,
    ReportButton,
    RevealView,
    ShareDailyButton,
    SuggestModal,
)

log = logging.getLogger(__name__)

DEFAULT_ROUNDS = 10
DEFAULT_SECONDS = 20
QUIZMASTER_ROLE = "Quizmaster"
DYNAMIC_ITEMS = (ChoiceButton, AnswerButton, LearnMoreButton, ReportButton, DailyChoice, ShareDailyButton)


class Trivia(commands.GroupCog, group_name="trivia", group_description="Sneaker trivia: games, daily question, scores"):
    feature_switch = "trivia"  # the per-server switch these commands obey (/config feature)

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot
        database = bot.database  # type: ignore[attr-defined]
        self.store = TriviaStore(database, database.writer)
        self.custom = CustomQuestionStore(database)
        self.reports = ReportQueue(database)
        self.settings: GuildSettingsStore = bot.guild_settings  # type: ignore[attr-defined]
        self.sessions: dict[int, GameSession] = {}  # by channel id
        self._bank: tuple[str, QuestionBank] | None = None
        self.rules = ScoreRules()
        super().__init__()

    # -- lifecycle ----------------------------------------------------------------------------------

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(*DYNAMIC_ITEMS)
        await self._end_games_left_running()

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(*DYNAMIC_ITEMS)
        for session in list(self.sessions.values()):
            session.stop()
            if session.task is not None:
                session.task.cancel()

    async def _end_games_left_running(self) -> None:
        """A restart mid-game: end those games cleanly, keep their points, and say so on the question."""
        for game in await self.store.running_games():
            standings = await self.store.finish_game(game.id, "interrupted", discord.utils.utcnow())
            log.info("ended trivia game %s interrupted by a restart (%d players)", game.id, len(standings))
            if game.message_id is None:
                continue
            channel = self.bot.get_partial_messageable(game.channel_id, guild_id=game.guild_id)
            notice = discord.Embed(
                title="Game interrupted",
                description="The bot restarted during this game, so it ended here. Points scored so far are kept.",
                colour=discord.Colour.dark_grey(),
            )
            with contextlib.suppress(discord.HTTPException):
                await channel.get_partial_message(game.message_id).edit(embed=notice, view=None)

    # -- shared state -------------------------------------------------------------------------------

    def bank(self, catalog: Catalog) -> QuestionBank:
        """The question bank of the catalog being served, rebuilt when the catalog changes."""
        if self._bank is None or self._bank[0] != catalog.version:
            self._bank = (catalog.version, QuestionBank(catalog))
        return self._bank[1]

    def _forget(self, session: GameSession) -> None:
        if self.sessions.get(session.game.channel_id) is session:
            del self.sessions[session.game.channel_id]

    def session_for_game(self, game_id: int) -> GameSession | None:
        for session in self.sessions.values():
            if session.game.game_id == game_id:
                return session
        return None

    def _can_moderate(self, interaction: discord.Interaction, session: GameSession) -> bool:
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

    @app_commands.command(name="start", description="Start a trivia game in this channel")
    @app_commands.guild_only()
    @app_commands.describe(
        rounds="How many questions (server default: 10)",
        category="One category, or one of this server's packs",
        difficulty="Only one difficulty",
        seconds="Seconds per question (server default: 20)",
        mode="Click a choice, or type the answer",
    )
    async def start(
        self,
        interaction: discord.Interaction,
        rounds: app_commands.Range[int, ROUNDS_RANGE[0], ROUNDS_RANGE[1]] | None = None,
        category: app_commands.Range[str, 1, 40] | None = None,
        difficulty: Literal["easy", "medium", "hard"] | None = None,
        seconds: app_commands.Range[int, SECONDS_RANGE[0], SECONDS_RANGE[1]] | None = None,
        mode: Literal["choice", "open"] = "choice",
    ) -> None:
        assert interaction.guild_id is not None and interaction.channel is not None
        guild_id = interaction.guild_id
        channel_id = interaction.channel_id or 0
        running = self.sessions.get(channel_id)
        if running is not None:
            game = running.game
            raise UserError(
                f"A game is already running here (started by <@{game.host_id}>, question {game.round_index + 1}/"
                f"{game.rounds_total}). Join in by answering the question; the host, a quizmaster or a moderator "
                "can end it with `/trivia stop`."
            )
        config = await self.settings.get(guild_id)
        if not config.game_allowed(getattr(interaction.channel, "parent_id", None) or channel_id):
            where = ", ".join(f"<#{cid}>" for cid in sorted(config.trivia_channels))
            raise UserError(f"Trivia games run in {where} in this server.")
        rounds = rounds or config.trivia_rounds
        seconds = seconds or config.trivia_seconds
        difficulty = difficulty or config.trivia_difficulty  # type: ignore[assignment]
        catalog = catalog_of(interaction)
        bank = self.bank(catalog)
        extra = [question.to_trivia() for question in await self.custom.approved(guild_id)]
        if category is not None:
            known = set(bank.categories()) | {q.category for q in extra}
            if category not in known:
                raise UserError(
                    f"There's no category or pack called {quote_user(category, 40)}. "
                    f"Pick one from the list: {', '.join(sorted(known))}."
                )
            if config.trivia_categories and category not in config.trivia_categories:
                raise UserError(f"{quote_user(category, 40)} isn't one of this server's trivia categories.")
        excluded = await self.store.held_questions(guild_id) | await self.reports.retired(guild_id)
        play_mode = Mode(mode)
        questions = bank.pick(
            count=rounds,
            rng=random.Random(),  # noqa: S311 - picking quiz questions, not security
            category=category,
            difficulty=difficulty,
            mode=play_mode,
            exclude=excluded,
            extra=extra,
            categories=config.trivia_categories,
        )
        if not questions:
            hint = " Questions of Red-format packs are typed: try `mode: open`." if play_mode is Mode.CHOICE else ""
            raise UserError(f"No questions match those options. Try another category or difficulty.{hint}")
        game_id = await self.store.create_game(
            guild_id=guild_id,
            channel_id=channel_id,
            host_id=interaction.user.id,
            mode=mode,
            category=category,
            difficulty=difficulty,
            rounds=len(questions),
            seconds=seconds,
            started_at=discord.utils.utcnow(),
        )
        game = Game(
            game_id=game_id,
            guild_id=guild_id,
            channel_id=channel_id,
            host_id=interaction.user.id,
            questions=questions,
            seconds=float(seconds),
            mode=play_mode,
            rules=self.rules,
            matcher=bank.matcher,
        )
        session = GameSession(
            game=game,
            channel=interaction.channel,  # type: ignore[arg-type]
            store=self.store,
            catalog=lambda: self.bot.catalog,  # type: ignore[attr-defined]
            question_view=QuestionView,
            reveal_view=lambda s, index: RevealView(s.game.game_id, index),
            on_end=self._forget,
        )
        session.quizmaster_role_id = config.quizmaster_role_id
        self.sessions[channel_id] = session
        note = f" ({len(questions)} found)" if len(questions) < rounds else ""
        how = "Type your answers with the **Answer** button" if play_mode is Mode.OPEN else "Click your answer"
        await interaction.response.send_message(
            f"🏁 Trivia starting: **{len(questions)} questions**{note}, {seconds}s each"
            f"{f', {category}' if category else ''}{f', {difficulty}' if difficulty else ''}. {how}; "
            "one answer per question. `/trivia help` explains the scoring."
        )
        session.start()

    @start.autocomplete("category")
    async def _categories(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
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
    async def suggest(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(SuggestModal(self))

    async def save_suggestion(
        self, interaction: discord.Interaction, prompt: str, answer: str, wrong: str, source: str
    ) -> None:
        assert interaction.guild_id is not None
        bank = self.bank(catalog_of(interaction))
        distractors = [line.strip() for line in wrong.splitlines() if line.strip()]
        if len(distractors) != 3:
            raise UserError(f"Give exactly three wrong answers, one per line (you gave {len(distractors)}).")
        question_id = await self.custom.suggest(
            interaction.guild_id,
            interaction.user.id,
            prompt,
            answer,
            distractors,
            source or None,
            known_prompts=[question.prompt for question in bank],
        )
        await interaction.response.send_message(
            f"🙌 Thanks! Suggestion #{question_id} is waiting for a moderator's review (`/config review`).",
            ephemeral=True,
        )

    @app_commands.command(name="stop", description="Stop the game in this channel (host, quizmaster or moderator)")
    @app_commands.guild_only()
    async def stop(self, interaction: discord.Interaction) -> None:
        session = self._session_to_moderate(interaction)
        session.stop()
        await interaction.response.send_message(f"⏹️ {interaction.user.mention} stopped the game.")

    @app_commands.command(name="skip", description="Skip the current question (host, quizmaster or moderator)")
    @app_commands.guild_only()
    async def skip(self, interaction: discord.Interaction) -> None:
        session = self._session_to_moderate(interaction)
        if not session.game.is_open:
            raise UserError("There's no open question to skip right now.")
        await interaction.response.send_message("⏭️ Question skipped.", ephemeral=True)
        await session.skip()

    def _session_to_moderate(self, interaction: discord.Interaction) -> GameSession:
        session = self.sessions.get(interaction.channel_id or 0)
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
    async def daily(self, interaction: discord.Interaction) -> None:
        assert interaction.guild_id is not None
        day = discord.utils.utcnow().date()
        question = self._daily_question(interaction, day)
        previous = await self.store.daily_answer(interaction.guild_id, interaction.user.id, day)
        catalog = catalog_of(interaction)
        if previous is not None:
            streak = await self.store.daily_streak(interaction.guild_id, interaction.user.id, day)
            embed = daily_embed(question, day, answered=(previous[1], previous[2]), streak=streak, catalog=catalog)
            view = discord.ui.View(timeout=None)
            view.add_item(ShareDailyButton(f"{day:%Y%m%d}"))
            await interaction.response.send_message(embed=embed, view=view, ephemeral=True)
            return
        view = discord.ui.View(timeout=None)
        for index, choice in enumerate(question.choices):
            view.add_item(DailyChoice(f"{day:%Y%m%d}", index, choice))
        embed = daily_embed(question, day, answered=None, streak=0, catalog=catalog)
        await interaction.response.send_message(embed=embed, view=view, ephemeral=True)

    def _daily_question(self, interaction: discord.Interaction, day: dt.date) -> TriviaQuestion:
        assert interaction.guild_id is not None
        bank = self.bank(catalog_of(interaction))
        question = bank.daily(interaction.guild_id, day)
        if question is None:
            raise UserError("There's no daily question available right now.")
        return question

    async def answer_daily(self, interaction: discord.Interaction, day_text: str, index: int) -> None:
        assert interaction.guild_id is not None
        day = dt.datetime.strptime(day_text, "%Y%m%d").replace(tzinfo=dt.UTC).date()
        if day != discord.utils.utcnow().date():
            raise UserError("That was an earlier day's question. Run `/trivia daily` for today's.")
        question = self._daily_question(interaction, day)
        if await self.store.daily_answer(interaction.guild_id, interaction.user.id, day) is not None:
            raise UserError("You've already answered today's question. Come back tomorrow!")
        choice = question.choices[index]
        correct = index == question.answer_index
        await self.store.record_daily(
            DailyRecord(
                interaction.guild_id, day, interaction.user.id, question.id, choice, correct, discord.utils.utcnow()
            )
        )
        streak = await self.store.daily_streak(interaction.guild_id, interaction.user.id, day)
        view = discord.ui.View(timeout=None)
        view.add_item(ShareDailyButton(day_text))
        embed = daily_embed(question, day, answered=(choice, correct), streak=streak, catalog=catalog_of(interaction))
        await interaction.response.edit_message(embed=embed, view=view)

    async def share_daily(self, interaction: discord.Interaction, day_text: str) -> None:
        assert interaction.guild_id is not None
        day = dt.datetime.strptime(day_text, "%Y%m%d").replace(tzinfo=dt.UTC).date()
        previous = await self.store.daily_answer(interaction.guild_id, interaction.user.id, day)
        if previous is None:
            raise UserError("Answer the daily question first.")
        streak = await self.store.daily_streak(interaction.guild_id, interaction.user.id, day)
        verdict = "got today's question right ✅" if previous[2] else "missed today's question ❌"
        flame = f" · 🔥 {streak}-day streak" if streak > 1 else ""
        if interaction.channel is None:
            raise UserError("I can't post in this channel.")
        await interaction.response.send_message("Shared (without the answer).", ephemeral=True)
        await interaction.channel.send(  # type: ignore[union-attr]
            f"📅 {interaction.user.mention} {verdict}{flame}. Try it yourself: `/trivia daily`",
            allowed_mentions=discord.AllowedMentions.none(),
        )

    @app_commands.command(name="leaderboard", description="The server's trivia leaderboard")
    @app_commands.guild_only()
    @app_commands.describe(period="This week, this month or all time (default)")
    async def leaderboard(
        self, interaction: discord.Interaction, period: Literal["week", "month", "all"] = "all"
    ) -> None:
        assert interaction.guild_id is not None
        now = discord.utils.utcnow()
        since = {"week": now - dt.timedelta(days=7), "month": now - dt.timedelta(days=30), "all": None}[period]
        rows = await self.store.leaderboard(interaction.guild_id, since, limit=10_000)
        caller = next((row for row in rows if row.member_id == interaction.user.id), None)
        pages = leaderboard_pages(rows, period=period, caller=caller, caller_id=interaction.user.id)
        await send_pages(interaction, pages)

    @app_commands.command(name="stats", description="Trivia stats for you or another member")
    @app_commands.guild_only()
    @app_commands.describe(member="Whose stats (default: yours)")
    async def stats(self, interaction: discord.Interaction, member: discord.Member | None = None) -> None:
        assert interaction.guild_id is not None
        target = member or interaction.user
        stats = await self.store.member_stats(interaction.guild_id, target.id)
        await interaction.response.send_message(embed=stats_embed(target, stats))

    @app_commands.command(name="help", description="How trivia games, scoring and the daily question work")
    async def help(self, interaction: discord.Interaction) -> None:
        embed = help_embed(describe_rules(self.rules), rounds=DEFAULT_ROUNDS, seconds=DEFAULT_SECONDS)
        await interaction.response.send_message(embed=embed, ephemeral=True)

    # -- after the reveal -------------------------------------------------------------------------------

    async def _asked(self, game_id: int, round_index: int, guild_id: int) -> TriviaQuestion:
        question_id = await self.store.question_asked(game_id, round_index)
        bank = self.bank(self.bot.catalog)  # type: ignore[attr-defined]
        question = bank.get(question_id) if question_id else None
        number = question_id.removeprefix("custom:") if question_id else ""
        if question is None and number.isdigit():
            custom = await self.custom.get(guild_id, int(number))
            question = custom.to_trivia() if custom else None
        if question is None:
            raise UserError("That question is no longer in the archive.")
        return question

    async def learn_more(self, interaction: discord.Interaction, game_id: int, round_index: int) -> None:
        question = await self._asked(game_id, round_index, interaction.guild_id or 0)
        catalog = catalog_of(interaction)
        subject = next((ref for ref in question.about if catalog.find(ref) is not None), None)
        if subject is None:
            raise UserError("There's nothing more in the archive about this one yet.")
        entry = catalog.get(subject)
        if isinstance(entry, Silhouette):
            await interaction.response.send_message(embed=shoe_embed(catalog, entry), ephemeral=True)
            return
        if subject.kind == "collab":  # a collaboration question: everything that partner did
            partner = catalog.collaborations[subject.id].partner
            pages = collab_pages(catalog, partner, catalog.collaborations_of(partner))
            await send_pages(interaction, pages, ephemeral=True)
            return
        items = catalog.timeline_of(subject)
        if not items:
            raise UserError(f"There's nothing dated about {catalog.name_of(subject)} yet.")
        await send_pages(
            interaction, timeline_pages(catalog, f"Timeline · {catalog.name_of(subject)}", items), ephemeral=True
        )

    async def report(self, interaction: discord.Interaction, game_id: int, round_index: int, reason: str) -> None:
        assert interaction.guild_id is not None
        question = await self._asked(game_id, round_index, interaction.guild_id)
        count = await self.store.report(
            interaction.guild_id, question.id, interaction.user.id, reason.strip(), discord.utils.utcnow()
        )
        held = count >= REPORTS_TO_HOLD
        extra = " Enough members reported it that it's held out of games until a moderator reviews it." if held else ""
        await interaction.response.send_message(
            f"Thanks: your report ({quote_user(reason, 80)}) goes to the moderators.{extra}", ephemeral=True
        )
