"""The database file (WAL, migrations) and the catalog store's reload."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from bot.catalog import CatalogError, load_catalog
from bot.catalog.store import CatalogStore
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
