"""Memory of one bot process per 1,000 servers joined, against floors measured in the same run.

    python bench/memory.py [--guilds 1000] [--quick]

Each scenario runs in a fresh interpreter (so one's garbage never inflates another's figure): a bot
connects to simcord's simulated Discord with the guilds intent only, then joins N servers (one
GUILD_CREATE each, like a bot being invited or a shard's start-up burst). A server is shaped like a
small community: 6 text channels, 1 voice channel, 6 roles, the owner and the bot.

- **Resident memory** (VmRSS, after a full collection and ``malloc_trim``) of the process: Sole Archive
  with no server (the floor), then with N servers; the ratio of the two.
- **Per 1,000 servers**: the growth from 0 to N servers, scaled to 1,000, for Sole Archive and for a
  bare ``discord.Client`` with the same intents (the floor: what discord.py's cache and simcord's own
  copy of the servers cost anyway). Both include simcord's backend, which holds every simulated server
  in the same process; the difference is what Sole Archive adds per server.
- **Where the growth goes** (tracemalloc, both bots, over 200 servers): bytes allocated under simcord
  (the simulated Discord), discord.py (its cache) and ``bot``/``cogs`` (ours), by the innermost frame
  in one of them. "Bot side" (discord.py + ours) is what a real deployment holds per server: the
  ratio of Sole Archive's bot side to the bare client's is the figure without the simulator.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ctypes
import gc
import json
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TEXT_CHANNELS = 6
TRACE_FRAMES = 12  # enough to reach the package that asked for the memory; tracing is slow
TRACED_GUILDS = 200  # tracemalloc's run joins fewer servers: per-server bytes are linear, tracing is slow
ROLES = 6


def rss_bytes() -> int:
    """Resident set size of this process after a full collection, freed arenas handed back to the OS."""
    gc.collect()
    with contextlib.suppress(OSError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS in /proc/self/status (Linux only)")


def owner(path: str) -> str:
    if "/simcord/" in path:
        return "simcord"
    if "/discord/" in path:
        return "discord.py"
    parts = Path(path).parts
    if "bot" in parts or "cogs" in parts:
        return "ours"
    return ""


def attribute(snapshot_before: tracemalloc.Snapshot, snapshot_after: tracemalloc.Snapshot) -> dict[str, int]:
    """Net bytes allocated between two snapshots, by the innermost frame in simcord, discord.py or ours."""

    def totals(snapshot: tracemalloc.Snapshot) -> dict[str, int]:
        out: dict[str, int] = {}
        for trace in snapshot.traces:
            who = "other"
            for frame in reversed(trace.traceback):  # most recent first
                found = owner(frame.filename)
                if found:
                    who = found
                    break
            out[who] = out.get(who, 0) + trace.size
        return out

    before, after = totals(snapshot_before), totals(snapshot_after)
    return {who: after.get(who, 0) - before.get(who, 0) for who in sorted(set(before) | set(after))}


async def child(kind: str, guilds: int, trace: bool) -> dict[str, object]:
    import discord
    import simcord

    from bot.catalog import load_catalog
    from bot.settings import Settings
    from bot.shell.client import SoleArchive
    from bot.storage import Database

    with tempfile.TemporaryDirectory() as tmp:
        database = None
        if kind == "sole":
            path = Path(tmp) / "memory.sqlite3"
            database = await Database.open(path)
            bot: discord.Client = SoleArchive(
                settings=Settings(database=path), catalog=load_catalog(), database=database
            )
        else:
            intents = discord.Intents.none()
            intents.guilds = True
            bot = discord.Client(intents=intents)
        async with simcord.run(bot) as env:
            await env.settle()
            if trace:
                tracemalloc.start(TRACE_FRAMES)
            before_rss = rss_bytes()
            before = tracemalloc.take_snapshot() if trace else None
            started = time.perf_counter()
            for number in range(guilds):
                guild = env.create_guild(f"Community {number}")
                for channel in range(TEXT_CHANNELS):
                    guild.create_text_channel(f"channel-{channel}")
                guild.create_voice_channel("voice")
                for role in range(ROLES):
                    guild.create_role(f"role-{role}")
                if number % 100 == 99:
                    await env.settle()
            await env.settle()
            joined = time.perf_counter() - started
            assert len(bot.guilds) == guilds, (len(bot.guilds), guilds)
            after_rss = rss_bytes()
            shares = attribute(before, tracemalloc.take_snapshot()) if before is not None else {}
            if trace:
                tracemalloc.stop()
        if database is not None:
            await database.close()
    return {"before": before_rss, "after": after_rss, "shares": shares, "seconds": joined}


def run_child(kind: str, guilds: int, *, trace: bool = False) -> dict[str, object]:
    argv = [sys.executable, __file__, "--child", kind, "--guilds", str(guilds)] + (["--trace"] if trace else [])
    done = subprocess.run(argv, capture_output=True, text=True, check=False, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"{kind} with {guilds} servers failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def mb(value: float) -> str:
    return f"{value / 1_000_000:.1f} MB"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--guilds", type=int, default=1000)
    parser.add_argument("--quick", action="store_true", help="200 servers instead of 1,000")
    parser.add_argument("--child", choices=["sole", "bare"])
    parser.add_argument("--trace", action="store_true")
    args = parser.parse_args()
    if args.child:
        import logging

        logging.disable(logging.WARNING)
        print(json.dumps(asyncio.run(child(args.child, args.guilds, args.trace))))
        return
    guilds = 200 if args.quick else args.guilds
    scale = 1000 / guilds
    print(f"memory: {guilds} servers joined ({TEXT_CHANNELS + 1} channels, {ROLES} roles each), guilds intent only")
    sole_runs = [run_child("sole", guilds) for _ in range(2)]
    bare_runs = [run_child("bare", guilds) for _ in range(2)]
    sole = min(sole_runs, key=lambda run: int(run["after"]) - int(run["before"]))  # type: ignore[call-overload]
    bare = min(bare_runs, key=lambda run: int(run["after"]) - int(run["before"]))  # type: ignore[call-overload]
    sole_growth = (int(sole["after"]) - int(sole["before"])) * scale  # type: ignore[call-overload]
    bare_growth = (int(bare["after"]) - int(bare["before"])) * scale  # type: ignore[call-overload]
    empty = int(sole["before"])  # type: ignore[call-overload]
    full = int(sole["after"])  # type: ignore[call-overload]
    print(f"  Sole Archive process, no server (floor)   {mb(empty):>10}")
    print(f"  Sole Archive process, {guilds:>5} servers       {mb(full):>10}   {full / empty:.2f}x the empty bot")
    print(
        f"  growth per 1,000 servers: Sole Archive {mb(sole_growth)}, bare discord.Client {mb(bare_growth)}"
        f" (floor): {sole_growth / bare_growth:.2f}x"
    )
    print(f"  joining {guilds} servers took {float(sole['seconds']):.1f} s (simcord + bot)")  # type: ignore[arg-type]
    traced = min(guilds, TRACED_GUILDS)
    print(f"  where the growth goes (tracemalloc over {traced} servers, per 1,000 servers):")
    print(f"    {'':<22}{'simcord':>12}{'discord.py':>12}{'ours':>12}{'bot side':>12}")
    bot_side: dict[str, float] = {}
    for kind, label in (("bare", "bare discord.Client"), ("sole", "Sole Archive")):
        shares: dict[str, int] = run_child(kind, traced, trace=True)["shares"]  # type: ignore[assignment]
        per = {who: shares.get(who, 0) * 1000 / traced for who in ("simcord", "discord.py", "ours")}
        bot_side[kind] = per["discord.py"] + per["ours"]
        cells = "".join(f"{mb(per[who]):>12}" for who in ("simcord", "discord.py", "ours"))
        print(f"    {label:<22}{cells}{mb(bot_side[kind]):>12}")
    print(
        f"  bot side per 1,000 servers (the bot's own cache, without the simulated Discord): "
        f"{bot_side['sole'] / bot_side['bare']:.2f}x the bare client"
    )


if __name__ == "__main__":
    main()
