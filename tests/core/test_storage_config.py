"""The database file (WAL, migrations), the catalog store's reload, settings and the CLI."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from bot.catalog import CatalogError, load_catalog
from bot.catalog.store import CatalogStore
from bot.cli import main
from bot.config import ConfigError, Secret, Settings
from bot.storage import ChannelFacts, Database, MetaStore, load_migrations

FIXTURES = Path(__file__).parents[1] / "fixtures"


async def test_database_is_a_wal_file_at_the_latest_schema(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "nested" / "bot.sqlite3")
    try:
        assert await db.journal_mode() == "wal"
        assert await db.version() == len(load_migrations())
    finally:
        await db.close()
    with sqlite3.connect(tmp_path / "nested" / "bot.sqlite3") as raw:
        tables = {row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"bot_meta", "channel_last_fact"} <= tables


async def test_reopening_does_not_migrate_twice_and_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    db = await Database.open(path)
    await MetaStore(db).set("k", "v1")
    await ChannelFacts(db).remember(1, 2, "fact-a")
    await db.close()
    db = await Database.open(path)
    try:
        assert await MetaStore(db).get("k") == "v1"
        assert await ChannelFacts(db).last(1) == "fact-a"
        await ChannelFacts(db).remember(1, 2, "fact-b")
        assert await ChannelFacts(db).last(1) == "fact-b"
    finally:
        await db.close()


async def test_a_database_newer_than_the_code_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA user_version = 999")
    with pytest.raises(RuntimeError, match="newer than this code"):
        await Database.open(path)


def test_migrations_are_numbered_without_gaps() -> None:
    migrations = load_migrations()
    assert [m.version for m in migrations] == list(range(1, len(migrations) + 1))


async def test_a_bad_reload_keeps_the_old_catalog_serving(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "catalog", data)
    store = CatalogStore(load_catalog(data), data)
    before = store.current
    (data / "broken.yaml").write_text("brands:\n  - id: nike\n    name: Nike again\n", encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        await store.reload()
    assert store.current is before
    assert any(p.file.endswith("broken.yaml") and p.entry == "nike" for p in caught.value.problems)
    (data / "broken.yaml").unlink()
    (data / "extra.yaml").write_text(
        "silhouettes:\n  - {id: asics-gt-2160, name: GT-2160, brand: asics, sources: [gqjp-2020-gk14]}\n",
        encoding="utf-8",
    )
    after = await store.reload()
    assert store.current is after and "asics-gt-2160" in after.silhouettes
    assert before.version != after.version


def test_settings_from_environment() -> None:
    settings = Settings.from_env(
        {"DISCORD_TOKEN": "abc.def", "SOLE_OWNER_IDS": "1, 2", "SOLE_DEV_GUILD_ID": "33", "SOLE_LOG_LEVEL": "debug"}
    )
    assert settings.token.reveal() == "abc.def"
    assert settings.owner_ids == frozenset({1, 2})
    assert settings.dev_guild_id == 33
    assert settings.log_level == "DEBUG"
    assert Settings.from_env({}).token.reveal() == ""


def test_the_token_never_shows_in_reprs() -> None:
    settings = Settings.from_env({"DISCORD_TOKEN": "super-secret-token"})
    assert "super-secret-token" not in repr(settings)
    assert "super-secret-token" not in str(settings.token)
    assert repr(Secret("x")) == "Secret('********')"


@pytest.mark.parametrize(
    ("variable", "value"),
    [("SOLE_OWNER_IDS", "me"), ("SOLE_DEV_GUILD_ID", "-5"), ("SOLE_LOG_LEVEL", "LOUD"), ("SOLE_PLAYGROUND_PORT", "x")],
)
def test_bad_settings_name_the_variable(variable: str, value: str) -> None:
    with pytest.raises(ConfigError, match=variable):
        Settings.from_env({variable: value})


def test_cli_validate_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["facts", "validate", str(FIXTURES / "catalog")]) == 0
    assert "OK:" in capsys.readouterr().out
    assert main(["facts", "validate", str(FIXTURES / "broken" / "many_problems.yaml")]) == 1
    err = capsys.readouterr().err
    assert "many_problems.yaml:11: asics: sources: low-tier sources never stand alone" in err
    assert err.count("many_problems.yaml:") >= 10


def test_cli_stats(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["facts", "stats", str(FIXTURES / "catalog")]) == 0
    out = capsys.readouterr().out
    assert "silhouettes" in out and "collaborations" in out


def test_cli_reload_validates_then_signals_the_running_bot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import subprocess
    import sys
    import time

    marker = tmp_path / "hup"
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import signal, sys, time, pathlib\n"
            f"signal.signal(signal.SIGHUP, lambda *a: (pathlib.Path({str(marker)!r}).write_text('hup'), sys.exit(0)))\n"
            "print('ready', flush=True)\n"
            "time.sleep(30)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    (tmp_path / "bot.pid").write_text(str(child.pid), encoding="utf-8")
    monkeypatch.setenv("SOLE_DATABASE", str(tmp_path / "bot.sqlite3"))
    monkeypatch.setenv("SOLE_DATA_DIR", str(FIXTURES / "catalog"))
    assert main(["facts", "reload"]) == 0
    assert f"asked the running bot (pid {child.pid}) to reload" in capsys.readouterr().out
    child.wait(timeout=10)
    assert marker.read_text() == "hup"

    monkeypatch.setenv("SOLE_DATA_DIR", str(FIXTURES / "broken" / "many_problems.yaml"))
    started = time.monotonic()
    assert main(["facts", "reload"]) == 1  # invalid data never reaches the bot
    assert time.monotonic() - started < 10
