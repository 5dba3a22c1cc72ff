"""The nurses' guide is in the admin menu and covers editing, warnings, links, reading level and approval."""

import pytest
from django.urls import reverse

from tests.users import make_user

pytestmark = pytest.mark.django_db


def test_a_nurse_finds_the_guide_in_the_menu(client):
    client.force_login(make_user("nina", "Nina", "Nurse", "Nurse editors"))
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("nurses_guide") in home and "Guide for nurses" in home
    html = client.get(reverse("nurses_guide")).content.decode()
    for heading in (
        "Edit a question",
        "Other ways readers ask",
        "When to get help",
        "Links",
        "reading-level panel",
        "after approval",
    ):
        assert heading in html
    assert "grade 8" in html and reverse("gitsync_status") in html
