"""When the database is down, readers get a plain 503 page, never a traceback.

Cached pages are answered before this point (see cidp_site.pagecache), so they keep being served.
"""

from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader


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
