"""Per-server storage on a real SQLite file: settings and history, suggestions, packs, reviews, daily posts, scores."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from bot.guild_config import ConfigValueError, GuildConfig
from bot.storage import AnswerRecord, Database, TriviaStore
from bot.storage.config import (
    CustomQuestionStore,
    DailyPostStore,
    GuildSettingsStore,
    PackLimitError,
    SuggestionRefused,
    UnknownQuestionError,
    export_scores_csv,
    reset_scores,
)
from bot.trivia.packs import PackQuestion, parse_pack
from bot.trivia.questions import TRUE_FALSE

NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)
GUILD_A, GUILD_B = 111, 222
MOD, MEMBER, OTHER = 1, 2, 3
TRIVIA_CHANNEL = 100000000000000002


class Clock:
    """Virtual time: each reading is one second after the last, so rows sort and nothing sleeps."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(seconds=1)
        return self.now


@pytest.fixture
def settings(database: Database) -> GuildSettingsStore:
    return GuildSettingsStore(database, clock=Clock())


@pytest.fixture
def questions(database: Database) -> CustomQuestionStore:
    return CustomQuestionStore(database, clock=Clock())


def pack_question(prompt: str, answer: str = "A", category: str = "eras") -> PackQuestion:
    return PackQuestion(prompt, answer, ("B", "C", "D"), (), category, "easy", "Because.", "A book")


# ----------------------------------------------------------------------------- settings


async def test_settings_default_then_change_with_history(settings: GuildSettingsStore) -> None:
    assert await settings.get(GUILD_A) == GuildConfig(GUILD_A)
    config, old, new = await settings.set(GUILD_A, MOD, "trivia.rounds", "15")
    assert (config.trivia_rounds, old, new) == (15, "10 rounds", "15 rounds")
    await settings.set(GUILD_A, MOD, "feature.trivia.channels", f"<#{TRIVIA_CHANNEL}>")
    await settings.set(GUILD_A, OTHER, "trivia.rounds", 20)
    await settings.set(GUILD_A, OTHER, "trivia.rounds", 20)  # no change, no history row
    config, old, new = await settings.set(GUILD_A, MOD, "trivia.rounds", 10)  # back to the default
    assert (old, new) == ("20 rounds", "10 rounds")
    assert (await settings.get(GUILD_A)).where("trivia") == {TRIVIA_CHANNEL}
    history = await settings.history(GUILD_A)
    assert [(c.actor_id, c.key, c.old_text, c.new_text) for c in history] == [
        (MOD, "trivia.rounds", "20 rounds", "10 rounds"),
        (OTHER, "trivia.rounds", "15 rounds", "20 rounds"),
        (MOD, "feature.trivia.channels", "everywhere", f"<#{TRIVIA_CHANNEL}>"),
        (MOD, "trivia.rounds", "10 rounds", "15 rounds"),
    ]
    assert history[0].new_value is None and history[0].changed_at > history[1].changed_at
    assert len(await settings.history(GUILD_A, limit=2)) == 2


async def test_invalid_setting_is_refused_and_not_recorded(settings: GuildSettingsStore) -> None:
    with pytest.raises(ConfigValueError, match="from 10 to 120"):
        await settings.set(GUILD_A, MOD, "trivia.seconds", 5)
    with pytest.raises(ConfigValueError, match="nor one of this server's packs"):
        await settings.set(GUILD_A, MOD, "trivia.categories", "eras, unknown-pack")
    assert await settings.history(GUILD_A) == []
    assert await settings.get(GUILD_A) == GuildConfig(GUILD_A)


async def test_categories_accept_this_servers_packs_only(
    settings: GuildSettingsStore, questions: CustomQuestionStore
) -> None:
    await questions.add_pack(GUILD_A, MOD, "nike-lore", [pack_question("Q1?")])
    config, _old, new = await settings.set(GUILD_A, MOD, "trivia.categories", "eras nike-lore")
    assert config.trivia_categories == {"eras", "nike-lore"} and new == "eras, nike-lore"
    with pytest.raises(ConfigValueError):
        await settings.set(GUILD_B, MOD, "trivia.categories", "nike-lore")  # server A's pack, not B's


