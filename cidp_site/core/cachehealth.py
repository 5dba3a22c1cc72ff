"""What a cache outage looks like, in one place, so every caller degrades the same way.

Django's Redis backend lets redis-py's errors through (connection refused, timeouts, a server
going away mid-reply); the local-memory backend never fails. Nothing here needs Redis to be set up.
"""

from __future__ import annotations

from django.core.cache import cache
from redis.exceptions import RedisError

CACHE_ERRORS: tuple[type[BaseException], ...] = (RedisError, OSError)


def cache_ok() -> bool:
    """True if the shared cache answers a write and a read right now."""
    try:
        cache.set("health:probe", 1, timeout=10)
        return cache.get("health:probe") == 1
    except CACHE_ERRORS:
        return False
