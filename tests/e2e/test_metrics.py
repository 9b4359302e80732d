"""/metrics and /healthz over real HTTP, against the bot under simcord: healthy, unhealthy, what is counted."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import socket
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import discord
import pytest
import simcord
from helpers import FIXTURE_DATA, World
from prometheus_client.parser import text_string_to_metric_families

from bot.cli import EXIT_CONFIG, EXIT_OK, EXIT_UNHEALTHY, main
from bot.settings import Settings
from bot.shell.client import SoleArchive
from bot.shell.metrics import ShardState, shard_states
from bot.shell.metrics_server import MetricsServer, serve_metrics
from bot.storage import Database

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
async def server(world: World, simcord_bot: SoleArchive) -> AsyncIterator[MetricsServer]:
    served = MetricsServer(simcord_bot, port=0)
    await served.start()
    yield served
    await served.stop()


async def get(url: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        return response.status, await response.text()


async def samples(server: MetricsServer) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of /metrics by (name, sorted labels)."""
    status, text = await get(f"{server.url}/metrics")
    assert status == 200
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


async def disconnect_shard_zero(bot: SoleArchive) -> None:
    """Drop the gateway connection of shard 0, whether the bot is sharded or a single connection."""
    if isinstance(bot, discord.AutoShardedClient):
        shard = bot.get_shard(0)
        assert shard is not None
        await shard.disconnect()
    else:
        await bot.ws.close()


async def test_healthz_is_200_when_every_shard_is_connected_and_the_database_answers(server: MetricsServer) -> None:
    status, text = await get(f"{server.url}/healthz")
    assert status == 200, text
    body = json.loads(text)
    assert body["status"] == "ok" and body["reasons"] == []
    assert body["shards"]["0"]["connected"] is True


async def test_healthz_is_503_with_the_reason_when_the_database_is_closed(
    server: MetricsServer, database: Database
) -> None:
    await database.close()
    status, text = await get(f"{server.url}/healthz")
    assert status == 503
    body = json.loads(text)
    assert body["status"] == "unhealthy"
    assert [reason for reason in body["reasons"] if reason.startswith("the database does not answer")] != []
    assert body["shards"]["0"]["connected"] is True  # only the database is at fault


async def test_healthz_is_503_when_the_database_file_was_deleted_under_the_bot(
    server: MetricsServer, settings: Settings
) -> None:
    settings.database.unlink()  # reads still work on the open connection; writes would go nowhere
    status, text = await get(f"{server.url}/healthz")
    assert status == 503
    assert json.loads(text)["reasons"] == [
        f"answers cannot be saved: the database file {settings.database} was deleted or replaced; restart the bot"
    ]


async def test_healthz_is_503_with_the_reason_when_a_shard_is_disconnected(
    server: MetricsServer, simcord_bot: SoleArchive
) -> None:
    await disconnect_shard_zero(simcord_bot)
    status, text = await get(f"{server.url}/healthz")
    assert status == 503
    body = json.loads(text)
    assert "shard 0 is not connected" in body["reasons"]
    assert body["shards"]["0"]["connected"] is False
    connected = await samples(server)
    assert connected[("sole_gateway_connected", (("shard", "0"),))] == 0.0


async def test_metrics_count_commands_by_name_and_outcome_with_their_latency(
    world: World, server: MetricsServer
) -> None:
    before = await samples(server)
    assert ("sole_commands_total", (("command", "about"), ("outcome", "ok"))) not in before
    assert before[("sole_gateway_connected", (("shard", "0"),))] == 1.0
    assert ("sole_gateway_latency_seconds", (("shard", "0"),)) in before

    await world.member.slash(world.general, "about")
    await world.member.slash(world.general, "about")
    refused = await world.member.slash(world.general, "collab", query="Supreme")
    assert refused.ephemeral

    after = await samples(server)
    assert after[("sole_commands_total", (("command", "about"), ("outcome", "ok")))] == 2.0
    assert after[("sole_commands_total", (("command", "collab"), ("outcome", "user_error")))] == 1.0
    assert after[("sole_command_duration_seconds_count", (("command", "about"),))] == 2.0
    assert after[("sole_command_duration_seconds_sum", (("command", "about"),))] > 0.0


