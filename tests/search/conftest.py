"""Collects the relevance hit rate so the test run prints it, whichever database it ran on."""

import pytest

RELEVANCE: dict = {}


@pytest.fixture
def relevance_report():
    return RELEVANCE


def pytest_terminal_summary(terminalreporter):
    if not RELEVANCE:
        return
    hits, total, misses = RELEVANCE["hits"], RELEVANCE["total"], RELEVANCE["misses"]
    terminalreporter.write_sep("-", "search relevance")
    terminalreporter.write_line(
        f"{RELEVANCE['vendor']}: {hits}/{total} patient queries found their page in the top 3 "
        f"({100 * hits / total:.0f}% hit rate)"
    )
    for miss in misses:
        terminalreporter.write_line(f"  missed: {miss}")


@pytest.fixture(autouse=True)
def fresh_rate_limits(monkeypatch):
    """Each test starts with empty rate-limit counters inside one fixed time window."""
    from django.core.cache import cache

    from cidp_site.core import ratelimit

    cache.clear()
    monkeypatch.setattr(ratelimit, "now", lambda: 1_800_000_000.0)
    yield
    cache.clear()
