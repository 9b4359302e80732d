"""A graceful stop (SIGTERM, SIGINT) mid-game: the game ends in the open, then the bot closes.

The bot runs in a child process against a simulated Discord, with the runner's own signal handlers;
the test sends it SIGTERM, as a supervisor would, and reads what the channel shows and what was saved.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "catalog"

CHILD = textwrap.dedent(
    """
    import asyncio, json, logging, sys
    from pathlib import Path

    import simcord

    from bot.settings import Settings
    from bot.shell.app import open_bot
    from bot.shell.runner import install_signal_handlers

    async def main(database, data):
        settings = Settings(database=Path(database), data_dir=Path(data))
        async with open_bot(settings) as bot:
            env = simcord.Env(bot, check_errors=False, shard_count=1)  # SoleArchive is sharded
            guild = env.create_guild("Sneakerheads")
            channel = guild.create_text_channel("general")
            member = guild.add_member(env.create_user("member"))
            await env.start()
            closed = asyncio.Event()
            close = bot.close

            async def close_and_say() -> None:
                await close()
                closed.set()

            bot.close = close_and_say
            try:
                await member.slash(channel, "trivia start", rounds=3, seconds=60)
                question = next(m for m in reversed(channel.history()) if m.embeds)
                await member.click(question, label=question.components[0].children[0].label)
                install_signal_handlers(bot)
                print("READY", flush=True)
                await closed.wait()
                shown = [
                    {"title": m.embeds[0].title if m.embeds else None, "buttons": [
                        c.label for row in m.components for c in row.children]}
                    for m in channel.history()
                ]
                print("CHANNEL " + json.dumps(shown), flush=True)
            finally:
                await env.shutdown()

    logging.basicConfig(level=logging.INFO)
    asyncio.run(main(sys.argv[1], sys.argv[2]))
    print("EXITED", flush=True)
    """
)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_graceful_stop_ends_the_game_with_its_reveal_and_standings(tmp_path: Path, signum: int) -> None:
    database = tmp_path / "stop.sqlite3"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(database), str(FIXTURE_DATA)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert child.stdout is not None
    first = child.stdout.readline()
    assert first.strip() == "READY", first + (child.stderr.read() if child.stderr else "")
    sent = time.monotonic()
    child.send_signal(signum)
    out, err = child.communicate(timeout=60)
    assert time.monotonic() - sent < 20, "the stop is bounded by the games' grace period"
    assert child.returncode == 0, err
    assert out.rstrip().endswith("EXITED"), err
    shown = json.loads(next(line for line in out.splitlines() if line.startswith("CHANNEL "))[8:])
    titles = [message["title"] for message in shown]
    assert "Question 1/3 · answer" in (titles[1] or "")  # the open question was revealed
    assert titles[-1] == "🏁 Game stopped for maintenance"  # and the standings say why it ended
    assert shown[1]["buttons"] == ["Learn more", "Report question"]  # no live answer button left
    with sqlite3.connect(database) as raw:
        (status,) = raw.execute("SELECT status FROM trivia_games").fetchone()
        (answers,) = raw.execute("SELECT COUNT(*) FROM trivia_answers").fetchone()
        (players,) = raw.execute("SELECT COUNT(*) FROM trivia_game_players").fetchone()
    assert status == "stopped" and answers == 1 and players == 1
    assert 0 <= err.index("ending 1 trivia game(s) for maintenance") < err.index("database closed"), err
