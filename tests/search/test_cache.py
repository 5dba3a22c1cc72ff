"""Search under load: results cached per normalised query, forgotten on change; fresh searches bounded."""

import fcntl
import os

import pytest
from django.urls import reverse

from cidp_site.pages.models import FAQPage
from cidp_site.search import cache as search_cache
from cidp_site.search import query
from cidp_site.search.models import SynonymGroup

pytestmark = pytest.mark.django_db


@pytest.fixture
def fresh_calls(monkeypatch):
    calls = []
    real = query._fresh

    def counting(raw):
        calls.append(raw)
        return real(raw)

    monkeypatch.setattr(query, "_fresh", counting)
    return calls


def test_a_repeated_query_is_answered_from_the_cache(synced, fresh_calls):
    first = [r.url for r in query.search("headache").results]
    assert first
    assert [r.url for r in query.search("  Headache! ").results] == first
    assert len(fresh_calls) == 1


def test_a_deploy_that_changes_ranking_forgets_cached_results(synced, fresh_calls, monkeypatch, tmp_path):
    # Cached orders live in Redis across deploys; new ranking code or a new meaning map must not be
    # answered with orders ranked before it. A restart with the same code keeps them.
    (tmp_path / "data").mkdir()
    for path in [*search_cache.RANKING_SOURCES.glob("*.py"), *search_cache.RANKING_SOURCES.glob("data/*")]:
        (tmp_path / path.relative_to(search_cache.RANKING_SOURCES)).write_bytes(path.read_bytes())
    monkeypatch.setattr(search_cache, "RANKING_SOURCES", tmp_path)
    search_cache.ranking_version.cache_clear()
    query.search("headache")
    search_cache.ranking_version.cache_clear()  # a restart, nothing changed
    query.search("headache")
    assert len(fresh_calls) == 1
    (tmp_path / "data" / "meaning_map.npy").write_bytes(b"a new map")
    search_cache.ranking_version.cache_clear()  # the deploy's new workers
    query.search("headache")
    assert len(fresh_calls) == 2
    search_cache.ranking_version.cache_clear()


def test_publishing_and_unpublishing_forget_cached_results(synced, fresh_calls):
    page = FAQPage.objects.get(content_id="ivig-side-effects")
    assert any(r.url.startswith(page.url) for r in query.search("headache").results)
    page.unpublish()
    assert not any(r.url.startswith(page.url) for r in query.search("headache").results)
    page.save_revision().publish()
    assert any(r.url.startswith(page.url) for r in query.search("headache").results)
    assert len(fresh_calls) == 3


def test_a_synonym_change_forgets_cached_results(synced, fresh_calls):
    assert not query.search("wobbly").results
    group = SynonymGroup.objects.create(terms="wobbly, headache")
    assert query.search("wobbly").results
    group.delete()
    assert not query.search("wobbly").results
    assert len(fresh_calls) == 3


def test_fresh_searches_beyond_the_bound_are_asked_to_try_again_but_cached_pages_are_served(
    synced, client, settings, tmp_path
):
    from cidp_site.pagecache.store import store

    settings.PAGECACHE_ENABLED = True
    store.clear_local()
    settings.SEARCH_SLOT_DIR = str(tmp_path / "slots")
    settings.SEARCH_MAX_CONCURRENT = 2
    settings.SEARCH_SLOT_WAIT = 0.05
    assert client.get(reverse("search"), {"q": "headache"}).status_code == 200  # now in the page cache
    fds = []
    for n in range(2):  # two searches are being built elsewhere on this host
        fd = os.open(tmp_path / "slots" / f"slot-{n}", os.O_RDWR | os.O_CREAT)
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        fds.append(fd)
    try:
        busy = client.get(reverse("search"), {"q": "infusion at home"})
        assert busy.status_code == 503 and busy["Retry-After"] == "2"
        assert "Search is busy" in busy.content.decode()
        assert client.get(reverse("search"), {"q": "headache"}).status_code == 200
        # Ranked before, so its other pages of results and its expired page need no slot.
        store.clear_local()
        assert client.get(reverse("search"), {"q": "Headache", "page": "2"}).status_code == 200
        page = FAQPage.objects.get(content_id="ivig-side-effects")
        assert client.get(page.url).status_code == 200
    finally:
        for fd in fds:
            os.close(fd)
        store.clear_local()
    assert client.get(reverse("search"), {"q": "infusion at home"}).status_code == 200


def test_one_slot_frees_for_the_next_search(settings, tmp_path):
    settings.SEARCH_SLOT_DIR = str(tmp_path)
    settings.SEARCH_MAX_CONCURRENT = 1
    settings.SEARCH_SLOT_WAIT = 0.05
    with search_cache.slot():
        with pytest.raises(search_cache.Busy), search_cache.slot():
            pass
    with search_cache.slot():
        pass


def test_publishing_a_shared_warning_list_reaches_search_in_every_page_that_includes_it(synced):
    from cidp_site.pages.library import WarningList

    warning_list = WarningList.objects.get(list_id="ivig-emergency")
    assert not query.search("wheezing").results
    warning_list.text = f"{warning_list.text}<ul><li>New wheezing</li></ul>"
    warning_list.save_revision().publish()
    urls = {r.url.split("#")[0] for r in query.search("wheezing").results}
    assert {"/treatment/ivig/", "/treatment/ivig-side-effects/"} <= urls
