"""The running trivia games and everything a trivia click does: the ``TriviaPlay`` the buttons reach.

Sessions are kept by game id (a click names its game), with an index of which channel runs which
game (one game per channel). The question bank of the catalog being served is cached here too.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable

import discord

from bot.catalog import Catalog, Silhouette
from bot.catalog.kinds import EntryKind
from bot.errors import UserError
from bot.shell.client import Interaction, SoleArchive
from bot.storage import DailyRecord, FinalStanding
from bot.storage.trivia import REPORTS_TO_HOLD
from bot.trivia.bank import QuestionBank
from bot.trivia.game import Game
from bot.trivia.modes.rebuild import mode_question
from bot.trivia.questions import TriviaQuestion

from ..shared.render import collab_pages, shoe_embed, timeline_pages
from ..shared.text import quote_user
from ..shared.views import send_pages
from .answering import ACK_WITHIN, ALREADY, SAVING, TOO_LATE, answer_reply
from .board import settle_board
from .recovery import notify_interrupted
from .render import daily_embed
from .session import GameSession
from .views import TriviaPlay, daily_view, shared_daily_view

__all__ = ["TriviaGames"]

log = logging.getLogger(__name__)

SHUTDOWN_GRACE = 15.0  # seconds a graceful stop gives the running games to end before closing anyway
GAME_OVER = "This game is over. Start a new one with `/trivia start`."


class TriviaGames(TriviaPlay):
    def __init__(self, bot: SoleArchive) -> None:
        self.bot = bot
        self.store = bot.trivia_store
        self.custom = bot.custom_questions
        self._sessions: dict[int, GameSession] = {}  # by game id
        self._in_channel: dict[int, int] = {}  # channel id -> game id
        self.history = bot.question_history
        self.mode_questions: dict[str, TriviaQuestion] = {}  # questions game modes built (bot.trivia.modes)
        self.lobbies: dict[int, object] = {}  # channel id -> an open team lobby (cogs/trivia/teams.py)

    # -- the bank -------------------------------------------------------------------------------------

    def bank(self, catalog: Catalog | None = None) -> QuestionBank:
        """The question bank of the catalog being served, rebuilt when the catalog changes."""
        return self.bot.question_bank(catalog)

    def planned(self, guild_id: int) -> list[str]:
        """The questions of the games running in this server: a game started beside them asks others first."""
        return [q.id for s in self._sessions.values() if s.game.guild_id == guild_id for q in s.game.questions]

    # -- running games ---------------------------------------------------------------------------------

    def running_count(self) -> int:
        """How many games this process runs now (the running-games gauge of /metrics)."""
        return len(self._sessions)

    def in_channel(self, channel_id: int) -> GameSession | None:
        game_id = self._in_channel.get(channel_id)
        return self._sessions.get(game_id) if game_id is not None else None

    def begin(
        self,
        game: Game,
        channel: discord.abc.Messageable,
        *,
        quizmaster_role_id: int | None,
        session_type: Callable[..., GameSession] = GameSession,
    ) -> GameSession:
        """Register a game's session and start it (the caller has already announced it)."""
        for question in game.questions:  # a game mode's questions are not in the bank: keep them for Learn more
            if self.bank().get(question.id) is None:
                self.mode_questions[question.id] = question
        session = session_type(
            game=game,
            channel=channel,
            store=self.store,
            catalog=lambda: self.bot.catalog,
            on_end=self._forget,
            quizmaster_role_id=quizmaster_role_id,
            on_finished=self._settle_board,
        )
        self._sessions[game.game_id] = session
        self._in_channel[game.channel_id] = game.game_id
        session.start()
        return session

    async def _settle_board(self, session: GameSession, standings: list[FinalStanding], embed: discord.Embed) -> None:
        await settle_board(self.bot, session.game.guild_id, session.game.game_id, standings, embed)

    async def announce(self, interaction: Interaction, game_id: int, text: str) -> bool:
        """Reply to /trivia start; when the reply fails, close the game's row so the channel stays free."""
        try:
            await interaction.response.send_message(text)
        except discord.HTTPException as error:
            log.warning("the start of trivia game %s could not be announced (%s); not starting it", game_id, error)
            await self.store.finish_game(game_id, "stopped", discord.utils.utcnow())
            return False
        return True

    async def close_orphans(self, channel_id: int) -> None:
        """Close a game row left ``running`` in this channel with no game behind it (its end failed to save)."""
        for game in await self.store.running_games():
            if game.channel_id == channel_id and game.id not in self._sessions:
                await self.store.finish_game(game.id, "interrupted", discord.utils.utcnow())
                log.warning(
                    "closed trivia game %s, left running in channel %s with no game playing", game.id, channel_id
                )

    def _forget(self, session: GameSession) -> None:
        game = session.game
        self._sessions.pop(game.game_id, None)
        if self._in_channel.get(game.channel_id) == game.game_id:
            del self._in_channel[game.channel_id]

    def stop_all(self) -> None:
        for session in list(self._sessions.values()):
            session.stop()
            if session.task is not None:
                session.task.cancel()

    async def end_all_for_maintenance(self, grace: float = SHUTDOWN_GRACE) -> None:
        """A graceful stop: each game reveals its open question, says why it ended and posts its standings.

        Games still busy after ``grace`` seconds (a database locked at that moment) are cancelled; their
        rows are closed at the next start-up, so nothing is lost and no channel stays stuck.
        """
        sessions = list(self._sessions.values())
        for session in sessions:
            session.stop(status="maintenance")
        tasks = [session.task for session in sessions if session.task is not None and not session.task.done()]
        if not tasks:
            return
        log.info("ending %d trivia game(s) for maintenance", len(tasks))
        _done, late = await asyncio.wait(tasks, timeout=grace)
        for task in late:
            log.warning("a trivia game did not end within %.0fs of the stop; it is closed at the next start", grace)
            task.cancel()

    async def end_games_left_running(self) -> None:
        """A restart mid-game: end those games cleanly, keep their points, and say so on the question."""
        for game in await self.store.running_games():
            standings = await self.store.finish_game(game.id, "interrupted", discord.utils.utcnow())
            await settle_board(self.bot, game.guild_id, game.id, standings)
            log.info("ended trivia game %s interrupted by a restart (%d players)", game.id, len(standings))
            channel = self.bot.get_partial_messageable(game.channel_id, guild_id=game.guild_id)
            await notify_interrupted(channel, game.id, game.message_id)

    # -- clicks on a game's question --------------------------------------------------------------------

    def _session(self, game_id: int) -> GameSession:
        session = self._sessions.get(game_id)
        if session is None:
            raise UserError(GAME_OVER)
        return session

    async def answer(self, interaction: Interaction, game_id: int, round_index: int, choice: int | str) -> None:
        """Take an answer and tell the truth about it within Discord's 3 seconds, however slow the disk.

        A commit that is quick gets one reply; a slow one gets "saving…" first, edited into the outcome
        once the database has answered (saved, or not saved and free to answer again).
        """
        session = self._session_here(interaction, game_id)
        saving = asyncio.ensure_future(answer_reply(session, interaction.user.id, round_index, choice))
        patience = asyncio.ensure_future(asyncio.sleep(ACK_WITHIN))
        await asyncio.wait({saving, patience}, return_when=asyncio.FIRST_COMPLETED)
        patience.cancel()
        if saving.done():
            await interaction.response.send_message(saving.result(), ephemeral=True)
            return
        await interaction.response.send_message(SAVING, ephemeral=True)
        try:
            text = await saving
        except UserError as error:
            text = error.message
        await interaction.edit_original_response(content=text)

    def check_can_answer(self, game_id: int, round_index: int, player_id: int, guild_id: int | None = None) -> None:
        session = self._session(game_id)
        game = session.game
        if guild_id is not None and guild_id != game.guild_id:
            raise UserError(GAME_OVER)
        if game.round_index != round_index or not game.is_open:
            raise UserError(TOO_LATE)
        if player_id in game.answered_by() or session.is_saving(player_id):
            raise UserError(ALREADY)

    def _session_here(self, interaction: Interaction, game_id: int) -> GameSession:
        """The game a click names, only when it runs in the server the click came from."""
        session = self._session(game_id)
        if interaction.guild_id != session.game.guild_id:
            log.warning(
                "refused a click on game %s (server %s) sent from server %s by %s",
                game_id,
                session.game.guild_id,
                interaction.guild_id,
                interaction.user.id,
            )
            raise UserError(GAME_OVER)
        return session

    # -- after the reveal -----------------------------------------------------------------------------

    async def _asked(self, game_id: int, round_index: int, guild_id: int) -> TriviaQuestion:
        question_id = await self.store.question_asked(game_id, round_index)
        question = self.bank().get(question_id) if question_id else None
        if question is None and question_id:
            question = self.mode_questions.get(question_id) or mode_question(self.bot.catalog, question_id)
        number = question_id.removeprefix("custom:") if question_id else ""
        if question is None and number.isdigit():
            custom = await self.custom.get(guild_id, int(number))
            question = custom.to_trivia() if custom else None
        if question is None:
            raise UserError("That question is no longer in the archive.")
        return question

    async def asked(self, game_id: int, round_index: int, guild_id: int) -> TriviaQuestion:
        return await self._asked(game_id, round_index, guild_id)

    async def learn_more(self, interaction: Interaction, game_id: int, round_index: int) -> None:
        question = await self._asked(game_id, round_index, interaction.guild_id or 0)
        catalog = self.bot.catalog
        subject = next((ref for ref in question.about if catalog.find(ref) is not None), None)
        if subject is None:
            raise UserError("There's nothing more in the archive about this one yet.")
        entry = catalog.get(subject)
        if isinstance(entry, Silhouette):
            await interaction.response.send_message(embed=shoe_embed(catalog, entry), ephemeral=True)
            return
        if subject.kind == EntryKind.collab:  # a collaboration question: everything that partner did
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

    async def report(self, interaction: Interaction, game_id: int, round_index: int, reason: str) -> None:
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

    # -- the daily question ---------------------------------------------------------------------------

    async def daily_question(self, guild_id: int, day: dt.date) -> TriviaQuestion:
        """The server's question of the day: chosen once (unseen first, never a held or retired one), then kept."""
        bank = self.bank()
        chosen = await self.history.daily_choice(guild_id, day)
        question = bank.get(chosen) if chosen else None
        if question is None:  # not chosen yet, or gone from the bank since (a data reload)
            held = await self.store.held_questions(guild_id) | await self.bot.trivia_reports.retired(guild_id)
            picked = bank.daily(guild_id, day, exclude=held, seen=await self.history.seen(guild_id))
            if picked is None:
                raise UserError("There's no daily question available right now.")
            kept = await self.history.choose_daily(guild_id, day, picked.id, discord.utils.utcnow(), replacing=chosen)
            question = bank.get(kept) or picked
        return question

    async def show_daily(self, interaction: Interaction) -> None:
        """/trivia daily: today's question, or how you did when you already answered it."""
        assert interaction.guild_id is not None
        day = discord.utils.utcnow().date()
        question = await self.daily_question(interaction.guild_id, day)
        previous = await self.store.daily_answer(interaction.guild_id, interaction.user.id, day)
        catalog = self.bot.catalog
        if previous is not None:
            streak = await self.store.daily_streak(interaction.guild_id, interaction.user.id, day)
            embed = daily_embed(question, day, answered=(previous[1], previous[2]), streak=streak, catalog=catalog)
            await interaction.response.send_message(embed=embed, view=shared_daily_view(day), ephemeral=True)
            return
        embed = daily_embed(question, day, answered=None, streak=0, catalog=catalog)
        await interaction.response.send_message(embed=embed, view=daily_view(day, question.choices), ephemeral=True)

    async def answer_daily(self, interaction: Interaction, day: dt.date, index: int) -> None:
        assert interaction.guild_id is not None
        if day != discord.utils.utcnow().date():
            raise UserError("That was an earlier day's question. Run `/trivia daily` for today's.")
        question = await self.daily_question(interaction.guild_id, day)
        if await self.store.daily_answer(interaction.guild_id, interaction.user.id, day) is not None:
            raise UserError("You've already answered today's question. Come back tomorrow!")
        if not 0 <= index < len(question.choices):
            log.warning("daily question: %s sent choice %s of %d", interaction.user.id, index, len(question.choices))
            raise UserError("That choice isn't on today's question. Run `/trivia daily` again.")
        choice = question.choices[index]
        correct = index == question.answer_index
        await interaction.response.defer()  # the write may wait out a locked database: acknowledge first
        await self.store.record_daily(
            DailyRecord(
                interaction.guild_id, day, interaction.user.id, question.id, choice, correct, discord.utils.utcnow()
            )
        )
        streak = await self.store.daily_streak(interaction.guild_id, interaction.user.id, day)
        embed = daily_embed(question, day, answered=(choice, correct), streak=streak, catalog=self.bot.catalog)
        await interaction.edit_original_response(embed=embed, view=shared_daily_view(day))

    async def share_daily(self, interaction: Interaction, day: dt.date) -> None:
        assert interaction.guild_id is not None
        previous = await self.store.daily_answer(interaction.guild_id, interaction.user.id, day)
        if previous is None:
            raise UserError("Answer the daily question first.")
        streak = await self.store.daily_streak(interaction.guild_id, interaction.user.id, day)
        verdict = "got today's question right ✅" if previous[2] else "missed today's question ❌"
        flame = f" · 🔥 {streak}-day streak" if streak > 1 else ""
        channel = interaction.channel
        if not isinstance(channel, discord.abc.Messageable):
            raise UserError("I can't post in this channel.")
        await interaction.response.send_message("Shared (without the answer).", ephemeral=True)
        await channel.send(
            f"📅 {interaction.user.mention} {verdict}{flame}. Try it yourself: `/trivia daily`",
            allowed_mentions=discord.AllowedMentions.none(),
        )

    # -- suggestions ------------------------------------------------------------------------------------

    async def save_suggestion(
        self, interaction: Interaction, prompt: str, answer: str, wrong: str, source: str
    ) -> None:
        assert interaction.guild_id is not None
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
            known_prompts=[question.prompt for question in self.bank()],
        )
        await interaction.response.send_message(
            f"🙌 Thanks! Suggestion #{question_id} is waiting for a moderator's review (`/config review`).",
            ephemeral=True,
        )
