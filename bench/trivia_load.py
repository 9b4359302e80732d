"""Trivia under load: durable answers per second, and answer acknowledgement latency.

    python bench/trivia_load.py [--quick]

1. Answers durably recorded per second through the group-commit writer (many concurrent players),
   against a raw sqlite3 loop that commits one row at a time, same schema, same pragmas, same run.
2. 1,000 concurrent games x 10 players all answering in the same instant: acknowledgement latency
   (judge + durable commit, the work a click waits for) through the real GameSession, p50/p99.
3. The same click end to end through simcord (real discord.py dispatch, DynamicItem, ephemeral
   reply), sequentially, for a per-click floor of the simulated gateway.
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from answering import NOW, answer_click, game_row, open_games, percentile  # noqa: E402

from bot.catalog import load_catalog  # noqa: E402
from bot.storage import AnswerRecord, Database, TriviaStore  # noqa: E402
from bot.trivia.bank import QuestionBank  # noqa: E402
from bot.trivia.game import Game  # noqa: E402
from bot.trivia.matching import AnswerMatcher  # noqa: E402


def raw_single_row_commits(path: Path, count: int) -> float:
    """The floor: one INSERT, one COMMIT, per answer (what a naive bot does per click)."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    start = time.perf_counter()
    for n in range(count):
        connection.execute("BEGIN")
        connection.execute(
            "INSERT INTO trivia_answers (guild_id, channel_id, game_id, round_index, member_id, question_id, "
            "category, choice, correct, credit, points, answer_ms, answered_at) VALUES (1, 1, 1, ?, ?, 'q', 'eras', "
            "'x', 1, 1.0, 100, 10, '2026-11-26T00:00:00Z')",
            (n // 1000, n % 1000),
        )
        connection.execute("COMMIT")
    elapsed = time.perf_counter() - start
    connection.close()
    return count / elapsed


async def group_commit(path: Path, count: int, concurrency: int) -> tuple[float, int]:
    database = await Database.open(path)
    assert database.writer is not None
    store = TriviaStore(database, database.writer)
    game = await game_row(store, channel_id=1, rounds=10)

    async def one(n: int) -> None:
        await store.record_answer(
            AnswerRecord(1, 1, game, n // 1000, n % 1000, "q", "eras", "x", True, 1.0, 100, 10, NOW)
        )

    start = time.perf_counter()
    for base in range(0, count, concurrency):
        await asyncio.gather(*(one(n) for n in range(base, min(base + concurrency, count))))
    elapsed = time.perf_counter() - start
    commits = database.writer.stats.commits
    await database.close()
    return count / elapsed, commits


async def fresh_database(folder: Path, name: str) -> Path:
    path = folder / name
    database = await Database.open(path)  # migrated schema, then closed for the raw loop
    await database.close()
    return path


async def bench_throughput(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        raw_rate = raw_single_row_commits(await fresh_database(folder, "raw.sqlite3"), count)
        rates = {}
        for concurrency in (10, 100, 1000):
            path = await fresh_database(folder, f"group-{concurrency}.sqlite3")
            rates[concurrency] = await group_commit(path, count, concurrency)
    print(f"\n## Durable answers per second ({count} answers, synchronous=FULL, WAL)")
    print(f"{'raw sqlite3, one commit per answer':>40}: {raw_rate:>9.0f}/s  (floor)")
    for concurrency, (rate, commits) in rates.items():
        print(
            f"{f'group commit, {concurrency} players at once':>40}: {rate:>9.0f}/s  "
            f"{rate / raw_rate:>5.1f}x the floor, {commits} commits"
        )


async def bench_concurrent_games(games: int, players: int) -> None:
    catalog = load_catalog()
    bank = QuestionBank(catalog)
    matcher = AnswerMatcher(catalog)
    import random

    with tempfile.TemporaryDirectory() as tmp:
        database = await Database.open(Path(tmp) / "load.sqlite3")
        assert database.writer is not None
        store = TriviaStore(database, database.writer)
        sessions = await open_games(store, bank, matcher, games)

        async def click(game: Game, player: int, delay: float, out: list[float]) -> None:
            """What the answer button's callback waits for before it acknowledges the click."""
            if delay:
                await asyncio.sleep(delay)
            start = time.perf_counter()
            await answer_click(store, game, player)
            out.append((time.perf_counter() - start) * 1000)

        rng = random.Random(3)
        results = {}
        for label, first_player, spread in (
            ("spread over one second", 10_000, 1.0),
            ("all in the same instant", 20_000, 0.0),
        ):
            latencies: list[float] = []
            commits_before = database.writer.stats.commits
            start = time.perf_counter()
            await asyncio.gather(
                *(
                    click(game, first_player + p, rng.random() * spread, latencies)
                    for game in sessions
                    for p in range(players)
                )
            )
            results[label] = (latencies, time.perf_counter() - start, database.writer.stats.commits - commits_before)
        await database.close()
    print(f"\n## {games} games x {players} players answering ({games * players} clicks): acknowledgement latency")
    print("   (judge the answer + durable group commit: what a click waits for before its reply; goal p99 <= 50 ms)")
    for label, (latencies, wall, commits) in results.items():
        print(
            f"   {label:>24}: p50 {percentile(latencies, 0.5):6.1f} ms  p99 {percentile(latencies, 0.99):6.1f} ms  "
            f"max {max(latencies):6.1f} ms  ({commits} commits, {wall:.2f} s wall)"
        )


async def bench_simcord_click(clicks: int) -> None:
    import discord
    import simcord

    from bot.settings import Settings
    from bot.shell.client import SoleArchive

    catalog = load_catalog()
    samples: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "simcord.sqlite3"
        database = await Database.open(path)
        bot = SoleArchive(settings=Settings(database=path), catalog=catalog, database=database)
        async with simcord.run(bot, shard_count=1) as env:  # SoleArchive is sharded: one simulated shard
            guild = env.create_guild()
            members = [guild.add_member(env.create_user(f"p{n}")) for n in range(10)]
            channel = guild.create_text_channel("trivia")
            while len(samples) < clicks:
                await members[0].slash(channel, "trivia start", rounds=1, seconds=60)
                message = next(m for m in reversed(channel.history()) if m.components)
                label = message.components[0].children[0].label  # type: ignore[union-attr]
                for member in members:
                    start = time.perf_counter()
                    await member.click(message, label=label)
                    samples.append((time.perf_counter() - start) * 1000)
                await members[0].slash(channel, "trivia stop")
        await database.close()
    _ = discord
    print(f"\n## One click end to end through simcord ({len(samples)} clicks, sequential)")
    print(
        f"   p50 {percentile(samples, 0.5):.1f} ms, p99 {percentile(samples, 0.99):.1f} ms, "
        f"mean {statistics.fmean(samples):.1f} ms (includes simcord's own settle time per action)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    asyncio.run(bench_throughput(2_000 if args.quick else 10_000))
    asyncio.run(bench_concurrent_games(100 if args.quick else 1_000, 10))
    asyncio.run(bench_simcord_click(20 if args.quick else 100))


if __name__ == "__main__":
    main()
