"""When the database is down, readers get a plain 503 page, never a traceback.

Cached pages are answered before this point (see cidp_site.pagecache), so they keep being served.
"""

import threading

from django.conf import settings
from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

from . import ratelimit


def unavailable_response() -> HttpResponse:
    # Rendered without a request or context processors: they might touch the database.
    html = loader.get_template("503.html").render()
    response = HttpResponse(html, status=503)
    response["Retry-After"] = "60"
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        except (OperationalError, InterfaceError):
            return unavailable_response()

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError | InterfaceError):
            return unavailable_response()
        return None


def _plain_page(template: str, status: int, retry_after: int | None = None, context=None) -> HttpResponse:
    html = loader.get_template(template).render(context or {})
    response = HttpResponse(html, status=status)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


class LoginThrottleMiddleware:
    """Login attempts cost a deliberately slow password hash: limit them before that work starts.

    Per client address (cidp_site.core.clientip), whatever username is tried, so rotating usernames
    does not help; django-axes still locks a username+address pair after repeated failures. Each
    worker also checks at most ``LOGIN_CONCURRENCY`` passwords at a time; a further attempt is told
    to retry instead of queueing, so login floods cannot occupy every worker and starve readers.
    With the cache down the attempt is refused (503): an uncounted login is never allowed.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.gate = threading.BoundedSemaphore(settings.LOGIN_CONCURRENCY)

    def __call__(self, request):
        if request.method != "POST" or request.path_info not in settings.LOGIN_PATHS:
            return self.get_response(request)
        try:
            allowed = ratelimit.allow(request, "login", per_client=settings.LOGIN_ATTEMPTS_PER_MINUTE)
        except ratelimit.Unavailable:
            return unavailable_response()
        if not allowed:
            return _plain_page("core/login_throttled.html", 429, retry_after=60)
        if not self.gate.acquire(blocking=False):
            return _plain_page("core/login_throttled.html", 429, retry_after=5)
        try:
            return self.get_response(request)
        finally:
            self.gate.release()


class PublicBodyLimitMiddleware:
    """Public forms send a few hundred bytes: refuse big bodies before anything reads them.

    Django's DATA_UPLOAD_MAX_MEMORY_SIZE caps form fields but streams file parts to disk, so a 50 MB
    multipart body to a public view would be read in full. Only the editors' admin takes uploads.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD", "OPTIONS") or request.path_info.startswith(
            tuple(settings.UPLOAD_PATH_PREFIXES)
        ):
            return self.get_response(request)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = settings.PUBLIC_MAX_BODY_BYTES + 1
        if length > settings.PUBLIC_MAX_BODY_BYTES:
            return _plain_page("core/too_large.html", 413)
        return self.get_response(request)
