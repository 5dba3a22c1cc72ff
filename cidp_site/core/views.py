"""Site-wide views: health check, friendly error pages, favicon and robots.txt."""

from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.utils import DatabaseError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.views.decorators.cache import cache_control

from .cachehealth import cache_ok


def health(request):
    """Each dependency on its own, for load balancers and uptime checks.

    200 "ok"; 200 "degraded" when only the cache is down (pages still render, uncached, so taking
    every server out of rotation would turn a slow site into no site); 503 when the database is down.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = "ok"
    except DatabaseError:
        database = "down"
    cache = "ok" if cache_ok() else "down"
    if database == "down":
        status, code = "unavailable", 503
    else:
        status, code = ("ok" if cache == "ok" else "degraded"), 200
    response = JsonResponse({"status": status, "database": database, "cache": cache}, status=code)
    response["Cache-Control"] = "no-store"
    return response


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """Render without context processors or database access: the cause may be the database."""
    html = loader.get_template("500.html").render()
    return HttpResponse(html, status=500)


FAVICON = Path(settings.BASE_DIR) / "static" / "favicon.ico"


@cache_control(max_age=60 * 60 * 24 * 7, public=True)
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; without it every page logs a 404."""
    return HttpResponse(FAVICON.read_bytes(), content_type="image/x-icon")


@cache_control(max_age=60 * 60, public=True)
def robots_txt(request):
    """Search engines may read every public page; the admin is not for them. Points at the sitemap."""
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    text = f"User-agent: *\nDisallow: /admin/\nAllow: /\n\nSitemap: {sitemap}\n"
    return HttpResponse(text, content_type="text/plain; charset=utf-8")
