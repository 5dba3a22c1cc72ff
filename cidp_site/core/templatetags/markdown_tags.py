from django import template
from django.utils.safestring import mark_safe

from cidp_site.core.markdown import render_markdown

register = template.Library()


@register.filter
def markdown_inline(text):
    """Markdown through the single sanitising pipeline, without the wrapping paragraph: citations sit
    inside a list item."""
    html = str(render_markdown(text)).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return mark_safe(html)  # noqa: S308 - already sanitised by render_markdown


def _numbering(context):
    from cidp_site.core.citations import Numbering

    found = context.get("citations")
    return found if isinstance(found, Numbering) else None


@register.simple_tag(takes_context=True)
def cited(context, html):
    """Citation markers in safe HTML as numbered links, by the page's numbering (``citations``).

    Where the context has none (a handout, a search result, a lone block) the markers go.
    """
    from cidp_site.core.citations import link

    return link(str(html), _numbering(context))


@register.simple_tag(takes_context=True)
def cited_text(context, text):
    """The same for plain text, which is escaped first (a question's short answer)."""
    from cidp_site.core.citations import link_text

    return link_text(str(text or ""), _numbering(context))
