"""Index on publish, drop on unpublish. Deleting a page removes its rows by cascade."""

from wagtail.signals import page_published, page_unpublished

from .indexing import reindex_page, remove_page


def on_published(sender, instance, **kwargs):
    reindex_page(instance)


def on_unpublished(sender, instance, **kwargs):
    remove_page(instance)


def connect():
    page_published.connect(on_published, dispatch_uid="site_search_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="site_search_unpublished")
