"""Short link, canonical address and JSON-LD for a page; at most one query per request in all."""

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from cidp_site.links.lookup import codes_for, public_url, short_path

register = template.Library()

# The escapes Django's json_script uses, so page text can never close the <script> element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def page_links(context, page):
    """{'code', 'short_url', 'short_display', 'url'} for ``page``; codes looked up once per request."""
    request = context.get("request")
    if page is None or request is None or not getattr(page, "pk", None):
        return None
    code = codes_for(request, [page.pk])[page.pk].code
    path = page.get_url(request) or "/"
    short_url = public_url(request, short_path(code)) if code else ""
    return {
        "code": code,
        "short_url": short_url,
        "short_display": short_url.split("://", 1)[-1],
        "url": public_url(request, path),
    }


@register.simple_tag(takes_context=True)
def page_json_ld(context, page):
    """A schema.org MedicalWebPage description of ``page`` for search engines (data, not code)."""
    request = context.get("request")
    if page is None or request is None or not getattr(page, "pk", None):
        return ""
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": page.title,
        "url": public_url(request, page.get_url(request) or "/"),
        "inLanguage": "en-GB",
        "audience": {"@type": "MedicalAudience", "audienceType": "Patient"},
    }
    if getattr(page, "summary", ""):
        data["description"] = page.summary
    if getattr(page, "is_reviewed", False):  # never a review no clinician approved
        data["lastReviewed"] = page.reviewed_on.isoformat()
        data["reviewedBy"] = {"@type": "Person", "name": page.reviewed_by}
    if getattr(page, "last_published_at", None):
        data["dateModified"] = page.last_published_at.date().isoformat()
    text = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


@register.simple_tag(takes_context=True)
def canonical_url(context, page):
    request = context.get("request")
    if page is None or request is None or not getattr(page, "pk", None):
        return ""
    return public_url(request, page.get_url(request) or "/")
