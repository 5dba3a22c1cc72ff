"""A retired page answers 410 Gone with help to find what the reader wanted, not a bare 404."""

from .models import PublishedURL
from .views import gone


class GoneMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD") or "\x00" in request.path:
            return response  # a NUL can never be a published address (and PostgreSQL refuses it)
        record = PublishedURL.objects.filter(path=request.path).select_related("page").first()
        if record is None or (record.page is not None and record.page.live):
            return response
        return gone(request, record.page)
