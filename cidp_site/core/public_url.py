"""Addresses the site gives out (sitemap, notification e-mails) use PUBLIC_BASE_URL, never "localhost".

The Site record's hostname is a placeholder (localhost) until PUBLIC_BASE_URL is set, so Wagtail's
full URLs would point readers and reviewers at a machine that is not theirs. With no
PUBLIC_BASE_URL (development) the request's own host is used, or WAGTAILADMIN_BASE_URL where there
is no request (an e-mail).
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from wagtail.admin.utils import get_admin_base_url
from wagtail.contrib.sitemaps import Sitemap


def origin(request=None) -> str:
    if settings.PUBLIC_BASE_URL:
        return settings.PUBLIC_BASE_URL
    if request is not None:
        return f"{request.scheme}://{request.get_host()}"
    return (get_admin_base_url() or "").rstrip("/")


def rebase(url: str, base: str) -> str:
    """The same path on another origin."""
    if not url or not base:
        return url
    target, source = urlsplit(base), urlsplit(url)
    return urlunsplit((target.scheme, target.netloc, source.path, source.query, source.fragment))


def page_url(page, request=None) -> str:
    site_id, root_url, path = page.get_url_parts(request) or (None, "", None)
    return rebase(f"{root_url}{path}", origin(request)) if path is not None else ""


class PublicSitemap(Sitemap):
    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        base = origin(self.request)
        for url in urls:
            url["location"] = rebase(url["location"], base)
        return urls
