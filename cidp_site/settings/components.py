"""Security, privacy and caching settings shared by every environment.

Kept apart from base.py so the policy reads as one piece: what a patient's browser is allowed to
load, which headers every response carries, and how editors' logins are protected.
"""

import os

from csp.constants import NONE, SELF, UNSAFE_INLINE

# Content Security Policy for the public site: nothing but our own files. No inline script or style
# and no nonces, so a cached page is byte-for-byte the same for every reader.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
    }
}
# The Wagtail admin uses inline styles and scripts and previews pages in a same-origin frame; its
# looser policy applies under this prefix only (cidp_site.core.headers).
ADMIN_PATH_PREFIX = "/admin/"
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF, "data:"],
    "connect-src": [SELF],
    "frame-src": [SELF],
    "form-action": [SELF],
    "base-uri": [SELF],
    "object-src": [NONE],
    "frame-ancestors": [SELF],
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"  # stricter than strict-origin-when-cross-origin: no health page leaks
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Sent only over HTTPS (Django's SecurityMiddleware), so development over http is unaffected.
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True

PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "usb",
        "xr-spatial-tracking",
    )
}

# How many reverse proxies we run in front of the app (each appends to X-Forwarded-For). 0: clients
# connect directly and the header is ignored; 1 behind the documented nginx. See cidp_site.core.clientip.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Login floods (cidp_site.core.middleware.LoginThrottleMiddleware): attempts per client address per
# minute whatever the username, and password checks running at once in one worker process.
LOGIN_PATHS = ["/admin/login/"]
LOGIN_ATTEMPTS_PER_MINUTE = 10
LOGIN_CONCURRENCY = 1
# Public POSTs (feedback) are tiny; only the admin takes uploads.
PUBLIC_MAX_BODY_BYTES = 16_384
UPLOAD_PATH_PREFIXES = ["/admin/", "/django-admin/"]

# Editors' accounts are the attack surface: lock out after repeated failures (django-axes), per
# username and address so an attacker elsewhere cannot lock a nurse out. The address is the one our
# proxy saw, and ' Nurse' counts as 'nurse'.
AXES_CLIENT_IP_CALLABLE = "cidp_site.core.clientip.client_ip"
AXES_USERNAME_CALLABLE = "cidp_site.core.clientip.login_username"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hour
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"

# Shared-password private pages and document collections are off (Wagtail 8 settings; the older
# WAGTAIL_PRIVACY_PASSWORD_ENABLED is not read any more). Login-only restriction remains.
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}
# Uploads: raster images and plain documents only. SVG can carry script, so it is refused.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "txt"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"  # documents go through Wagtail's view and its permission checks
# The admin must not call third parties either: no Gravatar, no release check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False

# Page cache for anonymous readers (cidp_site.pagecache).
PAGECACHE_ENABLED = os.environ.get("PAGECACHE_ENABLED", "true").lower() == "true"
PAGECACHE_TIMEOUT = 3600  # seconds; also refreshes date-dependent notices such as "review overdue"
PAGECACHE_GENERATION_CHECK = 1.0  # seconds between a worker's checks of the shared generation
PAGECACHE_MAX_ENTRIES = 2000
# Query parameters a cached view reads (the clinicians' page's ?error=); every other one is left out
# of the cache key. A view that starts reading a new parameter must add it here.
PAGECACHE_QUERY_PARAMETERS = {"error", "p", "q", "page"}  # q, page: search results pages are cached per query
# Cache-Control on public pages (cidp_site.core.headers): a CDN keeps them an hour and is purged on
# publish (WAGTAILFRONTENDCACHE); a reader's browser keeps them a minute, so corrections reach it soon.
SHARED_CACHE_MAX_AGE = 3600
BROWSER_MAX_AGE = 60
# Never kept by the page cache, and `private` for a CDN.
PAGECACHE_EXCLUDED_PREFIXES = [
    "/admin/",
    "/search/suggest/",  # cached by browsers for a minute instead (Cache-Control)
    "/feedback/",
    "/documents/",
    "/health/",
]
# `private` for a CDN: the above, and searches (the page cache keeps only results pages that found
# something; a search that finds nothing must reach the site so that the nurses' report counts it).
CDN_PRIVATE_PREFIXES = [*PAGECACHE_EXCLUDED_PREFIXES, "/search/"]
