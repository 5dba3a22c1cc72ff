"""The links app must keep pages cheap: QR codes and short-code lookups are one query each."""

import yaml
from django.core.cache import cache


def _code(path):
    return yaml.safe_load(path.read_text().split("---")[1])["short_code"]


def test_qr_view_uses_at_most_one_query(linked, client, django_assert_max_num_queries):
    code = _code(linked / "treatment" / "ivig.md")
    with django_assert_max_num_queries(1):
        assert client.get(f"/l/{code}/qr.svg").status_code == 200


def test_faq_page_render_stays_within_the_query_budget(linked, client, django_assert_max_num_queries):
    from wagtail.models import Site

    from cidp_site.core.models import EmergencySettings

    EmergencySettings.for_site(Site.objects.get(is_default_site=True))  # made once per site, on first use
    cache.clear()
    # The project's budget for an uncached page (tests/pagecache/test_queries.py, plus the site root
    # paths the cleared cache must read again), with the links app's short link, JSON-LD and print
    # address in it: one of these queries is the links app's. Since issue 14, the glossary's terms for
    # inline definitions are read once after the cache is cleared (then kept until a publish): +1;
    # the emergency number reads its setting without creating it, after the request's site: +1.
    with django_assert_max_num_queries(15):
        response = client.get("/treatment/ivig/")
    assert (
        response.status_code == 200
        and f"/l/{_code(linked / 'treatment' / 'ivig.md')}" in response.content.decode()
    )


def test_short_codes_are_looked_up_once_per_page_render(linked, client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/treatment/ivig/").status_code == 200
    lookups = [q["sql"] for q in ctx.captured_queries if "links_shortcode" in q["sql"]]
    assert len(lookups) == 1, lookups
