"""Short links, QR codes, handouts, the clinicians' list and printed packets.

Every view answers bad input with a friendly page (404/400), never a 500.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe
from wagtail.models import Page

from cidp_site.core import ratelimit
from cidp_site.core.origin import same_origin

from . import codes, note
from .lookup import codes_for, public_url, short_path
from .models import ShortCode
from .qr import qr_svg

PACKET_MAX_PAGES = 12
# New packets one client may make per window, and all clients together.
PACKET_PER_CLIENT, PACKET_OVERALL, PACKET_WINDOW = 10, 200, 3600
# Packets ever: far below the 28 million five-letter codes, so page codes never run short.
PACKET_MAX_TOTAL = 100_000


def _find(code: str) -> ShortCode | None:
    code = codes.normalise(code)
    if not codes.is_valid(code):  # never query with what cannot be a code (NUL breaks PostgreSQL)
        return None
    return ShortCode.objects.filter(code=code).select_related("page").first()


def _unknown(request, code: str):
    shown = "".join(c for c in codes.normalise(code) if c.isprintable())[:16]
    return render(request, "links/not_found.html", {"code": shown}, status=404)


@require_safe
def resolve(request, code):
    """/l/<code>: 302 to wherever the page is now (302, so a later move is followed too)."""
    row = _find(code)
    if row is None:
        return _unknown(request, code)
    if row.kind == ShortCode.PACKET:
        return redirect("links:handout", code=row.code)
    page = row.page.specific_deferred if row.page else None
    url = page.get_url(request) if page is not None else None
    if not url:
        return gone(request, page)
    if row.kind == ShortCode.QUESTION and row.anchor:
        url += f"#{row.anchor}"
    return redirect(url)


@require_safe
@cache_control(public=True, max_age=86400)
def qr(request, code):
    """/l/<code>/qr.svg: the short link as a QR code."""
    row = _find(code)
    if row is None:
        return _unknown(request, code)
    url = public_url(request, short_path(row.code))
    return HttpResponse(qr_svg(url), content_type="image/svg+xml")


def _handout_items(request, pages: list[Page]) -> list[dict]:
    specific = {p.pk: p for p in Page.objects.filter(pk__in=[p.pk for p in pages]).specific()}
    page_codes = codes_for(request, list(specific))
    items = []
    for page in pages:
        page = specific.get(page.pk)
        if page is None or not page.live:
            continue
        code = page_codes[page.pk].code
        url = public_url(request, page.get_url(request) or "/")
        short_url = public_url(request, short_path(code)) if code else ""
        items.append(
            {
                "page": page,
                "code": code,
                "short_url": short_url,
                "url": url,
                "note": note.note(page.title, short_url or url, note.page_sentence(page)),
            }
        )
    return items


def _row_pages(row: ShortCode) -> list:
    """The pages a short code stands for: a packet's members, or the one page (none if deleted)."""
    if row.kind == ShortCode.PACKET:
        return _member_pages(row.members)
    return [row.page] if row.page else []


def _handout_or_refusal(request, code):
    """(row, handout items, None), or (.., .., the 404 or 410 page) when there is nothing to show."""
    row = _find(code)
    if row is None:
        return None, [], _unknown(request, code)
    items = _handout_items(request, _row_pages(row))
    return row, items, None if items else gone(request, row.page)


@require_safe
def handout(request, code):
    """/l/<code>/handout/: a printable sheet: title, short link in large type, QR code, review date."""
    row, items, refusal = _handout_or_refusal(request, code)
    if refusal is not None:
        return refusal
    context = {
        "items": items,
        "code": row.code,
        "is_packet": row.kind == ShortCode.PACKET,
        "short_url": public_url(request, short_path(row.code)),
        "short_display": public_url(request, short_path(row.code)).split("://", 1)[-1],
        "note": _handout_note(request, row, items),
    }
    return render(request, "links/handout.html", context)


def _handout_note(request, row: ShortCode, items: list[dict]) -> str:
    """The note for this handout's own short link (for a question: the question's link)."""
    short_url = public_url(request, short_path(row.code))
    if row.kind == ShortCode.PACKET:
        titles = [item["page"].title for item in items]
        return note.note("Your information pages", short_url, note.packet_sentence(titles))
    page = items[0]["page"]
    if row.kind == ShortCode.QUESTION:
        for block in getattr(page, "questions", []) or []:
            if block.value.get("anchor") == row.anchor:
                question = block.value.get("question")
                return note.note(question, short_url, note.question_sentence(question, page.title))
    return note.note(page.title, short_url, note.page_sentence(page))


@require_safe
@cache_control(public=True, max_age=3600)
def note_text(request, code):
    """/l/<code>.txt: the discharge-note text of a page, question or packet, as plain UTF-8 text."""
    row, items, refusal = _handout_or_refusal(request, code)
    if refusal is not None:
        return refusal
    body = _handout_note(request, row, items) + "\n"
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


