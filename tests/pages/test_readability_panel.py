"""The editor's reading grade is the grade the content tests give the same page."""

import shutil

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from cidp_site.content_sync.models import ContentSyncState
from cidp_site.pages.models import FAQPage
from cidp_site.pages.readability import grade
from cidp_site.pages.readability_panel import assess
from tests.content import contentlib

pytestmark = pytest.mark.django_db


def test_panel_grade_matches_the_content_tests_for_every_real_page(settings, tmp_path):
    shutil.copytree(settings.BASE_DIR / "content", tmp_path / "content")
    settings.CONTENT_DIR = tmp_path / "content"
    call_command("sync_content", verbosity=0)
    files = {p.id: p for p in contentlib.load_pages()}
    faqs = FAQPage.objects.all()
    assert faqs.count() > 5
    for page in faqs:
        expected = files[page.content_id]
        result = assess(page)
        assert result["body_grade"] == pytest.approx(grade(expected.body_text), abs=0.05), page.content_id
        assert result["summary_grade"] == pytest.approx(grade(expected.summary), abs=0.05)
    assert ContentSyncState.objects.count() == len(files)


def test_editor_shows_the_grade_and_warns_when_too_hard(synced, client):
    admin = get_user_model().objects.create_superuser("admin", "a@example.org", "pw-long-enough-1")
    client.force_login(admin)
    page = FAQPage.objects.get(content_id="ivig-side-effects")
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    html = client.get(url).content.decode()
    assert "Reading level" in html and "reading grade" in html
    assert "harder to read than grade 8" not in html
    page.summary = (
        "Intravenous immunoglobulin administration frequently precipitates considerable physiological "
        "disturbances necessitating comprehensive multidisciplinary evaluation and individualised management."
    )
    page.save_revision(user=admin)  # a saved draft, not published
    html = client.get(url).content.decode()
    assert "The summary is harder than grade 6" in html
