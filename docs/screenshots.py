"""Take the README's screenshots: the shoe card and a trivia round, at phone width and desktop width.

Run from the repository root with Debian's chromium and chromium-driver installed:

    python docs/screenshots.py

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

from driver import PlaygroundProcess, chromium  # noqa: E402

SIZES = {"phone": (400, 860), "desktop": (1280, 900)}


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        playground = PlaygroundProcess(Path(folder) / "sole.sqlite3", ROOT / "data")
        url = playground.start()
        try:
            # A person types at desktop width; each result is then shown at both widths (the page is responsive).
            with chromium(*SIZES["desktop"]) as page:
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
        finally:
            playground.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
