"""Wagtail's publish_scheduled (run on a timer, see docs/scheduled-publishing.md) publishes approved
changes whose go-live time has passed."""

import datetime
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from cidp_site.pages.models import FAQPage

pytestmark = pytest.mark.django_db


def test_publish_scheduled_publishes_a_change_whose_time_has_come(synced):
    page = FAQPage.objects.get(content_id="ivig-treatment").get_latest_revision_as_object()
    page.title = "IVIG treatment (updated)"
    page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = page.save_revision()
    revision.publish()  # with go_live_at in the future this schedules it, it does not publish
    assert FAQPage.objects.get(pk=page.pk).title == "IVIG treatment"
    call_command("publish_scheduled")
    assert FAQPage.objects.get(pk=page.pk).title == "IVIG treatment"  # not yet
    later = timezone.now() + datetime.timedelta(hours=2)
    with mock.patch("django.utils.timezone.now", return_value=later):  # the timer fires later
        call_command("publish_scheduled")
    live = FAQPage.objects.get(pk=page.pk)
    assert live.title == "IVIG treatment (updated)" and live.live
