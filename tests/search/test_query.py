"""The query budget docs/benchmarks.md states: each search is at most 8 small queries."""

import pytest
from django.test import RequestFactory
from wagtail.models import Site

from cidp_site.search.query import search

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("words", ["ivig", "side effects of ivig", "headache after infusion"])
def test_each_search_is_at_most_eight_queries(synced, django_assert_max_num_queries, words):
    request = RequestFactory().get("/search/", {"q": words})
    search("ivig", request=request)  # a worker's first search also loads the spelling vocabulary
    Site.find_for_request(request)  # once per request, whatever the page: not the search's cost
    with django_assert_max_num_queries(8):
        outcome = search(words, request=request)
    assert outcome.results, words  # a search that found nothing would skip the costly steps
