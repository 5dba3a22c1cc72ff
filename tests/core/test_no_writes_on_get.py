"""No anonymous GET writes to the database, on any public URL.

Crawlers, link previews and cross-site <img> tags issue GETs at will, so a GET that creates rows is
an unbounded write anyone can trigger. This test crawls the whole public site as an anonymous reader
(every link found from the home page and the clinicians' page, plus each URL that takes a query:
search, suggestions, packets, the feedback page) and counts every table's rows before and after.

The one allowed exception is the zero-result report (issue 15, item 7): a bounded counter, one row
per normalised query and day, counted once per client.
"""

import io
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.core.management import call_command

from cidp_site.links.models import ShortCode
from cidp_site.pages.models import FAQPage
from cidp_site.search.models import ZeroResultQuery

pytestmark = pytest.mark.django_db
MAX_URLS = 400


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "action") and value:
                self.found.append(value)


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def same_site_links(base: str, response) -> list[str]:
    if "html" not in response.get("Content-Type", ""):
        return []
    parser = Links()
    parser.feed(response.content.decode("utf-8", "replace"))
    out = []
    for link in parser.found:
        parts = urlsplit(urljoin(base, link))
        if parts.netloc in ("", "testserver") and parts.scheme in ("", "http"):
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if not path.startswith(("/admin/", "/django-admin/")):
                out.append(path)
    return out


def query_urls() -> list[str]:
    page = FAQPage.objects.get(content_id="ivig-treatment")
    codes = list(
        ShortCode.objects.filter(kind=ShortCode.PAGE, page__live=True)
        .order_by("code")
        .values_list("code", flat=True)
    )
    assert len(codes) >= 2
    return [
        "/search/?q=ivig",
        "/search/?q=ivig&page=2",
        "/search/?q=zzqx+blorf",
        "/search/suggest/?q=iv",
        f"/feedback/{page.pk}/thanks/?helpful=no",
        f"/l/packet/?p={codes[0]}&p={codes[1]}",
        f"/l/packet/?p={codes[1]}&p={codes[0]}&p=zzzzz",
        "/l/?error=none",
        "/l/NOSUCHCODE",
        "/no-such-page/",
        "/sitemap.xml",
        "/health/",
    ]


def test_anonymous_gets_of_every_public_url_write_nothing(content_dir, client):
    call_command("assign_short_codes", stdout=io.StringIO())
    call_command("sync_content", verbosity=0)
    before = row_counts()
    queue, seen = ["/", "/l/", *query_urls()], set()
    while queue and len(seen) < MAX_URLS:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code < 500, f"{url}: {response.status_code}"
        if response.status_code in (301, 302, 303, 307, 308):
            queue.append(response["Location"])
        queue.extend(same_site_links(url, response))
    assert len(seen) > 40, f"the crawl found too little: {sorted(seen)}"
    assert any(u.startswith("/l/") and u.endswith("/handout/") for u in seen)
    assert any(u.endswith("/qr.svg") for u in seen)
    after = row_counts()
    changed = {label: (before[label], after[label]) for label in before if before[label] != after[label]}
    zero = changed.pop(ZeroResultQuery._meta.label, None)
    assert not changed, f"anonymous GETs wrote rows: {changed}"
    assert zero is None or zero[1] - zero[0] <= 1  # the one gibberish search, counted once
    assert client.cookies == {} or not any(client.cookies.values())
