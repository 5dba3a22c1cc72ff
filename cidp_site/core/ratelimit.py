"""Flood protection that stores nothing about the reader.

The client key is a keyed hash of the client's network (cidp_site.core.clientip: the address our
own proxy saw, never a header the client chose or its browser string), kept only in the cache for
the length of the window; it is never written to the database or logs. An overall per-scope ceiling
also applies so a flood from many addresses cannot fill the tables, and only requests within their
client's own allowance count toward it: one client cannot use up the ceiling for everybody else.

When the cache is down nothing can be counted, so ``allow`` raises ``Unavailable`` and the caller
refuses the write (fail safe) instead of writing without a limit or answering 500.
"""

from __future__ import annotations

import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import cache

from .cachehealth import CACHE_ERRORS
from .clientip import client_network


class Unavailable(Exception):
    """The counters cannot be read or written (the cache is down)."""


def client_key(request) -> str:
    raw = client_network(request)
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


def allow(request, scope: str, per_client: int, overall: int | None = None, window: int = 60) -> bool:
    """True if this request is within both limits for ``scope`` in the current window."""
    bucket = int(now() // window)
    try:
        if _hit(f"rl:{scope}:{bucket}:{client_key(request)}", window) > per_client:
            return False
        return overall is None or _hit(f"rl:{scope}:{bucket}:all", window) <= overall
    except CACHE_ERRORS as exc:
        raise Unavailable(str(exc)) from exc


def first_time_today(request, scope: str, value: str) -> bool:
    """True the first time this client sends ``value`` for ``scope`` today (both only hashed)."""
    day = int(now() // 86400)
    digest = hashlib.sha256(value.encode()).hexdigest()[:32]
    try:
        return cache.add(f"once:{scope}:{day}:{client_key(request)}:{digest}", 1, timeout=86400)
    except CACHE_ERRORS as exc:
        raise Unavailable(str(exc)) from exc
