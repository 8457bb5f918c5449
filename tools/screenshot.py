"""Take the README's screenshot from a running server: tools/screenshot.py URL OUTPUT.png"""

from __future__ import annotations

import os
import sys

from playwright.sync_api import sync_playwright

ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def main(url: str, output: str) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"), args=ARGS
        )
        page = browser.new_page(viewport={"width": 1200, "height": 800})
        page.goto(url)
        page.screenshot(path=output)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
