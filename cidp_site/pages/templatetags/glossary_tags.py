"""``{% filter define_terms:page %}`` around a page's questions adds inline definitions."""

from django import template
from django.utils.safestring import mark_safe

from cidp_site.pages.glossary_terms import GLOSSARY_ID, define_first_uses, glossary_terms

register = template.Library()


@register.filter
def define_terms(html, page):
    if getattr(page, "content_id", None) == GLOSSARY_ID:
        return html  # the glossary is the definitions
    return mark_safe(define_first_uses(str(html), glossary_terms()))  # noqa: S308 - our escaped markup inserted into safe HTML
