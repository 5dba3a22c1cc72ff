"""Look short codes up once per request, and build the public addresses printed and encoded in QR codes."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings

from .models import ShortCode


def public_url(request, path: str) -> str:
    """Absolute address: ``PUBLIC_BASE_URL`` when set (what goes on paper), else this request's host."""
    base = settings.PUBLIC_BASE_URL
    if base:
        return base.rstrip("/") + path
    return request.build_absolute_uri(path)


def short_path(code: str) -> str:
    return f"/l/{code}"


@dataclass
class PageCodes:
    """A page's own code and its questions' codes (anchor → code)."""

    code: str = ""
    questions: dict[str, str] = field(default_factory=dict)


def codes_for(request, page_ids) -> dict[int, PageCodes]:
    """Codes of the given pages, in one query, memoised on the request (rule: one query per request)."""
    cache = getattr(request, "_links_codes", None) if request is not None else None
    if cache is None:
        cache = {}
        if request is not None:
            request._links_codes = cache
    wanted = [pk for pk in page_ids if pk not in cache]
    if wanted:
        for pk in wanted:
            cache[pk] = PageCodes()
        rows = ShortCode.objects.filter(page_id__in=wanted, kind__in=[ShortCode.PAGE, ShortCode.QUESTION])
        # Oldest first, so a page whose code was changed in its file keeps showing its newest one.
        for page_id, kind, code, anchor in rows.order_by("pk").values_list(
            "page_id", "kind", "code", "anchor"
        ):
            if kind == ShortCode.PAGE:
                cache[page_id].code = code
            else:
                cache[page_id].questions[anchor] = code
    return {pk: cache[pk] for pk in page_ids}
