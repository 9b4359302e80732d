"""/config: what moderators set per server (the owners' /facts reload is ``cogs.owner``).

Every /config command needs Manage Server. Discord hides them from others by default, and the cog
checks again on the server side, since a server's admins can override Discord's default.
"""

from __future__ import annotations

import io
import logging
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.errors import UserError
from bot.guild_config import ROUNDS_RANGE, SECONDS_RANGE, Feature
from bot.shell.client import Interaction, SoleArchive
from bot.storage import (
    CustomQuestion,
    ReportedQuestion,
    export_scores_csv,
    last_answer_id,
    reset_scores,
)
from bot.storage.trivia_scores import score_members
from bot.trivia.broken import MissedQuestion, most_missed_easy
from bot.trivia.export import export_yaml
from bot.trivia.kinds import Difficulty, Period
from bot.trivia.packs import MAX_PACK_BYTES, PackError, parse_pack
from bot.trivia.questions import TriviaQuestion

from .admin_nights import ScheduleGroup, SeasonConfig
from .shared.channels import channel_ids
from .shared.members import display_names
from .shared.packs import skipped_text
from .shared.render import ACCENT
from .shared.review import broken_overview, missed_embed, question_line, reported_embed, resolve_question
from .shared.settings import change_line, history_embed, settings_embed
from .shared.text import clip, plural, quote_user
from .shared.views import ArchiveModal, ArchiveView

log = logging.getLogger(__name__)

MIXED = "mixed"  # no default difficulty: every game mixes them
DIFFICULTY_CHOICES = [app_commands.Choice(name=str(level), value=str(level)) for level in (*Difficulty, MIXED)]


