"""CMS publishes, unpublishes and moves reach git as commits on cms-edits, without touching anyone's work."""

import io
import subprocess

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from cidp_site.content_sync.models import ContentSyncState
from cidp_site.gitsync.models import GitChange
from cidp_site.pages.models import FAQPage, SectionPage
from tests.users import PASSWORD
from tests.workflow.admin_forms import faq_form_data, with_short_answer

from .conftest import git

pytestmark = pytest.mark.django_db
ANSWER = "In a clinic, or at home with an infusion nurse."


def page():
    return FAQPage.objects.get(content_id="ivig-treatment")


def log_in(client, user):
    client.logout()
    response = client.post(reverse("wagtailadmin_login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302


def submit(client, nurse, answer=ANSWER):
    log_in(client, nurse)
    draft = page().get_latest_revision_as_object()
    data = faq_form_data(draft, questions=with_short_answer(draft, 1, answer))
    data["action-submit"] = "1"
    assert client.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]), data).status_code == 302


def approve(client, reviewer, capture, comment="Checked against the guideline."):
    log_in(client, reviewer)
    task_state = page().current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page().pk, "approve", task_state.pk])
    with capture(execute=True):
        response = client.post(url, {"comment": comment})
    assert response.status_code == 302


def repo_snapshot(repo):
    """What people working in the repository see: HEAD, index, working tree."""
    return (
        git(repo, "symbolic-ref", "HEAD"),
        git(repo, "rev-parse", "HEAD"),
        (repo / ".git" / "index").read_bytes(),
        git(repo, "status", "--porcelain", "--untracked-files=all"),
        (repo / "content" / "treatment" / "ivig.md").read_bytes(),
    )


