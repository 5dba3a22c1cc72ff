"""Site search pages. Bad input of any kind gives a normal page, never an error."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from cidp_site.core import ratelimit
from cidp_site.pages.models import FAQPage

from . import cache
from .models import ZeroResultQuery
from .query import MAX_QUERY_LENGTH, clean, is_ranked
from .query import search as run_search
from .query import suggest as run_suggest


def _page_number(request) -> int:
    try:
        return max(1, int(request.GET.get("page", "1")[:4]))
    except ValueError:
        return 1


def _promotions(query: str):
    normalised = normalise_query_string(query)
    if not normalised:
        return []
    picks = SearchPromotion.objects.filter(query__query_string=normalised).select_related("page")
    return [p for p in picks.order_by("sort_order") if p.page is None or p.page.live]


def _help_links():
    home = Page.objects.live().public().filter(depth=2).first()
    topics = home.get_children().live().public().specific() if home else []
    glossary = FAQPage.objects.live().public().filter(content_id="glossary").first()
    return topics, glossary


def _count_zero_result(request, normalised: str) -> None:
    """Each query once per client per day, under an overall ceiling: a bounded counter that one
    client cannot fill with gibberish. Skipped (never an error) when the counters are unavailable."""
    try:
        if ratelimit.first_time_today(request, "zero", normalised) and ratelimit.allow(
            request, "zero", per_client=20, overall=600, window=600
        ):
            ZeroResultQuery.record(normalised)
    except ratelimit.Unavailable:
        return


def search(request):
    """A results page that the page cache did not have. Ranking a new query is the expensive kind,
    so only a few are ranked at once on a host (cache.slot); past that the reader is asked to try
    again in a moment, and page readers keep their workers. A query ranked before (its page
    expired, or another page of its results) is shown without waiting for a slot."""
    query = clean(request.GET.get("q", ""))
    context = {"search_query": query, "max_length": MAX_QUERY_LENGTH}
    if not query:
        context["topics"], context["glossary"] = _help_links()
        return render(request, "search/search.html", context)
    if is_ranked(query):
        return _results_page(request, query, context)
    try:
        with cache.slot():
            return _results_page(request, query, context)
    except cache.Busy:
        response = render(request, "search/busy.html", context, status=503)
        response["Retry-After"] = "2"
        return response


def _results_page(request, query, context):
    outcome = run_search(query, page=_page_number(request), request=request)
    promotions = _promotions(query)
    context.update(outcome=outcome, results=outcome.results, count=outcome.count, promotions=promotions)
    # A search answered only by meaning is counted too: its words are ones the glossary lacks.
    if (outcome.count == 0 or outcome.parsed.by_meaning) and not promotions:
        _count_zero_result(request, normalise_query_string(query) or query.lower())
    if not context.get("results"):
        context["topics"], context["glossary"] = _help_links()
    response = render(request, "search/search.html", context)
    if not context.get("results"):
        # Kept out of the page cache, so every search that finds nothing reaches the report.
        response["Cache-Control"] = "private"
    return response


@cache_control(max_age=60, public=True)
def suggest(request):
    results = run_suggest(request.GET.get("q", ""), request=request)
    return JsonResponse(
        {
            "suggestions": [
                {"label": r.title, "context": r.context, "url": r.url, "is_question": r.is_question}
                for r in results
            ]
        }
    )
