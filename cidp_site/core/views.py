"""Site-wide views: health check and friendly error pages."""

from django.db import connection
from django.db.utils import DatabaseError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader

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