@require_safe
def clinicians(request):
    """/l/: every topic and question with its short link, QR code, copy button and handout link."""
    pages = list(Page.objects.live().public().filter(depth__gte=2).order_by("path").specific())
    page_codes = codes_for(request, [p.pk for p in pages])
    rows = []
    for page in pages:
        found = page_codes[page.pk]
        questions = []
        for block in getattr(page, "questions", []) or []:
            anchor = block.value.get("anchor")
            if anchor and anchor in found.questions:
                text, q_code = block.value.get("question"), found.questions[anchor]
                sentence = note.question_sentence(text, page.title)
                q_note = note.note(text, public_url(request, short_path(q_code)), sentence)
                questions.append({"text": text, "code": q_code, "note": q_note})
        page_note = ""
        if found.code:
            page_note = note.note(
                page.title, public_url(request, short_path(found.code)), note.page_sentence(page)
            )
        rows.append(
            {
                "page": page,
                "code": found.code,
                "note": page_note,
                "questions": questions,
                "indent": max(page.depth - 3, 0),
            }
        )
    context = {"rows": rows, "base": public_url(request, "/l/"), "error": request.GET.get("error") == "none"}
    return render(request, "links/clinicians.html", context)


def _wanted_members(values: list[str]) -> list[str]:
    """Typed codes that name live pages, de-duplicated, in the order given, at most PACKET_MAX_PAGES."""
    wanted = []
    for typed in values[:100]:
        code = codes.normalise(typed)
        if codes.is_valid(code) and code not in wanted:
            wanted.append(code)
    found = set(
        ShortCode.objects.filter(code__in=wanted, kind=ShortCode.PAGE, page__live=True).values_list(
            "code", flat=True
        )
    )
    return [c for c in wanted if c in found][:PACKET_MAX_PAGES]


def _packet_refused(request, members, message: str, status: int):
    context = {
        "items": _handout_items(request, _member_pages(members)),
        "members": members,
        "refused": message,
    }
    return render(request, "links/packet_confirm.html", context, status=status)


def _member_pages(members: list[str]) -> list[Page]:
    rows = ShortCode.objects.filter(code__in=members).select_related("page")
    by_code = {r.code: r.page for r in rows if r.page is not None}
    return [by_code[c] for c in members if c in by_code]


@csrf_exempt  # protected by same_origin(): /l/ is a cached, cookie-free page with no CSRF token
@require_http_methods(["GET", "HEAD", "POST"])
def packet(request):
    """/l/packet/: a packet of ticked pages, stored once so its short link is permanent.

    A GET never writes (crawlers and link previews follow GETs): it opens the packet when one
    with these pages exists, else shows the pages with a button that POSTs to make it. The POST
    checks the origin, reuses the packet of the same set, and is rate limited per client and in
    total, so a flood cannot fill the table or use up the codes.
    """
    source = request.POST if request.method == "POST" else request.GET
    members = _wanted_members(source.getlist("p"))
    if not members:
        response = redirect("links:clinicians")
        response["Location"] += "?error=none#packet"
        if request.method == "POST":
            response.status_code = 303
        return response
    if len(members) == 1:
        return _see_other(request, "links:handout", members[0])
    key = ",".join(sorted(members))
    row = ShortCode.objects.filter(kind=ShortCode.PACKET, members_key=key).order_by("pk").first()
    if row is not None:
        return _see_other(request, "links:handout", row.code)
    if request.method != "POST":
        context = {"items": _handout_items(request, _member_pages(members)), "members": members}
        response = render(request, "links/packet_confirm.html", context)
        add_never_cache_headers(response)  # once the packet exists, this address opens it instead
        return response
    if not same_origin(request):
        return _packet_refused(
            request, members, "Please use the button on this page to make the packet.", 403
        )
    total_allowed = ShortCode.objects.filter(kind=ShortCode.PACKET).count() < PACKET_MAX_TOTAL
    try:
        allowed = total_allowed and ratelimit.allow(
            request, "packet", per_client=PACKET_PER_CLIENT, overall=PACKET_OVERALL, window=PACKET_WINDOW
        )
    except ratelimit.Unavailable:  # nothing can be counted: refuse rather than write without a limit
        return _packet_refused(
            request, members, "We cannot make a new packet just now. Please try again later.", 503
        )
    if not allowed:
        return _packet_refused(
            request, members, "We cannot make a new packet just now. Please try again later.", 429
        )
    row = _new_packet(members, key)
    return _see_other(request, "links:handout", row.code)


def _see_other(request, name: str, code: str):
    """302 for a GET (as before), 303 after a POST so the browser GETs the handout."""
    response = redirect(name, code=code)
    if request.method == "POST":
        response.status_code = 303
    return response


def _new_packet(members: list[str], key: str) -> ShortCode:
    for _ in range(5):
        taken = set(ShortCode.objects.values_list("code", flat=True)) | codes.all_file_codes()
        try:
            with transaction.atomic():
                return ShortCode.objects.create(
                    code=codes.new_code(taken), kind=ShortCode.PACKET, members=members, members_key=key
                )
        except IntegrityError:  # the same code picked twice at once, or the same packet made twice
            existing = ShortCode.objects.filter(kind=ShortCode.PACKET, members_key=key).first()
            if existing is not None:
                return existing
            continue
    raise IntegrityError("could not find a free short code")


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
