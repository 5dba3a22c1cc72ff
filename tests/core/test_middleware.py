"""Public POSTs refuse big bodies before anything reads them; the admin still takes uploads."""

import pytest
from django.test import Client

from cidp_site.feedback.models import PageFeedback
from cidp_site.pages.models import FAQPage

pytestmark = pytest.mark.django_db


def test_a_huge_multipart_body_to_the_feedback_view_is_refused_unread(synced):
    page = FAQPage.objects.get(content_id="ivig-treatment")
    client = Client()
    big = b"x" * (5 * 1024 * 1024)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        f"/feedback/{page.pk}/",
        {"helpful": "yes", "junk": SimpleUploadedFile("junk.bin", big)},
        headers={"Origin": "http://testserver"},
    )
    assert response.status_code == 413
    assert b"too long to send" in response.content
    assert not PageFeedback.objects.exists()


def test_a_normal_vote_still_goes_through(synced):
    page = FAQPage.objects.get(content_id="ivig-treatment")
    response = Client().post(
        f"/feedback/{page.pk}/", {"helpful": "yes"}, headers={"Origin": "http://testserver"}
    )
    assert response.status_code == 303


def test_the_admin_is_not_limited(admin_client, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    doc = SimpleUploadedFile(
        "notes.txt", b"a" * (settings.PUBLIC_MAX_BODY_BYTES * 4), content_type="text/plain"
    )
    response = admin_client.post("/admin/documents/multiple/add/", {"files[]": doc})
    assert response.status_code != 413
