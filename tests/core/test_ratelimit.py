"""Rate limits count clients by their address alone, hashed, and no client can use up the rest."""

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse

from cidp_site.core import ratelimit

ORIGIN = "http://testserver"


def from_address(address, agent="Browser/1"):
    return RequestFactory().post("/", REMOTE_ADDR=address, HTTP_USER_AGENT=agent)


def test_changing_the_browser_string_is_still_the_same_client():
    verdicts = [
        ratelimit.allow(from_address("198.51.100.7", f"Agent/{n}"), "t", per_client=5) for n in range(8)
    ]
    assert verdicts == [True] * 5 + [False] * 3


def test_one_client_cannot_use_up_the_shared_ceiling():
    flood = from_address("203.0.113.66")
    allowed = sum(ratelimit.allow(flood, "vote", per_client=5, overall=600) for _ in range(700))
    assert allowed == 5
    assert ratelimit.allow(from_address("198.51.100.7"), "vote", per_client=5, overall=600)


def test_the_shared_ceiling_still_bounds_many_clients():
    allowed = sum(
        ratelimit.allow(from_address(f"10.0.{n // 250}.{n % 250}"), "s", 5, overall=50) for n in range(80)
    )
    assert allowed == 50


def test_no_address_is_kept_in_clear():
    ratelimit.allow(from_address("198.51.100.77"), "vote", per_client=5, overall=600)
    ratelimit.first_time_today(from_address("198.51.100.77"), "zero", "flu jab")
    keys = list(cache._cache)  # local-memory backend: every key it holds
    assert keys
    assert not any("198.51.100.77" in key or "flu jab" in key for key in keys)


@pytest.mark.django_db
def test_votes_with_a_new_browser_string_each_time_are_still_limited(synced):
    from cidp_site.feedback.models import PageFeedback
    from cidp_site.pages.models import FAQPage

    page = FAQPage.objects.get(content_id="ivig-treatment")
    client = Client(REMOTE_ADDR="198.51.100.7")
    url = reverse("feedback_vote", args=[page.pk])
    codes = [
        client.post(
            url, {"helpful": "yes"}, headers={"Origin": ORIGIN, "User-Agent": f"Agent/{n}"}
        ).status_code
        for n in range(7)
    ]
    assert codes == [303] * 5 + [429] * 2
    assert sum(PageFeedback.objects.values_list("count", flat=True)) == 5
