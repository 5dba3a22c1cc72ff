"""Citation markers as numbered links, by the page's numbering (see cidp_site.core.citations)."""

from django import template

register = template.Library()


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
