"""Citations in page text: ``[@ean-pns-2021]`` or ``[@ean-pns-2021; @ice-trial-2008]``.

Pages keep the markers as plain text (they survive the rich-text editor and the markdown round trip
unchanged); they become numbered links only when a page is shown. Numbers follow the order in which
a reader meets each source, so the references list at the end reads 1, 2, 3 from the top.
"""

from __future__ import annotations

import re

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from .slugs import SLUG_PATTERN

# Anything in square brackets that starts with @ is meant as a citation; whether it is well formed
# is decided by parse(), so a typo is reported instead of silently shown as text.
MARKER_RE = re.compile(r"\[@([^\]\n]*)\]")
ID_RE = re.compile(rf"^@({SLUG_PATTERN})$")  # one id as written in a marker: '@' and a bibliography id


def parse(inner: str) -> list[str] | None:
    """The ids in one marker (what follows its '[@'), or None when it is not well formed."""
    ids = []
    for part in ("@" + inner).split(";"):
        match = ID_RE.match(part.strip())
        if match is None:
            return None
        ids.append(match.group(1))
    return ids


def cited_ids(text: str) -> list[str]:
    """Every well-formed id in ``text``, in order, repeats included."""
    return [cid for inner in MARKER_RE.findall(text or "") for cid in parse(inner) or []]


def strip(text: str) -> str:
    """Text without its citation markers, for places with no references list (search, handouts)."""
    return re.sub(r"[ \t]*" + MARKER_RE.pattern, "", text or "")


class Numbering:
    """Reference numbers for one page, by first appearance."""

    def __init__(self, ids=()):
        self.order: list[str] = []
        for cid in ids:
            self.add(cid)

    def add(self, cid: str) -> None:
        if cid not in self.order:
            self.order.append(cid)

    def number(self, cid: str) -> int | None:
        return self.order.index(cid) + 1 if cid in self.order else None


def _link(cid: str, numbering: Numbering) -> str:
    number = numbering.number(cid)
    return format_html('<a href="#ref-{0}"><span class="visually-hidden">Reference </span>{0}</a>', number)


def _drop(match: re.Match) -> str:
    return "" if parse(match.group(1)) is not None else match.group(0)


def link(html: str, numbering: Numbering | None) -> SafeString:
    """Turn the markers in already-safe HTML into superscript links to the references list.

    Without a numbering (a handout, a search result) the markers are removed. A marker naming an
    id the page did not number is left as written, so a reviewer sees it in the preview.
    """

    def replace(match: re.Match) -> str:
        ids = parse(match.group(1))
        if ids is None or any(numbering.number(cid) is None for cid in ids):
            return match.group(0)
        links = format_html_join(", ", "{}", ((mark_safe(_link(cid, numbering)),) for cid in ids))  # noqa: S308
        return f'<sup class="cite">{links}</sup>'

    if numbering is None:
        return mark_safe(re.sub(r"[ \t]*" + MARKER_RE.pattern, _drop, html))  # noqa: S308 - text removed only
    # The space before a marker goes too: the number sits on the word, as in print ("tightness¹").
    return mark_safe(re.sub(r"[ \t]*" + MARKER_RE.pattern, replace, html))  # noqa: S308 - built escaped


def link_text(text: str, numbering: Numbering | None) -> SafeString:
    """The same for plain text (a short answer): escaped first."""
    return link(escape(text or ""), numbering)
