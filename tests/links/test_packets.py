"""Packets: a GET never writes; the POST is origin-checked, de-duplicated and bounded."""

import itertools
import re

import pytest
import yaml
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cidp_site.links import views
from cidp_site.links.models import ShortCode

ORIGIN = "http://testserver"
WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE)", re.IGNORECASE)


def code_of(linked, name):
    return yaml.safe_load((linked / name).read_text().split("---")[1])["short_code"]


@pytest.fixture
def pair(linked):
    return code_of(linked, "treatment/ivig.md"), code_of(linked, "treatment/ivig-side-effects.md")


def packets():
    return ShortCode.objects.filter(kind=ShortCode.PACKET)


def post(client, codes, remote_addr="127.0.0.1", **headers):
    return client.post("/l/packet/", {"p": codes}, headers=headers, REMOTE_ADDR=remote_addr)


def test_a_get_of_the_packet_address_writes_nothing(pair, client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/l/packet/?p={pair[0]}&p={pair[1]}")
        head = client.head(f"/l/packet/?p={pair[0]}&p={pair[1]}")
    assert response.status_code == 200 and head.status_code == 200
    assert [q["sql"] for q in queries if WRITES.match(q["sql"])] == []
    assert not packets().exists()
    html = response.content.decode()
    # The page offers the POST that makes it, with the two pages, and works without JavaScript.
    assert 'method="post"' in html and 'action="/l/packet/"' in html
    assert f'name="p" value="{pair[0]}"' in html and f'name="p" value="{pair[1]}"' in html
    assert "IVIG treatment" in html and "Side effects" in html
    assert "no-store" in response["Cache-Control"]


def test_the_post_creates_exactly_one_packet_once(pair, client):
    response = post(client, list(pair), Origin=ORIGIN)
    assert response.status_code == 303
    row = packets().get()
    assert response["Location"] == f"/l/{row.code}/handout/"
    assert row.members == list(pair)
    # The same set, in any order, again: the same packet, no new row.
    again = post(client, [pair[1], pair[0], pair[1]], Origin=ORIGIN)
    assert again["Location"] == response["Location"] and packets().count() == 1
    # Now a GET of the packet address opens it too, still without writing.
    with CaptureQueriesContext(connection) as queries:
        opened = client.get(f"/l/packet/?p={pair[1]}&p={pair[0]}")
    assert opened.status_code == 302 and opened["Location"] == response["Location"]
    assert not [q for q in queries if WRITES.match(q["sql"])]
    assert client.get(f"/l/{row.code}")["Location"] == f"/l/{row.code}/handout/"


def test_the_clinicians_form_posts_without_javascript(pair, client):
    html = client.get("/l/").content.decode()
    form = re.search(r'<form class="links-form" action="([^"]+)" method="(\w+)"', html)
    assert form.groups() == ("/l/packet/", "post")
    assert "csrfmiddlewaretoken" not in html  # /l/ is cached and cookie-free; the origin is checked
    response = client.post(form.group(1), {"p": list(pair)}, headers={"Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 303 and packets().count() == 1


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Origin": "https://evil.example"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Referer": "https://evil.example/"},
    ],
)
def test_a_cross_site_post_makes_nothing(pair, client, headers):
    response = post(client, list(pair), **headers)
    assert response.status_code == 403
    assert not packets().exists()
    assert 'method="post"' in response.content.decode()  # the reader can still press the button


def test_nothing_ticked_or_one_page_writes_nothing(pair, client):
    response = post(client, [], Origin=ORIGIN)
    assert response.status_code == 303 and response["Location"] == "/l/?error=none#packet"
    assert post(client, ["zzzzz", "nonsense", "\x00"], Origin=ORIGIN)["Location"] == "/l/?error=none#packet"
    one = post(client, [pair[0], pair[0]], Origin=ORIGIN)
    assert one.status_code == 303 and one["Location"] == f"/l/{pair[0]}/handout/"
    assert not packets().exists()
    assert client.put("/l/packet/").status_code == 405


def sets_of_two():
    """Distinct two-page sets of the sample's live pages."""
    codes = list(
        ShortCode.objects.filter(kind=ShortCode.PAGE, page__live=True)
        .order_by("code")
        .values_list("code", flat=True)
    )
    return list(itertools.combinations(codes, 2))


def test_new_packets_are_bounded_per_client(pair, client, monkeypatch):
    monkeypatch.setattr(views, "PACKET_PER_CLIENT", 2)
    sets = sets_of_two()
    statuses = [post(client, list(s), Origin=ORIGIN).status_code for s in sets[:3]]
    assert statuses == [303, 303, 429]
    assert packets().count() == 2
    # Another client (another address) is not held back by the first.
    other = post(client, list(sets[3]), Origin=ORIGIN, remote_addr="203.0.113.9")
    assert other.status_code == 303 and packets().count() == 3
    # Opening an existing packet is never refused.
    assert post(client, list(sets[0]), Origin=ORIGIN).status_code == 303


def test_new_packets_are_bounded_in_total(pair, client, monkeypatch):
    monkeypatch.setattr(views, "PACKET_OVERALL", 2)
    statuses = [
        client.post(
            "/l/packet/", {"p": list(s)}, headers={"Origin": ORIGIN}, REMOTE_ADDR=f"10.0.0.{i}"
        ).status_code
        for i, s in enumerate(sets_of_two()[:3])
    ]
    assert statuses == [303, 303, 429] and packets().count() == 2


def test_no_new_packet_past_the_ceiling_but_old_ones_still_open(pair, client, monkeypatch):
    old = ShortCode.objects.create(
        code="ab2cd", kind=ShortCode.PACKET, members=list(pair), members_key=",".join(sorted(pair))
    )
    monkeypatch.setattr(views, "PACKET_MAX_TOTAL", 1)
    new = [s for s in sets_of_two() if set(s) != set(pair)][0]
    response = post(client, list(new), Origin=ORIGIN)
    assert response.status_code == 429 and packets().count() == 1
    assert client.get("/l/ab2cd")["Location"] == "/l/ab2cd/handout/"
    assert client.get("/l/ab2cd/handout/").status_code == 200
    assert post(client, list(pair), Origin=ORIGIN)["Location"] == f"/l/{old.code}/handout/"


def test_no_new_packet_when_the_limits_cannot_be_counted(pair, client, monkeypatch):
    from cidp_site.core import ratelimit

    def down(*args, **kwargs):
        raise ratelimit.Unavailable("cache down")

    monkeypatch.setattr(ratelimit, "allow", down)
    assert post(client, list(pair), Origin=ORIGIN).status_code == 503
    assert not packets().exists()


def test_two_clinicians_making_the_same_packet_at_once_get_one(pair, client, monkeypatch):
    """The other request's packet lands between our look-up and our insert: we open theirs."""
    from cidp_site.core import ratelimit

    key = ",".join(sorted(pair))
    real_allow = ratelimit.allow

    def other_request_wins(*args, **kwargs):
        ShortCode.objects.create(code="RACED", kind=ShortCode.PACKET, members=list(pair), members_key=key)
        return real_allow(*args, **kwargs)

    monkeypatch.setattr(ratelimit, "allow", other_request_wins)
    response = post(client, list(pair), Origin=ORIGIN)
    assert response.status_code == 303 and response["Location"] == "/l/RACED/handout/"
    assert packets().count() == 1
