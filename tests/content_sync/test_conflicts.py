"""Both sides changed: the sync and the export stop, name the page and both sides, and change nothing."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Revision, Workflow

from cidp_site.content_sync.models import ContentSyncState
from cidp_site.pages.models import FAQPage

pytestmark = pytest.mark.django_db


def faq(cid="ivig-treatment"):
    return FAQPage.objects.get(content_id=cid)


@pytest.fixture
def nurse(db):
    return get_user_model().objects.create_user("nina", first_name="Nina", last_name="Nurse")


def edit_file(content_dir, old="In a clinic, a hospital or at home.", new="In a clinic or at home."):
    path = content_dir / "treatment" / "ivig.md"
    path.write_text(path.read_text().replace(old, new))
    return path


def save_draft(user, **changes):
    page = faq().get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(page, name, value)
    return page.save_revision(user=user)


def export(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("export_content", *args, stdout=out, stderr=err)
    except CommandError as exc:
        return 1, out.getvalue(), err.getvalue() + str(exc)
    return 0, out.getvalue(), err.getvalue()


def test_file_only_change_updates_the_page(synced, run_sync):
    edit_file(synced)
    code, out, _ = run_sync()
    assert code == 0 and "1 updated" in out
    assert faq().questions[1].value["short_answer"] == "In a clinic or at home."


def test_cms_only_draft_survives_a_sync_untouched(synced, run_sync, nurse):
    draft = save_draft(nurse, title="A nurse's draft title")
    code, out, _ = run_sync()
    assert code == 0 and "4 unchanged" in out
    page = faq()
    assert page.latest_revision_id == draft.pk and page.title == "IVIG treatment"  # live one untouched
    assert page.get_latest_revision_as_object().title == "A nurse's draft title"


def test_both_sides_changed_stops_naming_page_file_and_cms_author(synced, run_sync, nurse):
    """An unpublished draft counts as a CMS edit: a changed file must not silently replace it."""
    draft = save_draft(nurse, title="A nurse's draft title")
    edit_file(synced)
    revisions = Revision.objects.count()
    code, _, err = run_sync()
    assert code == 1
    assert "content/treatment/ivig.md" in err and "page 'ivig-treatment'" in err
    state = ContentSyncState.objects.get(content_id="ivig-treatment")
    assert f"sha256 {state.file_sha256[:12]} -> " in err  # the file side
    assert f"CMS revision {draft.pk} (draft, not published) saved by Nina Nurse" in err  # the CMS side
    assert "--prefer-file" in err and "--prefer-cms" in err
    assert Revision.objects.count() == revisions  # nothing changed
    assert faq().questions[1].value["short_answer"] == "In a clinic, a hospital or at home."
    # The dry run reports the same conflict and also changes nothing.
    assert run_sync("--dry-run")[0] == 1


def test_prefer_cms_keeps_the_draft_and_prefer_file_publishes_the_file(synced, run_sync, nurse):
    draft = save_draft(nurse, title="A nurse's draft title")
    edit_file(synced)
    code, out, _ = run_sync("--prefer-cms")
    assert code == 0 and "1 kept from the CMS" in out
    assert faq().latest_revision_id == draft.pk
    code, out, _ = run_sync("--prefer-file", "-v", "2")
    assert code == 0 and "1 updated" in out and "file wins" in out
    page = faq()
    assert page.questions[1].value["short_answer"] == "In a clinic or at home."
    assert page.title == "IVIG treatment"
    assert Revision.objects.filter(pk=draft.pk).exists()  # the draft stays in history


def test_page_in_review_is_never_published_over_without_saying_so(synced, run_sync, nurse):
    page = faq()
    workflow = Workflow.objects.get(name="Clinical review")
    workflow.start(page, nurse)
    edit_file(synced)
    code, _, err = run_sync()
    assert code == 1
    assert "in workflow 'Clinical review' (in progress), submitted by Nina Nurse" in err
    assert faq().workflow_in_progress
    code, out, _ = run_sync("--prefer-file", "-v", "2")
    assert code == 0 and "the review in progress is cancelled" in out
    assert not faq().workflow_in_progress


def test_removed_file_with_cms_edits_is_a_conflict(synced, run_sync, nurse):
    (synced / "treatment" / "ivig-side-effects.md").unlink()
    edit_file(synced, "related:\n  - ivig-side-effects\n", "")
    edit_file(synced, "See [side effects](page:ivig-side-effects).", "")
    page = FAQPage.objects.get(content_id="ivig-side-effects").get_latest_revision_as_object()
    page.title = "Edited"
    page.save_revision(user=nurse)
    code, _, err = run_sync()
    assert code == 1 and "the file was removed but the page was edited in the CMS" in err
    assert FAQPage.objects.get(content_id="ivig-side-effects").live


def test_export_never_overwrites_a_file_changed_in_git(synced, nurse):
    save_draft(nurse, title="Published in the CMS").publish(user=nurse, skip_permission_checks=True)
    path = edit_file(synced)
    edited = path.read_text()
    code, _, err = export()
    assert code == 1 and "page 'ivig-treatment' was changed on both sides" in err
    assert "published" in err and "Nina Nurse" in err
    assert path.read_text() == edited
    code, out, err = export("--prefer-cms")
    assert code == 0, err
    assert "title: Published in the CMS" in path.read_text()
    assert "In a clinic, a hospital or at home." in path.read_text()  # the CMS version, as chosen