async def test_settings_are_isolated_between_servers(settings: GuildSettingsStore) -> None:
    await settings.set(GUILD_A, MOD, "feature.facts.enabled", "off")
    await settings.set(GUILD_A, MOD, "daily.channel", TRIVIA_CHANNEL)
    config_b, old, _new = await settings.set(GUILD_B, MOD, "trivia.seconds", 30)
    assert old == "20 seconds"
    assert config_b.feature_allowed("facts", 5) and config_b.daily_channel_id is None
    assert not (await settings.get(GUILD_A)).feature_allowed("facts", 5)
    assert (await settings.get(GUILD_A)).trivia_seconds == 20
    assert [c.key for c in await settings.history(GUILD_B)] == ["trivia.seconds"]


async def test_daily_targets_need_channel_and_time(settings: GuildSettingsStore) -> None:
    await settings.set(GUILD_A, MOD, "daily.channel", TRIVIA_CHANNEL)
    assert await settings.daily_targets() == []
    await settings.set(GUILD_A, MOD, "daily.time", "18:30")
    await settings.set(GUILD_B, MOD, "daily.time", "09:00")  # no channel: not a target
    await settings.set(GUILD_A, MOD, "trivia.rounds", 7)
    (target,) = await settings.daily_targets()
    assert (target.guild_id, target.daily_channel_id, target.daily_time) == (GUILD_A, TRIVIA_CHANNEL, dt.time(18, 30))
    assert target.trivia_rounds == 7  # the whole config, not just the daily keys
    await settings.set(GUILD_A, MOD, "daily.time", "off")
    assert await settings.daily_targets() == []


async def test_daily_targets_query_uses_its_index(database: Database) -> None:
    async with database.connection.execute(
        "EXPLAIN QUERY PLAN SELECT guild_id FROM guild_settings WHERE key IN ('daily.channel', 'daily.time') "
        "GROUP BY guild_id HAVING COUNT(*) = 2"
    ) as cursor:
        plan = " ".join(str(row[-1]) for row in await cursor.fetchall())
    assert "guild_settings_daily" in plan


# ----------------------------------------------------------------------------- suggestions and review


async def suggest(
    store: CustomQuestionStore,
    prompt: str,
    *,
    guild_id: int = GUILD_A,
    author: int = MEMBER,
    answer: str = "Hidenori Yamashita",
    wrong: tuple[str, ...] = ("Toshikazu Kayano", "Kiko", "Nigo"),
    known_prompts: tuple[str, ...] = (),
) -> int:
    return await store.suggest(
        guild_id, author, prompt, answer, wrong, "GQ Japan", "designers", known_prompts=known_prompts
    )


async def test_suggestion_is_pending_until_approved(questions: CustomQuestionStore) -> None:
    qid = await suggest(questions, "Who designed the GEL-KAYANO 14?")
    (pending,) = await questions.pending(GUILD_A)
    assert (pending.id, pending.status, pending.origin, pending.author_id) == (qid, "pending", "suggestion", MEMBER)
    assert pending.distractors == ("Toshikazu Kayano", "Kiko", "Nigo") and pending.category == "designers"
    assert await questions.approved(GUILD_A) == []
    reviewed = await questions.review(GUILD_A, qid, MOD, "approved")
    assert (reviewed.status, reviewed.reviewed_by) == ("approved", MOD) and reviewed.reviewed_at is not None
    assert [q.id for q in await questions.approved(GUILD_A)] == [qid]
    assert await questions.pending(GUILD_A) == []


