"""The admin speaks the site's language: clinical review (not moderation), confirmations, real addresses."""

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from tests.users import make_user

from .admin_forms import faq_form_data, with_short_answer
from .test_review_path import log_in, page

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    return make_user("nina", "Nina", "Nurse", "Nurse editors"), make_user(
        "rita", "Rita", "Reviewer", "Clinical reviewers"
    )


def said(response):
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def submit(client, nurse):
    client.logout()
    log_in(client, nurse)
    draft = page().get_latest_revision_as_object()
    data = faq_form_data(draft, questions=with_short_answer(draft, 1, "In a clinic or at home."))
    data["action-submit"] = "1"
    return client.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]), data)


def act(client, reviewer, action, comment):
    client.logout()
    log_in(client, reviewer)
    task_state = page().current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page().pk, action, task_state.pk])
    return client.post(url, {"comment": comment})


def test_confirmations_at_each_step_in_the_sites_words(synced, client, people):
    nurse, reviewer = people
    message = said(submit(client, nurse))
    assert "sent for clinical review" in message and "moderation" not in message

    message = said(act(client, reviewer, "reject", "Please name the infusion nurse."))
    assert message.startswith("Changes requested.") and "Nina Nurse" in message

    submit(client, nurse)
    message = said(act(client, reviewer, "approve", "Fine."))
    assert message.startswith("Approved.") and "live for patients now" in message

    client.logout()
    log_in(client, nurse)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "moderation" not in home.lower()


def test_the_editor_says_drafts_save_themselves(synced, client, people):
    log_in(client, people[0])
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page().pk])).content.decode()
    assert "Your changes save themselves as a draft" in html


def test_approval_email_links_to_the_sites_address_not_localhost(synced, client, people, settings):
    nurse, reviewer = people
    submit(client, nurse)
    mail.outbox.clear()
    act(client, reviewer, "approve", "")
    to_nurse = [m for m in mail.outbox if nurse.email in m.to]
    assert to_nurse
    body = to_nurse[0].body
    assert f"{settings.WAGTAILADMIN_BASE_URL}/treatment/ivig/" in body
    assert "localhost" not in body


def test_sitemap_uses_public_base_url_or_the_requests_host(synced, client, settings):
    settings.PUBLIC_BASE_URL = ""
    xml = client.get("/sitemap.xml", HTTP_HOST="127.0.0.1:8000").content.decode()
    assert "<loc>http://127.0.0.1:8000/treatment/ivig/</loc>" in xml and "localhost" not in xml
    settings.PUBLIC_BASE_URL = "https://cidp.example.org"
    xml = client.get("/sitemap.xml", HTTP_HOST="127.0.0.1:8000").content.decode()
    assert "<loc>https://cidp.example.org/treatment/ivig/</loc>" in xml
