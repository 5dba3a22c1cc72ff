"""Anonymous readers get cached pages; any publish, unpublish, move or sync drops them at once."""

import pytest
from django.core.management import call_command
from wagtail.models import Page

from cidp_site.pagecache.store import store
from cidp_site.pages.models import FAQPage

# Invalidation waits for the commit, as in production; serialized_rollback keeps Wagtail's root page.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def cached(synced, settings):
    settings.PAGECACHE_ENABLED = True
    return FAQPage.objects.get(content_id="ivig-treatment")


def state(client, url):
    response = client.get(url)
    return response.status_code, response.get("X-Page-Cache")


def test_second_view_is_served_from_memory_without_queries(cached, client, django_assert_num_queries):
    assert state(client, cached.url) == (200, "miss")
    with django_assert_num_queries(0):  # no database at all: memory, and the shared cache
        assert state(client, cached.url) == (200, "hit")


def test_publishing_a_change_is_seen_at_once(cached, client):
    client.get(cached.url)
    cached.title = "IVIG, updated"
    cached.save_revision().publish()
    response = client.get(cached.url)
    assert response["X-Page-Cache"] == "miss"
    assert b"IVIG, updated" in response.content


def test_unpublishing_removes_the_page_at_once(cached, client):
    client.get(cached.url)
    url = cached.url
    cached.unpublish()
    assert client.get(url).status_code in (404, 410)  # gone, never the cached page


def test_moving_a_page_drops_the_old_address(cached, client):
    old = cached.url
    client.get(old)
    home = Page.objects.get(depth=2)
    cached.move(home, pos="last-child")
    assert client.get(old).status_code in (301, 404)  # never the cached page at its old address


def test_sync_content_changes_are_seen_at_once(cached, client, content_dir):
    client.get(cached.url)
    path = content_dir / "treatment" / "ivig.md"
    path.write_text(path.read_text().replace("title: IVIG treatment", "title: IVIG from the file"))
    call_command("sync_content", verbosity=0)
    assert b"IVIG from the file" in client.get(cached.url).content


def test_another_worker_sees_the_invalidation_through_the_shared_generation(cached, client):
    client.get(cached.url)
    assert state(client, cached.url)[1] == "hit"
    # Another worker published: it bumped the shared generation, not this worker's memory.
    from django.core.cache import cache

    from cidp_site.pagecache.store import GENERATION_KEY

    cache.incr(GENERATION_KEY)
    assert state(client, cached.url)[1] == "miss"


def test_editors_and_previews_always_get_a_fresh_page(cached, client, admin_client):
    client.get(cached.url)
    cached.title = "A draft title"
    cached.save_revision()  # a draft: not published
    assert b"A draft title" not in client.get(cached.url).content
    editor_view = admin_client.get(cached.url)
    assert editor_view.get("X-Page-Cache") is None  # signed in: never from the cache, never stored
    preview = admin_client.get(f"/admin/pages/{cached.pk}/edit/preview/")
    assert preview.get("X-Page-Cache") is None
    assert b"A draft title" not in client.get(cached.url).content


def test_searches_that_find_nothing_suggestions_and_errors_are_not_cached(cached, client):
    # A search that finds nothing must reach the "searches with no results" report every time.
    for url in ["/search/?q=zzqqxxnothing", "/search/suggest/?q=iv", "/no-such-page/", "/health/"]:
        client.get(url)
        assert client.get(url).get("X-Page-Cache") is None, url
    assert len(store) == 0


def test_a_results_page_is_cached_and_dropped_when_a_synonym_changes(cached, client):
    from cidp_site.search.models import SynonymGroup

    assert state(client, "/search/?q=wobbly+ivig") == (200, "miss")
    assert state(client, "/search/?q=wobbly+ivig") == (200, "hit")
    SynonymGroup.objects.create(terms="wobbly, headache")
    response = client.get("/search/?q=wobbly+ivig")
    assert response["X-Page-Cache"] == "miss"
    assert b"side effects" in response.content.lower()


def test_a_response_that_sets_a_cookie_is_never_stored(cached, client, monkeypatch):
    # A page that sets a cookie (none of ours does; a future change might).
    monkeypatch.setattr(FAQPage, "serve", lambda self, request, *a, **k: _cookie_page(self, request))
    client.get(cached.url)
    assert len(store) == 0


def _cookie_page(page, request):
    from django.http import HttpResponse

    response = HttpResponse("hello")
    response.set_cookie("tracking", "1")
    return response


def test_the_cdn_hook_purges_every_page(cached, client, settings):
    from tests.pagecache import recording_backend

    settings.WAGTAILFRONTENDCACHE = {
        "test": {"BACKEND": "tests.pagecache.recording_backend.RecordingBackend"}
    }
    recording_backend.PURGED.clear()
    cached.save_revision().publish()
    assert f"http://localhost{cached.url}" in recording_backend.PURGED or any(
        url.endswith(cached.url) for url in recording_backend.PURGED
    )
    assert len(recording_backend.PURGED) >= Page.objects.live().filter(depth__gt=1).count()


def test_unknown_query_parameters_do_not_bypass_the_cache(cached, client):
    assert state(client, cached.url) == (200, "miss")
    for n in range(5):
        assert state(client, f"{cached.url}?r={n}&utm_source=x") == (200, "hit")
    assert len(store) == 1
