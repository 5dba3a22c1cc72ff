"""Flood protection that stores nothing about the reader.

The client key is a keyed hash of the address and browser string, kept only in the cache for the
length of the window; it is never written to the database or logs. A global per-scope ceiling also
applies, so a flood from many addresses still cannot fill the tables.
"""

from __future__ import annotations

import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import cache


def _client_key(request) -> str:
    raw = f"{request.META.get('REMOTE_ADDR', '')}|{request.META.get('HTTP_USER_AGENT', '')}"
    return hmac.new(settings.SECRET_KEY.encode(), raw.encode(), hashlib.sha256).hexdigest()[:32]


def now() -> float:
    return time.time()


def _hit(key: str, window: int) -> int:
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return 1


def allow(request, scope: str, per_client: int, overall: int, window: int = 60) -> bool:
    """True if this request is within both limits for ``scope`` in the current window."""
    bucket = int(now() // window)
    client = _hit(f"rl:{scope}:{bucket}:{_client_key(request)}", window)
    total = _hit(f"rl:{scope}:{bucket}:all", window)
    return client <= per_client and total <= overall
