"""Helpers of the explorer's browser tests (fixtures live in conftest.py)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Page


@dataclass
class PageLog:
    """What a page did that a user would not see: console errors and requests it sent."""

    errors: list[str] = field(default_factory=list)
    hosts: set[str] = field(default_factory=set)


def open_view(page: Page, hash_route: str) -> None:
    """Open /explore/ at a hash route and wait until that view has rendered."""
    page.goto(f"/explore/{hash_route}")
    wait_ready(page)


def wait_ready(page: Page) -> None:
    page.wait_for_selector("main[data-state='ready']", timeout=15_000)


#: Set to a folder to save a screenshot of each main view as the tests pass through it
#: (scripts/explorer_screenshots.py does, for docs/explorer.md).
SCREENSHOTS_ENV = "KG_EXPLORER_SCREENSHOTS"


def screenshot(page: Page, name: str) -> None:
    """Save the visible page as <folder>/<name>.png when screenshots are asked for."""
    folder = os.environ.get(SCREENSHOTS_ENV)
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), animations="disabled")
