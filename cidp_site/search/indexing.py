"""Keep SearchEntry rows in step with what is published.

Publishing a page rewrites its rows and unpublishing removes them (signals.py); deleting a page
removes them by cascade; ``rebuild_search_entries`` recreates everything. Only live pages are ever
indexed, so the search can never show a draft.
"""

from __future__ import annotations

from django.db import transaction
from wagtail.models import Page

from cidp_site.core.citations import strip as strip_citations

from . import cache
from .models import SearchEntry
from .text import html_text, index_text


def _rich(value) -> str:
    """Plain words of rich text; citation markers are for the page's references, not for search."""
    source = getattr(value, "source", value)
    return strip_citations(html_text(str(source or "")))


def _answer_text(answer) -> str:
    parts = []
    for child in answer or []:
        if child.block_type == "text":
            parts.append(_rich(child.value))
        elif child.block_type == "callout":
            parts.append(_rich(child.value.get("text")))
        elif child.block_type == "include" and child.value is not None:  # a shared warning list
            parts.extend([child.value.title, _rich(child.value.text)])
        elif child.block_type == "figure":
            parts.extend([child.value.get("alt", ""), child.value.get("caption", "")])
    return " ".join(parts)


def pages_including(warning_list) -> list[Page]:
    """Live pages with an answer that includes this shared list (a site of tens of pages: a scan)."""
    found = []
    for page in Page.objects.live().specific():
        for block in getattr(page, "questions", None) or []:
            answer = block.value.get("answer") if block.block_type == "question" else None
            if any(c.block_type == "include" and c.value == warning_list for c in answer or []):
                found.append(page)
                break
    return found


def entries_for_page(page: Page) -> list[SearchEntry]:
    """The rows a live page should have: one for the page, one per question."""
    summary = getattr(page, "summary", "")
    questions = [b.value for b in getattr(page, "questions", None) or [] if b.block_type == "question"]
    body = " ".join([_rich(getattr(page, "intro", "")), " ".join(q["question"] for q in questions)])
    page_also_asked = getattr(page, "also_asked", "") or ""
    entries = [
        SearchEntry(
            page=page,
            anchor="",
            position=0,
            title=page.title[:255],
            snippet=summary,
            title_text=index_text(page.title),
            # Other ways readers ask for the page weigh as its summary does (never shown).
            snippet_text=index_text(f"{summary} {page_also_asked}"),
            body_text=index_text(body),
            phrasings=page_also_asked,
        )
    ]
    for n, q in enumerate(questions, start=1):
        answer = _answer_text(q.get("answer"))
        also_asked = q.get("also_asked") or ""
        entries.append(
            SearchEntry(
                page=page,
                anchor=q["anchor"],
                position=n,
                title=q["question"][:255],
                snippet=strip_citations(q["short_answer"]),
                context=page.title[:255],
                title_text=index_text(q["question"]),
                # Other ways readers ask it weigh as the short answer does: close to the question.
                snippet_text=index_text(f"{strip_citations(q['short_answer'])} {also_asked}"),
                # The page title helps a question rank for its topic ("side effects" -> "Is IVIG safe?").
                body_text=index_text(f"{answer} {page.title}"),
                phrasings=also_asked,
            )
        )
    return entries


def is_indexable(page: Page) -> bool:
    return page.live and not page.is_root() and page.depth > 1 and hasattr(page, "summary")


def reindex_page(page: Page) -> int:
    page = page.specific
    with transaction.atomic():
        SearchEntry.objects.filter(page_id=page.pk).delete()
        if not is_indexable(page):
            return 0
        entries = entries_for_page(page)
        SearchEntry.objects.bulk_create(entries)
    return len(entries)


def remove_page(page: Page) -> None:
    SearchEntry.objects.filter(page_id=page.pk).delete()


def rebuild(batch_size: int = 500) -> int:
    """Recreate every row from live pages. Returns the number of rows written."""
    written = 0
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        pending: list[SearchEntry] = []
        for page in Page.objects.live().specific().iterator(chunk_size=batch_size):
            if is_indexable(page):
                pending.extend(entries_for_page(page))
            if len(pending) >= batch_size:
                SearchEntry.objects.bulk_create(pending)
                written += len(pending)
                pending = []
        SearchEntry.objects.bulk_create(pending)
        written += len(pending)
        cache.bump()
    return written
