"""Inline definitions: the first use of a glossary term on a page explains itself, without JavaScript.

The glossary page (content id ``glossary``) is the one source: each question is a term, its heading
the term's name ("Axon (nerve fibre)" gives "axon" and "nerve fibre") and its short answer the plain
definition. After the paragraph or list where a term first appears, a ``<details>`` element offers
the definition and a link to the term's entry. ``<details>`` opens on tap or Enter with no script,
and screen readers announce it as a collapsed control.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, NavigableString
from django.core.cache import cache
from django.db import transaction
from django.utils.html import escape

from cidp_site.core.cachehealth import CACHE_ERRORS

GLOSSARY_ID = "glossary"
SKIP_INSIDE = {"a", "h1", "h2", "h3", "summary", "details", "aside", "figcaption", "mark", "code"}
BLOCKS = ("p", "ul", "ol")


@dataclass(frozen=True)
class Term:
    name: str  # as the heading says it
    anchor: str
    definition: str
    url: str
    pattern: re.Pattern


CACHE_KEY = "pages:glossary-terms"


def _names(heading: str) -> list[str]:
    head, _, rest = heading.partition("(")
    return [n for n in (" ".join(head.split()), " ".join(rest.rstrip(")").split())) if len(n) >= 3]


def glossary_terms() -> tuple[Term, ...]:
    """Terms from the live glossary page, kept in the shared cache until any page is published,
    so rendering a page costs no extra query."""
    terms = cache.get(CACHE_KEY)
    if terms is None:
        terms = _build()
        cache.set(CACHE_KEY, terms, None)
    return terms


def forget(**kwargs) -> None:
    _delete_now()
    transaction.on_commit(_delete_now)


def _delete_now() -> None:
    """A cache outage must not fail a publish or a sync; the terms are read again once it is back
    (the page cache's purge reports the outage)."""
    try:
        cache.delete(CACHE_KEY)
    except CACHE_ERRORS:
        pass


def _build() -> tuple[Term, ...]:
    from .models import FAQPage

    page = FAQPage.objects.live().public().filter(content_id=GLOSSARY_ID).first()
    terms = []
    if page is not None:
        url = page.url
        for block in page.questions:
            if block.block_type != "question":
                continue
            q = block.value
            for name in _names(q["question"]):
                # Whole words; an abbreviation (all capitals) matches only in capitals.
                flags = 0 if name.isupper() else re.IGNORECASE
                pattern = re.compile(r"(?<![\w-])" + re.escape(name) + r"s?(?![\w-])", flags)
                terms.append(Term(name, q["anchor"], q["short_answer"], f"{url}#{q['anchor']}", pattern))
    terms.sort(key=lambda t: -len(t.name))  # "nerve conduction study" before "nerve"
    return tuple(terms)


def register_signal_handlers() -> None:
    from wagtail.signals import page_published, page_unpublished

    page_published.connect(forget, dispatch_uid="pages-glossary-terms-published")
    page_unpublished.connect(forget, dispatch_uid="pages-glossary-terms-unpublished")


def _block_of(node):
    for parent in node.parents:
        if parent.name in SKIP_INSIDE:
            return None
        if parent.name == "li":
            continue
        if parent.name in BLOCKS:
            return parent
    return None


def define_first_uses(html: str, terms, skip_anchors=()) -> str:
    """``html`` with a definition after the block holding each term's first use."""
    if not terms:
        return html
    soup = BeautifulSoup(html, "html.parser")
    used = set(skip_anchors)
    after: dict[int, tuple] = {}
    for text in list(soup.find_all(string=True)):
        if not isinstance(text, NavigableString) or not text.strip():
            continue
        if text.parent.name == "h2":
            # A question about the term ("What is CIDP?") explains it: no definition needed.
            used.update(t.anchor for t in terms if t.pattern.search(str(text)))
            continue
        block = _block_of(text)
        if block is None or block.find_parent(class_=re.compile(r"\b(callout|define)\b")):
            continue
        for term in terms:
            if term.anchor in used or not term.pattern.search(str(text)):
                continue
            used.add(term.anchor)
            after.setdefault(id(block), (block, []))[1].append(
                (term, term.pattern.search(str(text)).group(0))
            )
    for block, found in after.values():
        anchor_node = block
        for term, word in found:
            details = BeautifulSoup(_details(term, word), "html.parser").details.extract()
            anchor_node.insert_after(details)
            anchor_node = details
    return str(soup)


def _details(term: Term, word: str) -> str:
    return (
        '<details class="define">'
        f"<summary>What does “{escape(word)}” mean?</summary>"
        f"<p>{escape(term.definition)} "
        f'<a href="{escape(term.url)}">{escape(term.name)} in the glossary</a></p>'
        "</details>"
    )
