"""SOLE_LOG_FORMAT: JSON lines with time, level, logger, message and exc_info; secrets never in a log line."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest

from bot import cli
from bot.cli import _setup_logging
from bot.logs import MASK, JsonFormatter, RedactingFormatter
from bot.settings import Secret, Settings

TOKEN = "MTIzNDU2Nzg5.fake-token.abcdefghijklmnop"


@pytest.fixture
def root_logging() -> Iterator[None]:
    """Leave the root logger as it was: _setup_logging replaces its handlers."""
    root = logging.getLogger()
    handlers, level, installed = root.handlers[:], root.level, cli._installed[:]
    root.handlers[:] = []  # a handler an earlier test's main() left may write to a closed capture
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    cli._installed[:] = installed  # so the next main() still replaces the handler it finds


def record(message: str, *args: object, exc: BaseException | None = None) -> logging.LogRecord:
    exc_info = (type(exc), exc, exc.__traceback__) if exc is not None else None
    return logging.LogRecord("bot.test", logging.WARNING, __file__, 1, message, args, exc_info)


def test_a_json_line_has_time_level_logger_message_and_the_traceback() -> None:
    try:
        raise ValueError("boom")
    except ValueError as error:
        line = JsonFormatter().format(record("game %s failed", 7, exc=error))
    assert "\n" not in line
    entry = json.loads(line)
    assert set(entry) == {"time", "level", "logger", "message", "exc_info"}
    assert entry["level"] == "WARNING" and entry["logger"] == "bot.test" and entry["message"] == "game 7 failed"
    assert entry["time"].endswith("+00:00") and "ValueError: boom" in entry["exc_info"]
    assert "exc_info" not in json.loads(JsonFormatter().format(record("fine")))


def test_the_token_and_url_passwords_are_masked_in_messages_and_tracebacks() -> None:
    formatter = RedactingFormatter(JsonFormatter(), [TOKEN])
    try:
        raise RuntimeError(f"login failed with {TOKEN}")
    except RuntimeError as error:
        line = formatter.format(
            record("connecting to %s with %s", "postgresql://sole:hunter2pass@db/sole", TOKEN, exc=error)
        )
    assert TOKEN not in line and "hunter2pass" not in line
    entry = json.loads(line)
    assert entry["message"] == f"connecting to postgresql://sole:{MASK}@db/sole with {MASK}"
    assert f"login failed with {MASK}" in entry["exc_info"]


def test_the_entry_points_json_logging_writes_one_object_per_line_without_the_token(
    root_logging: None, capsys: pytest.CaptureFixture[str]
) -> None:
    _setup_logging(Settings(token=Secret(TOKEN), log_format="json"))
    logging.getLogger("bot.shell.runner").info("logging in with %s", TOKEN)
    logging.getLogger("discord.client").warning("plain line")
    lines = capsys.readouterr().err.strip().splitlines()
    entries = [json.loads(line) for line in lines]
    assert [(e["logger"], e["message"]) for e in entries] == [
        ("bot.shell.runner", f"logging in with {MASK}"),
        ("discord.client", "plain line"),
    ]


def test_the_entry_points_text_logging_masks_the_token_too(
    root_logging: None, capsys: pytest.CaptureFixture[str]
) -> None:
    _setup_logging(Settings(token=Secret(TOKEN)))
    logging.getLogger("bot").warning("token is %s", TOKEN)
    err = capsys.readouterr().err
    assert TOKEN not in err and f"token is {MASK}" in err
