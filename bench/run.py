"""Sole Archive benchmarks. Every figure is printed beside a floor measured in the same run.

    python bench/run.py [--quick]

1. Autocomplete latency (p50/p99) over synthetic catalogs of 1k/10k/100k entries, against the
   naive floor: rapidfuzz ``process.extract`` (WRatio) over every name.
2. Load + validate + index time, as a ratio to the raw ``yaml.CSafeLoader`` parse of the same file.
3. ``/shoe`` handling time against a bare discord.py bot answering a static string, both driven
   through simcord the same way, interleaved in one run.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import synthetic  # noqa: E402
import yaml  # noqa: E402
from rapidfuzz import fuzz, process, utils  # noqa: E402

from bot.catalog import NameIndex, Ref, load_catalog  # noqa: E402


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def queries(names: list[str], count: int, rng: random.Random) -> list[str]:
    """What members type: prefixes of real names, typos of them, and short fragments."""
    out = []
    for _ in range(count):
        name = rng.choice(names).lower()
        kind = rng.random()
        if kind < 0.4:
            out.append(name[: rng.randint(1, max(1, len(name)))])
        elif kind < 0.8:
            chars = list(name)
            position = rng.randrange(len(chars))
            chars[position] = rng.choice("abcdefghijklmnopqrstuvwxyz")
            out.append("".join(chars))
        else:
            out.append(rng.choice(synthetic.WORDS)[: rng.randint(2, 5)])
    return out


def timed_calls(call: Callable[[str], object], inputs: list[str]) -> list[float]:
    out = []
    for text in inputs:
        start = time.perf_counter()
        call(text)
        out.append((time.perf_counter() - start) * 1000)
    return out


def complete_with(index: NameIndex, text: str) -> object:
    return index.complete(text, 25)


def naive_extract(names: list[str], text: str) -> object:
    return process.extract(text, names, scorer=fuzz.WRatio, processor=utils.default_process, limit=25)


def shoe_index(size: int) -> tuple[NameIndex, list[str]]:
    """A /shoe index over ``size`` synthetic silhouettes, built as the catalog builds its own."""
    data = synthetic.build(int(size * 2.5))
    brands = {brand["id"]: brand["name"] for brand in data["brands"]}
    items = []
    for shoe in data["silhouettes"][:size]:
        label = f"{brands[shoe['brand']]} {shoe['name']}"
        items.append((Ref("silhouette", shoe["id"]), label, (shoe["name"], label, *shoe["aliases"]), 0.0))
    return NameIndex(items), [label for _, label, _, _ in items]


def bench_autocomplete(sizes: list[int], samples: int) -> None:
    print("\n## Autocomplete latency (ms) over N shoe names; floor: naive rapidfuzz extract (WRatio) over all names")
    print(f"{'names':>8} {'ours p50':>9} {'ours p99':>9} {'naive p50':>10} {'naive p99':>10} {'p99 ratio':>10}")
    rng = random.Random(11)
    for size in sizes:
        index, names = shoe_index(size)
        typed = queries(names, samples, rng)
        # Each in its own block after a full collection, with long-lived objects frozen as in a
        # running bot, so one side's garbage is not collected on the other side's clock.
        gc.collect()
        gc.freeze()
        ours = timed_calls(partial(complete_with, index), typed)
        gc.collect()
        naive = timed_calls(partial(naive_extract, names), typed)
        gc.unfreeze()
        p99o, p99n = percentile(ours, 0.99), percentile(naive, 0.99)
        print(
            f"{size:>8} {percentile(ours, 0.5):>9.3f} {p99o:>9.3f} "
            f"{percentile(naive, 0.5):>10.3f} {p99n:>10.3f} {p99o / p99n:>9.2f}x"
        )


def bench_loader(sizes: list[int], repeats: int) -> None:
    print(f"\n## Load + validate + index vs the raw CSafeLoader parse of the same file (s, best of {repeats})")
    print("   Our loader pauses the cyclic GC while it builds; the floor is shown both ways so the")
    print("   ratio that matters (vs a parse under the same GC regime) is not flattered.")
    print(f"{'entries':>8} {'MB':>6} {'raw':>8} {'raw,noGC':>9} {'ours':>8} {'vs raw':>7} {'vs noGC':>8}")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    def raw_parse(path: Path) -> None:
        yaml.load(path.read_text(encoding="utf-8"), Loader=loader)

    def raw_parse_no_gc(path: Path) -> None:
        gc.disable()
        try:
            raw_parse(path)
        finally:
            gc.enable()

    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            path = synthetic.write(size, Path(tmp) / str(size))
            best = {"raw": float("inf"), "nogc": float("inf"), "ours": float("inf")}
            for _ in range(repeats):
                for label, call in (("raw", raw_parse), ("nogc", raw_parse_no_gc), ("ours", load_catalog)):
                    gc.collect()
                    start = time.perf_counter()
                    call(path)
                    best[label] = min(best[label], time.perf_counter() - start)
            raw, nogc, ours = best["raw"], best["nogc"], best["ours"]
            print(
                f"{size:>8} {path.stat().st_size / 1e6:>6.1f} {raw:>8.3f} {nogc:>9.3f} {ours:>8.3f} "
                f"{ours / raw:>6.2f}x {ours / nogc:>7.2f}x"
            )


async def bench_command(iterations: int, rounds: int = 3) -> None:
    """/shoe vs a bare bot's static /ping, both driven by simcord the same way.

    simcord drives one bot per environment, so the two bots take turns in alternating rounds
    (ours, bare, ours, bare, ...) within one run, each round after a warm-up.
    """
    import discord
    import simcord
    from discord.ext import commands

    from bot.settings import Settings
    from bot.shell.client import SoleArchive
    from bot.storage import Database

    class BareBot(commands.Bot):
        async def setup_hook(self) -> None:
            @self.tree.command(name="ping", description="static answer")
            async def ping(interaction: discord.Interaction) -> None:
                await interaction.response.send_message("pong")

            await self.tree.sync()

    async def drive(bot: commands.Bot, name: str, options: dict[str, str]) -> tuple[list[float], list[float]]:
        """(simcord round trips, time inside discord.py from tree dispatch to the sent response), in ms."""
        round_trips: list[float] = []
        handled: list[float] = []
        original = bot.tree._call

        async def timed_call(interaction: discord.Interaction) -> None:
            start = time.perf_counter()
            await original(interaction)
            handled.append((time.perf_counter() - start) * 1000)

        bot.tree._call = timed_call  # type: ignore[method-assign]
        async with simcord.run(bot, shard_count=1) as env:  # SoleArchive is sharded: one simulated shard
            guild = env.create_guild()
            channel = guild.create_text_channel("general")
            member = guild.add_member(env.create_user("m"))
            for step in range(iterations + 20):
                start = time.perf_counter()
                result = await member.slash(channel, name, **options)
                elapsed = (time.perf_counter() - start) * 1000
                assert result.response is not None
                if step >= 20:  # the first 20 warm caches up
                    round_trips.append(elapsed)
        return round_trips, handled[20:]

    catalog = load_catalog()
    ours_trip: list[float] = []
    ours_inside: list[float] = []
    bare_trip: list[float] = []
    bare_inside: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for round_number in range(rounds):
            path = Path(tmp) / f"bench-{round_number}.sqlite3"
            database = await Database.open(path)
            ours = SoleArchive(settings=Settings(database=path), catalog=catalog, database=database)
            trips, inside = await drive(ours, "shoe", {"name": "silhouette:asics-gel-kayano-14"})
            ours_trip += trips
            ours_inside += inside
            await database.close()
            trips, inside = await drive(BareBot(command_prefix="!", intents=discord.Intents.none()), "ping", {})
            bare_trip += trips
            bare_inside += inside
    print(
        f"\n## /shoe vs a bare discord.py bot's static /ping, both driven by simcord ({rounds} alternating "
        f"rounds of {iterations})"
    )
    print("   inside discord.py: tree dispatch -> command -> response sent (the bots' own work), ms")
    _ratio_table(bare_inside, ours_inside)
    print("   whole simcord round trip (adds simcord's settling, which differs by bot: read with care), ms")
    _ratio_table(bare_trip, ours_trip)


def _ratio_table(floor: list[float], ours: list[float]) -> None:
    print(f"   {'':>12} {'p50':>8} {'p99':>8} {'mean':>8}")
    for label, samples in (("bare /ping", floor), ("our /shoe", ours)):
        print(
            f"   {label:>12} {percentile(samples, 0.5):>8.3f} {percentile(samples, 0.99):>8.3f} "
            f"{statistics.fmean(samples):>8.3f}"
        )
    print(
        f"   {'ratio':>12} {percentile(ours, 0.5) / percentile(floor, 0.5):>7.2f}x "
        f"{percentile(ours, 0.99) / percentile(floor, 0.99):>7.2f}x "
        f"{statistics.fmean(ours) / statistics.fmean(floor):>7.2f}x"
    )


def bench_handler_work(iterations: int) -> None:
    """What /shoe computes per call (resolve the name, build the embed and buttons), without simcord."""
    import discord

    from cogs.facts import _shoe_view
    from cogs.shared.lookup import resolve
    from cogs.shared.render import shoe_embed

    catalog = load_catalog()

    async def work() -> tuple[list[float], list[float]]:
        ours, floor = [], []
        for _ in range(iterations):
            start = time.perf_counter()
            ref = resolve(catalog, catalog.shoe_index, "kayano 14", what="shoe", example="x")
            shoe = catalog.silhouettes[ref.id]
            shoe_embed(catalog, shoe).to_dict()
            _shoe_view(shoe).to_components()
            ours.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            discord.Embed(title="pong").to_dict()
            floor.append((time.perf_counter() - start) * 1000)
        return ours, floor

    ours, floor = asyncio.run(work())
    print("\n## Inside the handler: /shoe's own work vs building a static embed (ms)")
    print(f"   /shoe resolve+embed+view p50 {percentile(ours, 0.5):.3f}  p99 {percentile(ours, 0.99):.3f}")
    print(f"   static embed             p50 {percentile(floor, 0.5):.3f}  p99 {percentile(floor, 0.99):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smaller sizes and fewer samples")
    args = parser.parse_args()
    sizes = [1_000, 10_000] if args.quick else [1_000, 10_000, 100_000]
    print(f"Python {sys.version.split()[0]}, PyYAML C loader: {hasattr(yaml, 'CSafeLoader')}")
    bench_autocomplete(sizes, 300 if args.quick else 1000)
    bench_loader(sizes, 2 if args.quick else 3)
    asyncio.run(bench_command(100 if args.quick else 300, 2 if args.quick else 3))
    bench_handler_work(500 if args.quick else 2000)


if __name__ == "__main__":
    main()
