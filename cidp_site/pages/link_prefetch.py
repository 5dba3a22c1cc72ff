"""Look up every page a page links to once per request, so rendering cost does not grow with content.

Wagtail expands each rich-text field's page links with its own queries, and a FAQ page has a rich
text per answer: 30 questions meant 60 queries. A page now collects the ids of all its links
(answers, callouts, intro, related pages) up front, fetches them in one light query, and the
"page" link handler reads from that for the rest of the request.
"""

from __future__ import annotations

import contextvars
import re
from contextlib import contextmanager

from wagtail.models import Page

# An opening <a> tag in stored rich text, its attributes in group 1. The one definition: the export's
# comparison (content_sync.compare) sorts the same attributes.
LINK_TAG_RE = re.compile(r"<a\b([^>]*)>")
PAGE_ID_RE = re.compile(r'\bid="(\d+)"')
# What a URL and a link title need; no per-type (specific) tables.
LINK_FIELDS = ("id", "title", "path", "depth", "url_path", "live", "locale_id", "translation_key")

_prefetched: contextvars.ContextVar[dict[int, Page] | None] = contextvars.ContextVar(
    "page_links", default=None
)


def page_ids_in(value) -> set[int]:
    """Ids of pages linked from any rich text inside a field's raw (JSON-like) data."""
    found: set[int] = set()
    if isinstance(value, str):
        for attributes in LINK_TAG_RE.findall(value):
            if 'linktype="page"' in attributes and (match := PAGE_ID_RE.search(attributes)):
                found.add(int(match.group(1)))
    elif isinstance(value, dict):
        for item in value.values():
            found |= page_ids_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            found |= page_ids_in(item)
    return found


def fetch(ids) -> dict[int, Page]:
    ids = {int(i) for i in ids}
    if not ids:
        return {}
    return {p.pk: p for p in Page.objects.filter(pk__in=ids).only(*LINK_FIELDS)}


@contextmanager
def prefetched_links(pages: dict[int, Page]):
    token = _prefetched.set(pages)
    try:
        yield
    finally:
        _prefetched.reset(token)


def prefetched() -> dict[int, Page] | None:
    return _prefetched.get()
