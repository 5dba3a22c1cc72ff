"""Session fixtures: one live server with the real content, one Chromium, the list of pages."""

import pytest
from playwright.sync_api import sync_playwright

from .server import CHROMIUM_ARGS, LiveSite, chromium_path
from .urls import all_pages

NAVIGATION_TIMEOUT_MS = 120_000


@pytest.fixture(scope="session")
def live_site():
    site = LiveSite().start()
    yield site
    site.stop()


@pytest.fixture(scope="session")
def pages(live_site):
    """Every (path, expected status) the checks cover."""
    found = all_pages(live_site.fetch_text)
    assert len(found) > 10, found
    return found


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser, live_site):
    """Open a fresh context; new_page(path, **context_options) returns (page, response)."""
    contexts = []

    def open_page(path, **options):
        context = browser.new_context(base_url=live_site.base_url, **options)
        # These tests check what a reader sees, not how fast (benchmarks/ measure that): a first
        # search loads the meaning models, and on a busy two-core machine it once took more than
        # Playwright's 30 s default.
        context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        response = page.goto(path)
        return page, response

    yield open_page
    for context in contexts:
        context.close()
