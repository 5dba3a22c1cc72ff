"""When things break, readers get a plain answer and the site stays as it was."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.utils import OperationalError

from cidp_site.pagecache.store import store
from cidp_site.pages.models import FAQPage


def database_down(execute, sql, params, many, context):
    raise OperationalError("could not connect to server: Connection refused")


@pytest.mark.django_db
def test_database_down_gives_503_pages_and_health_but_cached_pages_still_serve(synced, client, settings):
    settings.PAGECACHE_ENABLED = True
    page = FAQPage.objects.get(content_id="ivig-treatment")
    warm = client.get(page.url)
    assert warm.status_code == 200
    with connection.execute_wrapper(database_down):
        health = client.get("/health/")
        assert health.status_code == 503 and health.json()["database"] == "down"
        uncached = client.get("/treatment/")
        assert uncached.status_code == 503
        assert b"not available right now" in uncached.content
        assert b"Traceback" not in uncached.content and b"OperationalError" not in uncached.content
        assert uncached["Retry-After"] == "60"
        search = client.get("/search/?q=ivig")
        assert search.status_code == 503
        cached = client.get(page.url)
        assert cached.status_code == 200 and cached.content == warm.content


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_sync_killed_half_way_changes_nothing_readers_see(synced, client, settings, monkeypatch, run_sync):
    from cidp_site.content_sync import apply

    settings.PAGECACHE_ENABLED = True
    page = FAQPage.objects.get(content_id="ivig-treatment")
    before = {p.pk: (p.title, p.live, p.revisions.count()) for p in FAQPage.objects.all()}
    shown = client.get(page.url).content
    for name in ("ivig.md", "ivig-side-effects.md"):
        path = synced / "treatment" / name
        path.write_text(path.read_text().replace("title: ", "title: New "))
    real_write, calls = apply._write, []

    def crash_on_second_page(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("killed")
        return real_write(*args, **kwargs)

    monkeypatch.setattr(apply, "_write", crash_on_second_page)
    with pytest.raises(RuntimeError):
        run_sync()
    assert {p.pk: (p.title, p.live, p.revisions.count()) for p in FAQPage.objects.all()} == before
    assert client.get(page.url).content == shown
    store.clear_local()  # and rendered afresh from the database, it is still the same
    assert client.get(page.url).content == shown


@pytest.mark.django_db
def test_a_restart_loses_nothing(synced, client):
    from cidp_site.feedback.models import PageFeedback

    page = FAQPage.objects.get(content_id="ivig-treatment")
    page.title = "Published before the restart"
    page.save_revision().publish()
    draft = FAQPage.objects.get(pk=page.pk)
    draft.title = "A draft in progress"
    draft.save_revision()
    client.post(f"/feedback/{page.pk}/", {"helpful": "yes"}, headers={"Origin": "http://testserver"})
    # A restart: every worker's memory and the shared cache are gone.
    store.clear_local()
    cache.clear()
    assert b"Published before the restart" in client.get(page.url).content
    assert FAQPage.objects.get(pk=page.pk).get_latest_revision_as_object().title == "A draft in progress"
    assert PageFeedback.objects.filter(page=page, helpful=True).exists()
