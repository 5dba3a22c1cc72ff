"""Same-origin check for the few POSTs answered by cached, cookie-free pages.

Those pages must be the same for every anonymous reader, so their forms carry no CSRF token.
The views they post to check instead that the browser says the POST came from this site (Origin
header, else Sec-Fetch-Site, else Referer: OWASP's "verifying origin with standard headers").
"""

from urllib.parse import urlsplit


def same_origin(request) -> bool:
    """True only if the browser says this POST came from a page on this site."""
    ours = f"{request.scheme}://{request.get_host()}"
    origin = request.META.get("HTTP_ORIGIN")
    if origin:
        return origin == ours
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
    if fetch_site:
        return fetch_site == "same-origin"
    referer = request.META.get("HTTP_REFERER")
    if referer:
        parts = urlsplit(referer)
        return f"{parts.scheme}://{parts.netloc}" == ours
    return False
