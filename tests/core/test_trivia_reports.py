"""The moderators' queue of reported questions: restore or retire, per server."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import GUILD_A, GUILD_B, MOD, NOW, Clock, pack_question

from bot.storage import (
    CustomQuestionStore,
    Database,
    GuildSettingsStore,
    ReportQueue,
    TriviaStore,
)


@pytest.fixture
def settings(database: Database) -> GuildSettingsStore:
    return GuildSettingsStore(database, clock=Clock())


async def test_reports_are_reviewed_and_retired(database: Database, reports: ReportQueue) -> None:
    assert database.writer is not None
    trivia = TriviaStore(database, database.writer)
    for member, reason in [(4, "wrong year"), (5, "it was 2008"), (6, "typo")]:
        await trivia.report(GUILD_A, "gen:k14-year", member, reason, NOW)
    await trivia.report(GUILD_A, "hand:q-x", 4, "unclear", NOW + dt.timedelta(minutes=1))
    await trivia.report(GUILD_B, "gen:k14-year", 7, "server B's own report", NOW)
    reported = await reports.reported(GUILD_A)
    assert [(r.question_id, r.reports) for r in reported] == [("gen:k14-year", 3), ("hand:q-x", 1)]
    assert reported[0].reasons == ("wrong year", "it was 2008", "typo") and reported[0].member_ids == (4, 5, 6)
    assert await trivia.held_questions(GUILD_A) == {"gen:k14-year"}
    await reports.resolve_reports(GUILD_A, "gen:k14-year", MOD, "retired")
    await reports.resolve_reports(GUILD_A, "hand:q-x", MOD, "restored")
    assert await reports.reported(GUILD_A) == []
    assert await trivia.held_questions(GUILD_A) == set()
    assert await reports.retired(GUILD_A) == {"gen:k14-year"}
    assert await reports.retired(GUILD_B) == set()
    assert [r.question_id for r in await reports.reported(GUILD_B)] == ["gen:k14-year"]  # B's report untouched
    with pytest.raises(ValueError, match="status"):
        await reports.resolve_reports(GUILD_A, "hand:q-x", MOD, "approved")


async def test_retiring_a_custom_question_takes_it_out_of_play(
    questions: CustomQuestionStore, reports: ReportQueue
) -> None:
    await questions.add_pack(GUILD_A, MOD, "eras", [pack_question("Q1?")])
    (question,) = await questions.approved(GUILD_A)
    await reports.resolve_reports(GUILD_A, question.question_id, MOD, "retired")
    assert await questions.approved(GUILD_A) == []
    assert await reports.retired(GUILD_A) == {question.question_id}
