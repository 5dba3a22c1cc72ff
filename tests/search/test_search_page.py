"""The search page as a reader uses it: question-level results, synonyms, spelling, bad input."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from cidp_site.core import models as core_models
from cidp_site.pages.models import FAQPage
from cidp_site.search.models import SearchEntry, SynonymGroup, ZeroResultQuery
from cidp_site.search.query import search

pytestmark = pytest.mark.django_db


def get(client, q, **extra):
    return client.get(reverse("search"), {"q": q, **extra})


def test_a_question_is_a_result_with_its_deep_link_and_short_answer(synced, client):
    page = FAQPage.objects.get(content_id="ivig-treatment")
    response = get(client, "how well does ivig work")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="{page.url}#how-well-it-works"' in html
    # The short answer is the snippet, with the reader's words highlighted.
    assert "It helps 7 to 9 out of 10 people with <mark>CIDP</mark>." not in html  # CIDP was not asked
    assert "<mark>IVIG</mark>" in html and "result-snippet" in html
    assert "It helps 7 to 9 out of 10 people with CIDP." in html


def test_result_count_is_shown(synced, client):
    response = get(client, "headache")
    assert response.context["count"] == len(response.context["results"]) >= 1
    assert f"{response.context['count']} result" in response.content.decode()


def test_highlighting_escapes_the_stored_text(synced):
    entry = SearchEntry.objects.filter(anchor="where").get()
    entry.snippet = "<script>alert(1)</script> at home"
    entry.save()
    result = next(r for r in search("home").results if r.url.endswith("#where"))
    assert "<script>" not in result.snippet_html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; at <mark>home</mark>" == result.snippet_html


def test_synonyms_expand_the_query_and_nurses_can_add_more(synced):
    # "drip" is only a synonym of "infusion"... the fixture's IVIG page mentions a drip.
    assert any("ivig" in r.url for r in search("intravenous immunoglobulin").results)
    assert not search("wobbly legs").results
    SynonymGroup.objects.create(terms="wobbly, headache")
    assert any(r.url.endswith("#common-side-effects") for r in search("wobbly legs").results)


def test_misspelling_is_corrected_from_the_index_vocabulary(synced, client):
    response = get(client, "hedache")
    assert response.context["outcome"].parsed.corrected == "headache"
    assert any(r.url.endswith("#common-side-effects") for r in response.context["results"])
    assert "Did you mean" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "x" * 10_000,
        "ivig " * 2_000,
        '"ivig',
        "ivig*",
        "(ivig",
        "ivig)",
        "NEAR(ivig headache)",
        "ivig OR",
        "OR",
        "AND NOT",
        "-ivig",
        "ivig - headache",
        "\"'*()^:{}[]-+~",
        "col:ivig",
        "ivig:*",
        "ivig & | ! <->",
        "😷💉",
        "IVIG 😷",
        "ما هو CIDP",
        "מה זה IVIG",
        "\u202eivig",
        "ivig\x00",
    ],
)
def test_bad_input_gives_a_normal_page(synced, client, query):
    response = get(client, query)
    assert response.status_code == 200
    assert b"<h1>Search</h1>" in response.content
    suggest = client.get(reverse("search_suggest"), {"q": query})
    assert suggest.status_code == 200 and "suggestions" in suggest.json()


def test_operator_words_are_searched_as_words(synced):
    # The engines read OR and NEAR(...) as operators; typed by a reader they are words. "or" is a
    # stop word, so "ivig OR" finds what "ivig" finds (meaning reads the whole phrase, which may
    # nudge the order); "near" is a word, which may find a little more or less.
    bare, with_or = search("ivig", per_page=100), search("ivig OR", per_page=100)
    assert with_or.count == bare.count > 0
    assert {r.title for r in with_or.results} == {r.title for r in bare.results}
    near = search("NEAR(ivig)")
    assert near.count == search("near ivig").count > 0
    assert all("IVIG" in r.title for r in near.results[:3])


def test_bad_page_numbers_give_the_first_page(synced, client):
    for page in ("0", "-1", "abc", "99999999999999", ""):
        response = get(client, "ivig", page=page)
        assert response.status_code == 200 and response.context["results"]


def test_no_results_page_offers_help_and_is_logged_without_personal_data(synced, client):
    response = get(client, "Zebra  Crossing")
    html = response.content.decode()
    assert response.status_code == 200 and response.context["count"] == 0
    assert "We did not find a page for that" in html and "Popular topics" in html
    get(client, "zebra crossing")  # the same reader again: counted once a day
    assert ZeroResultQuery.objects.get().count == 1
    get(Client(REMOTE_ADDR="198.51.100.9"), "ZEBRA crossing ")  # another reader
    row = ZeroResultQuery.objects.get()
    assert (row.query, row.count) == ("zebra crossing", 2)
    # Only the text, the day and the count are stored: nothing that identifies a reader.
    assert {f.name for f in ZeroResultQuery._meta.fields} == {"id", "query", "day", "count"}
    get(client, "ivig")
    assert ZeroResultQuery.objects.count() == 1  # searches that found something are not logged


def test_searches_that_found_nothing_are_forgotten_after_the_keep_period(synced, client, settings):
    # A reader may type their name or a health detail into the box: the report keeps recent ones.
    settings.READER_TEXT_KEEP_DAYS = 180
    core_models._forgotten.clear()
    today = timezone.localdate()
    ZeroResultQuery.objects.create(query="too old", day=today - timedelta(days=181), count=4)
    ZeroResultQuery.objects.create(query="still kept", day=today - timedelta(days=180), count=2)
    get(client, "zebra crossing")
    assert set(ZeroResultQuery.objects.values_list("query", flat=True)) == {"still kept", "zebra crossing"}


def test_zero_result_log_is_rate_limited(synced, client):
    for n in range(30):
        get(client, f"nothing here {n}")
    assert ZeroResultQuery.objects.count() == 20


def test_promoted_results_come_first(synced, client):
    target = FAQPage.objects.get(content_id="ivig-side-effects")
    SearchPromotion.objects.create(query=Query.get("flu jab"), page=target, description="Ask first.")
    response = get(client, "Flu  Jab")
    html = response.content.decode()
    assert "Recommended" in html and f'href="{target.url}"' in html and "Ask first." in html
    assert not ZeroResultQuery.objects.exists()


def test_publishing_and_unpublishing_keep_the_index_current(synced):
    page = FAQPage.objects.get(content_id="ivig-side-effects")
    assert search("headache").results
    page.unpublish()
    assert not SearchEntry.objects.filter(page=page).exists()
    assert not search("headache").results
    page.save_revision().publish()
    assert [r.url for r in search("headache").results][0].startswith(page.url)


def test_rebuild_command_recreates_the_entries(synced):
    before = set(SearchEntry.objects.values_list("page_id", "anchor"))
    SearchEntry.objects.all().delete()
    assert not search("headache").results
    call_command("rebuild_search_entries", verbosity=0)
    assert set(SearchEntry.objects.values_list("page_id", "anchor")) == before
    assert search("headache").results


def test_suggestions_match_word_prefixes_and_return_deep_links(synced, client):
    data = client.get(reverse("search_suggest"), {"q": "ivig wo"}).json()["suggestions"]
    page = FAQPage.objects.get(content_id="ivig-treatment")
    assert data[0]["label"] == "How well does IVIG work?"
    assert data[0]["url"] == f"{page.url}#how-well-it-works"
    assert client.get(reverse("search_suggest"), {"q": "zzzz"}).json() == {"suggestions": []}


def test_the_form_works_without_javascript(synced, client):
    html = client.get("/").content.decode()
    assert 'action="/search/" method="get"' in html and 'name="q"' in html
    assert "<script>" not in html and "search-autocomplete.js" in html


def test_past_the_shown_limit_the_page_says_more_than(synced, client, monkeypatch):
    from cidp_site.search import query

    monkeypatch.setattr(query, "CANDIDATES", 3)
    outcome = search("ivig")
    assert outcome.capped and outcome.count == 3
    assert "More than 3 results for" in get(client, "ivig").content.decode()
    monkeypatch.setattr(query, "CANDIDATES", 1000)
    query.cache.bump()  # results cached under the old limit
    assert not search("ivig").capped  # the sample site has far fewer matches than that


def test_pages_behind_a_view_restriction_are_not_found(synced, client):
    from wagtail.models import PageViewRestriction

    page = FAQPage.objects.get(content_id="ivig-treatment")
    before = [r.url for r in search("ivig").results]
    assert any(url.startswith(page.url) for url in before)
    PageViewRestriction.objects.create(page=page.get_parent(), restriction_type=PageViewRestriction.LOGIN)
    after = [r.url for r in search("ivig").results]
    assert after and not any(url.startswith(page.get_parent().url) for url in after)
    assert page.title not in get(client, "ivig").content.decode()


def test_a_shared_warning_list_is_found_where_it_is_included_and_citations_are_not_shown(synced, client):
    html = get(client, "chest tightness").content.decode()
    # Only the shared list says "tightness": each question that includes it is found.
    assert "#where" in html and "#common-side-effects" in html
    html = get(client, "how well does ivig work").content.decode()
    assert "[@" not in html and "ice-trial" not in html


def test_a_synonym_phrase_is_highlighted_whole_never_word_by_word():
    from cidp_site.search.text import highlight

    terms = {"future", "treatments", "new medicines", "in the pipeline"}
    html = str(highlight("Are there any new medicines? Other medicines help. New-medicines too.", terms))
    assert html == (
        "Are there any <mark>new medicines</mark>? Other medicines help. <mark>New-medicines</mark> too."
    )
    assert str(highlight("Future treatments in the pipeline", terms)) == (
        "<mark>Future</mark> <mark>treatments</mark> <mark>in the pipeline</mark>"
    )
    assert str(highlight("new, medicines", terms)) == "new, medicines"  # a comma parts them


def test_a_reader_asking_about_future_treatments_sees_the_new_medicines_marked_as_one(real_site):
    # "future treatments" and "new medicines" are one glossary group: the reader's words are marked
    # one by one, the group's phrase only where it stands whole ("medicines" alone is not asked).
    result = next(r for r in search("future treatments for cidp").results if r.url.endswith("#new-medicines"))
    assert "<mark>new medicines</mark>" in result.title_html.lower()
    assert "<mark>medicines</mark>" not in result.snippet_html.lower()
