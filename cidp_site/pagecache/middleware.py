"""Serve anonymous readers' page views from memory; everything else passes straight through.

Only GET/HEAD of public pages by a reader with no session are cached, and only 200 responses that
set no cookie and are not marked private. Editors (who have a session) always get a fresh render,
and previews live under /admin/, which is never cached.
"""

from urllib.parse import quote

from django.conf import settings

from .store import store


def _cacheable_request(request) -> bool:
    return (
        settings.PAGECACHE_ENABLED
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path_info.startswith(tuple(settings.PAGECACHE_EXCLUDED_PREFIXES))
    )


def _cacheable_response(response) -> bool:
    cache_control = response.get("Cache-Control", "").lower()
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
    )


def cache_key(request) -> str:
    """Host, path, the query parameters some view reads, and the encoding.

    Any other parameter (?utm_source=…, ?r=<random>) cannot change the page, so it is left out of
    the key: it neither bypasses the cache nor fills it with copies.
    """
    gzip = "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "")
    kept = sorted(
        (name, value)
        for name, values in request.GET.lists()
        if name in settings.PAGECACHE_QUERY_PARAMETERS
        for value in values
    )
    query = "&".join(f"{quote(n)}={quote(v)}" for n, v in kept)
    return f"{request.get_host()}|{quote(request.path)}?{query}|{'gz' if gzip else 'id'}"


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = cache_key(request)
        entry = store.get(key)
        if entry is not None:
            return entry.response()
        response = self.get_response(request)
        if _cacheable_response(response):
            store.put(key, response)
            response["X-Page-Cache"] = "miss"
        return response
