"""Screenshots of every page the browser tests cover, for a person to look at (scripts/screenshots)."""

import re
from pathlib import Path

from playwright.sync_api import sync_playwright

from .server import CHROMIUM_ARGS, ROOT, LiveSite, chromium_path
from .urls import all_pages

OUT = ROOT / "screenshots"
WIDTHS = (375, 1280)


def main():
    OUT.mkdir(exist_ok=True)
    site = LiveSite().start()
    count = 0
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            for path, _status in all_pages(site.fetch_text):
                name = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"
                for width in WIDTHS:
                    context = browser.new_context(
                        base_url=site.base_url, viewport={"width": width, "height": 900}
                    )
                    page = context.new_page()
                    page.goto(path)
                    page.screenshot(path=Path(OUT, f"{name}-{width}.png"), full_page=True)
                    context.close()
                    count += 1
            browser.close()
    finally:
        site.stop()
    print(f"{count} screenshots in {OUT}")


if __name__ == "__main__":
    main()
