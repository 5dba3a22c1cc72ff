"""``/connect/``: answer an EHR's infobutton by diagnosis code, in HTML, JSON or Atom.

Every answer is cacheable and the same for everyone who asks the same thing; nothing is written.
Malformed input is a 400 naming the parameter, an unknown code a 404 page (or an empty feed).
"""

from __future__ import annotations

import json

from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from wagtail.models import Page

from ..lookup import codes_for, public_url, short_path
from . import params
from .feeds import Entry, as_atom, as_json
from .lookup import pages_for, search_pages

MAX_AGE = 3600


def _cacheable(response):
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


def _entries(request, pages: list[Page]) -> list[Entry]:
    page_codes = codes_for(request, [p.pk for p in pages])
    entries = []
    for page in pages:
        url = public_url(request, page.get_url(request) or "/")
        code = page_codes[page.pk].code
        entries.append(
            Entry(
                title=page.title,
                short_url=public_url(request, short_path(code)) if code else url,
                url=url,
                summary=" ".join((getattr(page, "summary", "") or "").split()),
                reviewed_on=getattr(page, "reviewed_on", None),
                review_due=getattr(page, "review_due", None),
                updated=page.last_published_at,
            )
        )
    return entries


def _bad(request, message: str):
    fmt = params.response_format(request.GET)
    if fmt == "json":
        response = HttpResponse(json.dumps({"error": message}), content_type="application/json", status=400)
    elif fmt == "xml":
        body = f'<?xml version="1.0" encoding="utf-8"?>\n<error>{_xml_text(message)}</error>\n'
        response = HttpResponse(body, content_type="text/xml; charset=utf-8", status=400)
    else:
        response = render(request, "links/connect_bad_request.html", {"message": message}, status=400)
    return _cacheable(response)


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@require_safe
def connect(request):
    try:
        asked = params.parse(request.GET, request.META.get("QUERY_STRING", ""))
    except params.BadRequest as exc:
        return _bad(request, str(exc))
    pages = pages_for(asked.system, asked.codes)
    if not pages and asked.display_name:
        pages = search_pages(asked.display_name)
    entries = _entries(request, pages)
    feed_id = public_url(request, request.get_full_path())
    if asked.format == "json":
        body = json.dumps(as_json(asked, entries, feed_id), ensure_ascii=False)
        return _cacheable(HttpResponse(body, content_type="application/json"))
    if asked.format == "xml":
        return _cacheable(
            HttpResponse(as_atom(asked, entries, feed_id), content_type="text/xml; charset=utf-8")
        )
    if len(pages) == 1:
        return _cacheable(HttpResponseRedirect(pages[0].get_url(request)))
    if pages:
        context = {"entries": entries, "asked": asked}
        return _cacheable(render(request, "links/connect_results.html", context))
    topics = Page.objects.live().public().filter(depth=3).order_by("path")
    context = {"asked": asked, "topics": topics}
    return _cacheable(render(request, "links/connect_not_found.html", context, status=404))
