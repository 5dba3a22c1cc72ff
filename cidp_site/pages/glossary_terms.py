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
from html.parser import HTMLParser

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


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
FENCED = re.compile(r"\b(callout|define)\b")


class _Finder(HTMLParser):
    """Walks the HTML once, noting where each term is first used and where that block ends.

    Only positions are recorded: the page's own markup is never re-serialised, so attributes,
    quoting and whitespace stay exactly as the rich-text renderer wrote them.
    """

    def __init__(self, html: str, terms, used: set[str]):
        super().__init__(convert_charrefs=True)
        self.html, self.terms, self.used = html, terms, used
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", html)]
        self.stack: list[list] = []  # [tag, fenced, found terms]
        self.inserts: list[tuple[int, list]] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        fenced = bool(self.stack and self.stack[-1][1]) or bool(FENCED.search(dict(attrs).get("class") or ""))
        self.stack.append([tag, fenced, []])

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if not any(entry[0] == tag for entry in self.stack):
            return  # a stray end tag: nothing of ours to close
        end = self.html.find(">", self._offset()) + 1 or len(self.html)
        while self.stack:
            name, _, found = self.stack.pop()
            if found:
                self.inserts.append((end, found))
            if name == tag:
                break

    def handle_data(self, data):
        if not data.strip() or not self.stack:
            return
        if self.stack[-1][0] == "h2":
            # A question about the term ("What is CIDP?") explains it: no definition needed.
            self.used.update(t.anchor for t in self.terms if t.pattern.search(data))
            return
        block = self._block()
        if block is None:
            return
        for term in self.terms:
            if term.anchor in self.used:
                continue
            match = term.pattern.search(data)
            if match:
                self.used.add(term.anchor)
                block[2].append((term, match.group(0)))

    def _block(self):
        for entry in reversed(self.stack):
            if entry[0] in SKIP_INSIDE:
                return None
            if entry[0] in BLOCKS:
                return None if entry[1] else entry
        return None


def define_first_uses(html: str, terms, skip_anchors=()) -> str:
    """``html`` with a definition after the block holding each term's first use; every other
    character of ``html`` is kept as it was."""
    if not terms:
        return html
    finder = _Finder(html, terms, set(skip_anchors))
    finder.feed(html)
    finder.close()
    for _, _, found in reversed(finder.stack):  # blocks left open at the end
        if found:
            finder.inserts.append((len(html), found))
    for end, found in sorted(finder.inserts, key=lambda item: -item[0]):
        html = html[:end] + "".join(_details(term, word) for term, word in found) + html[end:]
    return html


def _details(term: Term, word: str) -> str:
    return (
        '<details class="define">'
        f"<summary>What does “{escape(word)}” mean?</summary>"
        f"<p>{escape(term.definition)} "
        f'<a href="{escape(term.url)}">{escape(term.name)} in the glossary</a></p>'
        "</details>"
    )
