"""The playground as a new user tries it: a real `python -m bot playground` process, a real headless Chromium.

This is the one place the suite waits for real time: the playground's clock follows the wall clock, so a
ten-second round takes ten seconds. Chromium comes from Debian's `chromium` and `chromium-driver`
packages (`.ci/run` installs them); without them the test is skipped, except in CI, where it fails.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from driver import PlaygroundProcess, browser_available, chromium

FIXTURE_DATA = Path(__file__).parents[1] / "fixtures" / "catalog"

pytestmark = pytest.mark.skipif(
    not browser_available() and os.environ.get("CI") != "true",
    reason="needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)",
)


def test_configure_stop_start_again_and_play_a_game_in_trivia_in_real_time(tmp_path: Path) -> None:
    database = tmp_path / "sole.sqlite3"
    first = PlaygroundProcess(database, FIXTURE_DATA)
    url = first.start()
    try:
        with chromium() as page:
            # A moderator sets up the daily post in #general.
            page.open_channel(url, "general")
            page.act_as("Moderator")
            page.slash("config daily", pick={"channel": "general"}, time="09:00")
            page.wait_for(lambda: "09:00" in page.text(), what="the daily post confirmed")

            # A member plays a one-question game in #trivia: nothing but waiting makes it go on.
            page.open_channel(url, "trivia")
            page.slash("trivia start", rounds=1, seconds=10)
            page.wait_for(lambda: "Question 1/1" in page.text(), what="the first question")
            shown_at = time.monotonic()
            countdown = int(
                page.wait_for(lambda: re.search(r"ends in (\d+) seconds", page.text()), what="the countdown").group(1)
            )
            # A 10 s round, counted from now (was "ends in 46 seconds"). The page rounds the time left to whole
            # seconds against the clock it last received (republished every second), so a loaded machine may read 11.
            assert 5 <= countdown <= 11
            time.sleep(2)
            choices = [label for label in page.buttons() if label not in {"Learn more", "Report question"}]
            page.click_button(choices[-1])
            page.wait_for(lambda: "Locked in" in page.text(), what="the answer acknowledged")
            page.wait_for(lambda: "Game over" in page.text(), timeout=20, what="the game to end by itself")
            elapsed = time.monotonic() - shown_at
            assert 8 <= elapsed <= 20  # the round ran its ten seconds of real time, no refresh needed
            assert "Question 1/1 · answer" in page.text()
            page.slash("trivia stats")
            average = page.wait_for(
                lambda: re.search(r"Average answer time\s+(\d+(?:\.\d+)?)s", page.text()), what="/trivia stats"
            )
            assert float(average.group(1)) >= 1.5  # the answer took the two seconds it took, not 0.0 s
        assert first.stop() == 0

        # Start again: the same server, its settings and the game's record are still there.
        second = PlaygroundProcess(database, FIXTURE_DATA)
        url = second.start()
        try:
            with chromium() as page:
                page.open_channel(url, "general")
                page.act_as("Moderator")
                page.slash("config show")
                page.wait_for(lambda: "09:00" in page.text(), what="the daily post still configured")
                page.act_as("Sneakerhead")
                page.slash("trivia stats")
                page.wait_for(lambda: re.search(r"Games\s+1 ", page.text()), what="last run's game in the stats")
        finally:
            assert second.stop() == 0
        assert "TimeoutError" not in second.log and "Traceback" not in second.log
        assert "ready in the offline playground as Sole Archive in 1 server" in second.log
    finally:
        if first.process is not None and first.process.poll() is None:
            first.stop()
