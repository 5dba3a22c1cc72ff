"""The page store's clocks and its shared generation: one-hour expiry, a check of the shared number
at most once a second per worker, and the number carried between processes by Redis."""

import subprocess
import sys
import uuid

import pytest
import redis
from django.conf import settings as django_settings
from django.core.cache import cache
from django.http import HttpResponse

from cidp_site.pagecache import store as store_module
from cidp_site.pagecache.store import GENERATION_KEY, Store

REDIS_DB = 7  # not the site's database 0: other test runs may share this Redis


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(store_module.time, "monotonic", clock)
    return clock


def page(text="<p>IVIG</p>"):
    return HttpResponse(text)


def test_a_page_is_kept_for_one_hour_then_rendered_again(clock, settings):
    settings.PAGECACHE_GENERATION_CHECK = 1.0
    assert django_settings.PAGECACHE_TIMEOUT == 3600  # the documented hour
    worker = Store()
    worker.get("/ivig/")
    worker.put("/ivig/", page())
    clock.now += 3599
    assert worker.get("/ivig/").content == b"<p>IVIG</p>"
    clock.now += 2  # 3601 s after it was stored
    assert worker.get("/ivig/") is None


def test_a_worker_reads_the_shared_generation_at_most_once_a_second(clock, settings, monkeypatch):
    settings.PAGECACHE_GENERATION_CHECK = 1.0
    cache.delete(GENERATION_KEY)
    worker, publisher = Store(), Store()
    reads = []
    shared = worker._shared_generation
    monkeypatch.setattr(worker, "_shared_generation", lambda: reads.append(clock.now) or shared())
    worker.get("/ivig/")
    worker.put("/ivig/", page())
    for _ in range(50):
        clock.now += 0.01
        assert worker.get("/ivig/") is not None
    assert len(reads) == 1  # fifty requests in half a second: one look at the shared number
    publisher.invalidate()  # another worker publishes
    clock.now += 0.4  # 0.9 s since this worker last looked: it may still serve what it holds
    assert worker.get("/ivig/") is not None
    clock.now += 0.2  # past the second: it looks, sees the new generation and drops the page
    assert worker.get("/ivig/") is None
    assert len(reads) == 2


@pytest.fixture
def redis_cache(settings):
    prefix = f"test-pagecache-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:6379/{REDIS_DB}",
            "KEY_PREFIX": prefix,
        }
    }
    client = redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB)
    yield client, f"{prefix}:1:{GENERATION_KEY}"
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def test_workers_agree_through_redis(redis_cache, clock, settings):
    client, key = redis_cache
    settings.PAGECACHE_GENERATION_CHECK = 1.0
    worker, publisher = Store(), Store()
    worker.get("/ivig/")
    worker.put("/ivig/", page())
    before = int(client.get(key))  # the generation lives in Redis, where every app server reads it
    publisher.invalidate()
    assert int(client.get(key)) == before + 1
    clock.now += 1.1
    assert worker.get("/ivig/") is None
    worker.put("/ivig/", page())
    # A publish in another process (another app server) reaches this worker through Redis alone.
    bump = f"import redis; redis.Redis(host='127.0.0.1', port=6379, db={REDIS_DB}).incr({key!r})"
    subprocess.run([sys.executable, "-c", bump], check=True, timeout=60)
    clock.now += 1.1
    assert worker.get("/ivig/") is None
