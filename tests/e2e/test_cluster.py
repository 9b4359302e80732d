"""Two bot processes, one bot: SOLE_SHARD_COUNT=2, one shard each, one PostgreSQL database.

Each process drives its own simulated Discord (tests/e2e/cluster_child.py), which carries only that
process's shard. Between them: a game in a server on each, each server's leaderboard its own, the daily
post exactly once per server (also while two processes both run the shard during a reshard), and a
/facts reload that reaches both.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import FIXTURE_DATA

ROOT = Path(__file__).parents[2]
CHILD = Path(__file__).with_name("cluster_child.py")
SHARED_GUILD = (1234567 << 22) * 2  # snowflakes on shard 0 of 2, pinned so both worlds share them
SHARED_CHANNEL = SHARED_GUILD + (1 << 23)


class Process:
    """One bot process; ``ask`` sends a command line and returns its JSON answer."""

    def __init__(self, name: str, environ: dict[str, str]) -> None:
        self.name = name
        self.stderr = open(environ["LOG_FILE"], "w", encoding="utf-8")  # noqa: SIM115 - closed in stop()
        self.child = subprocess.Popen(
            [sys.executable, str(CHILD)],
            cwd=ROOT,
            env=environ,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
            text=True,
        )
        self._answers: queue.Queue[dict[str, Any]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.ready = self._next(60)

    def _read(self) -> None:
        assert self.child.stdout is not None
        for line in self.child.stdout:
            if line.startswith("@@ "):
                self._answers.put(json.loads(line[3:]))

    def _next(self, timeout: float) -> dict[str, Any]:
        try:
            return self._answers.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"{self.name} did not answer; its log:\n{self.log()[-4000:]}") from None

    def ask(self, command: str, timeout: float = 60) -> dict[str, Any]:
        assert self.child.stdin is not None
        self.child.stdin.write(command + "\n")
        self.child.stdin.flush()
        answer = self._next(timeout)
        assert "error" not in answer, answer
        return answer

    def log(self) -> str:
        self.stderr.flush()
        return Path(self.stderr.name).read_text(encoding="utf-8")

    def stop(self) -> None:
        if self.child.stdin is not None:
            self.child.stdin.close()
        try:
            self.child.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.child.kill()
            self.child.wait()
        self.stderr.close()


@pytest.fixture
def start(tmp_path: Path, pg_url: str) -> Iterator[Any]:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    started: list[Process] = []

    def launch(name: str, shard_ids: str) -> Process:
        environ = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests")]),
            "SOLE_DATABASE_URL": pg_url,
            "SOLE_DATABASE": str(tmp_path / f"{name}-unused.sqlite3"),
            "SOLE_SHARD_COUNT": "2",
            "SOLE_SHARD_IDS": shard_ids,
            "SOLE_DATA_DIR": str(data),
            "DISCORD_TOKEN": "",
            "LOG_FILE": str(tmp_path / f"{name}.log"),
        }
        process = Process(name, environ)
        started.append(process)
        return process

    launch.data = data  # type: ignore[attr-defined]
    yield launch
    for process in started:
        process.stop()


def _until(check: Any, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "never happened"
        time.sleep(0.1)


def test_two_processes_one_shard_each_share_one_postgresql(start: Any) -> None:
    zero, one = start("shard-0", "0"), start("shard-1", "1")
    assert (zero.ready["shards"], one.ready["shards"], zero.ready["count"]) == ([0], [1], 2)
    # commands are synced by shard 0's process only
    assert "synced" in zero.log() and "not syncing commands: shard 0's process does" in one.log()

    here = zero.ask("setup Zero 0")
    there = one.ask("setup One 1")
    assert "Locked in" in zero.ask("game")["acks"][0]
    assert "Locked in" in one.ask("game")["acks"][0]
    board_here, board_there = zero.ask("board")["text"], one.ask("board")["text"]
    assert all(f"<@{member}>" in board_here for member in here["members"])
    assert not any(f"<@{member}>" in board_here for member in there["members"])  # each server its own
    assert all(f"<@{member}>" in board_there for member in there["members"])
    assert not any(f"<@{member}>" in board_there for member in here["members"])

    # The daily post: each server's post goes out once, by the process that runs its shard. Both
    # processes see both servers' settings and wake up for both.
    zero.ask("daily 01:00")
    one.ask("daily 01:00")
    zero.ask("advance 7200")
    one.ask("advance 7200")
    assert (zero.ask("posts")["posts"], one.ask("posts")["posts"]) == (1, 1)
    zero.ask("advance 3600")
    one.ask("advance 3600")
    assert (zero.ask("posts")["posts"], one.ask("posts")["posts"]) == (1, 1)

    # /facts reload in one process reaches the other
    before = one.ask("version")["version"]
    extra = start.data / "extra.yaml"  # type: ignore[attr-defined]
    extra.write_text(
        "silhouettes:\n  - {id: asics-gt-2160, name: GT-2160, brand: asics, sources: [gqjp-2020-gk14]}\n",
        encoding="utf-8",
    )
    reloaded = zero.ask("reload")
    assert "Reloaded" in reloaded["text"] and reloaded["version"] != before
    _until(lambda: one.ask("version")["version"] == reloaded["version"])
    assert "facts reloaded (asked by another process" in one.log()


def test_the_daily_post_goes_out_once_while_two_processes_run_the_same_shard(start: Any) -> None:
    """A reshard: the old process still runs shard 0 while the new one (shards 0 and 1) has started."""
    old, new = start("old", "0"), start("new", "0,1")
    syncs = ["synced" in process.log() for process in (old, new)]
    assert sorted(syncs) == [False, True]  # both run shard 0: the command-sync lock lets one sync
    assert "another process holds the command-sync lock" in (old.log() + new.log())
    a = old.ask(f"setup Shared 0 {SHARED_GUILD} {SHARED_CHANNEL}")
    b = new.ask(f"setup Shared 0 {SHARED_GUILD} {SHARED_CHANNEL}")
    assert (a["guild"], a["channel"]) == (b["guild"], b["channel"])  # the same server and channel in both
    old.ask("daily 01:00")
    old.ask("advance 7200")
    new.ask("advance 7200")
    assert old.ask("posts")["posts"] + new.ask("posts")["posts"] == 1
