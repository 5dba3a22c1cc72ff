"""A retired page answers 410 Gone with help to find what the reader wanted, not a bare 404."""

from django.shortcuts import render
from wagtail.models import Page

from .models import PublishedURL


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


def gone(request, page):
    """The 410 page: a search box, the topic the page sat in and that topic's other pages."""
    topic, topic_pages = None, []
    if page is not None and page.depth > 2:
        topic = page.get_parent()
        if topic.live and topic.depth > 2:
            topic_pages = topic.get_children().live().public().exclude(pk=page.pk)[:8]
        elif not topic.live:
            topic = None
    if topic is None or topic.depth <= 2:
        home = Page.objects.filter(depth=2).first()
        topic_pages = home.get_children().live().public()[:8] if home else []
        topic = None
    context = {"old_title": page.title if page else "", "topic": topic, "topic_pages": topic_pages}
    return render(request, "links/gone.html", context, status=410)
