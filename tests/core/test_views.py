"""Sitemap, health check and the friendly 404 page."""

import pytest
from django.db.utils import OperationalError

pytestmark = pytest.mark.django_db


def test_sitemap_lists_every_live_page_and_no_unpublished_one(synced, client, run_sync):
    xml = client.get("/sitemap.xml").content.decode()
    for path in ("/", "/treatment/", "/treatment/ivig/", "/treatment/ivig-side-effects/"):
        assert f"<loc>http://localhost{path}</loc>" in xml
    (synced / "treatment" / "ivig-side-effects.md").unlink()
    ivig = synced / "treatment" / "ivig.md"
    ivig.write_text(
        ivig.read_text()
        .replace("related:\n  - ivig-side-effects\n", "")
        .replace("See [side effects](page:ivig-side-effects).", "")
    )
    assert run_sync()[0] == 0
    xml = client.get("/sitemap.xml").content.decode()
    assert "/treatment/ivig-side-effects/" not in xml
    assert "/treatment/ivig/" in xml


def test_health_is_200_when_the_database_answers(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_health_is_503_when_the_database_is_down(client, monkeypatch):
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["database"] == "down"


def test_unknown_address_gives_a_friendly_404_with_search(synced, client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We cannot find that page" in html
    assert 'action="/search/"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/abc%00def/", "/treatment/%00/", "/l/%00", "/l/ab%00cd/handout/"])
def test_a_nul_in_the_address_is_a_plain_not_found(synced, client, path):
    response = client.get(path)
    assert response.status_code == 404


def test_the_sitemap_names_the_public_host_not_localhost(db, content_dir, settings, client):
    from django.core.management import call_command
    from wagtail.models import Site

    settings.PUBLIC_BASE_URL = "https://cidp.example.org"
    settings.ALLOWED_HOSTS = ["cidp.example.org", "testserver"]
    call_command("sync_content", verbosity=0)
    xml = client.get("/sitemap.xml", HTTP_HOST="cidp.example.org").content.decode()
    assert "<loc>https://cidp.example.org/treatment/ivig/</loc>" in xml
    assert "localhost" not in xml
    # A hostname an admin chose is never overwritten by a later sync.
    Site.objects.filter(is_default_site=True).update(hostname="patients.example.org")
    call_command("sync_content", verbosity=0)
    assert Site.objects.get(is_default_site=True).hostname == "patients.example.org"


def test_a_site_created_in_development_moves_to_the_public_host(synced, settings):
    from django.core.management import call_command
    from wagtail.models import Site

    assert Site.objects.get(is_default_site=True).hostname == "localhost"
    settings.PUBLIC_BASE_URL = "http://clinic.example.org:8080"
    call_command("sync_content", verbosity=0)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("clinic.example.org", 8080)
