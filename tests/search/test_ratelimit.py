"""Flood protection: a limit per reader, and a ceiling over all readers that a crowd cannot pass."""

from django.test import RequestFactory

from cidp_site.search import ratelimit


def reader(n: int):
    return RequestFactory().get("/search/", REMOTE_ADDR=f"10.0.{n // 250}.{n % 250}", HTTP_USER_AGENT="phone")


def test_one_reader_is_held_to_the_per_client_limit():
    allowed = [ratelimit.allow(reader(1), "t", per_client=3, overall=100) for _ in range(5)]
    assert allowed == [True, True, True, False, False]
    assert ratelimit.allow(reader(2), "t", per_client=3, overall=100)  # someone else is not held back


def test_many_readers_together_stop_at_the_overall_ceiling():
    """Each address stays under its own limit, yet the scope as a whole refuses past `overall`."""
    allowed = [ratelimit.allow(reader(n), "t", per_client=3, overall=10) for n in range(15)]
    assert allowed == [True] * 10 + [False] * 5
    assert ratelimit.allow(reader(99), "other", per_client=3, overall=10)  # each scope has its own


def test_the_counts_start_again_in_the_next_window(monkeypatch):
    for n in range(10):
        ratelimit.allow(reader(n), "t", per_client=3, overall=10)
    assert not ratelimit.allow(reader(1), "t", per_client=3, overall=10)
    monkeypatch.setattr(ratelimit, "now", lambda: 1_800_000_000.0 + 60)
    assert ratelimit.allow(reader(1), "t", per_client=3, overall=10)