def run(command, *args):
    out = io.StringIO()
    call_command(command, *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_approved_edit_is_committed_on_cms_edits_as_export_writes_it(
    repo, client, nurse, reviewer, django_capture_on_commit_callbacks
):
    before = repo_snapshot(repo)
    submit(client, nurse)
    approve(client, reviewer, django_capture_on_commit_callbacks)

    # One commit on cms-edits, on top of main, by the nurse, naming page, reviewer and comment.
    assert git(repo, "rev-list", "--count", "main..cms-edits") == "1"
    assert git(repo, "log", "-1", "--format=%an <%ae>", "cms-edits") == "Nina Nurse <nina@clinic.example>"
    message = git(repo, "log", "-1", "--format=%B", "cms-edits")
    assert "IVIG treatment" in message.splitlines()[0] or page().title in message.splitlines()[0]
    assert "content/treatment/ivig.md" in message
    assert 'Approved by Rita Reviewer: "Checked against the guideline."' in message
    assert git(repo, "diff", "--name-only", "main", "cms-edits") == "content/treatment/ivig.md"
    committed = git(repo, "show", "cms-edits:content/treatment/ivig.md")
    assert ANSWER in committed and "reviewed_by: Rita Reviewer" in committed

    # Nobody's working tree, index, HEAD or current branch changed.
    assert repo_snapshot(repo) == before

    # The committed file is exactly what export_content writes, and export then has nothing to do.
    assert "0 written" in run("export_content")
    run("export_content", "--all")
    assert (repo / "content" / "treatment" / "ivig.md").read_text() == committed + "\n"
    change = GitChange.objects.get()
    assert (change.status, change.error, change.kind) == ("committed", "", "publish")


def test_unpublish_and_move_are_committed(repo, client, nurse, reviewer, django_capture_on_commit_callbacks):
    side_effects = FAQPage.objects.get(content_id="ivig-side-effects")
    with django_capture_on_commit_callbacks(execute=True):
        side_effects.unpublish(user=reviewer)
    assert "D\tcontent/treatment/ivig-side-effects.md" in git(repo, "show", "--name-status", "cms-edits")
    assert "Unpublish: " in git(repo, "log", "-1", "--format=%s", "cms-edits")

    # Moving the IVIG page from the treatment section to the home page moves its file.
    home = SectionPage.objects.get(content_id="treatment").get_parent()
    with django_capture_on_commit_callbacks(execute=True):
        page().move(home, pos="last-child", user=reviewer)
    shown = git(repo, "show", "-M", "--name-status", "--format=%s", "cms-edits")
    assert shown.startswith("Move: ")
    assert "R100\tcontent/treatment/ivig.md\tcontent/ivig.md" in shown
    assert git(repo, "status", "--porcelain") == "?? notes.txt"  # the untracked work is left alone
    assert (repo / "content" / "treatment" / "ivig.md").exists()


def test_sync_content_own_publishes_are_not_committed(repo, run_sync, django_capture_on_commit_callbacks):
    (repo / "content" / "treatment" / "ivig.md").write_text(
        (repo / "content" / "treatment" / "ivig.md").read_text().replace("title: ", "title: New ", 1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert run_sync()[0] == 0
    assert GitChange.objects.count() == 0
    assert git(repo, "branch", "--list", "cms-edits") == ""


def test_failed_commit_waits_and_the_retry_commits_it_once(
    repo, settings, client, nurse, reviewer, django_capture_on_commit_callbacks
):
    settings.CONTENT_GIT_DIR = str(repo / "missing")
    submit(client, nurse)
    approve(client, reviewer, django_capture_on_commit_callbacks)
    assert page().live and ANSWER in str(page().questions[1].value["short_answer"])  # the publish stands

    change = GitChange.objects.get()
    assert change.status == "waiting" and "missing" in change.error
    admin_list = client.get(reverse("gitsync_status")).content.decode()
    assert "Waiting to reach git" in admin_list and "missing" in admin_list
    assert "IVIG" in admin_list or page().title in admin_list
    with pytest.raises(CommandError):
        call_command("commit_cms_edits", "--check", stdout=io.StringIO())

    settings.CONTENT_GIT_DIR = str(repo)
    assert "0 still waiting" in run("commit_cms_edits")
    assert git(repo, "rev-list", "--count", "main..cms-edits") == "1"
    assert "Nina Nurse" in git(repo, "log", "-1", "--format=%an", "cms-edits")
    run("commit_cms_edits")
    # Even if the site forgot it committed (a crash right after the commit), no second commit is made.
    GitChange.objects.update(status="waiting", commit="")
    run("commit_cms_edits")
    assert git(repo, "rev-list", "--count", "main..cms-edits") == "1"
    state = ContentSyncState.objects.get(content_id="ivig-treatment")
    assert state.synced_revision_id == page().live_revision_id


def test_push_to_a_remote(repo, settings, tmp_path, reviewer, django_capture_on_commit_callbacks):
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    settings.CONTENT_GIT_REMOTE = str(bare)
    with django_capture_on_commit_callbacks(execute=True):
        FAQPage.objects.get(content_id="ivig-side-effects").unpublish(user=reviewer)
    assert git(bare, "rev-parse", "cms-edits") == git(repo, "rev-parse", "cms-edits")
    assert GitChange.objects.get().pushed


def test_failed_push_is_retried_without_a_second_commit(
    repo, settings, tmp_path, reviewer, django_capture_on_commit_callbacks
):
    bare = tmp_path / "remote.git"
    settings.CONTENT_GIT_REMOTE = str(bare)  # not created yet: the push fails
    with django_capture_on_commit_callbacks(execute=True):
        FAQPage.objects.get(content_id="ivig-side-effects").unpublish(user=reviewer)
    change = GitChange.objects.get()
    assert change.status == "waiting" and "not pushed" in change.error and change.commit
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    run("commit_cms_edits")
    assert git(bare, "rev-parse", "cms-edits") == change.commit
    assert git(repo, "rev-list", "--count", "main..cms-edits") == "1"


def test_without_a_repository_nothing_is_recorded(synced, reviewer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        FAQPage.objects.get(content_id="ivig-side-effects").unpublish(user=reviewer)
    assert GitChange.objects.count() == 0


def test_admin_list_follows_the_change_from_commit_to_merged_main(
    repo, client, nurse, reviewer, run_sync, django_capture_on_commit_callbacks
):
    submit(client, nurse)
    approve(client, reviewer, django_capture_on_commit_callbacks)
    html = client.get(reverse("gitsync_status")).content.decode()
    assert "Committed, not yet merged (1)" in html and "In git (0)" in html

    # A sync of main before the merge keeps the nurse's edit live.
    assert run_sync()[0] == 0 and ANSWER in str(page().questions[1].value["short_answer"])
    # A developer merges cms-edits into main; the site syncs it without a conflict.
    git(repo, "merge", "-q", "--ff-only", "cms-edits")
    code, out, err = run_sync()
    assert code == 0, err
    html = client.get(reverse("gitsync_status")).content.decode()
    assert "Committed, not yet merged (0)" in html and "In git (1)" in html
    assert ANSWER in str(page().questions[1].value["short_answer"])


def test_admin_says_when_nothing_is_committed(synced, client, reviewer):
    log_in(client, reviewer)
    html = client.get(reverse("gitsync_status")).content.decode()
    assert "not being saved to git" in html and "CONTENT_GIT_DIR" in html


def test_moving_a_section_moves_its_whole_folder(
    repo, run_sync, reviewer, django_capture_on_commit_callbacks
):
    (repo / "content" / "living").mkdir()
    (repo / "content" / "living" / "_index.md").write_text(
        "---\nid: living\ntitle: Living with CIDP\nsummary: Day to day life.\n---\n"
    )
    assert run_sync()[0] == 0
    git(repo, "add", "content")
    git(repo, "commit", "-q", "-m", "Living section")
    treatment, living = (
        SectionPage.objects.get(content_id="treatment"),
        SectionPage.objects.get(content_id="living"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        treatment.move(living, pos="last-child", user=reviewer)
    moved = git(repo, "show", "-M", "--name-status", "--format=", "cms-edits").splitlines()
    assert sorted(moved) == [
        "R100\tcontent/treatment/_index.md\tcontent/living/treatment/_index.md",
        "R100\tcontent/treatment/ivig-side-effects.md\tcontent/living/treatment/ivig-side-effects.md",
        "R100\tcontent/treatment/ivig.md\tcontent/living/treatment/ivig.md",
    ]
    assert (repo / "content" / "treatment" / "ivig.md").exists()  # the checkout is untouched


def test_the_same_revision_published_twice_is_one_change(repo, reviewer, django_capture_on_commit_callbacks):
    revision = page().save_revision(user=reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        revision.publish(user=reviewer)
        revision.publish(user=reviewer)
    assert GitChange.objects.filter(kind="publish").count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        page().unpublish(user=reviewer)
        page().get_latest_revision().publish(user=reviewer)  # republished: git gets the file back
    assert GitChange.objects.filter(kind="publish").count() == 2
    assert git(repo, "show", "cms-edits:content/treatment/ivig.md")