async def test_review_can_edit_then_approve_or_reject(questions: CustomQuestionStore) -> None:
    first = await suggest(questions, "Who designed the K14?")
    second = await suggest(questions, "Who designed the Vomero 5?", answer="Unknown designer", wrong=("X", "Y", "Z"))
    edited = await questions.review(
        GUILD_A,
        first,
        MOD,
        "approved",
        edits={
            "prompt": "Who designed the GEL-KAYANO 14?",
            "distractors": ["Toshikazu Kayano", "Kiko", "Salehe"],
            "difficulty": "hard",
            "explanation": "Yamashita took over from Kayano.",
        },
    )
    assert edited.prompt == "Who designed the GEL-KAYANO 14?" and edited.distractors[2] == "Salehe"
    assert (edited.difficulty, edited.explanation, edited.status) == (
        "hard",
        "Yamashita took over from Kayano.",
        "approved",
    )
    rejected = await questions.review(GUILD_A, second, MOD, "rejected")
    assert rejected.status == "rejected"
    assert [q.id for q in await questions.approved(GUILD_A)] == [first]
    with pytest.raises(SuggestionRefused, match="also among the wrong answers"):
        await questions.review(GUILD_A, first, MOD, "approved", edits={"answer": "Kiko"})
    with pytest.raises(SuggestionRefused, match="cannot be edited"):
        await questions.review(GUILD_A, first, MOD, "approved", edits={"author_id": 9})
    with pytest.raises(SuggestionRefused, match="already asks that"):
        await questions.review(GUILD_A, second, MOD, "approved", edits={"prompt": "who designed the gel kayano 14"})
    with pytest.raises(SuggestionRefused, match="category must be one of"):
        await questions.review(GUILD_A, first, MOD, "approved", edits={"category": "music"})
    with pytest.raises(ValueError, match="status"):
        await questions.review(GUILD_A, first, MOD, "maybe")
    assert (await questions.get(GUILD_A, first)) == edited  # refused edits changed nothing


@pytest.mark.parametrize(
    ("answer", "wrong", "message"),
    [
        ("Nigo", ("Nigo", "Kiko", "Kayano"), "also among the wrong answers"),
        ("nigo!", ("NIGO", "Kiko", "Kayano"), "also among the wrong answers"),  # compared normalised
        ("Yamashita", ("Kiko", "Kayano"), "exactly three different"),
        ("Yamashita", ("Kiko", "kiko", "Kayano"), "exactly three different"),
        ("Yamashita", ("Kiko", "Kayano", "Nigo", "Salehe"), "exactly three different"),
        ("  ", ("Kiko", "Kayano", "Nigo"), "answer is empty"),
        ("x" * 81, ("Kiko", "Kayano", "Nigo"), "at most 80"),
    ],
)
async def test_bad_suggestions_are_refused(
    questions: CustomQuestionStore, answer: str, wrong: tuple[str, ...], message: str
) -> None:
    with pytest.raises(SuggestionRefused, match=message):
        await suggest(questions, "Who designed it?", answer=answer, wrong=wrong)
    assert await questions.pending(GUILD_A) == []


async def test_suggestion_limit_per_member(questions: CustomQuestionStore) -> None:
    for n in range(CustomQuestionStore.MAX_PENDING_PER_MEMBER):
        await suggest(questions, f"Question {n}?")
    with pytest.raises(SuggestionRefused, match="waiting for review"):
        await suggest(questions, "One too many?")
    await suggest(questions, "Someone else's?", author=OTHER)  # the limit is per member
    await suggest(questions, "In another server?", guild_id=GUILD_B)  # and per server
    first = (await questions.pending(GUILD_A))[0]
    await questions.review(GUILD_A, first.id, MOD, "rejected")
    await suggest(questions, "Room again?")  # a reviewed one frees a slot


async def test_duplicate_suggestions_are_refused(questions: CustomQuestionStore) -> None:
    await suggest(questions, "Who designed the GEL-KAYANO 14?")
    with pytest.raises(SuggestionRefused, match="already suggested here"):
        await suggest(questions, "who designed the gel kayano 14", author=OTHER)
    with pytest.raises(SuggestionRefused, match="already in the bot's question bank"):
        await suggest(questions, "When did the Vomero 5 debut?", known_prompts=("When did the VOMERO 5 debut",))
    await suggest(questions, "Who designed the GEL-KAYANO 14?", guild_id=GUILD_B)  # another server may ask it


async def test_questions_are_isolated_between_servers(questions: CustomQuestionStore) -> None:
    qid = await suggest(questions, "Who designed the GEL-KAYANO 14?")
    assert await questions.pending(GUILD_B) == []
    assert await questions.get(GUILD_B, qid) is None
    with pytest.raises(UnknownQuestionError):
        await questions.review(GUILD_B, qid, MOD, "approved")
    still = await questions.get(GUILD_A, qid)
    assert still is not None and still.status == "pending"


