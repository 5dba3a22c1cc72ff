"""Whole-response cache for anonymous readers, held in each worker's memory.

A hit must cost about what whitenoise spends on a static file, so it is a dictionary lookup, not
a network round trip. Workers agree on freshness through one shared "generation" number in the
Django cache (Redis in production): publishing bumps it, and each worker compares it at most once
every PAGECACHE_GENERATION_CHECK seconds, then drops everything it holds if it moved.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from cidp_site.core.cachehealth import CACHE_ERRORS

GENERATION_KEY = "pagecache:generation"


@dataclass(frozen=True)
class Entry:
    status: int
    content: bytes
    headers: tuple[tuple[str, str], ...]
    stored_at: float

    def response(self) -> HttpResponse:
        response = HttpResponse(self.content, status=self.status)
        for name, value in self.headers:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response


class Store:
    def __init__(self):
        self._lock = threading.Lock()
        self._entries: OrderedDict[str, Entry] = OrderedDict()
        self._generation = None
        self._checked_at = 0.0

    def _shared_generation(self):
        """The shared number, or None when the cache cannot be reached."""
        try:
            generation = cache.get(GENERATION_KEY)
            if generation is None:
                cache.add(GENERATION_KEY, 1, timeout=None)  # raises when Redis is down
                generation = cache.get(GENERATION_KEY)
            return generation
        except CACHE_ERRORS:
            return None

    def _sync(self, now: float) -> bool:
        """True when this worker knows the shared generation, so its pages may be served.

        Unreachable cache: a publish elsewhere could go unseen, so everything held is dropped and
        pages render uncached until the cache answers again (asked again after the usual interval).
        """
        if now - self._checked_at < settings.PAGECACHE_GENERATION_CHECK:
            return self._generation is not None
        generation = self._shared_generation()
        with self._lock:
            self._checked_at = now
            if generation is None or generation != self._generation:
                self._entries.clear()
                self._generation = generation
        return generation is not None

    @property
    def usable(self) -> bool:
        return self._sync(time.monotonic())

    def get(self, key: str) -> Entry | None:
        now = time.monotonic()
        if not self._sync(now):
            return None
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if now - entry.stored_at > settings.PAGECACHE_TIMEOUT:
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return entry

    def put(self, key: str, response) -> None:
        if self._generation is None:
            return  # freshness unknown (cache down): nothing is kept
        headers = tuple((name, value) for name, value in response.items() if name.lower() != "x-page-cache")
        entry = Entry(response.status_code, bytes(response.content), headers, time.monotonic())
        with self._lock:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > settings.PAGECACHE_MAX_ENTRIES:
                self._entries.popitem(last=False)

    def clear_local(self) -> None:
        with self._lock:
            self._entries.clear()
            self._generation = None
            self._checked_at = 0.0

    def invalidate(self) -> None:
        """Every worker drops its pages: bump the shared generation, and clear this worker now.

        Raises the cache's error when the shared number cannot be bumped (this worker is cleared
        anyway): the caller must report that other workers may keep old pages.
        """
        self.clear_local()
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # not set yet (or evicted): any new value differs from what workers hold
            if not cache.add(GENERATION_KEY, int(time.time() * 1000), timeout=None):
                cache.incr(GENERATION_KEY)

    def __len__(self) -> int:
        return len(self._entries)


store = Store()
