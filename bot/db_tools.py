"""``python -m bot db …``: copy the SQLite database into PostgreSQL, back the SQLite file up."""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import sys
from pathlib import Path

from .logs import redact
from .settings import Settings
from .storage.database import DatabaseOpenError, is_postgres_url
from .storage.sqlite.database import backup
from .storage.transfer import TransferError, copy_to_postgres

__all__ = ["EXIT_REFUSED", "run_db_command"]

EXIT_REFUSED = 1  # the copy or backup was refused (the message says why); nothing changed
EXIT_USAGE = 2
EXIT_DATABASE = 3


def run_db_command(args: argparse.Namespace, settings: Settings) -> int:
    if args.db_command == "migrate-to":
        return _migrate_to(settings.database, str(args.url))
    return _backup(settings, Path(args.path))


def _migrate_to(source: Path, url: str) -> int:
    if not is_postgres_url(url):
        shown = redact(url[:60], ())  # a mistyped scheme may still carry a password: never echo it
        print(f"migrate-to needs a postgresql:// URL, got {shown!r}", file=sys.stderr)
        return EXIT_USAGE
    try:
        counts = asyncio.run(copy_to_postgres(source, url))
    except TransferError as error:
        print(f"not copied: {error}", file=sys.stderr)
        return EXIT_REFUSED
    except DatabaseOpenError as error:
        print(f"{error}", file=sys.stderr)
        return EXIT_DATABASE
    width = max((len(count.table) for count in counts), default=5)
    for count in counts:
        print(f"{count.table:<{width}}  {count.source:>8} → {count.target:<8} ok")
    total = sum(count.target for count in counts)
    print(f"copied {total} rows in {len(counts)} tables from {source}; every count matches.")
    print("Set SOLE_DATABASE_URL to the same URL and start the bot.")
    return 0


def _backup(settings: Settings, target: Path) -> int:
    source = settings.database
    if settings.database_url:
        print(
            "the bot uses PostgreSQL (SOLE_DATABASE_URL): back it up with pg_dump; "
            f"this command copies the SQLite file {source}",
            file=sys.stderr,
        )
    if not source.is_file():
        print(f"there is no SQLite database at {source} (SOLE_DATABASE)", file=sys.stderr)
        return EXIT_REFUSED
    if target.exists():
        print(f"{target} already exists: give a new file name", file=sys.stderr)
        return EXIT_REFUSED
    try:
        asyncio.run(backup(source, target))
    except (OSError, sqlite3.Error) as error:
        print(f"cannot write the backup {target}: {error}", file=sys.stderr)
        return EXIT_DATABASE
    print(f"backed up {source} to {target} (a consistent copy, taken with SQLite's online backup API).")
    return 0
