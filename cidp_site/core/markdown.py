"""The one place markdown becomes HTML for display: Python-Markdown, then nh3, then mark safe.

Anything a template shows from markdown goes through here, so the allow-list is the single guard
against script injection from content files or editors.
"""

from functools import lru_cache

import markdown as md
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "h3", "h4",
    "blockquote", "code", "pre", "table", "thead", "tbody", "tr", "th", "td",
    "sup", "sub", "hr", "abbr", "dl", "dt", "dd", "div", "section",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "id"},
    "abbr": {"title"},
    "th": {"align"},
    "td": {"align"},
    "sup": {"id"},
    "li": {"id"},
    "div": {"class"},
    "section": {"class"},
    "h3": {"id"},
    "h4": {"id"},
}
# No javascript:, data:, vbscript: or protocol-relative tricks: only these schemes survive.
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}

_EXTENSIONS = ["tables", "sane_lists", "footnotes", "attr_list"]


def render_markdown(text: str) -> SafeString:
    """Render untrusted markdown to HTML that is safe to put in a page."""
    return mark_safe(_render(text or ""))  # noqa: S308 - sanitised by nh3 in _render


@lru_cache(maxsize=4096)
def _render(text: str) -> str:
    """Memoised: the same citation or answer renders identically, and a fresh Markdown instance per
    call (extensions and all) was the largest part of an uncached page view."""
    html = md.markdown(text, extensions=_EXTENSIONS, output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
