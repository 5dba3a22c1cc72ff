"""Keep the record of every published address up to date as pages are published, renamed or moved."""

from django.db import transaction
from wagtail.signals import page_published, page_slug_changed, post_page_move

from .published_urls import record_page_urls


def _on_publish(sender, instance, **kwargs):
    record_page_urls(instance)


def _on_slug_or_move(sender, instance, **kwargs):
    # Descendants' addresses change with their ancestor's; record them after the tree is saved.
    transaction.on_commit(lambda: record_page_urls(instance, descendants=True))


def register_signal_handlers():
    page_published.connect(_on_publish, dispatch_uid="links_record_published_url")
    page_slug_changed.connect(_on_slug_or_move, dispatch_uid="links_record_renamed_url")
    post_page_move.connect(_on_slug_or_move, dispatch_uid="links_record_moved_url")
