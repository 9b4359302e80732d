"""Operations settings and the writer's commit observer (what /metrics counts commits with)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.settings import ConfigError, Settings
from bot.storage import Database


def test_metrics_and_log_format_settings() -> None:
    default = Settings.from_env({})
    assert default.metrics_port is None and default.metrics_host == "127.0.0.1" and default.log_format == "text"
    configured = Settings.from_env(
        {"SOLE_METRICS_PORT": "9464", "SOLE_METRICS_HOST": "0.0.0.0", "SOLE_LOG_FORMAT": "JSON"}
    )
    assert configured.metrics_port == 9464
    assert configured.metrics_host == "0.0.0.0"
    assert configured.log_format == "json"


@pytest.mark.parametrize(("variable", "value"), [("SOLE_METRICS_PORT", "http"), ("SOLE_LOG_FORMAT", "xml")])
def test_bad_operations_settings_name_the_variable(variable: str, value: str) -> None:
    with pytest.raises(ConfigError, match=variable):
        Settings.from_env({variable: value})


async def test_the_writer_tells_observers_each_commits_batch_size(tmp_path: Path) -> None:
    database = await Database.open(tmp_path / "observed.sqlite3")
    writer = database.writer
    assert writer is not None
    seen: list[int] = []
    writer.add_commit_observer(seen.append)
    sql = "INSERT INTO bot_meta (key, value) VALUES (?, ?)"
    await writer.write((sql, ("one", "1")))
    # Five writes queued in the same instant share commits: the observer sees the batches, summing to five.
    await asyncio.gather(*(writer.write((sql, (f"k{i}", str(i)))) for i in range(5)))
    assert seen[0] == 1 and sum(seen[1:]) == 5 and len(seen) < 6
    writer.remove_commit_observer(seen.append)
    await writer.write((sql, ("after", "x")))
    assert sum(seen) == 6
    await database.close()


async def test_a_failing_observer_never_fails_a_committed_write(tmp_path: Path) -> None:
    database = await Database.open(tmp_path / "observed.sqlite3")
    assert database.writer is not None

    def broken(batch_size: int) -> None:
        raise RuntimeError("observer bug")

    database.writer.add_commit_observer(broken)
    await database.writer.write(("INSERT INTO bot_meta (key, value) VALUES (?, ?)", ("k", "v")))
    async with database.connection.execute("SELECT value FROM bot_meta WHERE key = 'k'") as cursor:
        assert await cursor.fetchone() == ("v",)
    await database.close()
