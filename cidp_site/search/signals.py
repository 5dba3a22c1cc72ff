"""Index on publish, drop on unpublish; forget cached results whenever either or a synonym changes.

Deleting a page removes its rows by cascade.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, published, unpublished

from cidp_site.pages.library import WarningList

from . import cache
from .indexing import pages_including, reindex_page, remove_page
from .models import SynonymGroup


def on_published(sender, instance, **kwargs):
    reindex_page(instance)
    cache.bump()


def on_unpublished(sender, instance, **kwargs):
    remove_page(instance)
    cache.bump()


def on_warning_list_changed(sender, instance, **kwargs):
    """A shared list's words are searched as part of every answer that includes it."""
    if isinstance(instance, WarningList):
        for page in pages_including(instance):
            reindex_page(page)
        cache.bump()


def register_signal_handlers():
    page_published.connect(on_published, dispatch_uid="search_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="search_unpublished")
    published.connect(on_warning_list_changed, dispatch_uid="search_warning_list_published")
    unpublished.connect(on_warning_list_changed, dispatch_uid="search_warning_list_unpublished")
    post_save.connect(cache.bump, sender=SynonymGroup, dispatch_uid="search_synonym_saved")
    post_delete.connect(cache.bump, sender=SynonymGroup, dispatch_uid="search_synonym_deleted")
