"""Record each CMS publish, unpublish and move, and commit it to the content branch.

A change is recorded in the publish's own transaction, and committed right after that transaction
commits (before the request returns). Anything that goes wrong is written on the record for the
admin's "Waiting to reach git" list and the commit_cms_edits command; it never reaches the editor
as an error and never undoes the publish: the page is live either way, and the database holds it.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import TaskState, WorkflowState

from cidp_site.content_sync.models import ContentSyncState

from . import git
from .files import ChangeProblem, current_bytes, folder_of, in_repo, page_text, rel_for, repo_dir, sha256
from .models import GitChange

log = logging.getLogger(__name__)
APPROVAL_WINDOW = datetime.timedelta(minutes=2)


def branch() -> str:
    return getattr(settings, "CONTENT_GIT_BRANCH", "") or "cms-edits"


def remote() -> str:
    return getattr(settings, "CONTENT_GIT_REMOTE", "") or ""


def enabled() -> bool:
    return bool(repo_dir())


def _approval(page):
    """The clinical approval that led to this publish, if one just happened: (task state, workflow state)."""
    states = WorkflowState.objects.filter(
        base_content_type=page.get_base_content_type(), object_id=str(page.pk), status="approved"
    ).order_by("-created_at")
    workflow_state = states.first()
    if workflow_state is None:
        return None, None
    task_state = (
        TaskState.objects.filter(workflow_state=workflow_state, status="approved")
        .order_by("-finished_at")
        .first()
    )
    if task_state is None or task_state.finished_at < timezone.now() - APPROVAL_WINDOW:
        return None, None
    return task_state, workflow_state


def _name(user) -> str:
    if user is None:
        return ""
    return (user.get_full_name() or user.get_username()).strip()


def record(page, kind: str, revision=None, old_parent=None) -> GitChange | None:
    """Note the change now (inside the publish's transaction); commit it once that transaction commits."""
    revision_id = getattr(revision, "pk", None)
    last = GitChange.objects.filter(page=page).order_by("-created_at", "-pk").first()
    if revision_id and last is not None and (last.kind, last.revision_id) == (kind, revision_id):
        return None  # the same revision published twice in a row (a double-submitted form) is one change
    change = GitChange(page=page, title=page.title, kind=kind, revision_id=revision_id)
    if kind == GitChange.PUBLISH:
        task_state, workflow_state = _approval(page)
        change.author = workflow_state.requested_by if workflow_state else getattr(revision, "user", None)
        if task_state is not None:
            change.reviewer = _name(task_state.finished_by)
            change.comment = task_state.comment or ""
    try:
        change.path = rel_for(page)
        if kind == GitChange.MOVE:
            change.old_path = rel_for(page, parent=old_parent)
    except ChangeProblem as exc:
        change.error = str(exc)
    change.save()
    transaction.on_commit(lambda: attempt_safely(change.pk))
    return change


def _made_by_sync(change: GitChange) -> bool:
    """sync_content unpublishes a page whose file is gone and moves one whose file moved: git has those."""
    state = ContentSyncState.objects.filter(page_id=change.page_id).first()
    if state is None or change.kind == GitChange.PUBLISH:
        return False
    if change.kind == GitChange.UNPUBLISH:
        return state.retired
    return state.source_path == change.path


def attempt_safely(pk: int) -> None:
    """Commit one change; never raise (the publish has happened and must stand)."""
    try:
        change = GitChange.objects.get(pk=pk)
        if _made_by_sync(change):
            change.delete()
            return
        attempt(change)
    except Exception as exc:  # noqa: BLE001 - any failure is recorded for the retry, never shown as a 500
        log.exception("could not commit CMS change %s to git", pk)
        GitChange.objects.filter(pk=pk).update(error=f"unexpected error: {exc}")


def _message(change: GitChange, author_name: str) -> str:
    verb = {GitChange.PUBLISH: "Publish", GitChange.UNPUBLISH: "Unpublish", GitChange.MOVE: "Move"}[
        change.kind
    ]
    lines = [f"{verb}: {change.title} ({in_repo(change.path)})", ""]
    if change.kind == GitChange.MOVE:
        lines.append(f"Moved in the CMS from {in_repo(change.old_path)}.")
    if change.reviewer:
        comment = f': "{change.comment.strip()}"' if change.comment.strip() else " (no comment)"
        lines.append(f"Approved by {change.reviewer}{comment}")
    elif change.kind == GitChange.PUBLISH:
        lines.append("Published without a clinical review step.")
    lines.append(f"Edited by {author_name}; committed by the site from the CMS.")
    return "\n".join(lines) + "\n"


def _author(change: GitChange) -> git.Author:
    user = change.author
    if user is None:
        return git.Author("CIDP site", "cms@invalid")
    return git.Author(_name(user), user.email or f"{user.get_username()}@users.invalid")


def _superseded(change: GitChange, page) -> bool:
    """A later change undid this one (published then unpublished, or the reverse)."""
    if change.kind == GitChange.PUBLISH:
        return page is None or not page.live
    if change.kind == GitChange.UNPUBLISH:
        return page is not None and page.live
    return page is None


def _changes(change: GitChange, page, tip: str) -> dict[str, bytes | None]:
    repo = repo_dir()
    state = ContentSyncState.objects.get(page_id=page.pk)
    if change.kind == GitChange.PUBLISH:
        change.path = rel_for(page)
        data = page_text(page, change.path, current_bytes(tip, change.path, state)).encode("utf-8")
        change.file_sha256 = sha256(data)
        return {in_repo(change.path): data}
    if change.kind == GitChange.UNPUBLISH:
        exists = git.read_file(repo, tip, in_repo(change.path)) is not None
        return {in_repo(change.path): None} if exists else {}
    change.path = rel_for(page)
    if change.old_path == change.path:
        return {}
    if change.old_path.endswith("_index.md"):  # a section moves with everything in its folder
        old, new = folder_of(change.old_path), folder_of(change.path)
        moved = {}
        for name in git.list_files(repo, tip, in_repo(old)):
            moved[name] = None
            moved[in_repo(new) + name[len(in_repo(old)) :]] = git.read_file(repo, tip, name)
        return moved
    data = current_bytes(tip, change.old_path, state)
    if data is None:
        raise ChangeProblem(f"the file {in_repo(change.old_path)} is in neither the branch nor content/")
    return {in_repo(change.old_path): None, in_repo(change.path): data}


def attempt(change: GitChange) -> bool:
    """Commit (and push) one recorded change. True once it is on the branch (and pushed, if asked)."""
    if change.status == GitChange.COMMITTED:
        return True
    if not enabled():
        change.error = "CONTENT_GIT_DIR is not set, so nothing is committed"
        change.save(update_fields=["error"])
        return False
    repo = repo_dir()
    change.attempts += 1
    try:
        if not change.commit:  # a commit made before a failed push is not made again
            page = change.page.specific if change.page_id else None
            if _superseded(change, page):
                change.error = "superseded by a later change to the same page"
            else:
                tip = git.branch_tip(repo, branch())
                files = _changes(change, page, tip)
                author = _author(change)
                made = (
                    git.commit_files(repo, branch(), files, author, _message(change, author.name))
                    if files
                    else None
                )
                change.commit = made or tip
                change.error = ""
                if change.kind == GitChange.PUBLISH and change.revision_id:
                    # export_content must not write this revision again: git has it now.
                    ContentSyncState.objects.filter(page_id=page.pk).update(
                        synced_revision_id=page.live_revision_id
                    )
        if remote() and not change.pushed:
            git.push(repo, remote(), branch())
            change.pushed = True
    except (git.GitError, ChangeProblem, ContentSyncState.DoesNotExist) as exc:
        change.error = (
            str(exc) if not change.commit else f"committed as {change.commit[:10]}, not pushed: {exc}"
        )
        change.save()
        return False
    change.status = GitChange.COMMITTED
    change.committed_at = timezone.now()
    change.save()
    return True


def retry_waiting(dry_run: bool = False) -> list[tuple[GitChange, bool]]:
    """Commit every change still waiting, oldest first (so git sees them in the order they happened)."""
    results = []
    for change in GitChange.objects.filter(status=GitChange.WAITING).order_by("created_at", "pk"):
        results.append((change, True if dry_run else attempt(change)))
    return results
