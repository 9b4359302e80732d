"""``python -m bot``: run the bot, the offline playground, command sync and maintainer tools."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from .catalog import Catalog, CatalogError, load_catalog
from .settings import ConfigError, Settings
from .storage.database import DatabaseOpenError

__all__ = ["EXIT_CONFIG", "EXIT_DATA", "EXIT_DATABASE", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_UNHEALTHY", "main"]

EXIT_OK = 0
EXIT_DATA = 1  # the fact files are invalid (every problem is listed)
EXIT_UNHEALTHY = 1  # `health`: the running bot answered 503, or did not answer
EXIT_CONFIG = 2  # a setting is invalid, or the command needs one that is not set (DISCORD_TOKEN, SOLE_METRICS_PORT)
EXIT_DATABASE = 3  # the database cannot be opened or written (the message says which path and why)
EXIT_INTERRUPTED = 130  # Ctrl+C before the bot could stop by itself
HEALTH_TIMEOUT = 5.0  # seconds `health` waits for /healthz

DESCRIPTION = """\
Sole Archive: a Discord bot for sneaker history.

With no command, runs the bot: connected to Discord when DISCORD_TOKEN is set (environment or
.env), otherwise the offline playground in your browser. Settings are listed in .env.example.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("run", help="connect to Discord with DISCORD_TOKEN, or start the playground without one")
    playground = commands.add_parser(
        "playground", help="the real bot against a simulated Discord, in your browser (no token needed)"
    )
    playground.add_argument("--port", type=int, default=None, help="port on 127.0.0.1 (default SOLE_PLAYGROUND_PORT)")
    commands.add_parser("sync", help="push the slash commands to Discord now (to SOLE_DEV_GUILD_ID when set)")
    commands.add_parser(
        "health",
        help="ask the running bot's /healthz (SOLE_METRICS_PORT); exit 0 when healthy, 1 when not (the reason)",
    )

    facts = commands.add_parser("facts", help="maintainer tools for the fact files in data/")
    facts_commands = facts.add_subparsers(dest="facts_command", metavar="ACTION", required=True)
    validate = facts_commands.add_parser(
        "validate", help="check fact files; exit 1 listing every problem as file:line: entry: field: message"
    )
    validate.add_argument(
        "paths", nargs="*", type=Path, help="files or folders, checked together as one catalog (default: data/)"
    )
    audit = facts_commands.add_parser(
        "audit",
        help="list weakly supported facts and questions as file:line: entry: field: message, then counts",
    )
    audit.add_argument(
        "--strict", action="store_true", help="exit 1 when any question rests on a field that is not quizzable"
    )
    audit.add_argument("paths", nargs="*", type=Path, help="files or folders, checked together (default: data/)")
    facts_commands.add_parser(
        "reload",
        help="validate data/, then ask the running bot to swap it in (it keeps the old data if anything is wrong)",
    )
    stats = facts_commands.add_parser("stats", help="count the entries of each section")
    stats.add_argument("paths", nargs="*", type=Path, help="files or folders (default: data/)")

    db = commands.add_parser("db", help="move and keep the bot's data")
    db_commands = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    migrate_to = db_commands.add_parser(
        "migrate-to",
        help="copy the SQLite database (SOLE_DATABASE) into an EMPTY PostgreSQL database, checking row counts",
    )
    migrate_to.add_argument("url", help="postgresql://user:password@host:port/database")
    backup = db_commands.add_parser(
        "backup", help="a consistent copy of the SQLite database (SOLE_DATABASE), also while the bot runs"
    )
    backup.add_argument("path", type=Path, help="the copy to create (must not exist yet)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env()
    except ConfigError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    command = args.command or "run"
    if command == "health":
        return _health(settings)
    _setup_logging(settings)
    if command == "facts":
        return _facts(args, settings)
    if command == "db":
        from .db_tools import run_db_command

        return run_db_command(args, settings)
    try:
        if command == "sync":
            if not settings.token:
                print("sync needs DISCORD_TOKEN (in .env or the environment)", file=sys.stderr)
                return EXIT_CONFIG
            from .shell.runner import sync_once

            return asyncio.run(sync_once(settings))
        if command == "playground" or not settings.token:
            from .shell.playground import run_playground

            asyncio.run(run_playground(settings, port=getattr(args, "port", None)))
            return EXIT_OK
        from .shell.runner import run_bot

        asyncio.run(run_bot(settings))
        return EXIT_OK
    except CatalogError as exc:
        print(f"the fact files are invalid ({exc}):\n{exc.report(limit=50)}", file=sys.stderr)
        return EXIT_DATA
    except ConfigError as exc:  # found while starting (e.g. the metrics port is taken)
        print(f"configuration error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except DatabaseOpenError as exc:
        hint = (
            "Check SOLE_DATABASE_URL (in .env or the environment): the PostgreSQL server must be running and "
            "the database must exist."
            if settings.database_url and settings.token and command != "playground"
            else "Set SOLE_DATABASE (in .env or the environment) to a file in a folder the bot can write to."
        )
        print(f"{exc}.\n{hint}", file=sys.stderr)
        return EXIT_DATABASE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


def _health(settings: Settings) -> int:
    """GET /healthz of the bot running with these settings: what a container's HEALTHCHECK runs."""
    import json
    import urllib.error
    import urllib.request

    if settings.metrics_port is None:
        print("health needs SOLE_METRICS_PORT (the port the running bot serves /healthz on)", file=sys.stderr)
        return EXIT_CONFIG
    host = settings.metrics_host
    if host in {"", "0.0.0.0", "::"}:  # noqa: S104 - listening everywhere: ask on this machine
        host = "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    url = f"http://{host}:{settings.metrics_port}/healthz"
    try:
        with urllib.request.urlopen(url, timeout=HEALTH_TIMEOUT) as response:
            status, body = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read()
    except OSError as error:
        print(f"unhealthy: no answer from {url} ({getattr(error, 'reason', None) or error})", file=sys.stderr)
        return EXIT_UNHEALTHY
    try:
        reasons = [str(reason) for reason in json.loads(body).get("reasons", [])]
    except (ValueError, AttributeError):
        reasons = [f"unexpected answer: {body[:200]!r}"]
    if status == 200:
        print(f"healthy ({url})")
        return EXIT_OK
    print(f"unhealthy (HTTP {status} from {url}): {'; '.join(reasons) or 'no reason given'}", file=sys.stderr)
    return EXIT_UNHEALTHY


def _facts(args: argparse.Namespace, settings: Settings) -> int:
    paths = list(getattr(args, "paths", None) or []) or [settings.data_dir]
    try:
        catalog = load_catalog(paths)
    except CatalogError as exc:
        print(exc.report(), file=sys.stderr)
        print(f"\n{exc}", file=sys.stderr)
        return 1
    if args.facts_command == "audit":
        return _audit(catalog, strict=args.strict)
    counts = catalog.counts()
    if args.facts_command == "reload":
        return _signal_reload(settings, catalog.version)
    if args.facts_command == "validate":
        print(
            f"OK: {len(catalog.files)} files, {sum(counts.as_dict().values()) - counts.dated_debuts} entries, "
            f"data version {catalog.version}"
        )
        return 0
    width = max(len(name) for name in counts.as_dict())
    for name, value in counts.as_dict().items():
        print(f"{name.replace('_', ' '):<{width}}  {value:>6}")
    print(f"{'files':<{width}}  {len(catalog.files):>6}")
    print(f"{'version':<{width}}  {catalog.version:>6}")
    return 0


def _audit(catalog: Catalog, *, strict: bool) -> int:
    """Print every audit finding and the counts; with ``strict``, fail when a question rests on a weak field."""
    from .catalog.audit import audit
    from .trivia.audit import question_check
    from .trivia.generator import generate

    report = audit(catalog, generated=generate(catalog), question_check=question_check(catalog))
    for problem in report.problems:
        print(problem)
    print(f"\n{report.summary()}")
    failing = report.counts.get("strict", 0)
    if strict and failing:
        print(f"strict: {failing} question{'s' if failing != 1 else ''} rest on fields that are not quizzable")
        return 1
    return 0


def _signal_reload(settings: Settings, version: str) -> int:
    """The data is valid: tell the running bot (SIGHUP) to load it; it re-validates before swapping."""
    import os
    import signal

    from .shell.runner import pidfile_for

    pidfile = pidfile_for(settings)
    try:
        pid = int(pidfile.read_text(encoding="utf-8").strip())
        os.kill(pid, signal.SIGHUP)
    except (OSError, ValueError):
        print(
            f"data/ is valid (version {version}), but no running bot was found ({pidfile}); "
            "it will be used at the next start, or run /facts reload in Discord."
        )
        return 0
    print(f"data/ is valid (version {version}); asked the running bot (pid {pid}) to reload. Its log confirms.")
    return 0


class _KnownNoise(logging.Filter):
    """Drop warnings that never apply to this bot: it uses no voice, and its intents include guilds
    (the intents warning comes from a probe client simcord builds for the playground)."""

    NOISE = ("voice will NOT be supported", "Guilds intent seems to be disabled")

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not any(noise in message for noise in self.NOISE)


_installed: list[logging.Handler] = []  # the handler _setup_logging put on the root logger


def _setup_logging(settings: Settings) -> None:
    """Text (discord.py's format, coloured on a terminal) or JSON lines; secrets masked in both."""
    import discord.utils

    from .logs import JsonFormatter, RedactingFormatter

    handler = logging.StreamHandler()
    inner: logging.Formatter
    if settings.log_format == "json":
        inner = JsonFormatter()
    elif discord.utils.stream_supports_colour(handler.stream) and hasattr(discord.utils, "_ColourFormatter"):
        inner = discord.utils._ColourFormatter()
    else:
        inner = logging.Formatter("[{asctime}] [{levelname:<8}] {name}: {message}", "%Y-%m-%d %H:%M:%S", style="{")
    secrets = [settings.token.reveal()] if settings.token else []
    formatter = RedactingFormatter(inner, secrets)
    root = logging.getLogger()
    for previous in _installed:  # main() called again in one process (tests): replace, never stack
        root.removeHandler(previous)
    _installed[:] = [handler]
    discord.utils.setup_logging(handler=handler, formatter=formatter, level=getattr(logging, settings.log_level))
    for name in ("discord.client", "discord.state"):
        logging.getLogger(name).addFilter(_KnownNoise())
