"""The storage contract beyond the stores' own tests: what both backends promise, and what only a shared
PostgreSQL database must (several processes, a server that goes away and comes back).

Every store test of tests/core runs on both backends through the ``database`` fixture; here are the
backend-level rules: migrations twinned by number, portable placeholders, one winner for a claim, events
between processes, the command-sync lock, and a clear "try again" while the server is down.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from helpers import GUILD_A, GUILD_B, MOD, NOW, TRIVIA_CHANNEL, Clock, new_game
from pg import PgServer

from bot.storage import (
    AnswerRecord,
    ConstraintError,
    DailyPostStore,
    Database,
    DatabaseUnavailableError,
    GuildSettingsStore,
    TriviaStore,
    load_migrations,
)
from bot.storage.postgres import to_dollar


def test_every_sqlite_migration_has_its_postgresql_twin() -> None:
    sqlite = [(m.version, m.name) for m in load_migrations("sqlite")]
    postgres = [(m.version, m.name) for m in load_migrations("postgresql")]
    assert [version for version, _ in sqlite] == [version for version, _ in postgres]
    assert [name for _, name in sqlite] == [name for _, name in postgres]  # same number, same name


def test_placeholders_become_numbered_outside_quotes_only() -> None:
    assert to_dollar("SELECT ? , '?', \"a?\" FROM t WHERE a = ? AND b IN (?, ?)") == (
        "SELECT $1 , '?', \"a?\" FROM t WHERE a = $2 AND b IN ($3, $4)"
    )
    assert to_dollar("SELECT 'it''s ?' , ?") == "SELECT 'it''s ?' , $1"


async def test_the_schema_is_current_and_lists_the_same_tables(database: Database) -> None:
    assert await database.version() == len(load_migrations(database.kind))
    tables = await database.tables()
    assert {"bot_meta", "trivia_games", "trivia_answers", "guild_settings", "daily_posts"} <= set(tables)
    assert tables.index("trivia_games") < tables.index("trivia_answers")  # created (and copied) in order


async def test_execute_counts_changed_rows_and_schema_rules_raise_one_error(database: Database) -> None:
    assert await database.execute("INSERT INTO bot_meta (key, value) VALUES (?, ?)", ("a", "1")) == 1
    assert (
        await database.execute("INSERT INTO bot_meta (key, value) VALUES (?, ?) ON CONFLICT DO NOTHING", ("a", "2"))
        == 0
    )
    assert await database.execute("UPDATE bot_meta SET value = ? WHERE key LIKE ?", ("3", "%")) == 1
    with pytest.raises(ConstraintError):
        await database.execute("INSERT INTO bot_meta (key, value) VALUES (?, ?)", ("a", "4"))
    assert await database.fetch_one("SELECT value FROM bot_meta WHERE key = ?", ("a",)) == ("3",)


async def test_a_failing_unit_does_not_take_its_batch_down(database: Database) -> None:
    writer = database.writer
    assert writer is not None
    good = [writer.write(("INSERT INTO bot_meta (key, value) VALUES (?, ?)", (f"k{n}", "v"))) for n in range(20)]
    bad = writer.write(("INSERT INTO bot_meta (key, value) VALUES (?, ?)", ("k3", "duplicate")))
    results = await asyncio.gather(*good, bad, return_exceptions=True)
    assert results[:20] == [None] * 20
    assert isinstance(results[20], ConstraintError)
    assert await database.fetch_one("SELECT COUNT(*) FROM bot_meta") == (20,)


# -- several processes on one PostgreSQL database ------------------------------------------------------


@pytest.fixture
async def two_processes(pg_url: str) -> AsyncIterator[tuple[Database, Database]]:
    """Two independent Database objects on one PostgreSQL database, as two bot processes have."""
    first = await Database.open(pg_url)
    second = await Database.open(pg_url)
    yield first, second
    await first.close()
    await second.close()


async def test_the_daily_post_has_exactly_one_claimant_across_processes(
    two_processes: tuple[Database, Database],
) -> None:
    first, second = two_processes
    day = NOW.date()
    claims = await asyncio.gather(
        *(DailyPostStore(db, clock=Clock()).claim(GUILD_A, day, TRIVIA_CHANNEL) for db in (first, second) * 10)
    )
    assert sum(claims) == 1
    assert await DailyPostStore(second, clock=Clock()).claim(GUILD_B, day, 5)  # another server is its own


async def _eventually(check: object, seconds: float = 5.0) -> None:
    deadline = asyncio.get_running_loop().time() + seconds
    while not check():  # type: ignore[operator]
        assert asyncio.get_running_loop().time() < deadline, "the other process never heard of it"
        await asyncio.sleep(0.01)


async def test_a_setting_changed_in_one_process_is_seen_by_the_other_at_once(
    two_processes: tuple[Database, Database],
) -> None:
    first, second = two_processes
    here, there = GuildSettingsStore(first, clock=Clock()), GuildSettingsStore(second, clock=Clock())
    assert (await there.get(GUILD_A)).trivia_rounds != 7  # read (and, on SQLite, it would be cached)
    heard: list[tuple[int, str]] = []
    there.add_listener(lambda guild, key: heard.append((guild, key)))
    await here.set(GUILD_A, MOD, "trivia.rounds", 7)
    assert (await there.get(GUILD_A)).trivia_rounds == 7  # no wait: a shared database is never cached
    assert (await there.get(GUILD_B)).trivia_rounds != 7  # and one server's setting is its own
    await _eventually(lambda: heard == [(GUILD_A, "trivia.rounds")])  # the daily post's listener hears it


async def test_events_reach_the_other_processes_not_the_sender(two_processes: tuple[Database, Database]) -> None:
    first, second = two_processes
    got_first: list[str] = []
    got_second: list[str] = []
    first.subscribe("facts.reload", got_first.append)
    second.subscribe("facts.reload", got_second.append)
    await first.publish("facts.reload", "v2")
    await _eventually(lambda: got_second == ["v2"])
    await asyncio.sleep(0.05)
    assert got_first == []


async def test_one_process_at_a_time_holds_the_command_sync_lock(two_processes: tuple[Database, Database]) -> None:
    first, second = two_processes
    assert await first.try_lock("command-sync")
    assert await first.try_lock("command-sync")  # held already
    assert not await second.try_lock("command-sync")
    assert await second.try_lock("something-else")
    await first.close()
    await _eventually_async(lambda: second.try_lock("command-sync"))


async def _eventually_async(check: object, seconds: float = 5.0) -> None:
    deadline = asyncio.get_running_loop().time() + seconds
    while not await check():  # type: ignore[operator]
        assert asyncio.get_running_loop().time() < deadline
        await asyncio.sleep(0.02)


async def test_sqlite_is_one_process_and_always_holds_its_locks(tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    database = await Database.open(tmp_path / "one.sqlite3")
    try:
        assert not database.shared
        assert await database.try_lock("command-sync")
    finally:
        await database.close()


# -- a PostgreSQL server that stops and starts again -----------------------------------------------------


async def test_a_stopped_server_says_try_again_and_the_same_database_recovers(own_pg_server: PgServer) -> None:
    database = await Database.open(own_pg_server.url())
    try:
        assert database.writer is not None
        store = TriviaStore(database, database.writer)
        game = await new_game(store, GUILD_A, 5, rounds=3)

        def answer(member: int) -> AnswerRecord:
            return AnswerRecord(GUILD_A, 5, game, 0, member, "q", "eras", "x", True, 1.0, 100, 900, NOW)

        await store.record_answer(answer(1))
        await asyncio.to_thread(own_pg_server.stop)
        with pytest.raises(DatabaseUnavailableError) as caught:
            await store.record_answer(answer(2))
        assert "try again in a moment" in caught.value.message
        with pytest.raises(DatabaseUnavailableError):
            await store.leaderboard(GUILD_A, None)
        await asyncio.to_thread(own_pg_server.start)
        await store.record_answer(answer(3))  # the same Database object: no restart
        board = await store.leaderboard(GUILD_A, None)
        assert [row.member_id for row in board] == [1, 3]  # the refused answer was not half-stored
        heard: list[str] = []
        database.subscribe("ping", heard.append)
        other = await Database.open(own_pg_server.url())
        try:
            await _eventually_async(lambda: _publish_until_heard(other, heard))
        finally:
            await other.close()
    finally:
        await database.close()


async def _publish_until_heard(sender: Database, heard: list[str]) -> bool:
    """The event connection reconnects in the background; keep announcing until it hears."""
    await sender.publish("ping", "x")
    await asyncio.sleep(0.05)
    return bool(heard)


def test_ci_never_skips_the_postgresql_tests(monkeypatch: pytest.MonkeyPatch) -> None:
    import pg

    monkeypatch.setattr(pg, "find_bin", lambda: None)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must run the PostgreSQL tests"):
        pg.require_postgres()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        pg.require_postgres()


async def test_upgrading_a_postgresql_database_runs_only_the_newer_migrations(pg_url: str) -> None:
    """A database as an older release left it (schema 3, with play in it) takes migration 4's backfill too."""
    import asyncpg

    from bot.storage import QuestionHistory, QuestionStats

    raw = await asyncpg.connect(pg_url)
    try:
        await raw.execute("CREATE TABLE sole_schema (version INTEGER PRIMARY KEY)")
        for migration in load_migrations("postgresql")[:3]:
            await raw.execute(migration.sql)
            await raw.execute("INSERT INTO sole_schema VALUES ($1)", migration.version)
        await raw.execute(
            "INSERT INTO trivia_games (id, guild_id, channel_id, host_id, mode, rounds, seconds, started_at) "
            "VALUES (1, $1, 5, 1, 'choice', 2, 20, '2026-01-01')",
            GUILD_A,
        )
        await raw.execute("INSERT INTO trivia_rounds VALUES (1, 0, 'q1', 'eras', '2026-01-01T00:00:01Z')")
        await raw.execute("INSERT INTO trivia_rounds VALUES (1, 1, 'q2', 'eras', '2026-01-01T00:00:02Z')")
        await raw.execute(
            "INSERT INTO trivia_answers (guild_id, channel_id, game_id, round_index, member_id, question_id, "
            "category, choice, correct, credit, points, answer_ms, answered_at) "
            "VALUES ($1, 5, 1, 0, 1, 'q1', 'eras', 'x', 1, 1.0, 0, 900, '2026-01-01')",
            GUILD_A,
        )
    finally:
        await raw.close()
    database = await Database.open(pg_url)
    try:
        assert await database.version() == len(load_migrations("postgresql"))
        assert await QuestionHistory(database).seen(GUILD_A) == ["q1", "q2"]
        tally = await QuestionStats(database).tally("q1")
        assert (tally.answered, tally.correct) == (1, 1)
    finally:
        await database.close()


