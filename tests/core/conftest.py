"""Fixtures of the core's store tests: each store on the test's own database, with a clock that never sleeps."""

from __future__ import annotations

import pytest
from helpers import Clock

from bot.storage import CustomQuestionStore, Database, ReportQueue


@pytest.fixture
def questions(database: Database) -> CustomQuestionStore:
    return CustomQuestionStore(database, clock=Clock())


@pytest.fixture
def reports(database: Database) -> ReportQueue:
    return ReportQueue(database, clock=Clock())
