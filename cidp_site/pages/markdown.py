"""The one markdown pipeline: the markdown a file or a nurse writes <-> the rich text a page stores.

Every markdown text that becomes part of a page (intro, answer text, callout, shared warning list)
is read and sanitised here and nowhere else, and the export writes it back here:

- in: Wagtail 8's ``MarkdownConverter`` parses it. It is not Python-Markdown but draftjs_exporter's
  own CommonMark-core parser into Draft.js ContentState: raw HTML stays text (only ``<sup>`` and
  ``<sub>`` are read), and there are no extensions (no tables, footnotes or attribute lists). Then
  Wagtail's ``DbHTMLConverter`` keeps only ``RICH_TEXT_FEATURES`` (the list Draftail enforces on a
  nurse's edit), drops unsafe link schemes (``javascript:`` and the like) and reports each element
  it removed, which the importer turns into a ``path:line`` error. Pages show the result with
  Wagtail's ``richtext`` filter.
- out: the same converter's inverse, so a file survives sync then export byte for byte.

Python-Markdown (what the site once used for bibliography text) reads the same files differently:
it needs a blank line before a list, and the content files, written and exported in CommonMark, have
none. So nothing is read into a page by a second parser; the importer's check asks Python-Markdown
only whether a file holds a table, which this converter would flatten into text
(content_sync.validate), so a table is refused with its line instead of lost.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .blocks import RICH_TEXT_FEATURES

# A link to another page by its content id: content_sync.validate checks the id exists, and
# rich_text_from_markdown turns it into a page link.
PAGE_LINK_RE = re.compile(r"\]\(page:([^)\s#]*)")
WAGTAIL_LINK_RE = re.compile(r"\]\(wagtail://page\?id=(\d+)\)")
# A citation as the converter writes it back (it escapes square brackets).
ESCAPED_CITATION_RE = re.compile(r"\\\[@((?:[^\]\\\n]|\\.)*?)\\\]")
# A line that starts a new block, so unwrap() never joins it to the line above.
BLOCK_START_RE = re.compile(r"^\s*([-*+]\s|\d+[.)]\s|#|>|:::|!\[)")


def unwrap(markdown: str) -> str:
    """Join soft-wrapped lines, as markdown readers expect.

    Wagtail's converter turns every newline inside a paragraph into a <br>, which would break
    sentences mid-line on a phone wherever the file happened to wrap.
    """
    out: list[str] = []
    for line in markdown.split("\n"):
        previous = out[-1] if out else ""
        hard_break = previous.endswith(("  ", "\\")) or previous.lstrip().startswith("#")
        if line.strip() and previous.strip() and not BLOCK_START_RE.match(line) and not hard_break:
            out[-1] = f"{previous.rstrip()} {line.strip()}"
        else:
            out.append(line)
    return "\n".join(out)


def rich_text_from_markdown(markdown: str, page_id_of: Callable[[str], int]) -> tuple[str, list]:
    """Markdown (with ``page:<content id>`` links) as Wagtail database HTML limited to our features.

    Returns the cleaned HTML and what the whitelist removed (empty when everything fitted); the
    caller decides whether a removal is an error (the importer always says so, with the line).
    """
    # Imported here: page models import this module before the app registry is ready.
    from wagtail.admin.rich_text.converters.db_html import DbHTMLConverter
    from wagtail.admin.rich_text.converters.markdown_db import MarkdownConverter

    from cidp_site.core import citations

    markdown = unwrap(markdown)
    # Escaped, so the converter never reads a citation as the start of a link ("[@a]. Read [more](…)").
    markdown = citations.MARKER_RE.sub(lambda m: f"\\[@{m.group(1)}\\]", markdown)
    markdown = PAGE_LINK_RE.sub(lambda m: f"](wagtail://page?id={page_id_of(m.group(1))}", markdown)
    html = MarkdownConverter(RICH_TEXT_FEATURES).to_database_format(markdown)
    return DbHTMLConverter(RICH_TEXT_FEATURES).clean(html)


def rich_text_to_markdown(html: str, content_id_of: Callable[[int], str]) -> str:
    """Wagtail database HTML back to markdown, with page links written as ``page:<id>``.

    The converter escapes square brackets; a citation marker is written back as the author typed it.
    """
    from wagtail.admin.rich_text.converters.markdown_db import MarkdownConverter

    markdown = MarkdownConverter(RICH_TEXT_FEATURES).from_database_format(html, resolved=False)
    markdown = WAGTAIL_LINK_RE.sub(lambda m: f"](page:{content_id_of(int(m.group(1)))})", markdown)
    markdown = ESCAPED_CITATION_RE.sub(r"[@\1]", markdown)
    return markdown.strip()
