"""Take the README's screenshots: the shoe card, a trivia round, a Guess-the-shoe round and a team game,
at phone width and desktop width (the last two at desktop width).

Run from the repository root with Debian's chromium and chromium-driver installed:

    python docs/screenshots.py            # all of them
    python docs/screenshots.py --nights   # only Guess the shoe and the team game

It starts `python -m bot playground` on a throwaway database, drives it in headless Chromium as a
member would, and writes PNG files into docs/.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from driver import Page, PlaygroundProcess, chromium  # noqa: E402

SIZES = {"phone": (400, 860), "desktop": (1280, 900)}
SCROLL_TO_END = (
    "document.querySelectorAll('*').forEach(e => "
    "{ if (e.scrollHeight > e.clientHeight) e.scrollTop = e.scrollHeight; });"
)


def nights(page: Page, url: str) -> None:
    """A Guess-the-shoe round with two clues out, then a team game's lobby and its first reveal."""
    width, height = SIZES["desktop"]
    page.driver.set_window_size(width, height)
    page.open_channel(url, "trivia")
    page.slash("trivia start", mode="guess", rounds=1, seconds=40)
    page.wait_for(lambda: "Clues (2/" in page.text(), timeout=30, what="the second clue")
    time.sleep(1)
    page.screenshot(ROOT / "docs" / "guess-the-shoe-desktop.png", width, height)
    page.wait_for(lambda: "Game over" in page.text(), timeout=60, what="the end of the guess game")
    page.slash("trivia start", mode="teams", rounds=1, seconds=15)
    page.wait_for(lambda: "Team trivia · lobby" in page.text(), what="the team lobby")
    page.click_button("Join Red")
    page.act_as("Moderator")
    page.click_button("Join Blue")
    page.act_as("Sneakerhead")
    page.wait_for(lambda: "Blue (1)" in page.text(), what="both teams in the lobby")
    page.click_button("Start")
    page.wait_for(lambda: "ends in" in page.text(), timeout=15, what="the team game's question")
    time.sleep(1)
    choices = page.buttons()[-4:]  # the open question's four choices are the page's last buttons
    page.click_button(choices[0])
    page.act_as("Moderator")
    page.click_button(choices[1])
    page.act_as("Sneakerhead")
    page.wait_for(lambda: "Teams" in page.text() and "· answer" in page.text(), timeout=30, what="the reveal")
    time.sleep(1)
    page.driver.set_window_size(width, 1150)
    time.sleep(0.5)
    page.driver.execute_script(SCROLL_TO_END)
    time.sleep(0.5)
    page.driver.save_screenshot(str(ROOT / "docs" / "team-game-desktop.png"))


def main() -> int:
    only_nights = "--nights" in sys.argv[1:]
    with tempfile.TemporaryDirectory() as folder:
        playground = PlaygroundProcess(Path(folder) / "sole.sqlite3", ROOT / "data")
        url = playground.start()
        try:
            with chromium(*SIZES["desktop"]) as page:
                if only_nights:
                    nights(page, url)
                    return 0
                # A person types at desktop width; each result is then shown at both widths (the page is responsive).
                page.open_channel(url, "general")
                page.slash("shoe", name="GEL-KAYANO 14")
                page.wait_for(lambda: "Key facts" in page.text(), what="the shoe card")
                for size, (width, height) in SIZES.items():
                    page.screenshot(ROOT / "docs" / f"shoe-card-{size}.png", width, height)
                page.driver.set_window_size(*SIZES["desktop"])
                page.open_channel(url, "trivia")
                page.slash("trivia start", rounds=1, seconds=60)
                page.wait_for(lambda: "ends in" in page.text(), what="a question")
                time.sleep(1)
                for size, (width, height) in SIZES.items():
                    page.screenshot(ROOT / "docs" / f"trivia-round-{size}.png", width, height)
                page.wait_for(lambda: "Game over" in page.text(), timeout=90, what="the end of the round")
                nights(page, url)
        finally:
            playground.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
