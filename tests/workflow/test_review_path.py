"""The whole editorial path through the real Wagtail admin views, from a nurse's edit to git.

A nurse logs in, edits a page, cannot publish, submits; a reviewer requests changes with a comment;
the nurse fixes and resubmits; the reviewer approves; the page is live with new review dates, the
patient page shows them, export_content writes the file and sync_content then has nothing to do.
"""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cidp_site.pages.models import FAQPage
from cidp_site.workflow.review import add_months
from tests.users import PASSWORD, make_user

from .admin_forms import faq_form_data, with_short_answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def nurse(db):
    return make_user("nina", "Nina", "Nurse", "Nurse editors")


@pytest.fixture
def reviewer(db):
    return make_user("rita", "Rita", "Reviewer", "Clinical reviewers")


def log_in(client, user):
    response = client.post(reverse("wagtailadmin_login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, "login failed"


def page():
    return FAQPage.objects.get(content_id="ivig-treatment")


def edit(client, action, short_answer):
    draft = page().get_latest_revision_as_object()
    data = faq_form_data(draft, questions=with_short_answer(draft, 1, short_answer))
    data[action] = "1"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return response


def workflow_action(client, action, **data):
    task_state = page().current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page().pk, action, task_state.pk])
    return client.post(url, data)


def run(command, *args):
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def json_ld(html):
    import json
    import re

    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


def test_nurse_to_reviewer_to_patient_to_git(synced, client, nurse, reviewer):
    live_answer = page().questions[1].value["short_answer"]
    # Before any clinician approved it, the page says so, and claims no review anywhere.
    html = client.get(page().url).content.decode()
    assert "Not yet checked by a clinician" in html
    assert "Checked by a clinician:" not in html and "Next review due" not in html
    assert "lastReviewed" not in json_ld(html) and "reviewedBy" not in json_ld(html)
    original = (synced / "treatment" / "ivig.md").read_text()
    untouched = original[original.index("## How well") : original.index("## Where")]
    # A nurse opens the editor: there is a submit button, and no publish button.
    log_in(client, nurse)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page().pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="action-submit"' in html and "Submit to Clinical review" in html
    assert 'name="action-publish"' not in html

    # Trying to publish anyway only saves a draft: patients still see the old answer.
    edit(client, "action-publish", "In a clinic or at home.")
    assert page().questions[1].value["short_answer"] == live_answer
    assert page().has_unpublished_changes and not page().workflow_in_progress

    # She submits it for clinical review; the reviewer is told by e-mail.
    mail.outbox.clear()
    edit(client, "action-submit", "In a clinic or at home.")
    assert page().workflow_in_progress
    assert any(reviewer.email in m.to for m in mail.outbox)

    # The reviewer asks for changes, with a comment; the nurse is told by e-mail.
    client.logout()
    log_in(client, reviewer)
    mail.outbox.clear()
    response = workflow_action(client, "reject", comment="Please name the infusion nurse.")
    assert response.status_code == 302
    state = page().current_workflow_state
    assert state.status == state.STATUS_NEEDS_CHANGES
    assert state.task_states.get(status="rejected").comment == "Please name the infusion nurse."
    assert any(nurse.email in m.to for m in mail.outbox)
    assert page().questions[1].value["short_answer"] == live_answer

    # The nurse fixes it and resubmits.
    client.logout()
    log_in(client, nurse)
    edit(client, "action-restart-workflow", "In a clinic, or at home with an infusion nurse.")
    assert page().current_workflow_state.status == "in_progress"

    # The reviewer approves: the page is published with new review dates.
    client.logout()
    log_in(client, reviewer)
    response = workflow_action(client, "approve", comment="")
    assert response.status_code == 302
    live = page()
    today = timezone.localdate()
    assert not live.workflow_in_progress and not live.has_unpublished_changes
    assert live.questions[1].value["short_answer"] == "In a clinic, or at home with an infusion nurse."
    assert (live.reviewed_on, live.reviewed_by) == (today, "Rita Reviewer")
    assert live.review_due == add_months(today, 12)

    # A patient sees the new answer and the new review dates.
    client.logout()
    html = client.get(live.url).content.decode()
    assert "In a clinic, or at home with an infusion nurse." in html
    assert f'Checked by a clinician: <time datetime="{today.isoformat()}">' in html
    assert "by Rita Reviewer" in html
    assert "due for review" not in html and "Not yet checked by a clinician" not in html
    data = json_ld(html)
    assert data["lastReviewed"] == today.isoformat() and data["reviewedBy"]["name"] == "Rita Reviewer"

    # export_content writes the file; sync_content then has nothing to do.
    assert "1 written" in run("export_content")
    text = (synced / "treatment" / "ivig.md").read_text()
    assert "In a clinic, or at home with an infusion nurse." in text
    assert f"reviewed_on: {today.isoformat()}" in text and "reviewed_by: Rita Reviewer" in text
    assert untouched in text  # the question nobody edited is kept exactly as written
    assert "0 created, 0 updated, 4 unchanged" in run("sync_content")


def test_reviewer_can_set_a_different_review_date(synced, client, nurse, reviewer):
    log_in(client, nurse)
    edit(client, "action-submit", "In a clinic or at home.")
    client.logout()
    log_in(client, reviewer)
    due = timezone.localdate() + datetime.timedelta(days=180)
    assert (
        workflow_action(
            client, "approve", comment="Recheck after the new guideline.", review_due=due.isoformat()
        ).status_code
        == 302
    )
    assert page().review_due == due and page().live


def test_reviewer_approves_from_the_editor_with_a_review_date(synced, client, nurse, reviewer):
    """The editor's "Approve with comment and Publish": the modal collects the date, the edit view acts."""
    import json

    log_in(client, nurse)
    edit(client, "action-submit", "In a clinic or at home.")
    client.logout()
    log_in(client, reviewer)
    due = timezone.localdate() + datetime.timedelta(days=90)
    task_state = page().current_workflow_task_state
    url = reverse(
        "wagtailadmin_pages:collect_workflow_action_data", args=[page().pk, "approve", task_state.pk]
    )
    collected = client.post(url, {"comment": "Fine.", "review_due": due.isoformat()}).json()
    assert collected["step"] == "success"
    draft = page().get_latest_revision_as_object()
    data = faq_form_data(draft)
    data.update(
        {
            "action-workflow-action": "1",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": json.dumps(collected["cleaned_data"]),
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]), data)
    assert response.status_code == 302
    live = page()
    assert live.live and not live.has_unpublished_changes
    assert live.questions[1].value["short_answer"] == "In a clinic or at home."
    assert (live.review_due, live.reviewed_by) == (due, "Rita Reviewer")
