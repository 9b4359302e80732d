"""deploy/: no Docker daemon or systemd here, so check what the files say and run what they call."""

from __future__ import annotations

import configparser
import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"


def bot_command(argv: list[str]) -> list[str]:
    """``python -m bot ARGS`` -> ARGS, after checking the program really is ``python -m bot``."""
    assert Path(argv[0]).name.startswith("python") and argv[1:3] == ["-m", "bot"], argv
    build_parser().parse_args(argv[3:])  # exits (SystemExit) on a command the entry point does not have
    return argv[3:]


def dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of deploy/Dockerfile, continuation lines joined, comments dropped."""
    joined = deploy_text("Dockerfile").replace("\\\n", " ")
    out = []
    for line in joined.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            instruction, _, rest = line.partition(" ")
            out.append((instruction.upper(), " ".join(rest.split())))
    return out


def deploy_text(name: str) -> str:
    return (DEPLOY / name).read_text(encoding="utf-8")


def test_the_entry_point_the_deploy_files_call_exists() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "--help"], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "run" in done.stdout and "health" in done.stdout


def test_the_dockerfile_is_slim_non_root_installs_the_project_and_checks_health() -> None:
    steps = dockerfile()
    assert steps[0][0] == "FROM" and steps[0][1].startswith("python:") and steps[0][1].endswith("-slim")
    kinds = [kind for kind, _ in steps]
    users = [value for kind, value in steps if kind == "USER"]
    assert users and users[-1] not in {"root", "0"}
    assert kinds.index("USER") < kinds.index("CMD")
    assert ("RUN", "pip install .") in steps
    for kind, value in steps:
        if kind == "COPY":
            *sources, _destination = value.split()
            assert all((ROOT / source).exists() for source in sources), value
    [health] = [value for kind, value in steps if kind == "HEALTHCHECK"]
    assert bot_command(json.loads(health.partition("CMD ")[2])) == ["health"]
    [cmd] = [value for kind, value in steps if kind == "CMD"]
    assert bot_command(json.loads(cmd)) == ["run"]
    env = " ".join(value for kind, value in steps if kind == "ENV")
    # The fact files are copied to WORKDIR/data, and SOLE_DATA_DIR says so (the wheel does not carry data/).
    assert "SOLE_DATA_DIR=/opt/sole-archive/data" in env and ("WORKDIR", "/opt/sole-archive") in steps
    assert "SOLE_METRICS_PORT=9464" in env and "SOLE_METRICS_HOST=0.0.0.0" in env


def test_compose_runs_the_bot_after_a_healthy_postgresql_with_a_volume_and_health_checks() -> None:
    compose = yaml.safe_load(deploy_text("compose.yaml"))
    services = compose["services"]
    assert {"db", "bot", "bot-2"} <= set(services)
    db = services["db"]
    assert db["image"].startswith("postgres:")
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    [data_volume] = [volume.split(":")[0] for volume in db["volumes"] if volume.endswith(":/var/lib/postgresql/data")]
    assert data_volume in compose["volumes"]  # a named volume, not a folder of the host
    assert all(port.startswith("127.0.0.1:") for port in db["ports"])  # never on the host's public address
    for name in ("bot", "bot-2"):
        bot = services[name]
        assert bot["depends_on"]["db"]["condition"] == "service_healthy"
        assert bot["healthcheck"]["test"][0] == "CMD" and bot_command(bot["healthcheck"]["test"][1:]) == ["health"]
        assert bot["build"] == {"context": "..", "dockerfile": "deploy/Dockerfile"}
        assert (DEPLOY.parent / bot["build"]["dockerfile"]).is_file()
        url = bot["environment"]["SOLE_DATABASE_URL"]
        assert url.startswith("postgresql://sole:") and url.endswith("@db:5432/sole_archive")
        assert bot["environment"]["SOLE_METRICS_PORT"] == "9464"
        assert all(port.startswith("127.0.0.1:") and port.endswith(":9464") for port in bot["ports"])
        assert all(volume.split(":")[0] in compose["volumes"] for volume in bot["volumes"])
    assert services["bot-2"]["profiles"] == ["two-processes"]
    assert services["bot-2"]["environment"]["SOLE_SHARD_IDS"] == "${BOT_2_SHARD_IDS:-1}"


def systemd_unit() -> configparser.ConfigParser:
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str  # type: ignore[assignment,method-assign]
    unit.read_string(deploy_text("sole-archive.service"))
    return unit


def test_the_systemd_unit_restarts_on_failure_as_a_user_with_an_environment_file() -> None:
    service = systemd_unit()["Service"]
    assert service["Restart"] == "on-failure"
    assert service["User"] not in {"root", "0"}
    assert service["EnvironmentFile"].startswith("/etc/")
    argv = shlex.split(service["ExecStart"])
    assert argv[0].startswith("/") and bot_command(argv) == ["run"]


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_accepts_the_unit(tmp_path: Path) -> None:
    """systemd's own parser: no unknown key, no bad value. The venv's python stands in for /opt's."""
    argv = shlex.split(systemd_unit()["Service"]["ExecStart"])
    text = deploy_text("sole-archive.service").replace(argv[0], sys.executable)
    unit = tmp_path / "sole-archive.service"
    unit.write_text(text, encoding="utf-8")
    done = subprocess.run(
        ["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0 and done.stdout + done.stderr == "", done.stdout + done.stderr
