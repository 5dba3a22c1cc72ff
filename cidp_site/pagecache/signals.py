"""Drop cached pages whenever what readers see may have changed.

Every page shows links to others (menus, related pages, section lists), so one publish can change
many pages: the whole cache goes, which for a site of this size costs one render per page.
The drop waits for the transaction to commit, so a failed sync leaves the cache as it was.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from cidp_site.core.cachehealth import CACHE_ERRORS
from cidp_site.core.signals import search_changed

from .store import store

logger = logging.getLogger("cidp_site.pagecache")


def invalidate(**kwargs) -> None:
    transaction.on_commit(_invalidate_now)


class PurgeFailures:
    """How many cache drops failed after their commit, in this process (sync_content reports them)."""

    count = 0


def _invalidate_now() -> None:
    """Runs after the commit: a failure here must not undo or hide the content that was saved."""
    try:
        store.invalidate()
    except CACHE_ERRORS as exc:
        PurgeFailures.count += 1
        logger.error(
            "content was saved, but the shared page cache could not be cleared (%s): other workers "
            "may show old pages for up to %s s or until the cache answers again",
            exc,
            settings.PAGECACHE_TIMEOUT,
        )
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        # The CDN hook: Wagtail's frontend cache purges every live page's URLs at the CDN too.
        from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache

        purge_pages_from_cache(Page.objects.live().specific())


def snippet_changed(sender, **kwargs) -> None:
    """A shared warning list shows on many pages; publishing it changes all of them."""
    from cidp_site.pages.library import WarningList

    if issubclass(sender, WarningList):
        invalidate()


def setting_saved(sender, created=False, **kwargs) -> None:
    """The emergency number is in every emergency box. (A row made on first use holds the default
    every page already showed, so only a change counts.)"""
    from cidp_site.core.models import EmergencySettings

    if issubclass(sender, EmergencySettings) and not created:
        invalidate()


def page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        invalidate()


def register_signal_handlers():
    search_changed.connect(invalidate, dispatch_uid="pagecache-search-changed")
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(invalidate, dispatch_uid=f"pagecache-{signal!r}")
    published.connect(snippet_changed, dispatch_uid="pagecache-snippet-published")
    unpublished.connect(snippet_changed, dispatch_uid="pagecache-snippet-unpublished")
    post_save.connect(setting_saved, dispatch_uid="pagecache-settings")
    post_delete.connect(page_deleted, dispatch_uid="pagecache-delete")