class NotAModerator(app_commands.CheckFailure):
    """Raised by the server-side check; the tree's handler shows its message privately."""


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class Admin(commands.GroupCog, group_name="config", group_description="Server settings for Sole Archive (moderators)"):
    pack = app_commands.Group(name="pack", description="Custom trivia question packs of this server")
    season: app_commands.Command[Any, ..., None] = SeasonConfig.season  # /config season (cogs/admin_nights.py)
    schedule = ScheduleGroup()  # /config schedule add/list/remove (cogs/admin_nights.py)

    def __init__(self, bot: SoleArchive) -> None:
        self.bot = bot
        self.settings = bot.guild_settings
        self.questions = bot.custom_questions
        self.reports = bot.trivia_reports
        self.database = bot.database
        super().__init__()

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        """Enforced here too: Discord's default permission can be overridden by a server's admins."""
        permissions = interaction.permissions
        if interaction.guild_id is None or not (permissions.manage_guild or permissions.administrator):
            raise NotAModerator("The /config commands need the Manage Server permission.")
        return True

    async def _set(self, interaction: Interaction, key: str, value: object) -> str:
        assert interaction.guild_id is not None
        _config, old, new = await self.settings.set(interaction.guild_id, interaction.user.id, key, value)
        return change_line(key, old, new)

    async def _reply(self, interaction: Interaction, lines: list[str]) -> None:
        embed = discord.Embed(title="Settings updated", description="\n".join(lines), colour=ACCENT)
        embed.set_footer(text="Every change is recorded: /config history")
        await interaction.response.send_message(embed=embed, ephemeral=True)

    # -- show and history ---------------------------------------------------------------------------

    @app_commands.command(name="show", description="Every setting of this server")
    async def show(self, interaction: Interaction) -> None:
        assert interaction.guild_id is not None
        config = await self.settings.get(interaction.guild_id)
        await interaction.response.send_message(embed=settings_embed(config), ephemeral=True)

    @app_commands.command(name="history", description="The latest setting changes: who, when, old → new")
    async def history(self, interaction: Interaction) -> None:
        assert interaction.guild_id is not None
        changes = await self.settings.history(interaction.guild_id, limit=15)
        await interaction.response.send_message(embed=history_embed(changes), ephemeral=True)

    # -- settings -----------------------------------------------------------------------------------

    @app_commands.command(name="feature", description="Switch a feature on or off, or limit it to some channels")
    @app_commands.describe(
        feature="Which commands",
        enabled="On or off for the whole server",
        channels="Channels where it works: #sneakers trivia (names or mentions), or 'everywhere'",
    )
    async def feature(
        self,
        interaction: Interaction,
        feature: Feature,
        enabled: bool | None = None,
        channels: app_commands.Range[str, 1, 1000] | None = None,
    ) -> None:
        if enabled is None and channels is None:
            raise UserError("Give `enabled`, `channels`, or both.")
        # The channels are checked before anything changes, so a typo leaves the switch as it was too.
        limited = channel_ids(channels, interaction.guild) if channels is not None else None
        lines = []
        if enabled is not None:
            lines.append(await self._set(interaction, f"feature.{feature}.enabled", enabled))
        if limited is not None:
            lines.append(await self._set(interaction, f"feature.{feature}.channels", limited))
        await self._reply(interaction, lines)

    @app_commands.choices(difficulty=DIFFICULTY_CHOICES)
    @app_commands.command(name="trivia", description="Trivia defaults: rounds, time, difficulty, categories, roles")
    @app_commands.describe(
        rounds="Questions per game (1-50)",
        seconds="Seconds per question (10-120)",
        difficulty="Default difficulty",
        categories="Allowed categories/packs, space separated, or 'all'",
        quizmaster="Role that may stop and skip any game (reviewing questions needs Manage Server)",
        channels="Where games may run: #trivia (names or mentions), or 'everywhere'",
        clear_quizmaster="Remove the quizmaster role",
    )
    async def trivia(
        self,
        interaction: Interaction,
        rounds: app_commands.Range[int, ROUNDS_RANGE[0], ROUNDS_RANGE[1]] | None = None,
        seconds: app_commands.Range[int, SECONDS_RANGE[0], SECONDS_RANGE[1]] | None = None,
        difficulty: app_commands.Choice[str] | None = None,
        categories: app_commands.Range[str, 1, 500] | None = None,
        quizmaster: discord.Role | None = None,
        channels: app_commands.Range[str, 1, 1000] | None = None,
        clear_quizmaster: bool = False,
    ) -> None:
        changes: list[tuple[str, Any]] = []
        if rounds is not None:
            changes.append(("trivia.rounds", rounds))
        if seconds is not None:
            changes.append(("trivia.seconds", seconds))
        if difficulty is not None:
            changes.append(("trivia.difficulty", None if difficulty.value == MIXED else difficulty.value))
        if categories is not None:
            changes.append(("trivia.categories", categories))  # parsed by the setting itself
        if clear_quizmaster:
            changes.append(("trivia.quizmaster_role", None))
        elif quizmaster is not None:
            changes.append(("trivia.quizmaster_role", quizmaster.id))
        if channels is not None:
            changes.append(("trivia.channels", channel_ids(channels, interaction.guild)))
        if not changes:
            raise UserError("Give at least one setting to change.")
        await self._reply(interaction, [await self._set(interaction, key, value) for key, value in changes])

    @app_commands.command(name="daily", description="Post a fact or 'on this day' every day at a time (UTC)")
    @app_commands.describe(channel="Where to post", time="Time of day in UTC, e.g. 09:00", off="Stop the daily post")
    async def daily(
        self,
        interaction: Interaction,
        channel: discord.TextChannel | None = None,
        time: app_commands.Range[str, 1, 5] | None = None,
        off: bool = False,
    ) -> None:
        lines = []
        if off:
            lines.append(await self._set(interaction, "daily.channel", None))
            lines.append(await self._set(interaction, "daily.time", None))
        else:
            if channel is None and time is None:
                raise UserError("Give a `channel`, a `time`, or `off: True`.")
            if channel is not None:
                lines.append(await self._set(interaction, "daily.channel", channel.id))
            if time is not None:
                lines.append(await self._set(interaction, "daily.time", time))
        await self._reply(interaction, lines)

    # -- scores --------------------------------------------------------------------------------------

    @app_commands.command(name="reset-scores", description="Clear trivia scores, after sending you a CSV copy")
    @app_commands.describe(period="Which scores: the last week, month, or all of them")
    async def reset_scores_command(self, interaction: Interaction, period: Period = Period.all) -> None:
        assert interaction.guild_id is not None
        view = ConfirmReset(self, interaction.user.id, period)
        what = period.label
        await interaction.response.send_message(
            f"⚠️ This clears this server's trivia scores **{what}**. You'll get a CSV of them first. Continue?",
            view=view,
            ephemeral=True,
        )
        view.message = await interaction.original_response()

    async def do_reset(self, interaction: Interaction, period: Period) -> None:
        assert interaction.guild_id is not None
        since = period.since(discord.utils.utcnow())
        await interaction.response.defer()  # looking the members' names up may take a moment
        last = await last_answer_id(self.database, interaction.guild_id)
        members = await score_members(self.database, interaction.guild_id, since, up_to_id=last)
        names = await display_names(interaction.guild, members)
        csv_text = await export_scores_csv(self.database, interaction.guild_id, since, up_to_id=last, names=names)
        export = discord.File(io.BytesIO(csv_text.encode()), filename=f"trivia-scores-{period}.csv")
        # The copy goes out first; only once Discord has it are the scores cleared.
        await interaction.edit_original_response(
            content=f"📎 Here are the scores about to be cleared ({plural(len(members), 'member')}).",
            attachments=[export],
            view=None,
        )
        removed = await reset_scores(self.database, interaction.guild_id, since, up_to_id=last)
        await interaction.followup.send(
            f"🧹 Cleared {plural(removed, 'answer')} {period.label}. The CSV above holds everything that was removed.",
            ephemeral=True,
        )
        log.info(
            "guild %s: %s reset %s scores (%d answers)", interaction.guild_id, interaction.user.id, period, removed
        )

    # -- questions ----------------------------------------------------------------------------------

    @app_commands.command(name="review", description="Review suggested and reported trivia questions")
    async def review(self, interaction: Interaction) -> None:
        assert interaction.guild_id is not None
        view = ReviewQueue(self, interaction.user.id)
        await view.load(interaction.guild_id)  # reads only: one indexed pass over this server's answers
        await interaction.response.send_message(embeds=view.embeds(), view=view, ephemeral=True)
        view.message = await interaction.original_response()

    @app_commands.command(name="export-questions", description="This server's questions as a YAML file for data/")
    async def export_questions(self, interaction: Interaction) -> None:
        assert interaction.guild_id is not None
        questions = await self.questions.approved(interaction.guild_id)
        if not questions:
            raise UserError("This server has no approved or uploaded questions yet.")
        text = export_yaml(interaction.guild_id, questions)
        file = discord.File(io.BytesIO(text.encode()), filename=f"questions-{interaction.guild_id}.yaml")
        await interaction.response.send_message(
            f"{plural(len(questions), 'question')} in the `data/` schema. Check each source before merging.",
            file=file,
            ephemeral=True,
        )

    @pack.command(name="upload", description="Add a YAML question pack (ours or Red-DiscordBot's trivia format)")
    @app_commands.describe(file="A .yaml file of at most 256 KB", name="Pack name (default: the file name)")
    async def pack_upload(
        self,
        interaction: Interaction,
        file: discord.Attachment,
        name: app_commands.Range[str, 1, 40] | None = None,
    ) -> None:
        assert interaction.guild_id is not None
        if file.size > MAX_PACK_BYTES:
            raise UserError(f"That file is {file.size // 1024} KB; packs can be at most {MAX_PACK_BYTES // 1024} KB.")
        await interaction.response.defer(ephemeral=True, thinking=True)
        data = await file.read()
        try:
            kind, questions = parse_pack(data, filename=name or file.filename)
        except PackError as error:
            problems = "\n".join(f"• {problem}" for problem in error.problems[:15])
            more = f"\n… and {len(error.problems) - 15} more" if len(error.problems) > 15 else ""
            await interaction.followup.send(
                f"❌ {quote_user(file.filename, 60)} was not added:\n{clip(problems, 1700)}{more}", ephemeral=True
            )
            return
        from bot.trivia.packs import pack_name

        pack = pack_name(name or file.filename)
        upload = await self.questions.upload_pack(interaction.guild_id, interaction.user.id, pack, questions)
        mode = " They are answered by typing (`/trivia start mode: open`)." if kind == "red" else ""
        await interaction.followup.send(
            f"✅ Pack **{pack}** added with {plural(upload.count, 'question')}. "
            f"Play it with `/trivia start category: {pack}`.{mode}{skipped_text(upload.skipped)}",
            ephemeral=True,
        )

    @pack.command(name="list", description="This server's question packs")
    async def pack_list(self, interaction: Interaction) -> None:
        assert interaction.guild_id is not None
        packs = await self.questions.packs(interaction.guild_id)
        lines = [f"• **{name}**: {plural(count, 'question')}" for name, count in packs]
        await interaction.response.send_message(
            "\n".join(lines) or "No packs yet: `/config pack upload`.", ephemeral=True
        )

    @pack.command(name="remove", description="Remove a question pack")
    async def pack_remove(self, interaction: Interaction, name: app_commands.Range[str, 1, 40]) -> None:
        assert interaction.guild_id is not None
        removed = await self.questions.remove_pack(interaction.guild_id, name)
        if not removed:
            raise UserError(f"There is no pack called {quote_user(name, 40)} here.")
        await interaction.response.send_message(
            f"🗑️ Removed pack **{name}** ({plural(removed, 'question')}).", ephemeral=True
        )

    @pack_remove.autocomplete("name")
    async def _pack_names(self, interaction: Interaction, current: str) -> list[app_commands.Choice[str]]:
        if interaction.guild_id is None:
            return []
        packs = await self.questions.packs(interaction.guild_id)
        return [app_commands.Choice(name=name, value=name) for name, _ in packs if current.casefold() in name][:25]


