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
