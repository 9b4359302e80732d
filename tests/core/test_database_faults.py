"""Storage faults at start-up and while running: a clear refusal, never a hang or a silent loss."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import EXIT_DATABASE
from bot.storage import Database
from bot.storage.database import DatabaseOpenError
from bot.storage.writer import DatabaseGoneError

ROOT = Path(__file__).parents[2]


async def test_an_unusable_path_says_which_path_and_why(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    with pytest.raises(DatabaseOpenError) as caught:
        await Database.open(blocker / "sole.sqlite3")
    assert str(blocker / "sole.sqlite3") in str(caught.value)
    assert "cannot be created" in str(caught.value)


@pytest.mark.parametrize("command", [["playground", "--port", "0"], ["run"]])
def test_the_entry_point_fails_fast_with_the_setting_to_change(tmp_path: Path, command: list[str]) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    env = {
        **os.environ,
        "SOLE_DATABASE": str(blocker / "sole.sqlite3"),
        "DISCORD_TOKEN": "x" if command == ["run"] else "",
    }
    done = subprocess.run(
        [sys.executable, "-m", "bot", *command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == EXIT_DATABASE, done.stderr
    assert "cannot use the database" in done.stderr and "SOLE_DATABASE" in done.stderr
    assert "Traceback" not in done.stderr


async def test_a_database_deleted_while_running_takes_no_more_answers(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "sole.sqlite3"
    database = await Database.open(path)
    try:
        writer = database.writer
        assert writer is not None
        await writer.write(("INSERT INTO bot_meta (key, value) VALUES (?, ?)", ("before", "1")))
        for suffix in ("", "-wal", "-shm"):
            os.unlink(f"{path}{suffix}")
        caplog.set_level(logging.ERROR)
        with pytest.raises(DatabaseGoneError):
            await writer.write(("INSERT INTO bot_meta (key, value) VALUES (?, ?)", ("after", "1")))
        with pytest.raises(DatabaseGoneError):  # and it keeps refusing, logging it once
            await writer.write(("INSERT INTO bot_meta (key, value) VALUES (?, ?)", ("later", "1")))
        assert sum("deleted or replaced" in record.getMessage() for record in caplog.records) == 1
    finally:
        await database.close()


def test_an_existing_database_in_a_read_only_folder_fails_fast(tmp_path: Path) -> None:
    """Item 9: a clear refusal and exit 3 at once, not a live process that never connects.

    Root writes through any mode bits, so as root the folder is made read-only for real: the bot runs in
    its own mount namespace where the folder is bind-mounted read-only (``unshare``).
    """
    import shutil
    import sqlite3

    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "sole.sqlite3"
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE existing (x)")
    command = [sys.executable, "-m", "bot", "run"]
    if os.geteuid() == 0:
        unshare = shutil.which("unshare")
        if unshare is None:
            pytest.skip("running as root, and without unshare(1) no folder can be made read-only for root")
        remount = f"mount --bind {folder} {folder} && mount -o remount,ro,bind {folder} || exit 97"
        command = [unshare, "--mount", "sh", "-c", f'{remount}; exec "$0" "$@"', *command]
    else:
        path.chmod(0o444)
        folder.chmod(0o555)
    env = {**os.environ, "SOLE_DATABASE": str(path), "DISCORD_TOKEN": "x"}
    try:
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    finally:
        folder.chmod(0o755)
    if done.returncode == 97:
        pytest.skip(f"running as root, and this machine allows no read-only bind mount: {done.stderr.strip()}")
    assert done.returncode == EXIT_DATABASE, done.stderr
    assert str(path) in done.stderr and "SOLE_DATABASE" in done.stderr
    assert "Traceback" not in done.stderr
