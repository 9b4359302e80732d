"""Fixtures of the core's store tests: each store on the test's own database, with a clock that never sleeps.

``database`` here is the storage contract: every test of tests/core that takes it runs twice, on a
temporary SQLite file and on a database of its own on a real PostgreSQL server.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from helpers import Clock

from bot.storage import CustomQuestionStore, Database, ReportQueue


@pytest.fixture(params=["sqlite", "postgresql"])
def database_target(request: pytest.FixtureRequest, tmp_path: Path) -> Path | str:
    if request.param == "postgresql":
        return str(request.getfixturevalue("pg_migrated_url"))
    return tmp_path / "test.sqlite3"


@pytest.fixture
async def database(database_target: Path | str) -> AsyncIterator[Database]:
    db = await Database.open(database_target)
    yield db
    await db.close()


@pytest.fixture
def questions(database: Database) -> CustomQuestionStore:
    return CustomQuestionStore(database, clock=Clock())


@pytest.fixture
def reports(database: Database) -> ReportQueue:
    return ReportQueue(database, clock=Clock())
