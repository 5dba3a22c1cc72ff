"""Review dates: the overdue notice patients see, the dashboard panel and the report editors use."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Workflow

from cidp_site.pages.models import FAQPage, HomePage
from cidp_site.workflow.review import add_months

pytestmark = pytest.mark.django_db


def set_due(cid, days_from_today):
    page = FAQPage.objects.get(content_id=cid)
    page.review_due = timezone.localdate() + datetime.timedelta(days=days_from_today)
    page.reviewed_on = page.review_due - datetime.timedelta(days=365)
    page.reviewed_by = "Test reviewer"  # a page a clinician did approve, a year ago
    page.save()
    return page


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user("nina", "n@example.org", "pw-long-enough-1")
    user.groups.add(Group.objects.get(name="Nurse editors"))
    return user


def test_overdue_page_shows_a_calm_notice_with_the_last_check_date(synced, client):
    page = set_due("ivig-treatment", -3)
    html = client.get(page.url).content.decode()
    assert "This page is due for review." in html
    assert f'The information was last checked on <time datetime="{page.reviewed_on.isoformat()}">' in html
    current = set_due("ivig-side-effects", 10)
    assert "due for review" not in client.get(current.url).content.decode()


def test_dashboard_panel_lists_overdue_and_due_soon_pages_only(synced, client, editor):
    set_due("ivig-treatment", -3)
    set_due("ivig-side-effects", 45)
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Clinical reviews due" in html and "IVIG treatment" in html and "Overdue" in html
    assert "Side effects of IVIG" not in html
    set_due("ivig-side-effects", 20)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Side effects of IVIG" in html and "in 20 days" in html


def test_report_lists_due_pages_and_is_in_the_reports_menu(synced, client, editor):
    set_due("ivig-side-effects", 5)
    set_due("ivig-treatment", 200)  # dates relative to today: the test never ages into failing
    client.force_login(editor)
    response = client.get(reverse("review_due_report"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Reviews due" in html and "Side effects of IVIG" in html and "in 5 days" in html
    assert "IVIG treatment" not in html
    response = client.get(reverse("review_due_report") + "?export=csv")
    csv = b"".join(response.streaming_content).decode()
    assert "Side effects of IVIG" in csv


def test_report_is_for_editors_only(synced, client):
    nobody = get_user_model().objects.create_user("pat", "p@example.org", "pw-long-enough-1")
    client.force_login(nobody)
    assert client.get(reverse("review_due_report")).status_code in (302, 403)


def test_roles_and_workflow_cover_the_home_page_sync_creates(synced):
    workflow = Workflow.objects.get(name="Clinical review")
    assert HomePage.objects.get().get_workflow() == workflow
    assert FAQPage.objects.get(content_id="ivig-treatment").get_workflow() == workflow
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == ["Clinical reviewers"]
    assert Page.get_first_root_node().get_workflow() == workflow


def test_months_are_added_safely():
    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2028, 2, 29), 12) == datetime.date(2029, 2, 28)
    assert add_months(datetime.date(2026, 11, 26), 12) == datetime.date(2027, 11, 26)