async def test_metrics_show_a_running_game_and_the_commit_batches_of_its_answers(
    world: World, server: MetricsServer, simcord_bot: SoleArchive
) -> None:
    idle = await samples(server)
    assert idle[("sole_trivia_games_running", ())] == 0.0
    committed_before = idle.get(("sole_writes_committed_total", ()), 0.0)

    started = await world.member.slash(world.general, "trivia start", rounds=1, seconds=20)
    assert not started.ephemeral
    assert (await samples(server))[("sole_trivia_games_running", ())] == 1.0

    question = next(m for m in reversed(world.general.history()) if m.embeds and m.components)
    await world.member.click(question, label=question.components[0].children[0].label)  # type: ignore[attr-defined]
    await world.other.click(question, label=question.components[0].children[1].label)  # type: ignore[attr-defined]
    during = await samples(server)
    assert during[("sole_writes_committed_total", ())] >= committed_before + 2  # both answers, durable
    assert during[("sole_commit_batch_size_count", ())] >= 1
    assert during[("sole_commit_batch_size_bucket", (("le", "+Inf"),))] == during[("sole_commit_batch_size_count", ())]

    await world.env.advance_time(30)  # the only round ends, and with it the game
    assert (await samples(server))[("sole_trivia_games_running", ())] == 0.0


async def test_each_bot_has_its_own_registry(world: World, server: MetricsServer, simcord_bot: SoleArchive) -> None:
    await world.member.slash(world.general, "about")
    other = SoleArchive(settings=simcord_bot.settings, catalog=simcord_bot.catalog, database=simcord_bot.database)
    assert other.metrics.registry is not simcord_bot.metrics.registry
    assert b'sole_commands_total{command="about",outcome="ok"} 1.0' in simcord_bot.metrics.exposition()
    assert b"sole_commands_total{" not in other.metrics.exposition()


async def test_served_only_when_configured_on_127_0_0_1_and_gone_after_the_bot(
    world: World, simcord_bot: SoleArchive, settings: Settings
) -> None:
    async with serve_metrics(simcord_bot) as nothing:
        assert nothing is None  # SOLE_METRICS_PORT unset: no server
    configured = Settings(database=settings.database, data_dir=settings.data_dir, metrics_port=0)
    simcord_bot.settings = configured
    async with serve_metrics(simcord_bot) as served:
        assert served is not None and served.host == "127.0.0.1" and served.port > 0
        url = f"{served.url}/healthz"
        assert (await get(url))[0] == 200
    with pytest.raises(aiohttp.ClientConnectionError):
        await get(url)


async def test_the_health_command_reports_what_healthz_says(
    server: MetricsServer,
    database: Database,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)  # no .env
    monkeypatch.setenv("SOLE_METRICS_PORT", str(server.port))
    assert await asyncio.to_thread(main, ["health"]) == EXIT_OK
    assert "healthy" in capsys.readouterr().out
    await database.close()
    assert await asyncio.to_thread(main, ["health"]) == EXIT_UNHEALTHY
    assert "the database does not answer" in capsys.readouterr().err


async def test_the_containers_health_check_command_runs_as_a_process(server: MetricsServer, tmp_path: Path) -> None:
    """What deploy/Dockerfile's HEALTHCHECK runs: `python -m bot health`, exit 0 against a healthy bot."""
    env = {**os.environ, "SOLE_METRICS_PORT": str(server.port), "SOLE_METRICS_HOST": "0.0.0.0"}
    env.pop("DISCORD_TOKEN", None)
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "health",
        cwd=tmp_path,
        env={**env, "PYTHONPATH": str(ROOT)},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await child.communicate()
    assert child.returncode == EXIT_OK, err.decode()
    assert out.decode().startswith("healthy")


