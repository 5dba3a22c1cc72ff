"""Redis down: the site degrades (uncached pages, refused votes, a degraded health), never 500s.

The cache is the production configuration (settings.base.redis_cache, Django's Redis client)
pointed at a closed port, so every call really fails to connect.
"""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from wagtail.models import Page

from cidp_site.feedback.models import FeedbackComment, PageFeedback
from cidp_site.links.models import ShortCode
from cidp_site.pages.models import FAQPage
from cidp_site.search.models import ZeroResultQuery
from cidp_site.settings.base import redis_cache

DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1
ORIGIN = "http://testserver"


@pytest.fixture
def linked_site(db, content_dir):
    """The sample content with short codes, synced."""
    call_command("assign_short_codes", stdout=io.StringIO())
    call_command("sync_content", verbosity=0)
    return content_dir


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {"default": redis_cache(DEAD_REDIS)}
    settings.PAGECACHE_ENABLED = True
    settings.PAGECACHE_GENERATION_CHECK = 0
    return settings


def public_urls(page):
    code = ShortCode.objects.filter(page=page, kind=ShortCode.PAGE).values_list("code", flat=True).first()
    assert code
    return [
        "/",
        "/treatment/",
        page.url,
        page.url + "?r=12345",
        "/search/?q=ivig",
        "/search/?q=zxqv+blorp",
        "/search/suggest/?q=iv",
        "/l/",
        f"/l/{code}",
        f"/l/{code}/qr.svg",
        f"/l/{code}/handout/",
        "/sitemap.xml",
        f"/feedback/{page.pk}/thanks/?helpful=no",
        "/no-such-page/",
    ]


@pytest.mark.django_db
def test_every_public_page_renders_uncached_while_redis_is_down(linked_site, redis_down, client):
    page = FAQPage.objects.get(content_id="ivig-treatment")
    urls = public_urls(page)
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 302, 404), f"{url}: {response.status_code}"
        assert response.get("X-Page-Cache") != "hit"
    # Twice: nothing was kept, since no worker can know whether a publish happened meanwhile.
    assert client.get(page.url).get("X-Page-Cache") != "hit"
    assert not ZeroResultQuery.objects.exists()  # uncounted, so unrecorded


@pytest.mark.django_db
def test_votes_and_comments_are_refused_politely_not_stored_without_a_limit(synced, redis_down, client):
    page = FAQPage.objects.get(content_id="ivig-treatment")
    voted = client.post(f"/feedback/{page.pk}/", {"helpful": "yes"}, headers={"Origin": ORIGIN})
    assert voted.status_code == 503 and voted["Retry-After"] == "60"
    assert b"try again" in voted.content
    comment = client.post(
        f"/feedback/{page.pk}/thanks/", {"helpful": "no", "comment": "hello"}, headers={"Origin": ORIGIN}
    )
    assert comment.status_code == 503
    assert not PageFeedback.objects.exists() and not FeedbackComment.objects.exists()


@pytest.mark.django_db
def test_login_is_refused_while_attempts_cannot_be_counted(synced, redis_down, client):
    response = client.post("/admin/login/", {"username": "nurse", "password": "guess"})
    assert response.status_code == 503 and response["Retry-After"] == "60"


@pytest.mark.django_db
def test_health_reports_each_dependency_and_a_degraded_state(redis_down, client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "down"}


@pytest.mark.django_db
def test_a_sync_with_redis_down_changes_nothing(synced, redis_down, run_sync):
    before = list(Page.objects.order_by("pk").values_list("pk", "title", "live"))
    path = synced / "treatment" / "ivig.md"
    path.write_text(path.read_text().replace("title: IVIG treatment", "title: IVIG renamed"))
    code, _, err = run_sync()
    assert code == 1
    assert "cache (Redis) is not answering" in err and "nothing was changed" in err
    assert list(Page.objects.order_by("pk").values_list("pk", "title", "live")) == before


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_purge_that_fails_after_the_commit_is_reported_and_the_content_stays(
    synced, settings, run_sync, monkeypatch
):
    from cidp_site.content_sync.management.commands import sync_content

    settings.PAGECACHE_ENABLED = True
    cache.clear()
    path = synced / "treatment" / "ivig.md"
    path.write_text(path.read_text().replace("title: IVIG treatment", "title: IVIG renamed"))
    # Redis answered the check before the sync, then went away before the commit.
    checked = sync_content.cache_ok()
    assert checked
    monkeypatch.setattr(sync_content, "cache_ok", lambda: checked)
    settings.CACHES = {"default": redis_cache(DEAD_REDIS)}
    code, out, err = run_sync()
    assert code == 1
    assert "1 updated" in out
    assert "was saved, but the page cache could not be cleared" in err
    assert FAQPage.objects.get(content_id="ivig-treatment").title == "IVIG renamed"
