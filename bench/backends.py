"""PostgreSQL beside SQLite, in one run: durable answers per second at 10, 100 and 1,000 concurrent players,
and the click-acknowledgement latency of 2 processes x 500 games on one PostgreSQL database.

    python bench/backends.py [--quick] [--url postgresql://…]

Each player clicks answer after answer as fast as the bot acknowledges them; an answer is counted once
its commit returned (the group-commit writer, exactly what a click waits for). Without ``--url`` a
throwaway PostgreSQL server is started (Debian's binaries, as the postgres user, fsync ON so the figure
is durable like SQLite's synchronous=FULL). Figures are printed with the PostgreSQL/SQLite ratio
measured in the same run.

The latency part runs two worker processes (this file with ``--worker``), each with 500 running games of
10 players who all click within one second; a click waits for what the answer button waits for (judge
the answer, durable group commit). Its floor: one process with 1,000 games on SQLite, same clicks.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from answering import NOW, answer_click, game_row, open_games, percentile  # noqa: E402

from bot.storage import AnswerRecord, Database, TriviaStore  # noqa: E402


async def answers_per_second(target: Path | str, players: int, total: int) -> tuple[float, int, float]:
    """(answers per second, commits, p99 acknowledgement ms)."""
    database = await Database.open(target)
    try:
        assert database.writer is not None
        store = TriviaStore(database, database.writer)
        game = await game_row(store, channel_id=players, rounds=10_000)
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
        p99 = percentile(latencies, 0.99) * 1000
        return per_player * players / elapsed, commits, p99
    finally:
        await database.close()


async def clicks(target: Path | str, games: int, players: int, offset: int, start_at: float) -> list[float]:
    """Acknowledgement latencies (ms) of ``games`` x ``players`` clicks spread over one second."""
    import random

    from bot.catalog import load_catalog
    from bot.trivia.bank import QuestionBank
    from bot.trivia.game import Game
    from bot.trivia.matching import AnswerMatcher

    catalog = load_catalog()
    bank, matcher = QuestionBank(catalog), AnswerMatcher(catalog)
    database = await Database.open(target)
    try:
        assert database.writer is not None
        store = TriviaStore(database, database.writer)
        sessions = await open_games(store, bank, matcher, games, offset=offset)
        latencies: list[float] = []
        rng = random.Random(offset)

        async def click(game: Game, player: int, delay: float) -> None:
            await asyncio.sleep(delay)
            started = time.perf_counter()
            await answer_click(store, game, player)
            latencies.append((time.perf_counter() - started) * 1000)

        await asyncio.sleep(max(0.0, start_at - time.time()))  # both workers click in the same second
        await asyncio.gather(*(click(game, p, rng.random()) for game in sessions for p in range(players)))
        return latencies
    finally:
        await database.close()


async def cluster_latency(url: str, folder: Path, games: int, players: int) -> None:
    import json
    import subprocess

    floor = await clicks(folder / "floor.sqlite3", games * 2, players, 0, time.time())
    start_at = time.time() + 8.0  # time for both workers to load the catalog and create their games
    workers = [
        subprocess.Popen(  # noqa: ASYNC220 - started once, then waited for below
            [sys.executable, __file__, "--worker", url, str(games), str(players), str((n + 1) * 10**6), str(start_at)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for n in range(2)
    ]
    samples: list[float] = []
    for worker in workers:
        out, _ = await asyncio.to_thread(worker.communicate, timeout=300)
        samples.extend(json.loads(out))
    print(f"\nclick acknowledgement, {players} players per game clicking within one second (judge + durable commit)")
    print(f"{'':>38}  {'clicks':>7}  {'p50 ms':>7}  {'p99 ms':>7}  {'max ms':>7}")
    for label, data in (
        (f"SQLite, 1 process x {games * 2} games (floor)", floor),
        (f"PostgreSQL, 2 processes x {games} games", samples),
    ):
        p50, p99 = percentile(data, 0.5), percentile(data, 0.99)
        print(f"{label:>38}  {len(data):>7}  {p50:>7.1f}  {p99:>7.1f}  {max(data):>7.1f}")
    print(f"{'p99 PostgreSQL / SQLite':>38}  {percentile(samples, 0.99) / percentile(floor, 0.99):>7.2f}")


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="fewer answers per level")
    parser.add_argument("--url", help="an EMPTY PostgreSQL database to use instead of a throwaway server")
    parser.add_argument(
        "--worker", nargs=5, metavar=("URL", "GAMES", "PLAYERS", "OFFSET", "START"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.worker:
        import json

        url, games, players, offset, start_at = args.worker
        latencies = await clicks(url, int(games), int(players), int(offset), float(start_at))
        print(json.dumps(latencies))
        return
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
            await cluster_latency(url, Path(folder), 100 if args.quick else 500, 10)
    finally:
        if server is not None:
            server.destroy()


if __name__ == "__main__":
    asyncio.run(main())
