"""Every response a reader or editor gets carries the same strict headers, and readers get no cookie."""

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
