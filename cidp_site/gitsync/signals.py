"""Publishes, unpublishes and moves made in the CMS become git commits; sync_content's own do not."""

from django.conf import settings
from wagtail.signals import page_published, page_unpublished, post_page_move

from cidp_site.content_sync.export import KIND_OF

from .commit import enabled, record
from .models import GitChange


def _content_page(page) -> bool:
    return type(page.specific) in KIND_OF


def on_published(sender, instance, revision=None, **kwargs):
    if not enabled() or not _content_page(instance):
        return
    user = getattr(revision, "user", None)
    if user is not None and user.get_username() == settings.CONTENT_SYNC_USERNAME:
        return  # sync_content publishing what git already holds
    record(instance, GitChange.PUBLISH, revision=revision)


def on_unpublished(sender, instance, **kwargs):
    if not enabled() or not _content_page(instance):
        return
    record(instance, GitChange.UNPUBLISH)


def on_moved(sender, instance, parent_page_before=None, parent_page_after=None, **kwargs):
    if not enabled() or parent_page_before is None or parent_page_before.pk == parent_page_after.pk:
        return
    if not _content_page(instance):
        return
    record(instance, GitChange.MOVE, old_parent=parent_page_before)


def register_signal_handlers():
    page_published.connect(on_published, dispatch_uid="gitsync_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="gitsync_unpublished")
    post_page_move.connect(on_moved, dispatch_uid="gitsync_moved")
