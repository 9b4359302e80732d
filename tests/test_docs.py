"""The documentation names every setting the bot reads, and the deploy files use only settings that exist."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def read_settings() -> set[str]:
    """Every environment variable bot/settings.py reads."""
    source = (ROOT / "bot" / "settings.py").read_text(encoding="utf-8")
    return set(re.findall(r"""environ\.get\(\s*["']([A-Z_]+)["']""", source))


def test_every_setting_is_in_env_example_and_the_readme() -> None:
    names = read_settings()
    assert {"DISCORD_TOKEN", "SOLE_METRICS_PORT", "SOLE_METRICS_HOST", "SOLE_LOG_FORMAT"} <= names
    example = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(encoding="utf-8"), re.MULTILINE))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert names - example == set()
    assert {name for name in names if f"`{name}`" not in readme} == set()


def test_the_metrics_settings_the_container_sets_are_read_by_the_bot() -> None:
    compose = yaml.safe_load((ROOT / "deploy" / "compose.yaml").read_text(encoding="utf-8"))
    environment = compose["services"]["bot"]["environment"]
    ours = {name for name in environment if name.startswith("SOLE_METRICS") or name == "SOLE_LOG_FORMAT"}
    assert ours == {"SOLE_METRICS_PORT", "SOLE_METRICS_HOST", "SOLE_LOG_FORMAT"} and ours <= read_settings()
