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
