"""Test settings: fast hashing, in-memory e-mail; the database comes from DATABASE_URL or SQLite."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105 - tests only
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
# Serve static files straight from the source folders, as in development (no collectstatic needed).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tests render fresh unless they switch the page cache on themselves (tests/pagecache).
PAGECACHE_ENABLED = False
PAGECACHE_GENERATION_CHECK = 0
# CMS edits are committed to git only where a test asks for it (a temporary repository): never to
# a CONTENT_GIT_DIR a developer exported. The real-browser test passes its repository this way.
CONTENT_GIT_DIR = os.environ.get("TEST_CONTENT_GIT_DIR", "")
CONTENT_GIT_REMOTE = ""
