"""Shared warning lists: git -> site, a nurse's edit through Clinical review -> every page -> git.

The list is one definition: changing it (in its file or in the CMS) changes every page that
includes it, a CMS change goes live only on a reviewer's approval, and export_content writes it
back so that the next sync has nothing to do.
"""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text

from cidp_site.pages.library import WarningList

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"
NAMESPACE = "wagtailsnippets_pages_warninglist"


def run(command, *args):
    out = io.StringIO()
    call_command(command, *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def user(username, group):
    person = get_user_model().objects.create_user(
        username, f"{username}@clinic.example", PASSWORD, first_name=username.title(), last_name="Test"
    )
    person.groups.add(Group.objects.get(name=group))
    return person


def the_list():
    return WarningList.objects.get(list_id="ivig-emergency")


def test_a_changed_list_file_changes_every_page_that_includes_it(synced, client):
    path = synced / "warnings" / "ivig-emergency.md"
    path.write_text(path.read_text() + "- fainting or collapsing [@nhs-anaphylaxis]\n")
    out = run("sync_content")
    assert "0 updated" in out and "warning lists: 0 created, 1 updated" in out
    for url in ("/treatment/ivig/", "/treatment/ivig-side-effects/"):
        assert "<li>fainting or collapsing" in client.get(url).content.decode()
    assert "warning lists" not in run("sync_content")  # nothing left to do


def test_a_nurse_edit_goes_live_on_approval_and_is_exported(
    synced, client, django_capture_on_commit_callbacks
):
    nurse, reviewer = user("nina", "Nurse editors"), user("rita", "Clinical reviewers")
    original = (synced / "warnings" / "ivig-emergency.md").read_text()
    warning_list = the_list()
    client.force_login(nurse)
    edit_url = reverse(f"{NAMESPACE}:edit", args=[warning_list.pk])
    assert client.get(edit_url).status_code == 200
    html = warning_list.text.replace("</ul>", "<li>fainting or collapsing [@nhs-anaphylaxis]</li></ul>")
    data = nested_form_data(
        {
            "list_id": warning_list.list_id,
            "level": warning_list.level,
            "title": warning_list.title,
            "text": rich_text(html, features=["bold", "italic", "ul", "link"]),
            "action-submit": "1",
        }
    )
    response = client.post(edit_url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    warning_list = the_list()
    assert warning_list.workflow_in_progress
    # Not live yet: patients still see the list as it was.
    assert "fainting" not in client.get("/treatment/ivig/").content.decode()
    assert "fainting" not in warning_list.text

    client.force_login(reviewer)
    task_state = warning_list.current_workflow_task_state
    url = reverse(f"{NAMESPACE}:workflow_action", args=[warning_list.pk, "approve", task_state.pk])
    with django_capture_on_commit_callbacks(execute=True):  # publishing drops the cached pages on commit
        assert client.post(url, {"comment": ""}).status_code == 302
    assert "fainting or collapsing" in the_list().text and not the_list().workflow_in_progress
    client.logout()
    for page_url in ("/treatment/ivig/", "/treatment/ivig-side-effects/"):
        assert "fainting or collapsing<sup" in client.get(page_url).content.decode()

    out = run("export_content")
    assert "1 written" in out
    text = (synced / "warnings" / "ivig-emergency.md").read_text()
    assert text == original + "- fainting or collapsing [@nhs-anaphylaxis]\n"
    out = run("sync_content")
    assert "0 updated" in out and "warning lists" not in out
    assert "0 written" in run("export_content")


def test_a_list_changed_on_both_sides_is_refused_by_both_commands(synced):
    warning_list = the_list().get_latest_revision_as_object()
    warning_list.title = "Get help now"
    warning_list.save_revision().publish()
    path = synced / "warnings" / "ivig-emergency.md"
    path.write_text(path.read_text().replace("After IVIG: get help now", "After IVIG: call now"))
    for command in ("sync_content", "export_content"):
        err = io.StringIO()
        with pytest.raises(CommandError):
            call_command(command, stdout=io.StringIO(), stderr=err)
        assert (
            "content/warnings/ivig-emergency.md:1: warning list 'ivig-emergency' was changed both"
            in err.getvalue()
        )
    assert the_list().title == "Get help now"
    assert "After IVIG: call now" in path.read_text()