async def test_a_burst_of_answers_batches_statement_by_statement_and_a_double_click_counts_once(
    database: Database,
) -> None:
    """Each answer is two statements (count it, store it); a batch of answers is still two executemany calls."""
    from bot.storage import QuestionStats

    writer = database.writer
    assert writer is not None
    store = TriviaStore(database, writer)
    game = await new_game(store, GUILD_A, 5, rounds=3)
    runs_per_commit: list[int] = []
    commit = writer.sink.commit

    async def spy(runs: list[tuple[str, list[object]]]) -> None:
        runs_per_commit.append(len(runs))
        await commit(runs)  # type: ignore[arg-type]

    writer.sink.commit = spy  # type: ignore[method-assign]

    def answer(member: int, points: int = 100) -> AnswerRecord:
        return AnswerRecord(GUILD_A, 5, game, 0, member, "q1", "eras", "x", True, 1.0, points, 900, NOW)

    clicks = [answer(member) for member in range(100)]
    clicks.insert(50, answer(7, points=999))  # member 7 clicks twice within one batch
    await asyncio.gather(*(store.record_answer(click) for click in clicks))
    assert max(runs_per_commit) <= 4  # not 2 per answer: the repeated key splits one group in two
    assert sum(runs_per_commit) < 10
    tally = await QuestionStats(database).tally("q1")
    assert (tally.answered, tally.correct) == (100, 100)  # the double click is counted once
    (points,) = await database.fetch_one(  # type: ignore[misc]
        "SELECT points FROM trivia_answers WHERE member_id = 7"
    )
    assert points == 100  # and the first answer stands


async def test_two_processes_answering_the_same_questions_never_deadlock(
    two_processes: tuple[Database, Database],
) -> None:
    """Each answer bumps its question's totals: batches from two processes take those rows in one order."""
    first, second = two_processes
    stores = []
    for database in (first, second):
        assert database.writer is not None
        store = TriviaStore(database, database.writer)
        game = await new_game(store, GUILD_A, len(stores) + 5, rounds=3)
        stores.append((store, game))
    questions = [f"q{n:03d}" for n in range(200)]

    def burst(index: int) -> list[object]:
        store, game = stores[index]
        order = questions if index == 0 else list(reversed(questions))  # opposite orders: the worst case
        return [
            store.record_answer(AnswerRecord(GUILD_A, 5, game, 0, member, question, "eras", "x", True, 1.0, 1, 9, NOW))
            for member, question in enumerate(order)
        ]

    for _ in range(3):
        await asyncio.gather(*burst(0), *burst(1))  # type: ignore[arg-type]
        for store, game in stores:
            await store.void_round(game, 0)
    assert first.writer is not None and second.writer is not None
    assert (first.writer.stats.retried_alone, second.writer.stats.retried_alone) == (0, 0)  # no batch failed
