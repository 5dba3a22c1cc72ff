import pytest


@pytest.fixture(autouse=True)
def fresh_rate_limits(monkeypatch):
    """Each test starts with empty rate-limit counters inside one fixed time window."""
    from django.core.cache import cache

    from cidp_site.core import ratelimit

    cache.clear()
    monkeypatch.setattr(ratelimit, "now", lambda: 1_800_000_000.0)
    yield
    cache.clear()
