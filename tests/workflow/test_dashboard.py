"""A nurse's dashboard: her drafts, pages waiting for review, reviews due, and what readers told us."""

import pytest
from django.urls import reverse

from cidp_site.feedback.models import FeedbackComment, PageFeedback
from cidp_site.search.models import ZeroResultQuery
from tests.users import make_user

from .test_review_path import edit, page

pytestmark = pytest.mark.django_db


def dashboard(client):
    return client.get(reverse("wagtailadmin_home")).content.decode()


def test_a_nurses_dashboard_lists_what_she_can_act_on(synced, client):
    nurse = make_user("nina", "Nina", "Nurse", "Nurse editors")
    client.force_login(nurse)
    html = dashboard(client)
    assert "You have no unsent drafts." in html and "No page is waiting for clinical review." in html
    assert "Every search found something." in html and "No reader said a page was unhelpful." in html

    edit(client, "action-publish", "In a clinic or at home.")  # a nurse's publish only saves a draft
    ZeroResultQuery.record("plasma exchange")
    PageFeedback.record(page(), helpful=False)
    FeedbackComment.objects.create(page=page(), helpful=False, comment="Too many long words.")
    html = dashboard(client)
    editor_url = reverse("wagtailadmin_pages:edit", args=[page().pk])
    drafts = html[html.index('id="my-drafts') : html.index('id="waiting-for-review')]
    assert f'href="{editor_url}">IVIG treatment</a>' in drafts
    assert "plasma exchange" in html and reverse("search_zero_results") in html
    assert "<q>Too many long words.</q>" in html

    edit(client, "action-submit", "In a clinic or at home.")
    html = dashboard(client)
    waiting = html[html.index('id="waiting-for-review') :]
    assert "You have no unsent drafts." in html
    assert f'href="{editor_url}">IVIG treatment</a> – sent by Nina Nurse' in waiting
