"""{% public_page_url page %}: a page's address on the public site, for e-mails (see core.public_url)."""

from django import template

from cidp_site.core.public_url import page_url

register = template.Library()


@register.simple_tag
def public_page_url(page):
    return page_url(page)
