"""Editors' logins are the attack surface: lock-out, strong passwords, no shared-password pages."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone

pytestmark = pytest.mark.django_db


@pytest.fixture
def nurse(db):
    return get_user_model().objects.create_user(
        "nurse", password="a-long-enough-passphrase-42", is_staff=True
    )


def login(client, password):
    return client.post("/admin/login/", {"username": "nurse", "password": password})


def test_repeated_failed_logins_lock_the_account_out(nurse, client):
    codes = [login(client, "wrong-password").status_code for _ in range(5)]
    assert codes == [200, 200, 200, 200, 429]  # the form again with an error, then locked
    locked = login(client, "a-long-enough-passphrase-42")
    assert locked.status_code == 429
    assert b"Too many failed sign-ins" in locked.content
    assert "_auth_user_id" not in client.session


def test_the_lock_out_lasts_one_hour(nurse, client):
    from datetime import timedelta

    from axes.models import AccessAttempt

    for _ in range(5):
        login(client, "wrong-password")

    def failures_ago(minutes):
        AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=minutes))

    failures_ago(59)
    assert login(client, "a-long-enough-passphrase-42").status_code == 429  # still locked
    failures_ago(61)
    assert login(client, "a-long-enough-passphrase-42").status_code == 302  # the hour is over


def test_a_correct_login_before_the_limit_works_and_resets_the_count(nurse, client):
    for _ in range(4):
        login(client, "wrong-password")
    assert login(client, "a-long-enough-passphrase-42").status_code == 302
    client.logout()
    for _ in range(4):
        login(client, "wrong-password")
    assert login(client, "a-long-enough-passphrase-42").status_code == 302


@pytest.mark.parametrize("password", ["short-pw-1", "password1234", "123456789012"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_long_uncommon_password_is_accepted():
    validate_password("tidy-heron-lamp-orbit-42")


def assert_privacy_choices_without_password(admin_client, url):
    """The admin's privacy dialog (JSON-wrapped HTML) offers login-only, never a shared password."""
    response = admin_client.get(url)
    assert response.status_code == 200
    is_json = response["Content-Type"].startswith("application/json")
    html = response.json()["html"] if is_json else response.content.decode()
    assert 'value="login"' in html
    assert 'value="password"' not in html


def test_page_privacy_offers_no_shared_password(synced, admin_client):
    from cidp_site.pages.models import FAQPage

    page = FAQPage.objects.get(content_id="ivig-treatment")
    assert_privacy_choices_without_password(admin_client, f"/admin/pages/{page.pk}/privacy/")


def test_collection_privacy_offers_no_shared_password(db, admin_client):
    from wagtail.models import Collection

    root = Collection.get_first_root_node()
    assert_privacy_choices_without_password(admin_client, f"/admin/collections/{root.pk}/privacy/")


def test_svg_uploads_are_refused(settings):
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    from wagtail.images.fields import WagtailImageField

    field = WagtailImageField()
    from django.core.files.uploadedfile import SimpleUploadedFile

    svg = SimpleUploadedFile("x.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')
    with pytest.raises(ValidationError):
        field.clean(svg)


def test_documents_are_served_through_wagtail(settings):
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"


def test_the_admin_calls_no_third_party(synced, admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert "gravatar.com" not in html
    # The update check asks releases.wagtail.org from Wagtail's JS, wired to this panel's controller;
    # the address itself never appears in the HTML, so look for the panel.
    assert not UPDATE_CHECK.search(html)
    assert UPDATE_CHECK.search(_upgrade_panel_when_enabled(admin_client))  # the test can see it


UPDATE_CHECK = re.compile(r'data-controller="[^"]*\bw-upgrade\b')


def _upgrade_panel_when_enabled(admin_client):
    from django.test import override_settings

    with override_settings(WAGTAIL_ENABLE_UPDATE_CHECK=True):
        return admin_client.get("/admin/").content.decode()
