"""Small things every browser and crawler asks for, and the search page's single search box."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_favicon_is_served_so_no_page_logs_a_404(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # an ICO file


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text


def test_the_search_page_has_one_search_box_and_a_description(synced, client):
    html = client.get(reverse("search"), {"q": "headache"}).content.decode()
    assert html.count('type="search"') == 1
    assert re.search(r'<meta name="description" content="[^"]+">', html)


def test_the_header_search_has_a_visible_hint_and_an_accessible_name(synced, client):
    html = client.get("/").content.decode()
    field = re.search(r'<input id="header-search-q"[^>]*>', html).group(0)
    assert 'placeholder="Search this site"' in field
    assert '<label for="header-search-q">Search this site</label>' in html


def test_the_breadcrumb_names_the_current_page_without_linking_it(synced, client):
    from cidp_site.pages.models import FAQPage

    page = FAQPage.objects.get(content_id="ivig-treatment")
    html = client.get(page.url).content.decode()
    crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
    assert f'<li class="breadcrumb-current" aria-current="page">{page.title}</li>' in crumbs
    assert f'href="{page.url}"' not in crumbs
    assert 'class="breadcrumb-parent"' in crumbs