class ConfirmReset(ArchiveView):
    def __init__(self, cog: Admin, owner_id: int, period: Period) -> None:
        super().__init__(timeout=120)
        self.cog, self.owner_id, self.period = cog, owner_id, period

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        return interaction.user.id == self.owner_id

    @discord.ui.button(label="Export and clear", style=discord.ButtonStyle.danger, emoji="🧹")
    async def confirm(self, interaction: Interaction, _button: discord.ui.Button[ConfirmReset]) -> None:
        if self.is_finished():  # a double click: both clicks reached the view before it closed
            await interaction.response.send_message("Already done: see the message above.", ephemeral=True)
            return
        self.stop()
        await self.cog.do_reset(interaction, self.period)

    @discord.ui.button(label="Cancel", style=discord.ButtonStyle.secondary)
    async def cancel(self, interaction: Interaction, _button: discord.ui.Button[ConfirmReset]) -> None:
        if self.is_finished():
            await interaction.response.send_message("Already done: see the message above.", ephemeral=True)
            return
        self.stop()
        await interaction.response.edit_message(content="Nothing was cleared.", view=None)


class EditModal(ArchiveModal, title="Edit the question"):
    def __init__(self, queue: ReviewQueue, question: CustomQuestion) -> None:
        super().__init__(timeout=600)
        self.queue, self.question = queue, question
        self.prompt: discord.ui.TextInput[EditModal] = discord.ui.TextInput(
            label="Question", default=question.prompt, max_length=300, custom_id="prompt"
        )
        self.answer: discord.ui.TextInput[EditModal] = discord.ui.TextInput(
            label="Correct answer", default=question.answer, max_length=100, custom_id="answer"
        )
        self.wrong: discord.ui.TextInput[EditModal] = discord.ui.TextInput(
            label="Three wrong answers, one per line",
            style=discord.TextStyle.paragraph,
            default="\n".join(question.distractors),
            max_length=320,
            custom_id="wrong",
        )
        for item in (self.prompt, self.answer, self.wrong):
            self.add_item(item)

    async def on_submit(self, interaction: discord.Interaction[Any]) -> None:
        wrong = [line.strip() for line in self.wrong.value.splitlines() if line.strip()]
        edits = {"prompt": self.prompt.value, "answer": self.answer.value, "distractors": wrong}
        await self.queue.decide(interaction, "approved", edits=edits)