def test_the_health_command_without_a_port_or_without_a_bot(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOLE_METRICS_PORT", raising=False)
    assert main(["health"]) == EXIT_CONFIG
    assert "SOLE_METRICS_PORT" in capsys.readouterr().err
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("SOLE_METRICS_PORT", str(port))
    assert main(["health"]) == EXIT_UNHEALTHY
    assert "no answer from http://127.0.0.1:" in capsys.readouterr().err


def test_a_metrics_port_in_use_stops_start_up_with_the_setting_named(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        monkeypatch.setenv("SOLE_METRICS_PORT", str(taken.getsockname()[1]))
        monkeypatch.setenv("DISCORD_TOKEN", "not-a-real-token-it-never-connects")
        monkeypatch.setenv("SOLE_DATABASE", str(tmp_path / "bot.sqlite3"))
        monkeypatch.setenv("SOLE_DATA_DIR", str(FIXTURE_DATA))
        root = logging.getLogger()
        level = root.level
        try:
            assert main(["run"]) == EXIT_CONFIG  # before any connection to Discord: the port is taken
        finally:
            root.setLevel(level)  # main() set up logging for a process; this is a test
    err = capsys.readouterr().err
    assert "SOLE_METRICS_PORT=" in err and "cannot listen there" in err and "Traceback" not in err


async def test_shard_states_of_an_auto_sharded_client_cover_every_owned_shard() -> None:
    """What /healthz and the gateway gauges read once the bot is an AutoShardedBot: one entry per owned shard."""
    intents = discord.Intents.none()
    intents.guilds = True
    client = discord.AutoShardedClient(intents=intents, shard_count=3, shard_ids=[0, 2])
    async with simcord.run(client):
        assert shard_states(client) == {0: ShardState(True, 0.0), 2: ShardState(True, 0.0)}
        shard = client.get_shard(2)
        assert shard is not None
        await shard.disconnect()
        states = shard_states(client)
        assert states[0].connected and not states[2].connected


async def test_the_playground_serves_metrics_when_configured(tmp_path: Path) -> None:
    """Readers without a token can try /metrics and /healthz: the playground serves them on SOLE_METRICS_PORT."""
    from bot.shell.playground import run_playground

    settings = Settings(database=tmp_path / "sole.sqlite3", data_dir=FIXTURE_DATA, metrics_port=0, playground_port=0)
    said: list[str] = []
    answers: list[tuple[int, str]] = []
    tasks: list[asyncio.Task[None]] = []

    async def ask_then_stop(url: str) -> None:
        try:
            answers.append(await get(f"{url}/healthz"))
        finally:
            os.kill(os.getpid(), signal.SIGTERM)  # what Ctrl+C or `docker stop` does: the playground ends

    def announce(text: str) -> None:
        said.append(text)
        if text.startswith("\n/metrics and /healthz: "):
            tasks.append(asyncio.get_running_loop().create_task(ask_then_stop(text.split(": ", 1)[1])))

    await asyncio.wait_for(run_playground(settings, announce=announce), 60)
    await asyncio.gather(*tasks)
    assert said[0].startswith("\n/metrics and /healthz: http://127.0.0.1:")
    assert answers and answers[0][0] == 200 and json.loads(answers[0][1])["status"] == "ok"


async def test_a_closed_bot_stops_counting_the_commits_of_a_database_it_shared(
    simcord_bot: SoleArchive, database: Database
) -> None:
    # A second bot on the same database, as a restart builds one. (Closing the running bot itself would
    # unload the extensions and drop cogs.* from sys.modules under the rest of the suite.)
    other = SoleArchive(settings=simcord_bot.settings, catalog=simcord_bot.catalog, database=database)
    registry = other.metrics.registry
    assert database.writer is not None
    await database.writer.write(("INSERT INTO bot_meta (key, value) VALUES (?, ?)", ("before-close", "1")))
    counted = registry.get_sample_value("sole_writes_committed_total")
    assert counted is not None and counted >= 1
    await other.close()
    await database.writer.write(("INSERT INTO bot_meta (key, value) VALUES (?, ?)", ("after-close", "1")))
    assert registry.get_sample_value("sole_writes_committed_total") == counted
