"""Roles: only the site's groups; Site managers run accounts; only approval sets review dates."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from cidp_site.pages.models import FAQPage

from .admin_forms import faq_form_data

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"
User = get_user_model()


def make_user(username, group=None, **extra):
    user = User.objects.create_user(username, f"{username}@clinic.example", PASSWORD, **extra)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def log_in(client, user):
    response = client.post(reverse("wagtailadmin_login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302


def new_account(**changes):
    data = {
        "username": "nadia",
        "email": "nadia@clinic.example",
        "first_name": "Nadia",
        "last_name": "Nurse",
        "password1": "a long enough passphrase 42",
        "password2": "a long enough passphrase 42",
        "groups": [str(Group.objects.get(name="Nurse editors").pk)],
    }
    data.update(changes)
    return data


def test_only_the_sites_groups_exist():
    assert set(Group.objects.values_list("name", flat=True)) == {
        "Nurse editors",
        "Clinical reviewers",
        "Site managers",
    }


def test_members_of_wagtails_default_groups_are_merged_into_the_sites():
    migration = importlib.import_module(
        "cidp_site.workflow.migrations.0003_site_managers_and_no_default_groups"
    )
    editor, moderator = make_user("ed"), make_user("mo")
    editor.groups.add(Group.objects.create(name="Editors"))
    moderator.groups.add(Group.objects.create(name="Moderators"))
    migration.forwards(apps, None)
    assert list(editor.groups.values_list("name", flat=True)) == ["Nurse editors"]
    assert list(moderator.groups.values_list("name", flat=True)) == ["Clinical reviewers"]
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()


def test_site_manager_creates_and_deactivates_a_nurse_account(client):
    manager = make_user("sam", "Site managers")
    log_in(client, manager)
    form = client.get(reverse("wagtailusers_users:add")).content.decode()
    assert "Nurse editors" in form and "Clinical reviewers" in form
    assert 'name="is_superuser"' not in form and "Site managers" not in form

    response = client.post(reverse("wagtailusers_users:add"), new_account(is_superuser="on"))
    assert response.status_code == 302
    nadia = User.objects.get(username="nadia")
    assert not nadia.is_superuser and list(nadia.groups.values_list("name", flat=True)) == ["Nurse editors"]

    data = new_account(is_active="")
    data.pop("password1"), data.pop("password2")
    assert client.post(reverse("wagtailusers_users:edit", args=[nadia.pk]), data).status_code == 302
    nadia.refresh_from_db()
    assert not nadia.is_active


def test_site_manager_cannot_hand_out_more_than_editorial_roles(client):
    log_in(client, make_user("sam", "Site managers"))
    managers = str(Group.objects.get(name="Site managers").pk)
    response = client.post(reverse("wagtailusers_users:add"), new_account(groups=[managers]))
    assert response.status_code == 200 and not User.objects.filter(username="nadia").exists()
    boss = User.objects.create_superuser("boss", "boss@clinic.example", PASSWORD)
    # An administrator's account is not a Site manager's to change: Wagtail turns them away.
    url = reverse("wagtailusers_users:edit", args=[boss.pk])
    assert client.get(url)["Location"] == reverse("wagtailadmin_home")
    client.post(url, {"username": "boss", "email": "sam@clinic.example", "is_active": ""})
    boss.refresh_from_db()
    assert boss.is_active and boss.email == "boss@clinic.example"


def test_a_nurse_cannot_change_the_review_fields(synced, client):
    log_in(client, make_user("nina", "Nurse editors"))
    page = FAQPage.objects.get(content_id="ivig-treatment")
    reviewed = (page.reviewed_on, page.review_due, page.reviewed_by)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert page.reviewed_by in html  # shown to her
    for name in ("reviewed_on", "review_due", "reviewed_by"):
        assert f'name="{name}"' not in html
    data = faq_form_data(page.get_latest_revision_as_object(), summary="A new summary.")
    data.update(reviewed_on="2030-01-01", review_due="2031-01-01", reviewed_by="Nina Nurse")
    assert client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data).status_code == 302
    draft = FAQPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert draft.summary == "A new summary."
    assert (draft.reviewed_on, draft.review_due, draft.reviewed_by) == reviewed


@pytest.mark.parametrize("group", ["Nurse editors", "Clinical reviewers"])
def test_nurses_and_reviewers_edit_search_synonyms_in_the_admin(client, group):
    from cidp_site.search.models import SynonymGroup

    log_in(client, make_user("nina", group))
    assert client.get(reverse("wagtailsnippets_search_synonymgroup:list")).status_code == 200
    response = client.post(
        reverse("wagtailsnippets_search_synonymgroup:add"),
        {"terms": "wobbly, unsteady on my feet", "note": "patients' word", "glossary_anchor": ""},
    )
    assert response.status_code == 302
    assert SynonymGroup.objects.filter(terms="wobbly, unsteady on my feet").exists()