Judged = ReportedQuestion | MissedQuestion  # a question in play that members find broken


class ReviewQueue(ArchiveView):
    """Suggestions waiting for review, then reported questions, then easy ones this server keeps missing."""

    def __init__(self, cog: Admin, owner_id: int) -> None:
        super().__init__(timeout=900)
        self.cog, self.owner_id = cog, owner_id
        self.items: list[CustomQuestion | Judged] = []
        self.questions: dict[str, TriviaQuestion | None] = {}  # what each reported/missed id is, for display
        self.guild_id = 0

    async def load(self, guild_id: int) -> None:
        self.guild_id = guild_id
        bot = self.cog.bot
        reported = await self.cog.reports.reported(guild_id)
        own = {q.question_id: q.to_trivia() for q in await self.cog.questions.approved(guild_id)}
        bank = bot.question_bank()

        def authored(question_id: str) -> str | None:
            question = bank.get(question_id) or own.get(question_id)
            return question.difficulty if question else None

        judged = await self.cog.reports.reviewed(guild_id) | {item.question_id for item in reported}
        tallies = await bot.question_stats.server_tallies(guild_id)
        missed = [item for item in most_missed_easy(tallies, authored) if item.question_id not in judged]
        for question_id in [item.question_id for item in reported] + [item.question_id for item in missed]:
            self.questions[question_id] = await resolve_question(bot, guild_id, question_id)
        self.items = [*await self.cog.questions.pending(guild_id), *reported, *missed]
        self._sync()

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        return interaction.user.id == self.owner_id

    @property
    def current(self) -> CustomQuestion | Judged | None:
        return self.items[0] if self.items else None

    def _sync(self) -> None:
        item = self.current
        suggestion = isinstance(item, CustomQuestion)
        self.approve.disabled = self.edit.disabled = self.reject.disabled = not suggestion
        self.restore.disabled = self.retire.disabled = not isinstance(item, Judged)
        self.restore.label = "Keep" if isinstance(item, MissedQuestion) else "Restore"
        self.skip.disabled = item is None

    def embeds(self) -> list[discord.Embed]:
        """The current item, then what members find broken here (most reported, most missed easy ones)."""
        reported = [(i, self.questions.get(i.question_id)) for i in self.items if isinstance(i, ReportedQuestion)]
        missed = [(i, self.questions.get(i.question_id)) for i in self.items if isinstance(i, MissedQuestion)]
        overview = broken_overview(reported, missed)
        return [self.render(), *([overview] if overview else [])]

    def render(self) -> discord.Embed:
        item = self.current
        if item is None:
            return discord.Embed(title="Review queue", description="Nothing to review. 🎉", colour=ACCENT)
        left = f"{len(self.items)} left in the queue"
        if isinstance(item, ReportedQuestion):
            embed = reported_embed(item, self.questions.get(item.question_id))
            embed.set_footer(text=f"Restore puts it back in games; Retire keeps it out here for good · {left}")
        elif isinstance(item, MissedQuestion):
            embed = missed_embed(item, self.questions.get(item.question_id))
            embed.set_footer(text=f"Keep it as it is, or Retire it from this server's games · {left}")
        else:
            embed = discord.Embed(title=f"Suggestion #{item.id}", description=f"### {item.prompt}", colour=ACCENT)
            embed.add_field(name="Answer", value=item.answer)
            embed.add_field(name="Wrong answers", value="\n".join(item.distractors) or "—")
            embed.add_field(name="Source", value=clip(item.source or "none given", 1000), inline=False)
            embed.add_field(name="Suggested by", value=f"<@{item.author_id}>")
            embed.set_footer(text=left)
        return embed

    async def decide(self, interaction: Interaction, status: str, *, edits: dict[str, Any] | None = None) -> None:
        item = self.current
        assert isinstance(item, CustomQuestion)
        await self.cog.questions.review(self.guild_id, item.id, interaction.user.id, status, edits=edits)
        self.items.pop(0)
        await self._advance(interaction, f"{'✅ Approved' if status == 'approved' else '❌ Rejected'} #{item.id}.")

    async def _advance(self, interaction: Interaction, note: str) -> None:
        self._sync()
        if interaction.response.is_done():
            await interaction.edit_original_response(content=note, embeds=self.embeds(), view=self)
        else:
            await interaction.response.edit_message(content=note, embeds=self.embeds(), view=self)

    @discord.ui.button(label="Approve", style=discord.ButtonStyle.success)
    async def approve(self, interaction: Interaction, _b: discord.ui.Button[ReviewQueue]) -> None:
        await self.decide(interaction, "approved")

    @discord.ui.button(label="Edit & approve", style=discord.ButtonStyle.primary)
    async def edit(self, interaction: Interaction, _b: discord.ui.Button[ReviewQueue]) -> None:
        item = self.current
        assert isinstance(item, CustomQuestion)
        await interaction.response.send_modal(EditModal(self, item))

    @discord.ui.button(label="Reject", style=discord.ButtonStyle.danger)
    async def reject(self, interaction: Interaction, _b: discord.ui.Button[ReviewQueue]) -> None:
        await self.decide(interaction, "rejected")

    @discord.ui.button(label="Restore", style=discord.ButtonStyle.success, row=1)
    async def restore(self, interaction: Interaction, _b: discord.ui.Button[ReviewQueue]) -> None:
        await self._verdict(interaction, "restored")

    @discord.ui.button(label="Retire", style=discord.ButtonStyle.danger, row=1)
    async def retire(self, interaction: Interaction, _b: discord.ui.Button[ReviewQueue]) -> None:
        await self._verdict(interaction, "retired")

    @discord.ui.button(label="Later", style=discord.ButtonStyle.secondary, row=1)
    async def skip(self, interaction: Interaction, _b: discord.ui.Button[ReviewQueue]) -> None:
        self.items.append(self.items.pop(0))
        await self._advance(interaction, "Moved to the end of the queue.")

    async def _verdict(self, interaction: Interaction, status: str) -> None:
        item = self.current
        assert isinstance(item, Judged)
        await self.cog.reports.resolve_reports(self.guild_id, item.question_id, interaction.user.id, status)
        self.items.pop(0)
        done = "🗄️ Retired" if status == "retired" else "♻️ Restored" if isinstance(item, ReportedQuestion) else "👍 Kept"
        await self._advance(interaction, f"{done}: {question_line(self.questions.get(item.question_id), 120)}")


async def setup(bot: SoleArchive) -> None:
    await bot.add_cog(Admin(bot))
