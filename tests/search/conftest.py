"""Collects the relevance figures so the test run prints them, whichever database it ran on."""

import pytest

RELEVANCE: dict = {}


@pytest.fixture
def relevance_report():
    return RELEVANCE


def pytest_terminal_summary(terminalreporter):
    if not RELEVANCE:
        return
    terminalreporter.write_sep("-", f"search relevance ({RELEVANCE['vendor']})")
    for part in RELEVANCE["parts"].values():
        terminalreporter.write_line(part.line())
    # Only the tuning part's misses are shown: the held-out part must not steer the tuning.
    for miss in RELEVANCE["parts"]["tuning"].misses:
        terminalreporter.write_line(f"  missed: {miss}")


@pytest.fixture
def real_site(db, settings):
    """The site as patients will see it: the real content/ folder, synced."""
    from django.core.management import call_command

    settings.CONTENT_DIR = settings.BASE_DIR / "content"
    call_command("sync_content", verbosity=0)


@pytest.fixture(autouse=True)
def fresh_rate_limits(monkeypatch):
    """Each test starts with empty rate-limit counters inside one fixed time window."""
    from django.core.cache import cache

    from cidp_site.core import ratelimit

    cache.clear()
    monkeypatch.setattr(ratelimit, "now", lambda: 1_800_000_000.0)
    yield
    cache.clear()
