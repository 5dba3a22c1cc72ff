"""Django's Redis cache, made to miss instead of fail while Redis is down.

Wagtail reads the site's root paths from the default cache on every page render, and sessions read
it on every editor's request, so with the stock backend a Redis outage answers every page with 500.
Here a read that cannot reach Redis is a miss and a write that cannot reach it is dropped (both
logged, at most every few seconds per process), so pages render uncached from the database.

Operations whose caller must know that nothing was counted or removed still raise: ``add`` and
``incr`` (rate limits and the page-cache generation fail safe on them, cidp_site.core.ratelimit and
cidp_site.pagecache), ``delete`` (a logged-out session must not linger in the cache) and ``clear``.
"""

from __future__ import annotations

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger("cidp_site.cache")
_LOG_EVERY = 10.0  # seconds


def _miss_when_down(name: str, fallback):
    """RedisCache's ``name``, answering ``fallback(*arguments)`` (a miss, a dropped write) while
    Redis cannot be reached, instead of raising."""
    method = getattr(RedisCache, name)

    @functools.wraps(method)
    def guarded(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except (RedisError, OSError) as exc:
            self._down(name, exc)
            return fallback(*args, **kwargs)

    return guarded


class ResilientRedisCache(RedisCache):
    _last_logged = 0.0

    def _down(self, operation: str, exc: Exception) -> None:
        now = time.monotonic()
        if now - ResilientRedisCache._last_logged >= _LOG_EVERY:
            ResilientRedisCache._last_logged = now
            logger.error("cache unavailable (%s: %s); serving uncached", operation, exc)

    get = _miss_when_down("get", lambda key, default=None, version=None: default)
    get_many = _miss_when_down("get_many", lambda *args, **kwargs: {})
    has_key = _miss_when_down("has_key", lambda *args, **kwargs: False)
    set = _miss_when_down("set", lambda *args, **kwargs: None)
    set_many = _miss_when_down("set_many", lambda data, *args, **kwargs: list(data))
    touch = _miss_when_down("touch", lambda *args, **kwargs: False)
