"""Keep search cheap under load: cache results per normalised query, and bound fresh searches.

Results are cached under a generation number that publishing, unpublishing and any change to the
synonyms (glossary sync included) move on, and under a digest of the ranking code and its learned
map, so a reader never sees results from before a change or a deploy.
A fresh search costs far more than a cached page; sync gunicorn workers run one request each, so
without a bound a burst of new queries would take every worker and stall page readers. At most
SEARCH_MAX_CONCURRENT fresh searches run at once on a host (file locks, shared by all workers);
one that waits longer than SEARCH_SLOT_WAIT seconds is told to try again.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import tempfile
import time
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from cidp_site.core.cachehealth import CACHE_ERRORS
from cidp_site.core.signals import search_changed

logger = logging.getLogger("cidp_site.search")
GENERATION = "site-search:generation"
TIMEOUT = 60 * 60 * 24
# What ranks: this package's code and its learned data (the meaning map). Cached orders outlive a
# deploy in Redis, so the key carries a digest of these: a deploy that changes ranking is not
# answered with orders ranked before it for up to TIMEOUT.
RANKING_SOURCES = Path(__file__).parent


class Busy(Exception):
    """Every search slot stayed taken for the whole wait."""


def generation() -> int:
    """The current generation; 0 while the cache is down (no result is then kept or found)."""
    try:
        value = cache.get(GENERATION)
        if value is None:
            cache.add(GENERATION, 1, None)
            value = cache.get(GENERATION) or 1
        return value
    except CACHE_ERRORS:
        return 0


def _bump_now() -> None:
    """A failure must not fail a publish: results cached before it expire within TIMEOUT, and
    the page cache's own purge reports the outage (sync_content says so)."""
    try:
        try:
            cache.incr(GENERATION)
        except ValueError:
            cache.set(GENERATION, 2, None)
    except CACHE_ERRORS as exc:
        logger.error("search results cache could not be cleared (%s)", exc)


def bump(**kwargs) -> None:
    """Forget every cached result now, and again once the transaction commits: a search that ran
    in between, seeing the old rows, cannot then stay cached. Cached result pages go too."""
    _bump_now()
    transaction.on_commit(_bump_now)
    search_changed.send(sender=bump)


@lru_cache(maxsize=1)
def ranking_version() -> str:
    """A digest of what ranks, read once per worker (a deploy starts new workers)."""
    digest = hashlib.sha256()
    folder = RANKING_SOURCES
    for path in sorted([*folder.glob("*.py"), *folder.glob("data/*")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def key(normalised: str) -> str:
    digest = hashlib.sha256(normalised.encode()).hexdigest()[:32]
    return f"site-search:{generation()}:{ranking_version()}:{digest}"


def get(normalised: str):
    return cache.get(key(normalised))


def put(normalised: str, value) -> None:
    cache.set(key(normalised), value, TIMEOUT)


def _slot_dir() -> Path:
    configured = getattr(settings, "SEARCH_SLOT_DIR", "")
    if configured:
        return Path(configured)
    tag = hashlib.sha256(str(settings.BASE_DIR).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"cidp-search-slots-{tag}"


@contextmanager
def slot():
    """Hold one of the host's search slots while the block runs; raise Busy if none comes free."""
    folder = _slot_dir()
    folder.mkdir(parents=True, exist_ok=True)
    limit = max(1, int(settings.SEARCH_MAX_CONCURRENT))
    deadline = time.monotonic() + float(settings.SEARCH_SLOT_WAIT)
    while True:
        for n in range(limit):
            fd = os.open(folder / f"slot-{n}", os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                continue
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
                os.close(fd)
            return
        if time.monotonic() >= deadline:
            raise Busy
        time.sleep(0.01)
