"""Log formats (``SOLE_LOG_FORMAT``): text for people, JSON lines for log collectors; secrets masked in both.

The token is a ``Secret`` and never formatted on purpose; the redaction here is the second line of
defence, for a secret that reaches a message anyway (a library echoing a URL, an exception's text):
the token's value and the password of any ``scheme://user:password@host`` URL become ``********``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Iterable
from typing import Any

__all__ = ["MASK", "JsonFormatter", "RedactingFormatter"]

MASK = "********"
_URL_PASSWORD = re.compile(r"(?P<head>[a-z][a-z0-9+.-]*://[^\s:/@]+:)[^\s@]+(?=@)", re.IGNORECASE)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, and exc_info when present."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exc_info"] = record.exc_text
        if record.stack_info:
            entry["stack_info"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class RedactingFormatter(logging.Formatter):
    """Formats with ``inner``, then masks every secret in the finished line (message, traceback, all)."""

    def __init__(self, inner: logging.Formatter, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.inner = inner
        # Longest first, so a secret that contains another is masked whole; very short values are not
        # secrets worth masking and would shred ordinary words.
        self._secrets = sorted({secret for secret in secrets if len(secret) >= 8}, key=len, reverse=True)

    def format(self, record: logging.LogRecord) -> str:
        return redact(self.inner.format(record), self._secrets)


def redact(text: str, secrets: Iterable[str]) -> str:
    for secret in secrets:
        text = text.replace(secret, MASK)
        escaped = json.dumps(secret)[1:-1]  # the same secret inside a JSON string
        if escaped != secret:
            text = text.replace(escaped, MASK)
    return _URL_PASSWORD.sub(lambda match: f"{match['head']}{MASK}", text)
