"""Settings shared by every environment. Secrets and hosts live in dev/test/production."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
CONTENT_DIR = Path(os.environ.get("CIDP_CONTENT_DIR", BASE_DIR / "content"))

INSTALLED_APPS = [
    "cidp_site.core",
    "cidp_site.pages",
    "cidp_site.content_sync",
    "cidp_site.search",
    "cidp_site.feedback",
    "cidp_site.workflow",
    "cidp_site.pagecache",
    "cidp_site.links",
    "cidp_site.gitsync",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.sites",
    "cidp_site.workflow.apps.SiteUsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
]

# Header middleware sits before whitenoise and the page cache so static files and cached pages get
# exactly the same headers as freshly rendered pages.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cidp_site.core.headers.SiteCSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Cheap refusals first: big bodies and login floods never reach sessions, views or hashing.
    "cidp_site.core.middleware.PublicBodyLimitMiddleware",
    "cidp_site.core.middleware.LoginThrottleMiddleware",
    "cidp_site.core.middleware.DatabaseUnavailableMiddleware",
    # Outside the page cache, so a cached page gets the same Cache-Control as a fresh one.
    "cidp_site.core.headers.CacheControlMiddleware",
    "cidp_site.pagecache.middleware.PageCacheMiddleware",
    # Compresses pages for the 50 KB budget; inside the page cache, so compressed pages are cached as such.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "cidp_site.workflow.confirm.WorkflowConfirmationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Before Wagtail's redirects, so it sees a 404 only after they had their chance.
    "cidp_site.links.middleware.GoneMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first, so a locked-out login is refused before checking
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "cidp_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "cidp_site.wsgi.application"

# SQLite is the embedded default; DATABASE_URL (PostgreSQL in production and CI) overrides it.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
        # A persistent connection the database (or a proxy) dropped is replaced before use, instead
        # of failing one request per worker with a 503.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers continue while the content sync writes; busy timeout avoids spurious locks.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE", "timeout": 20}
    )


def redis_cache(url: str) -> dict:
    """The shared cache on Redis. Reads miss and writes drop while Redis is down (the site renders
    uncached instead of failing; cidp_site.core.cache_backend); short timeouts so an unreachable
    Redis costs each request half a second at most, not a hang."""
    return {
        "BACKEND": "cidp_site.core.cache_backend.ResilientRedisCache",
        "LOCATION": url,
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }


# Local memory unless REDIS_URL is set (production sets it so every worker shares one cache).
CACHES = {
    "default": (
        redis_cache(os.environ["REDIS_URL"])
        if os.environ.get("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "cidp-site"}
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The admin's words for the editorial workflow ("sent for clinical review"): see locale/en/.
LOCALE_PATHS = [BASE_DIR / "locale"]
WAGTAIL_SITE_NAME = "CIDP and IVIG: clear answers"


def checked_public_base_url(value: str) -> str:
    """'' or an http(s) origin such as https://cidp.example.org. Anything else is refused at start-up:
    this address is printed on handouts and encoded in QR codes, so a typo must not reach paper."""
    value = value.strip().rstrip("/")
    if not value:
        return ""
    parts = urlsplit(value)
    try:
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
        valid_port = True
    except ValueError:
        valid_port = False
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.hostname.startswith(".")
        or not valid_port
        or parts.path
        or parts.query
        or parts.fragment
    ):
        raise ImproperlyConfigured(
            f"PUBLIC_BASE_URL must be an address like https://cidp.example.org, not {value!r}."
        )
    return value


# The address printed on handouts and QR codes, and the default Site's host for the sitemap.
# Empty: use the request's own host (development).
PUBLIC_BASE_URL = checked_public_base_url(os.environ.get("PUBLIC_BASE_URL", ""))
# Links in notification e-mails. scripts/run sets it to the address it serves on.
WAGTAILADMIN_BASE_URL = (
    os.environ.get("WAGTAILADMIN_BASE_URL", "").strip() or PUBLIC_BASE_URL or "http://127.0.0.1:8000"
)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {"features": ["h3", "bold", "italic", "ol", "ul", "link"]},
    }
}

# Whatever the sync writes is attributed to this account in page history.
CONTENT_SYNC_USERNAME = "content-sync"
# CMS publishes, unpublishes and moves are committed to this repository's CONTENT_GIT_BRANCH (and
# pushed to CONTENT_GIT_REMOTE when set); empty means nothing is committed. See docs/editorial-workflow.md.
CONTENT_GIT_DIR = os.environ.get("CONTENT_GIT_DIR", "").strip()
CONTENT_GIT_BRANCH = os.environ.get("CONTENT_GIT_BRANCH", "").strip() or "cms-edits"
CONTENT_GIT_REMOTE = os.environ.get("CONTENT_GIT_REMOTE", "").strip()
CONTENT_MAX_FILE_BYTES = 1_000_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# --- Security, privacy and caching -------------------------------------------------------------
# What a patient's browser is allowed to load, which headers every response carries, and how
# editors' logins are protected.

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
# Days a search that found nothing, or a feedback comment, is kept: text a reader typed is
# forgotten after this (cidp_site.core.models.forget_old_reader_text).
READER_TEXT_KEEP_DAYS = int(os.environ.get("READER_TEXT_KEEP_DAYS", "180"))
UPLOAD_PATH_PREFIXES = ["/admin/"]

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

# Content ids of the sections whose pages are about conditions other than CIDP: search prefers CIDP
# pages unless the reader names one of those conditions (see cidp_site/search/ranking.py and facts.py).
SEARCH_OTHER_CONDITION_SECTIONS = ["conditions"]

# Fresh (uncached) searches allowed at once on a host, and how long one waits for a turn before the
# reader is asked to try again (see cidp_site/search/cache.py). Cached results are never held back.
# Keep the bound below the number of gunicorn workers and the wait short: a sync worker that waits
# is a worker no page reader can use.
SEARCH_MAX_CONCURRENT = int(os.environ.get("SEARCH_MAX_CONCURRENT", "2"))
SEARCH_SLOT_WAIT = float(os.environ.get("SEARCH_SLOT_WAIT", "0.05"))
SEARCH_SLOT_DIR = os.environ.get("SEARCH_SLOT_DIR", "")