async def test_a_suggestion_becomes_a_choice_question(questions: CustomQuestionStore) -> None:
    qid = await suggest(questions, "Who designed the GEL-KAYANO 14?")
    question = (await questions.review(GUILD_A, qid, MOD, "approved")).to_trivia()
    assert question.id == f"custom:{qid}" and question.source_kind == "suggestion"
    assert sorted(question.choices) == sorted(["Hidenori Yamashita", "Toshikazu Kayano", "Kiko", "Nigo"])
    assert question.choices[question.answer_index] == "Hidenori Yamashita"
    again = await questions.get(GUILD_A, qid)
    assert again is not None and again.to_trivia().choices == question.choices  # the same order every time
    assert "Source: GQ Japan" in question.explanation and question.explanation


# ----------------------------------------------------------------------------- packs


async def test_packs_are_added_replaced_listed_and_removed(questions: CustomQuestionStore) -> None:
    assert await questions.add_pack(GUILD_A, MOD, "Eras", [pack_question("Q1?"), pack_question("Q2?")]) == 2
    (first_q1,) = [q for q in await questions.approved(GUILD_A) if q.prompt == "Q1?"]
    added = await questions.add_pack(GUILD_A, MOD, "eras", [pack_question("Q1?", answer="New"), pack_question("Q3?")])
    assert added == 2
    approved = {q.prompt: q for q in await questions.approved(GUILD_A)}
    assert set(approved) == {"Q1?", "Q3?"}  # replaced, not appended
    assert approved["Q1?"].id == first_q1.id and approved["Q1?"].answer == "New"  # same prompt keeps its id
    await questions.add_pack(GUILD_A, MOD, "tech", [pack_question("Q9?")])
    assert await questions.packs(GUILD_A) == [("eras", 2), ("tech", 1)]
    assert await questions.remove_pack(GUILD_A, "eras") == 2
    assert await questions.remove_pack(GUILD_A, "eras") == 0
    assert [q.prompt for q in await questions.approved(GUILD_A)] == ["Q9?"]


async def test_pack_questions_that_duplicate_others_are_left_out(questions: CustomQuestionStore) -> None:
    await suggest(questions, "Who designed the GEL-KAYANO 14?")
    await questions.add_pack(GUILD_A, MOD, "one", [pack_question("Q1?")])
    added = await questions.add_pack(
        GUILD_A,
        MOD,
        "two",
        [pack_question("who designed the gel-kayano 14"), pack_question("q1"), pack_question("Q2?")],
    )
    assert added == 1
    assert await questions.packs(GUILD_A) == [("one", 1), ("two", 1)]


async def test_packs_are_isolated_between_servers(questions: CustomQuestionStore) -> None:
    await questions.add_pack(GUILD_A, MOD, "eras", [pack_question("Q1?")])
    assert await questions.add_pack(GUILD_B, MOD, "eras", [pack_question("Q1?"), pack_question("Q2?")]) == 2
    assert await questions.remove_pack(GUILD_B, "eras") == 2
    assert await questions.packs(GUILD_A) == [("eras", 1)] and await questions.packs(GUILD_B) == []


