"""A throwaway PostgreSQL server for the tests: Debian's binaries, initdb in a temporary folder, a Unix socket.

PostgreSQL refuses to run as root (and CI runs as root), so the server runs as the ``postgres`` user
(created by Debian's postgresql package) through ``runuser``; the test process connects over the socket
with trust authentication. Without the server binaries the PostgreSQL tests are skipped locally, and fail
under ``CI=true``: CI must run both backends.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

__all__ = ["PgServer", "find_bin", "require_postgres"]


def find_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def require_postgres() -> Path:
    """The server's bin folder, or skip (locally) / fail (CI) without it."""
    bin_dir = find_bin()
    problem = None
    if bin_dir is None:
        problem = "PostgreSQL server binaries (initdb) not found; apt-get install postgresql"
    elif os.geteuid() == 0 and shutil.which("runuser") is None:
        problem = "running as root and runuser is missing"
    if problem is not None:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"CI must run the PostgreSQL tests: {problem}")
        pytest.skip(problem)
    assert bin_dir is not None
    return bin_dir


class PgServer:
    """One server in its own folder; ``url(name)`` is a database on it."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.folder = Path(tempfile.mkdtemp(prefix="sole-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self._as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "--auth=trust", "--no-locale", "-E", "UTF8", "-U", "postgres")

    def _run(self, tool: str, *args: str) -> None:
        done = subprocess.run(
            [*self._as_postgres, str(self.bin_dir / tool), *args], capture_output=True, text=True, timeout=120
        )
        if done.returncode != 0:
            raise RuntimeError(f"{tool} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")

    def start(self, *, durable: bool = False) -> None:
        """Tests run without fsync (the server is thrown away); ``durable`` benchmarks keep it on."""
        options = f"-k {self.folder} -c listen_addresses='' -c max_connections=200"
        if not durable:
            options += " -c fsync=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "start")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def url(self, name: str = "postgres") -> str:
        return f"postgresql://postgres@/{name}?host={self.folder}"

    def shared_migrated(self) -> str:
        """One database at the current schema for the store tests, emptied (TRUNCATE) before each use:
        much cheaper than a CREATE DATABASE per test."""
        name = self.migrated_template()
        tables = getattr(self, "_tables", None)
        if tables is None:
            tables = self._tables = self.psql(
                "SELECT string_agg(quote_ident(tablename), ', ') FROM pg_tables "
                "WHERE schemaname = 'public' AND tablename != 'sole_schema'",
                name,
            ).strip()
        self.psql(f"TRUNCATE {tables} RESTART IDENTITY CASCADE", name)
        return name

    def migrated_template(self) -> str:
        """A database at the current schema, created once (the store tests' shared database)."""
        if not getattr(self, "_template", None):
            import asyncio
            import threading

            self.psql('CREATE DATABASE "sole_template"')

            async def migrate() -> None:
                from bot.storage import Database

                database = await Database.open(self.url("sole_template"))
                await database.close()

            worker = threading.Thread(target=asyncio.run, args=(migrate(),))
            worker.start()
            worker.join()
            self._template = "sole_template"
        return str(self._template)

    def fresh_name(self) -> str:
        return f"t_{uuid.uuid4().hex[:12]}"

    def psql(self, sql: str, database: str = "postgres") -> str:
        done = subprocess.run(
            [str(self.bin_dir / "psql"), "-h", str(self.folder), "-U", "postgres", "-d", database, "-Atc", sql],
            capture_output=True,
            text=True,
            timeout=60,
        )
        if done.returncode != 0:
            raise RuntimeError(done.stderr)
        return done.stdout

    def destroy(self) -> None:
        with contextlib.suppress(RuntimeError):
            self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)
