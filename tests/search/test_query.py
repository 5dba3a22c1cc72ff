"""The query budget docs/benchmarks.md states: each search is at most 8 small queries."""

import pytest
from django.test import RequestFactory
from wagtail.models import Site

from cidp_site.search.query import parse, search

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("words", ["ivig", "side effects of ivig", "headache after infusion"])
def test_each_search_is_at_most_eight_queries(synced, django_assert_max_num_queries, words):
    request = RequestFactory().get("/search/", {"q": words})
    search("ivig", request=request)  # a worker's first search also loads the spelling vocabulary
    Site.find_for_request(request)  # once per request, whatever the page: not the search's cost
    with django_assert_max_num_queries(8):
        outcome = search(words, request=request)
    assert outcome.results, words  # a search that found nothing would skip the costly steps


@pytest.mark.parametrize(
    ("query", "read"),
    [
        # A brand, forum slang and a misspelling the glossary knows, but no page uses and the
        # encoder reads only in pieces: meaning reads them as their group's name.
        ("clairyg side effects", "ivig side effects"),
        ("spoonie life", "tiredness life"),
        ("what causes cdip", "what causes cidp"),
        ("orapred and ivig", "steroids and ivig"),
        # Words the models read whole keep their own sense, though no page uses them.
        ("so fed up of infusions", "so fed up of infusions"),
        ("when to call 911", "when to call 911"),
        # So do words in the English word list, though the encoder splits them ("motrin").
        ("motrin with my infusion", "motrin with my infusion"),
        # "my" stays: a determiner is not part of the phrase (as parse reads it).
        ("my spoonie days", "my tiredness days"),
        # A word pages use is never replaced.
        ("ivig and tiredness", "ivig and tiredness"),
    ],
)
def test_meaning_reads_a_word_only_the_glossary_knows_as_its_groups_name(real_site, query, read):
    assert parse(query).meaning == read
