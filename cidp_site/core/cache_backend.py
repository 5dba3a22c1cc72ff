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

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger("cidp_site.cache")
_LOG_EVERY = 10.0  # seconds


class ResilientRedisCache(RedisCache):
    _last_logged = 0.0

    def _down(self, operation: str, exc: Exception) -> None:
        now = time.monotonic()
        if now - ResilientRedisCache._last_logged >= _LOG_EVERY:
            ResilientRedisCache._last_logged = now
            logger.error("cache unavailable (%s: %s); serving uncached", operation, exc)

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except (RedisError, OSError) as exc:
            self._down("get", exc)
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except (RedisError, OSError) as exc:
            self._down("get_many", exc)
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except (RedisError, OSError) as exc:
            self._down("has_key", exc)
            return False

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            super().set(key, value, timeout, version)
        except (RedisError, OSError) as exc:
            self._down("set", exc)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except (RedisError, OSError) as exc:
            self._down("set_many", exc)
            return list(data)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version)
        except (RedisError, OSError) as exc:
            self._down("touch", exc)
            return False
