"""Durable answers per second on PostgreSQL beside SQLite, in one run, at 10, 100 and 1,000 concurrent players.

    python bench/backends.py [--quick] [--url postgresql://…]

Each player clicks answer after answer as fast as the bot acknowledges them; an answer is counted once
its commit returned (the group-commit writer, exactly what a click waits for). Without ``--url`` a
throwaway PostgreSQL server is started (Debian's binaries, as the postgres user, fsync ON so the figure
is durable like SQLite's synchronous=FULL). Figures are printed with the PostgreSQL/SQLite ratio
measured in the same run.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from bot.storage import AnswerRecord, Database, TriviaStore  # noqa: E402

NOW = dt.datetime(2026, 11, 26, tzinfo=dt.UTC)


async def answers_per_second(target: Path | str, players: int, total: int) -> tuple[float, int, float]:
    """(answers per second, commits, p99 acknowledgement ms)."""
    database = await Database.open(target)
    try:
        assert database.writer is not None
        store = TriviaStore(database, database.writer)
        game = await store.create_game(
            guild_id=1,
            channel_id=players,
            host_id=1,
            mode="choice",
            category=None,
            difficulty=None,
            rounds=10_000,
            seconds=20,
            started_at=NOW,
        )
        per_player = max(1, total // players)
        latencies: list[float] = []

        async def player(member: int) -> None:
            for round_index in range(per_player):
                started = time.perf_counter()
                await store.record_answer(
                    AnswerRecord(1, players, game, round_index, member, "q", "eras", "x", True, 1.0, 100, 900, NOW)
                )
                latencies.append(time.perf_counter() - started)

        commits_before = database.writer.stats.commits
        start = time.perf_counter()
        await asyncio.gather(*(player(member) for member in range(players)))
        elapsed = time.perf_counter() - start
        commits = database.writer.stats.commits - commits_before
        latencies.sort()
        p99 = latencies[min(len(latencies) - 1, round(0.99 * (len(latencies) - 1)))] * 1000
        return per_player * players / elapsed, commits, p99
    finally:
        await database.close()


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="fewer answers per level")
    parser.add_argument("--url", help="an EMPTY PostgreSQL database to use instead of a throwaway server")
    args = parser.parse_args()
    total = 2_000 if args.quick else 10_000
    server = None
    url = args.url
    if url is None:
        from pg import PgServer, find_bin

        bin_dir = find_bin()
        if bin_dir is None:
            sys.exit("no PostgreSQL server binaries (apt-get install postgresql), and no --url given")
        server = PgServer(bin_dir)
        server.start(durable=True)
        url = server.url()
    try:
        print(f"durable answers per second, {total} answers per level (group commit on both backends)")
        print(
            f"{'players':>8}  {'SQLite/s':>10}  {'commits':>7}  {'p99 ms':>7}  {'PostgreSQL/s':>12}  "
            f"{'commits':>7}  {'p99 ms':>7}  {'PG/SQLite':>9}"
        )
        with tempfile.TemporaryDirectory() as folder:
            for players in (10, 100, 1000):
                sqlite_rate, sqlite_commits, sqlite_p99 = await answers_per_second(
                    Path(folder) / f"bench-{players}.sqlite3", players, total
                )
                pg_rate, pg_commits, pg_p99 = await answers_per_second(url, players, total)
                print(
                    f"{players:>8}  {sqlite_rate:>10.0f}  {sqlite_commits:>7}  {sqlite_p99:>7.1f}  "
                    f"{pg_rate:>12.0f}  {pg_commits:>7}  {pg_p99:>7.1f}  {pg_rate / sqlite_rate:>9.2f}"
                )
    finally:
        if server is not None:
            server.destroy()


if __name__ == "__main__":
    asyncio.run(main())
