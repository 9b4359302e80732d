"""A person at the playground: headless Chromium (Debian's chromium + chromium-driver) driven by selenium."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from selenium import webdriver
from selenium.common.exceptions import (
    ElementClickInterceptedException,
    NoSuchElementException,
    StaleElementReferenceException,
    WebDriverException,
)
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import Select

ROOT = Path(__file__).parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
# Without the background-networking flags Chromium keeps dialling out on a machine with no network.
CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)


def browser_available() -> bool:
    return Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()


def wait_for(condition: Callable[[], Any], *, timeout: float = 10.0, what: str = "condition") -> Any:
    """Poll a condition in real time (the playground runs on the wall clock) until it holds."""
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        try:
            value = condition()
        except (NoSuchElementException, StaleElementReferenceException, IndexError) as error:
            last_error = error
            value = None
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}") from last_error


def retry(gesture: Callable[[], Any], *, attempts: int = 30) -> Any:
    """Repeat a gesture whose element the page re-rendered under it (it republishes as time passes)."""
    for _ in range(attempts - 1):
        try:
            return gesture()
        except (StaleElementReferenceException, NoSuchElementException, StopIteration):
            time.sleep(0.1)
    return gesture()


class PlaygroundProcess:
    """`python -m bot playground` as a new user starts it, with its own database."""

    def __init__(self, database: Path, data_dir: Path) -> None:
        self.database = database
        self.data_dir = data_dir
        self.process: subprocess.Popen[str] | None = None
        self.output: list[str] = []
        self.url = ""

    def start(self) -> str:
        env = {
            **os.environ,
            "SOLE_DATABASE": str(self.database),
            "SOLE_DATA_DIR": str(self.data_dir),
            "SOLE_LOG_LEVEL": "INFO",
            "DISCORD_TOKEN": "",
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", "playground", "--port", "0"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        assert self.process.stdout is not None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            self.output.append(line)
            if match := re.search(r"Open: (\S+)", line):
                self.url = match.group(1)
                return self.url
        self.stop()
        raise AssertionError("the playground did not start:\n" + "".join(self.output))

    def stop(self) -> int:
        """Ctrl+C, as a person stops it; returns the exit code."""
        assert self.process is not None
        if self.process.poll() is None:
            self.process.send_signal(2)
        try:
            out, _ = self.process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            out, _ = self.process.communicate()
        self.output.append(out or "")
        return self.process.returncode

    @property
    def log(self) -> str:
        return "".join(self.output)


class Page:
    """The playground page in Chromium, with the gestures a person makes."""

    def __init__(self, driver: webdriver.Chrome) -> None:
        self.driver = driver

    def open_channel(self, front_page: str, name: str) -> None:
        self.driver.get(front_page)
        self.driver.find_element(By.LINK_TEXT, f"#{name}").click()
        wait_for(lambda: self.driver.find_elements(By.ID, "channel-composer-input"), what="the channel's composer")
        wait_for(
            lambda: name in self.driver.find_element(By.TAG_NAME, "main").text or name in self.driver.page_source,
            what=f"#{name}",
        )

    def act_as(self, display_name: str) -> None:
        retry(lambda: Select(self.driver.find_element(By.CSS_SELECTOR, "select")).select_by_visible_text(display_name))
        wait_for(
            lambda: (
                Select(self.driver.find_element(By.CSS_SELECTOR, "select")).first_selected_option.text == display_name
            ),
            what=f"viewing as {display_name}",
        )
        time.sleep(0.5)

    def slash(self, command: str, *, pick: dict[str, str] | None = None, **options: str | int) -> None:
        """Type a slash command, pick it, fill its options (``pick``: channel-like ones chosen from a list), send."""
        box = wait_for(lambda: self.driver.find_element(By.ID, "channel-composer-input"), what="the composer")
        try:
            box.click()
        except ElementClickInterceptedException:  # a narrow (phone-width) page overlaps the composer
            self.driver.execute_script("arguments[0].focus()", box)
        box.send_keys("/" + command)
        wait_for(lambda: self.driver.find_elements(By.CSS_SELECTOR, ".command-entry"), what=f"/{command} in the picker")
        retry(
            lambda: next(
                item
                for item in self.driver.find_elements(By.CSS_SELECTOR, ".command-entry")
                if item.find_element(By.CSS_SELECTOR, "strong").text == "/" + command
            ).click()
        )
        for name, value in (pick or {}).items():
            self._fill_option(name, value, pick=True)
        for name, value in options.items():
            self._fill_option(name, str(value), pick=False)
        retry(lambda: self.driver.find_element(By.ID, "send-message").click())

    def _fill_option(self, name: str, value: str, *, pick: bool) -> None:
        present = f'.command-option-input[data-option="{name}"]'  # a required option is already on the row
        if not pick and self.driver.find_elements(By.CSS_SELECTOR, present):
            retry(lambda: self.driver.find_element(By.CSS_SELECTOR, present).send_keys(value))
            time.sleep(0.3)
            return
        suggestion = f'.command-suggestion[data-value="{name}"]'
        if not self.driver.find_elements(By.CSS_SELECTOR, suggestion):
            retry(lambda: self.driver.find_element(By.CSS_SELECTOR, ".command-ghost").click())
        wait_for(lambda: self.driver.find_elements(By.CSS_SELECTOR, suggestion), what=f"option {name}")
        retry(lambda: self.driver.find_element(By.CSS_SELECTOR, suggestion).click())
        time.sleep(0.3)

        def pick_entity() -> bool:
            for entity in self.driver.find_elements(By.CSS_SELECTOR, ".command-entity-suggestion"):
                if entity.find_element(By.CSS_SELECTOR, ".command-suggestion-label").text == value:
                    entity.click()
                    return True
            return False

        if pick:
            wait_for(lambda: retry(pick_entity), what=f"{value} among the choices for {name}")
        else:
            self.driver.switch_to.active_element.send_keys(value)

    def wait_for(self, condition: Callable[[], Any], *, timeout: float = 10.0, what: str = "condition") -> Any:
        """Like :func:`wait_for`; on a timeout the assertion carries the page's text and a screenshot."""
        try:
            return wait_for(condition, timeout=timeout, what=what)
        except AssertionError as error:
            shot = Path(tempfile.gettempdir()) / f"sole-playground-{int(time.time())}.png"
            self.driver.save_screenshot(str(shot))
            raise AssertionError(f"{error}\nscreenshot: {shot}\npage text:\n{self.text()[-2500:]}") from None

    def messages(self) -> list[WebElement]:
        return self.driver.find_elements(By.CSS_SELECTOR, "[data-message-id]")

    def text(self) -> str:
        return str(retry(lambda: self.driver.find_element(By.TAG_NAME, "body").text))

    def buttons(self) -> list[str]:
        """Labels of the message buttons on the page (a button's text is its emoji, then its label)."""
        return retry(
            lambda: [
                button.text.strip().splitlines()[-1]
                for button in self.driver.find_elements(By.CSS_SELECTOR, "[data-message-id] button, .component button")
                if button.text.strip()
            ]
        )

    def click_button(self, label: str) -> None:
        def click() -> None:
            buttons = [
                button
                for button in self.driver.find_elements(By.CSS_SELECTOR, "button")
                if button.text.strip().splitlines()[-1:] == [label] and button.is_enabled()
            ]
            assert buttons, f"no enabled button {label!r}"
            buttons[-1].click()

        retry(click)

    def screenshot(self, path: Path, width: int, height: int) -> None:
        self.driver.set_window_size(width, height)
        time.sleep(0.5)
        self.driver.save_screenshot(str(path))


@contextmanager
def chromium(width: int = 1200, height: int = 900) -> Iterator[Page]:
    options = Options()
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="sole-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={width},{height}")
    options.binary_location = CHROMIUM
    try:
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    except WebDriverException:
        shutil.rmtree(profile, ignore_errors=True)
        raise
    try:
        yield Page(driver)
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
