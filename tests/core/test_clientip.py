"""Admin lock-out and login throttling key on the client our proxy saw, never on what it claims."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory

from cidp_site.core.clientip import client_ip, client_network, login_username

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-enough-passphrase-42"  # noqa: S105 - test account


@pytest.fixture
def nurse(db):
    return get_user_model().objects.create_user("nurse", password=PASSWORD, is_staff=True)


def login(client, username, password, forwarded=None):
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    return client.post("/admin/login/", {"username": username, "password": password}, headers=headers)


def request_from(remote, forwarded=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


def test_direct_clients_cannot_choose_their_address(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request_from("198.51.100.7", "203.0.113.1")) == "198.51.100.7"


def test_behind_one_proxy_the_address_it_appended_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client wrote 10.9.9.9 itself; our nginx appended the address it really saw.
    assert client_ip(request_from("127.0.0.1", "10.9.9.9, 203.0.113.1")) == "203.0.113.1"
    assert client_ip(request_from("127.0.0.1", "not-an-address")) == "127.0.0.1"
    assert client_ip(request_from("127.0.0.1")) == "127.0.0.1"


def test_an_ipv6_household_is_one_client():
    a = client_network(request_from("2001:db8:1:2::1"))
    assert a == client_network(request_from("2001:db8:1:2:ffff::9")) == "2001:db8:1:2::/64"
    assert client_network(request_from("::ffff:192.0.2.4")) == "192.0.2.4"


def test_usernames_are_counted_stripped_and_casefolded():
    assert login_username(None, {"username": "  NurSe "}) == "nurse"


def test_spoofed_forwarded_for_does_not_dodge_the_lock_out(nurse, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    client = Client(REMOTE_ADDR="198.51.100.7")
    codes = [login(client, "nurse", "wrong", forwarded=f"203.0.113.{n}").status_code for n in range(5)]
    assert codes == [200, 200, 200, 200, 429]


def test_behind_the_proxy_an_attacker_cannot_lock_a_nurse_out(nurse, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    attacker = Client(REMOTE_ADDR="127.0.0.1")
    codes = [login(attacker, "nurse", "wrong", forwarded="203.0.113.66").status_code for _ in range(5)]
    assert codes[-1] == 429
    nurse_browser = Client(REMOTE_ADDR="127.0.0.1")
    assert login(nurse_browser, "nurse", PASSWORD, forwarded="198.51.100.20").status_code == 302


def test_username_variants_share_one_lock_out(nurse):
    client = Client(REMOTE_ADDR="198.51.100.7")
    codes = [
        login(client, name, "wrong").status_code for name in ("nurse", " nurse", "NURSE", "Nurse ", "nurse")
    ]
    assert codes == [200, 200, 200, 200, 429]
    assert login(client, "nurse", PASSWORD).status_code == 429


def test_rotating_usernames_are_throttled_per_address_before_any_password_check(nurse, monkeypatch):
    from django.contrib.auth import forms

    checks = []
    real = forms.authenticate
    monkeypatch.setattr(forms, "authenticate", lambda *a, **k: checks.append(1) or real(*a, **k))
    client = Client(REMOTE_ADDR="198.51.100.7")
    codes = [login(client, f"user{n}", "guess").status_code for n in range(12)]
    assert codes == [200] * 10 + [429] * 2
    assert len(checks) == 10
    refused = login(client, "nurse", PASSWORD)  # even the right password waits out the minute
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    assert len(checks) == 10
    # Another address is unaffected.
    assert login(Client(REMOTE_ADDR="198.51.100.8"), "nurse", PASSWORD).status_code == 302
