"""Take the README's screenshot from a running server.

    uv run python tools/screenshot.py URL OUTPUT.png [USERNAME PASSWORD]

With a username and password, signs in through the login page first.
"""

from __future__ import annotations

import os
import sys
from urllib.parse import urljoin

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


def main(url: str, output: str, username: str = "", password: str = "") -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"), args=ARGS
        )
        page = browser.new_page(viewport={"width": 1200, "height": 800})
        if username:
            page.goto(urljoin(url, "/accounts/login/"))
            page.fill("input[name=username]", username)
            page.fill("input[name=password]", password)
            page.locator("main form button[type=submit]").click()
            page.wait_for_load_state()
        page.goto(url)
        page.screenshot(path=output)
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
