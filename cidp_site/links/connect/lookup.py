"""Which live pages answer a request's codes: exact code, else the nearest parent, else its children.

Read-only: every lookup is a SELECT, so ``/connect/`` can be cached and hammered safely.
"""

from __future__ import annotations

from django.db.models import Q
from wagtail.models import Page

from ..models import PageCode
from . import codes


def pages_for(system: str | None, wanted: list[str]) -> list[Page]:
    """Live public pages for ``wanted`` codes, in request order, then each code's stated order."""
    if not system or not wanted:
        return []
    candidates = {c for code in wanted for c in [code, *codes.broader(system, code)]}
    query = Q(code__in=candidates)
    if system == codes.ICD10CM:
        for code in wanted:
            query |= Q(code__startswith=code if "." in code else f"{code}.")
    rows = list(
        PageCode.objects.filter(query, system=system, page__live=True).values_list("code", "order", "page_id")
    )
    ordered: list[int] = []
    for code in wanted:
        for page_id in _nearest(system, code, rows):
            if page_id not in ordered:
                ordered.append(page_id)
    pages = {p.pk: p for p in Page.objects.live().public().filter(pk__in=ordered).specific()}
    return [pages[pk] for pk in ordered if pk in pages]


def _nearest(system: str, code: str, rows) -> list[int]:
    for level in [code, *codes.broader(system, code)]:
        found = [r for r in rows if r[0] == level]
        if found:
            return [r[2] for r in sorted(found, key=_rank)]
    prefix = code if "." in code else f"{code}."
    children = [r for r in rows if r[0].startswith(prefix) and r[0] != code]
    return [r[2] for r in sorted(children, key=lambda r: (r[0], *_rank(r)))]


def _rank(row) -> tuple:
    return (row[1] is None, row[1] or 0, row[2])


def search_pages(text: str, limit: int = 3) -> list[Page]:
    """Fallback for a display name with no code match: the site's search, without logging anything."""
    from cidp_site.pages.models import FAQPage

    words = " ".join(text.split())[:100]
    if not words:
        return []
    return list(FAQPage.objects.live().public().search(words, operator="or")[:limit])
