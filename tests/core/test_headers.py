"""Every response a reader or editor gets carries the same strict headers, and readers get no cookie."""

import re

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

PUBLIC_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; manifest-src 'self'; form-action 'self'; base-uri 'none'; "
    "object-src 'none'; frame-ancestors 'none'"
)
PERMISSIONS = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), "
    "fullscreen=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), "
    "payment=(), picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(), usb=(), "
    "xr-spatial-tracking=()"
)


def directives(header: str) -> dict[str, str]:
    """A policy as {directive: sources}; django-csp does not keep the directives in order."""
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


def reader_urls():
    """Each address a reader may get, with the status it must answer."""
    return [
        ("/", 200),
        ("/treatment/ivig/", 200),
        ("/search/?q=ivig", 200),
        ("/search/?q=zzqxv", 200),
        ("/no-such-page/", 404),
        ("/retired-page/", 410),
        ("/l/", 200),
        ("/sitemap.xml", 200),
        ("/health/", 200),
        ("/static/css/site.css", 200),
    ]


def assert_common_headers(response, url):
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains", url
    assert response["X-Content-Type-Options"] == "nosniff", url
    assert response["Referrer-Policy"] == "same-origin", url
    assert response["Permissions-Policy"] == PERMISSIONS, url
    assert response["Cross-Origin-Opener-Policy"] == "same-origin", url


@pytest.mark.parametrize("cached", [False, True])
def test_reader_responses_carry_every_header_and_no_cookie(synced, client, settings, cached):
    from cidp_site.links.models import PublishedURL

    settings.PAGECACHE_ENABLED = cached
    PublishedURL.objects.create(path="/retired-page/", page=None)
    for url, status in reader_urls():
        for _ in range(2 if cached else 1):  # the second request is a cache hit where cacheable
            response = client.get(url, secure=True)
        assert response.status_code == status, url
        assert_common_headers(response, url)
        assert directives(response["Content-Security-Policy"]) == directives(PUBLIC_CSP), url
        assert not response.cookies, f"{url} set a cookie: {response.cookies}"
        if response["Content-Type"].startswith("text/html"):
            assert response["X-Frame-Options"] == "DENY", url


def test_a_cached_page_has_the_same_headers_as_a_fresh_one(synced, client, settings):
    settings.PAGECACHE_ENABLED = True
    fresh = client.get("/treatment/ivig/", secure=True)
    hit = client.get("/treatment/ivig/", secure=True)
    assert (fresh["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    skip = {"X-Page-Cache", "Date"}
    assert {k: v for k, v in fresh.items() if k not in skip} == {
        k: v for k, v in hit.items() if k not in skip
    }
    assert fresh.content == hit.content


def test_admin_login_has_the_headers_and_a_policy_scoped_to_the_admin(db, client):
    response = client.get("/admin/login/", secure=True)
    assert response.status_code == 200
    assert_common_headers(response, "/admin/login/")
    csp = directives(response["Content-Security-Policy"])
    assert csp["script-src"] == "'self' 'unsafe-inline'" and csp["frame-ancestors"] == "'self'"
    assert csp["object-src"] == "'none'" and csp["default-src"] == "'self'"
    # ...and the public policy is untouched by it.
    assert "unsafe-inline" not in client.get("/search/", secure=True)["Content-Security-Policy"]


@override_settings(SECURE_SSL_REDIRECT=False)
def test_the_admin_works_under_its_policy(synced, admin_client):
    from cidp_site.pages.models import FAQPage

    page = FAQPage.objects.get(content_id="ivig-treatment")
    editor = admin_client.get(f"/admin/pages/{page.pk}/edit/", secure=True)
    assert editor.status_code == 200
    assert b"data-controller" in editor.content  # the editor's own scripts are wired up
    assert "'unsafe-inline'" in editor["Content-Security-Policy"]
    preview = admin_client.get(f"/admin/pages/{page.pk}/edit/preview/", secure=True)
    assert preview.status_code == 200
    assert preview["X-Frame-Options"] != "DENY"  # the live preview frame must load


def cache_control(response) -> dict[str, str]:
    return {
        part.strip().split("=")[0]: (part.strip().split("=") + [""])[1]
        for part in response.get("Cache-Control", "").split(",")
        if part.strip()
    }


@pytest.mark.parametrize("cached", [False, True])
def test_public_pages_may_be_kept_by_a_cdn_and_briefly_by_the_browser(synced, client, settings, cached):
    """A CDN keeps public pages an hour (purged on publish); a browser a minute, so fixes reach readers."""
    settings.PAGECACHE_ENABLED = cached
    for url in ("/", "/treatment/ivig/", "/no-such-page/", "/l/"):
        for _ in range(2 if cached else 1):
            response = client.get(url, secure=True)
        assert cache_control(response) == {"public": "", "max-age": "60", "s-maxage": "3600"}, url


def test_searches_feedback_and_health_are_not_kept_by_a_cdn(synced, client):
    from cidp_site.pages.models import FAQPage

    search = client.get("/search/?q=ivig", secure=True)
    assert cache_control(search) == {"private": "", "max-age": "0"}
    assert cache_control(client.get("/health/", secure=True)) == {"no-store": ""}  # the view's own
    page = FAQPage.objects.get(content_id="ivig-treatment")
    vote = client.post(
        f"/feedback/{page.pk}/", {"helpful": "yes"}, secure=True, HTTP_ORIGIN="https://testserver"
    )
    assert vote.status_code == 303
    assert {"private", "no-store"} <= set(cache_control(vote))
    assert "s-maxage" not in cache_control(vote)


def test_a_restricted_page_is_private_for_everyone(synced, client, admin_client):
    from wagtail.models import PageViewRestriction

    from cidp_site.pages.models import FAQPage

    page = FAQPage.objects.get(content_id="ivig-treatment")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    refused = client.get(page.url, secure=True)
    assert refused.status_code == 302 and "/login/" in refused["Location"]
    assert {"private", "no-store"} <= set(cache_control(refused))
    shown = admin_client.get(page.url, secure=True)
    assert shown.status_code == 200
    assert {"private", "no-store"} <= set(cache_control(shown)) and "s-maxage" not in shown["Cache-Control"]


def test_an_editor_reading_a_public_page_gets_it_private(synced, admin_client):
    response = admin_client.get("/treatment/ivig/", secure=True)
    assert response.status_code == 200
    assert "private" in cache_control(response)
    assert not {"public", "s-maxage"} & set(cache_control(response))


def test_the_admin_is_never_stored(synced, client, admin_client):
    for response in (client.get("/admin/login/", secure=True), admin_client.get("/admin/", secure=True)):
        assert response.status_code == 200
        assert {"private", "no-store"} <= set(cache_control(response))
        assert "s-maxage" not in cache_control(response)


def test_the_cache_control_example_in_the_deploy_guide_is_what_is_sent(synced, client):
    from django.conf import settings

    guide = (settings.BASE_DIR / "docs" / "deploy.md").read_text(encoding="utf-8")
    examples = re.findall(r"^GET (\S+) +Cache-Control: (.+)$", guide, re.MULTILINE)
    assert len(examples) >= 4
    for url, expected in examples:
        assert client.get(url, secure=True)["Cache-Control"] == expected, url
