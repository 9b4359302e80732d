"""`python -m bot db migrate-to postgresql://…` and `python -m bot db backup PATH`."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import sqlite3
import sys
from pathlib import Path

import pytest
from helpers import GUILD_A, GUILD_B, MOD, NOW, Clock, new_game, pack_question

from bot.cli import main
from bot.storage import (
    AnswerRecord,
    ChannelFacts,
    CustomQuestionStore,
    DailyPostStore,
    Database,
    GuildSettingsStore,
    MetaStore,
    TriviaStore,
)

ROOT = Path(__file__).parents[2]


def _answer(game: int, round_index: int, member: int, guild: int = GUILD_A, points: int = 100) -> AnswerRecord:
    return AnswerRecord(guild, 5, game, round_index, member, "q", "eras", "x", True, 1.0, points, 900, NOW)


async def _fill(path: Path) -> dict[str, object]:
    """A bot's worth of rows in every store; returns what the copy must show."""
    database = await Database.open(path)
    try:
        assert database.writer is not None
        trivia = TriviaStore(database, database.writer)
        game = await new_game(trivia)
        other = await new_game(trivia, GUILD_B, 6)
        for member in range(1, 6):
            await trivia.record_answer(_answer(game, 0, member, points=member * 10))
        await trivia.record_answer(_answer(other, 0, 9, GUILD_B, 500))
        await trivia.record_round(game, 0, "q", "eras", NOW)
        await trivia.finish_game(game, "finished", NOW)
        await trivia.report(GUILD_A, "gen:x", 2, "wrong", NOW)
        await GuildSettingsStore(database, clock=Clock()).set(GUILD_A, MOD, "trivia.rounds", 7)
        questions = CustomQuestionStore(database, clock=Clock())
        await questions.add_pack(GUILD_A, MOD, "Eras", [pack_question("Which year?"), pack_question("Who?")])
        await DailyPostStore(database, clock=Clock()).claim(GUILD_A, NOW.date(), 5)
        await MetaStore(database).set("command_tree_hash:global", "abc")
        await ChannelFacts(database).remember(5, GUILD_A, "fact-1")
        board = [(row.member_id, row.points) for row in await trivia.leaderboard(GUILD_A, None)]
        return {"board": board, "games": game}
    finally:
        await database.close()


async def _read(url: str) -> dict[str, object]:
    database = await Database.open(url)
    try:
        assert database.writer is not None
        trivia = TriviaStore(database, database.writer)
        board = [(row.member_id, row.points) for row in await trivia.leaderboard(GUILD_A, None)]
        new_id = await new_game(trivia, GUILD_A, 77, started_at=NOW + dt.timedelta(days=1))
        return {
            "board": board,
            "rounds": (await GuildSettingsStore(database).get(GUILD_A)).trivia_rounds,
            "packs": await CustomQuestionStore(database).packs(GUILD_A),
            "meta": await MetaStore(database).get("command_tree_hash:global"),
            "fact": await ChannelFacts(database).last(5),
            "claimed_again": await DailyPostStore(database).claim(GUILD_A, NOW.date(), 5),
            "stats_b": (await trivia.member_stats(GUILD_B, 9)).points,
            "new_id": new_id,
        }
    finally:
        await database.close()


def test_migrate_to_copies_every_table_checks_counts_and_refuses_a_second_time(
    tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "bot.sqlite3"
    before = asyncio.run(_fill(source))
    monkeypatch.setenv("SOLE_DATABASE", str(source))
    monkeypatch.delenv("SOLE_DATABASE_URL", raising=False)

    assert main(["db", "migrate-to", pg_url]) == 0
    out = capsys.readouterr().out
    assert "trivia_answers" in out and "6 → 6" in out and "every count matches" in out
    with sqlite3.connect(source) as raw:
        tables = [row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    assert all(table in out for table in tables)  # one line per table

    after = asyncio.run(_read(pg_url))
    assert after["board"] == before["board"]
    assert after["rounds"] == 7 and after["packs"] == [("eras", 2)]
    assert after["meta"] == "abc" and after["fact"] == "fact-1"
    assert after["claimed_again"] is False  # today's daily post is already on record
    assert after["stats_b"] == 500
    assert isinstance(after["new_id"], int) and after["new_id"] > 2  # ids continue past the copied ones

    assert main(["db", "migrate-to", pg_url]) == 1  # the target holds rows now
    err = capsys.readouterr().err
    assert "not empty" in err and "trivia_answers" in err


def test_migrate_to_needs_a_postgresql_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOLE_DATABASE", str(tmp_path / "bot.sqlite3"))
    assert main(["db", "migrate-to", "sqlite:///elsewhere"]) == 2


def test_a_mistyped_url_is_refused_without_echoing_its_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SOLE_DATABASE", str(tmp_path / "bot.sqlite3"))
    assert main(["db", "migrate-to", "postgres-sql://sole:s3cret-passw0rd@db/sole"]) == 2
    err = capsys.readouterr().err
    assert "postgresql://" in err and "s3cret-passw0rd" not in err


def test_migrate_to_without_a_source_file_says_so(
    tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SOLE_DATABASE", str(tmp_path / "missing.sqlite3"))
    assert main(["db", "migrate-to", pg_url]) == 1
    assert "no SQLite database" in capsys.readouterr().err


async def test_backup_takes_a_consistent_copy_while_the_bot_has_the_file_open(tmp_path: Path) -> None:
    source, copy = tmp_path / "live.sqlite3", tmp_path / "copy.sqlite3"
    database = await Database.open(source)  # the running bot: its last writes are still in the WAL
    try:
        assert database.writer is not None
        trivia = TriviaStore(database, database.writer)
        game = await new_game(trivia)
        await asyncio.gather(*(trivia.record_answer(_answer(game, 0, member)) for member in range(100)))
        assert os.path.getsize(f"{source}-wal") > 0  # noqa: ASYNC240 - a stat, not I/O worth a thread
        env = {**os.environ, "SOLE_DATABASE": str(source), "PYTHONPATH": str(ROOT)}
        child = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "db",
            "backup",
            str(copy),
            cwd=ROOT,
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await child.communicate()
        assert child.returncode == 0, err.decode()
        assert b"backed up" in out
        await trivia.record_answer(_answer(game, 1, 1))  # the bot carries on writing
    finally:
        await database.close()
    with sqlite3.connect(copy) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert raw.execute("SELECT COUNT(*) FROM trivia_answers").fetchone() == (100,)


def test_backup_refuses_to_overwrite(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source, copy = tmp_path / "live.sqlite3", tmp_path / "copy.sqlite3"
    asyncio.run(_fill(source))
    copy.write_text("keep me")
    monkeypatch.setenv("SOLE_DATABASE", str(source))
    assert main(["db", "backup", str(copy)]) == 1
    assert copy.read_text() == "keep me"


def test_an_unreachable_postgresql_fails_fast_naming_the_setting_not_the_password(tmp_path: Path) -> None:
    import subprocess

    env = {
        **os.environ,
        "DISCORD_TOKEN": "x",
        "SOLE_DATABASE_URL": f"postgresql://sole:hunter2@/sole?host={tmp_path}",  # no server listens there
        "SOLE_DATABASE": str(tmp_path / "unused.sqlite3"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "bot", "run"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 3, done.stderr
    assert "cannot use the database" in done.stderr and "SOLE_DATABASE_URL" in done.stderr
    assert "hunter2" not in done.stderr and "Traceback" not in done.stderr
