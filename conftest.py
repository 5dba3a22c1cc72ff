"""Fixtures shared by every test package: a private copy of sample content and a synced site."""

import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

FIXTURE_CONTENT = Path(__file__).parent / "tests" / "fixtures" / "content"


@pytest.fixture
def content_dir(tmp_path, settings):
    """A writable copy of the sample content, used as CONTENT_DIR for the test."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, target)
    settings.CONTENT_DIR = target
    return target


@pytest.fixture
def synced(db, content_dir):
    """The sample content imported into a fresh site."""
    call_command("sync_content", verbosity=0)
    return content_dir


@pytest.fixture
def run_sync():
    """Run sync_content and return (exit_code, stdout, stderr) without raising."""
    import io

    from django.core.management.base import CommandError

    def run(*args):
        out, err = io.StringIO(), io.StringIO()
        try:
            call_command("sync_content", *args, stdout=out, stderr=err)
        except CommandError as exc:
            err.write(str(exc))
            return 1, out.getvalue(), err.getvalue()
        return 0, out.getvalue(), err.getvalue()

    return run


@pytest.fixture(autouse=True)
def fixed_rate_window(monkeypatch):
    """Rate limits count per clock window: a slow run must never cross into the next one mid-test."""
    from cidp_site.core import ratelimit

    monkeypatch.setattr(ratelimit, "now", lambda: 1_800_000_000.0)


@pytest.fixture(autouse=True)
def empty_page_cache():
    """Page URLs repeat from test to test with different content: no test sees another's pages,
    and no test inherits another's rate-limit counters (login attempts, votes) from the cache."""
    from django.core.cache import cache

    from cidp_site.pagecache.store import store

    store.clear_local()
    cache.clear()
    yield
    store.clear_local()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """The two relevance tests (minutes each) go first: while one worker runs them, the others take
    the rest, instead of one worker running them alone at the end.

    pytest-django has already put tests that flush the database (transactional) after the others,
    as Django does; scripts/test hands tests out in that order (``--dist load``), so no worker runs
    a test that needs the migrations' data (groups, the root page) after a flush. The relevance
    tests use the plain ``db`` fixture, so moving them to the front keeps that order.
    """
    slow = [item for item in items if "relevance_report" in getattr(item, "fixturenames", ())]
    if any(_flushes(item) for item in slow):
        raise pytest.UsageError("a relevance test became transactional: it cannot run first")
    items[:] = slow + [item for item in items if item not in slow]


def _flushes(item):
    marker = item.get_closest_marker("django_db")
    transaction = bool(marker and marker.kwargs.get("transaction"))
    return transaction or {"transactional_db", "live_server"} & set(item.fixturenames)


def pytest_terminal_summary(terminalreporter):
    """The search relevance figures (tests/search/test_relevance.py), printed at the end of the run
    from the tests' reports: here, not in tests/search, because under pytest-xdist only this file's
    hooks run in the process that prints."""
    figures = [
        value
        for outcome in ("passed", "failed")
        for report in terminalreporter.stats.get(outcome, [])
        if getattr(report, "when", "") == "call"
        for name, value in getattr(report, "user_properties", ())
        if name == "relevance"
    ]
    for figure in figures:
        terminalreporter.write_sep("-", f"search relevance ({figure['vendor']})")
        terminalreporter.write_line(figure["line"])
        for miss in figure["misses"]:
            terminalreporter.write_line(f"  missed: {miss}")
