"""One Content Security Policy for readers, a looser one scoped to the Wagtail admin only; and
Cache-Control that lets a CDN keep public pages but nothing personal."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.utils.cache import add_never_cache_headers, patch_cache_control


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's policy swapped in under ADMIN_PATH_PREFIX.

    The admin needs inline script and style and frames its own previews; patients' pages never do,
    so the public policy stays strict instead of being loosened for everyone.
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(settings.ADMIN_PATH_PREFIX):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY
        return parts


# Statuses a shared cache may keep: a publish purges every live page's URL at the CDN (see
# cidp_site.pagecache.signals), which also replaces a cached 404/410 by a newly published page.
SHARED_STATUSES = frozenset({200, 301, 404, 410})


def set_cache_control(request, response) -> None:
    """Tell browsers and a CDN who may keep a response, and for how long.

    Public pages are the same for every reader, so a CDN may keep them (`s-maxage`, purged on
    publish) while a reader's browser keeps them only briefly, so a correction reaches them soon.
    Anything that belongs to one person is `private`: a request with a session (editors), a
    response that sets a cookie, and pages behind a Wagtail view restriction (Wagtail marks those
    private itself). The admin and anything that is not a GET or HEAD is never stored at all.
    """
    if request.method not in ("GET", "HEAD") or request.path_info.startswith(settings.ADMIN_PATH_PREFIX):
        add_never_cache_headers(response)
        return
    if settings.SESSION_COOKIE_NAME in request.COOKIES or response.cookies:
        patch_cache_control(response, private=True)
        return
    if response.has_header("Cache-Control"):
        return  # the view decided (Wagtail's restricted pages, QR codes, search suggestions)
    if request.path_info.startswith(tuple(settings.CDN_PRIVATE_PREFIXES)):
        patch_cache_control(response, private=True, max_age=0)  # searches and votes are counted
    elif response.status_code in SHARED_STATUSES:
        patch_cache_control(
            response, public=True, max_age=settings.BROWSER_MAX_AGE, s_maxage=settings.SHARED_CACHE_MAX_AGE
        )


class CacheControlMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        set_cache_control(request, response)
        return response
