"""The record of addresses ever published (see ``PublishedURL``)."""

from __future__ import annotations

from wagtail.models import Page

from .models import PublishedURL


def page_path(page: Page) -> str | None:
    """The page's address on its site, without scheme and host; None if it has none."""
    parts = page.get_url_parts()
    if not parts:
        return None
    return parts[2]


def record_page_urls(page: Page, descendants: bool = False) -> int:
    """Record the current address of ``page`` (and its live descendants); returns how many are new."""
    page = Page.objects.filter(pk=page.pk).first()
    if page is None or not page.live:
        return 0
    pages = [page]
    if descendants:
        pages += list(page.get_descendants().live())
    rows = []
    for item in pages:
        path = page_path(item)
        if path:
            rows.append(PublishedURL(path=path, page_id=item.pk))
    before = PublishedURL.objects.count()
    PublishedURL.objects.bulk_create(rows, ignore_conflicts=True)
    return PublishedURL.objects.count() - before
