"""`python -m bot`: the maintainer commands and their exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main

FIXTURES = Path(__file__).parents[1] / "fixtures"


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