async def test_pack_limit(questions: CustomQuestionStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bot.storage.config.MAX_PACKS", 2)
    await questions.add_pack(GUILD_A, MOD, "one", [pack_question("Q1?")])
    await questions.add_pack(GUILD_A, MOD, "two", [pack_question("Q2?")])
    with pytest.raises(PackLimitError):
        await questions.add_pack(GUILD_A, MOD, "three", [pack_question("Q3?")])
    assert await questions.add_pack(GUILD_A, MOD, "two", [pack_question("Q4?")]) == 1  # replacing is fine


async def test_parsed_packs_become_playable_questions(questions: CustomQuestionStore) -> None:
    red = b"Who co-founded Nike with Bill Bowerman?: [Phil Knight, Knight]\nWhat year did the Air Max 1 drop?: [1987]\n"
    _kind, parsed = parse_pack(red, filename="Nike Lore.yaml")
    await questions.add_pack(GUILD_A, MOD, "nike-lore", parsed)
    ours = (
        b"questions:\n  - {prompt: The 990 is a New Balance shoe., type: truefalse, answer: 'True', difficulty: easy,"
        b" category: brands, explanation: Since 1982., source: NB}\n"
    )
    _kind, parsed = parse_pack(ours, filename="nb.yaml")
    await questions.add_pack(GUILD_A, MOD, "nb", parsed)
    by_prompt = {q.prompt: q for q in await questions.approved(GUILD_A)}
    knight = by_prompt["Who co-founded Nike with Bill Bowerman?"].to_trivia()
    assert (knight.choices, knight.answer, knight.accepted) == ((), "Phil Knight", ("Knight",))
    assert (knight.category, knight.source_kind, knight.year, knight.answer_ref) == ("nike-lore", "pack", None, None)
    assert not knight.needs_choices and "nike-lore" in knight.explanation
    truth = by_prompt["The 990 is a New Balance shoe."].to_trivia()
    assert truth.choices == TRUE_FALSE and truth.is_true_false and truth.category == "brands"


# ----------------------------------------------------------------------------- reported questions


async def test_reports_are_reviewed_and_retired(database: Database, questions: CustomQuestionStore) -> None:
    assert database.writer is not None
    trivia = TriviaStore(database, database.writer)
    for member, reason in [(4, "wrong year"), (5, "it was 2008"), (6, "typo")]:
        await trivia.report(GUILD_A, "gen:k14-year", member, reason, NOW)
    await trivia.report(GUILD_A, "hand:q-x", 4, "unclear", NOW + dt.timedelta(minutes=1))
    await trivia.report(GUILD_B, "gen:k14-year", 7, "server B's own report", NOW)
    reported = await questions.reported(GUILD_A)
    assert [(r.question_id, r.reports) for r in reported] == [("gen:k14-year", 3), ("hand:q-x", 1)]
    assert reported[0].reasons == ("wrong year", "it was 2008", "typo") and reported[0].member_ids == (4, 5, 6)
    assert await trivia.held_questions(GUILD_A) == {"gen:k14-year"}
    await questions.resolve_reports(GUILD_A, "gen:k14-year", MOD, "retired")
    await questions.resolve_reports(GUILD_A, "hand:q-x", MOD, "restored")
    assert await questions.reported(GUILD_A) == []
    assert await trivia.held_questions(GUILD_A) == set()
    assert await questions.retired(GUILD_A) == {"gen:k14-year"}
    assert await questions.retired(GUILD_B) == set()
    assert [r.question_id for r in await questions.reported(GUILD_B)] == ["gen:k14-year"]  # B's report untouched
    with pytest.raises(ValueError, match="status"):
        await questions.resolve_reports(GUILD_A, "hand:q-x", MOD, "approved")


async def test_retiring_a_custom_question_takes_it_out_of_play(
    database: Database, questions: CustomQuestionStore
) -> None:
    await questions.add_pack(GUILD_A, MOD, "eras", [pack_question("Q1?")])
    (question,) = await questions.approved(GUILD_A)
    await questions.resolve_reports(GUILD_A, question.question_id, MOD, "retired")
    assert await questions.approved(GUILD_A) == []
    assert await questions.retired(GUILD_A) == {question.question_id}


# ----------------------------------------------------------------------------- daily posts


async def test_daily_claim_once_per_day_even_across_a_reopen(tmp_path: Path) -> None:
    path = tmp_path / "daily.sqlite3"
    day = NOW.date()
    db = await Database.open(path)
    try:
        daily = DailyPostStore(db, clock=Clock())
        assert await daily.claim(GUILD_A, day, TRIVIA_CHANNEL)
        assert not await daily.claim(GUILD_A, day, TRIVIA_CHANNEL)  # a second tick the same day
        assert await daily.claim(GUILD_B, day, 5)  # another server
        await daily.set_message(GUILD_A, day, 999)
    finally:
        await db.close()
    db = await Database.open(path)  # a restart
    try:
        daily = DailyPostStore(db, clock=Clock())
        assert not await daily.claim(GUILD_A, day, TRIVIA_CHANNEL)
        async with db.connection.execute(
            "SELECT channel_id, message_id FROM daily_posts WHERE guild_id = ? AND day = ?", (GUILD_A, day.isoformat())
        ) as cursor:
            assert await cursor.fetchone() == (TRIVIA_CHANNEL, 999)  # the posted message is on record
        assert await daily.claim(GUILD_A, day + dt.timedelta(days=1), TRIVIA_CHANNEL)  # tomorrow is a new day
        await daily.release(GUILD_A, day)  # a posted day cannot be released
        assert not await daily.claim(GUILD_A, day, TRIVIA_CHANNEL)
        await daily.release(GUILD_B, day)  # a failed post can be retried
        assert await daily.claim(GUILD_B, day, 5)
    finally:
        await db.close()


# ----------------------------------------------------------------------------- scores


def record(
    game: int, round_index: int, member: int, points: int, *, guild_id: int = GUILD_A, when: dt.datetime = NOW
) -> AnswerRecord:
    return AnswerRecord(
        guild_id,
        5,
        game,
        round_index,
        member,
        f"q{round_index}",
        "eras",
        "x",
        points > 0,
        float(points > 0),
        points,
        1000,
        when,
    )


async def new_game(trivia: TriviaStore, guild_id: int, channel_id: int, started_at: dt.datetime) -> int:
    return await trivia.create_game(
        guild_id=guild_id,
        channel_id=channel_id,
        host_id=1,
        mode="choice",
        category=None,
        difficulty=None,
        rounds=2,
        seconds=20,
        started_at=started_at,
    )


async def test_export_then_reset_scores_of_one_server(database: Database) -> None:
    assert database.writer is not None
    trivia = TriviaStore(database, database.writer)
    old_game = await new_game(trivia, GUILD_A, 5, NOW - dt.timedelta(days=60))
    await trivia.record_answer(record(old_game, 0, 7, 100, when=NOW - dt.timedelta(days=60)))
    await trivia.finish_game(old_game, "finished", NOW - dt.timedelta(days=60))
    game_a = await new_game(trivia, GUILD_A, 6, NOW)
    game_b = await new_game(trivia, GUILD_B, 8, NOW)
    for answer in [
        record(game_a, 0, 7, 100),
        record(game_a, 0, 8, 0),
        record(game_a, 1, 7, 50),
        record(game_a, 1, 8, 80),
        record(game_b, 0, 9, 500, guild_id=GUILD_B),
    ]:
        await trivia.record_answer(answer)
    await trivia.finish_game(game_a, "finished", NOW)
    await trivia.finish_game(game_b, "finished", NOW)
    month = NOW - dt.timedelta(days=30)

    exported = list(csv.reader(io.StringIO(await export_scores_csv(database, GUILD_A, month))))
    assert exported == [["member_id", "points", "correct", "answered"], ["7", "150", "2", "2"], ["8", "80", "1", "2"]]
    everything = list(csv.reader(io.StringIO(await export_scores_csv(database, GUILD_A, None))))
    assert everything[1] == ["7", "250", "3", "3"] and len(everything) == 3

    assert await reset_scores(database, GUILD_A, month) == 4
    assert [(row.member_id, row.points) for row in await trivia.leaderboard(GUILD_A, None)] == [(7, 100)]
    assert (await trivia.member_stats(GUILD_A, 7)).wins == 1  # the old game's win stands; this month's is gone
    async with database.connection.execute(
        "SELECT game_id FROM trivia_game_players WHERE guild_id = ? ORDER BY game_id", (GUILD_A,)
    ) as cursor:
        assert [row[0] for row in await cursor.fetchall()] == [old_game]
    # server B is untouched
    assert [(row.member_id, row.points) for row in await trivia.leaderboard(GUILD_B, None)] == [(9, 500)]
    assert (await trivia.member_stats(GUILD_B, 9)).wins == 1
    assert (await export_scores_csv(database, GUILD_B, month)).splitlines()[1] == "9,500,1,1"

    assert await reset_scores(database, GUILD_A, None) == 1
    assert (await export_scores_csv(database, GUILD_A, None)).splitlines() == ["member_id,points,correct,answered"]
    assert await reset_scores(database, GUILD_A, None) == 0
